# parkmap developer entry points. The scripts do the work; see scripts/*.sh.
.PHONY: all build run test bench clean db-start db-stop db-reset deps

all: build

deps:
	scripts/install-deps.sh

# build: the web map's assets (npm ci when needed, esbuild) into web/static/dist/, then the binary
# that embeds them.
build:
	scripts/build-web.sh
	go build -o bin/parkmap ./cmd/parkmap

run:
	scripts/run.sh

test:
	scripts/test.sh

clean:
	rm -rf bin web/static/dist

db-start:
	scripts/pgcluster.sh start

db-stop:
	scripts/pgcluster.sh stop

db-reset: db-stop
	rm -rf .pgdata

# bench: Go benchmarks, then parkload against a server on a spare loopback port (see scripts/bench.sh).
bench:
	scripts/bench.sh
