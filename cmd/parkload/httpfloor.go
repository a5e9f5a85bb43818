package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/tiles"
)

// The HTTP floor is the floor's own statement (postgis.Store.BenchFloorTile) served over HTTP by the
// least a Go tile server can be: net/http, a pgx pool, the tile gzipped as parkmap gzips it
// (tiles.Compress), three headers. It answers a question the two references of issue 11 cannot: how
// much of an uncached tile's time over the floor is any HTTP server's on this machine (the request
// and response syscalls, the client's side, the compressor, sharing two cores with PostgreSQL and
// the load client), and how much is parkmap's own (its attributes, labels, ids, version and stack).
// It runs in a process of its own for the same reason the ceiling does.

// httpFloorChildEnv, when set, makes parkload the HTTP floor's child process (serveHTTPFloorChild).
const httpFloorChildEnv = "PARKLOAD_HTTP_FLOOR_CHILD"

// startHTTPFloor starts the HTTP floor as a child process reading dbURL with conc sessions. Its tile
// paths are /{z}/{x}/{y}.mvt.
func startHTTPFloor(dbURL string, conc int) (string, func(), error) {
	return startChild("HTTP floor", httpFloorChildEnv, func(w io.Writer) error {
		_, err := fmt.Fprintf(w, "%d %s\n", conc, dbURL)
		return err
	})
}

// serveHTTPFloorChild is the child's side of startHTTPFloor: it reads "conc dbURL" from stdin, serves
// the floor's tiles, prints its base URL, and exits when stdin closes.
func serveHTTPFloorChild(stdin io.Reader, stdout io.Writer) error {
	in := bufio.NewReader(stdin)
	line, err := in.ReadString('\n')
	if err != nil {
		return fmt.Errorf("HTTP floor process: reading its input: %w", err)
	}
	concText, dbURL, _ := strings.Cut(strings.TrimSpace(line), " ")
	conc, err := strconv.Atoi(concText)
	if err != nil || conc < 1 || dbURL == "" {
		return fmt.Errorf("HTTP floor process: input %q is not \"sessions database-url\"", line)
	}
	ctx := context.Background()
	// The same application name as parkload's own sessions, so that BenchWaitIdle waits for this
	// process's statements too (a tile cut off by a run's time limit goes on being rendered).
	store, err := postgis.Open(ctx, dbURL, postgis.Options{AppName: "parkload", ReadOnly: true, MaxConns: int32(conc)})
	if err != nil {
		return fmt.Errorf("HTTP floor process: %w", err)
	}
	defer store.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: httpFloorHandler(store), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	if _, err := fmt.Fprintln(stdout, "http://"+ln.Addr().String()); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, in)
	return nil
}

// httpFloorHandler serves /{z}/{x}/{y}.mvt: the floor tile, gzipped, or 204 when it is empty.
func httpFloorHandler(store *postgis.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, ok := parseFloorPath(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		mvt, err := store.BenchFloorTile(r.Context(), c)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		gz, err := tiles.Compress(mvt)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if len(gz) == 0 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h := w.Header()
		h.Set("Content-Type", tileContentType)
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(gz)))
		_, _ = w.Write(gz)
	})
}

// tileContentType is what parkmap sends with a tile; the HTTP floor sends it too.
const tileContentType = "application/vnd.mapbox-vector-tile"

// parseFloorPath reads /{z}/{x}/{y}.mvt.
func parseFloorPath(p string) (tiles.Coord, bool) {
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if len(parts) != 3 {
		return tiles.Coord{}, false
	}
	y, ok := strings.CutSuffix(parts[2], ".mvt")
	if !ok {
		return tiles.Coord{}, false
	}
	var n [3]int
	for i, s := range []string{parts[0], parts[1], y} {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 {
			return tiles.Coord{}, false
		}
		n[i] = v
	}
	if n[0] > 30 || n[1] >= 1<<n[0] || n[2] >= 1<<n[0] {
		return tiles.Coord{}, false
	}
	return tiles.Coord{Z: n[0], X: n[1], Y: n[2]}, true
}
