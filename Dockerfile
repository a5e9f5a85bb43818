# parkmap server image. Build: docker build -t parkmap .
# The binary is static (CGO_ENABLED=0); schema and seed data are embedded in it.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
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
