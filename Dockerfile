# parkmap server image. Build: docker build -t parkmap .
# The binary is static (CGO_ENABLED=0); schema, seed data and the web map are embedded in it.

# The web map's assets (web/static/dist/), which the binary embeds: MapLibre and the page, bundled by
# esbuild from the versions pinned in package-lock.json.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ui web/ui
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/static/dist web/static/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/parkmap ./cmd/parkmap

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin parkmap
COPY --from=build /out/parkmap /usr/local/bin/parkmap
USER parkmap
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/parkmap"]
CMD ["serve", "-addr", ":8080"]
