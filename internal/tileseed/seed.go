// Package tileseed warms a running parkmap's tile cache: it asks the server for every tile of the
// county's extent over a range of zooms, as a map would, so that the first people to open the map get
// tiles from memory. It is an HTTP client only: the extent comes from the server's own TileJSON.
package tileseed

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pingyang/parkmap/tiles"
)

// TileJSON reads the server's description of tileset set at base (http://host:port): its bounds and
// zooms are what Seed covers.
func TileJSON(ctx context.Context, client *http.Client, base, set string) (tiles.TileJSON, error) {
	var doc tiles.TileJSON
	u := strings.TrimRight(base, "/") + "/tiles/" + url.PathEscape(set) + ".json"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return doc, fmt.Errorf("seed: %w", err)
	}
	res, err := client.Do(req)
	if err != nil {
		return doc, fmt.Errorf("seed: %w", err)
	}
	defer res.Body.Close()
	switch {
	case res.StatusCode == http.StatusNotFound:
		return doc, fmt.Errorf("seed: the server at %s has no tileset %q (GET %s: 404)", base, set, u)
	case res.StatusCode != http.StatusOK:
		return doc, fmt.Errorf("seed: GET %s: %s", u, res.Status)
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&doc); err != nil {
		return doc, fmt.Errorf("seed: GET %s: not a TileJSON document: %w", u, err)
	}
	return doc, nil
}

// Options says what to ask for.
type Options struct {
	Base             string // the server: http://host:port
	Set              string // the tileset
	Bounds           [4]float64
	MinZoom, MaxZoom int
	Workers          int // requests at once (at least 1)
}

// Result counts what the server answered.
type Result struct {
	Requested int
	Tiles     int   // 200: a tile with data
	Empty     int   // 204: no data there
	Failed    int   // anything else, or no answer
	Bytes     int64 // body bytes received (as sent: compressed if the server compresses)
	Elapsed   time.Duration
	// FirstError describes the first failure, for the report.
	FirstError string
}

// Seed asks the server for every tile of the bounds from MinZoom to MaxZoom, Workers at a time. A
// tile that fails is counted, not fatal: the rest of the cache is still worth warming.
func Seed(ctx context.Context, client *http.Client, o Options) Result {
	var coords []tiles.Coord
	for _, b := range tiles.Cover(o.Bounds, o.MinZoom, o.MaxZoom) {
		coords = append(coords, b.Coords()...)
	}
	base := strings.TrimRight(o.Base, "/") + "/tiles/" + url.PathEscape(o.Set) + "/"
	var tilesOK, empty, failed atomic.Int64
	var bytes atomic.Int64
	var firstErr sync.Once
	var first string
	fail := func(msg string) {
		failed.Add(1)
		firstErr.Do(func() { first = msg })
	}
	start := time.Now()
	next := make(chan tiles.Coord)
	var wg sync.WaitGroup
	for range max(o.Workers, 1) {
		wg.Go(func() {
			for c := range next {
				u := base + c.String() + "." + tiles.Format
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				if err != nil {
					fail(err.Error())
					continue
				}
				// As a browser asks: the cache is keyed the same whatever the encoding, and the bytes
				// counted are those a client would receive.
				req.Header.Set("Accept-Encoding", "gzip")
				res, err := client.Do(req)
				if err != nil {
					fail(err.Error())
					continue
				}
				n, err := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				bytes.Add(n)
				switch {
				case err != nil:
					fail(fmt.Sprintf("GET %s: %v", u, err))
				case res.StatusCode == http.StatusOK:
					tilesOK.Add(1)
				case res.StatusCode == http.StatusNoContent:
					empty.Add(1)
				default:
					fail(fmt.Sprintf("GET %s: %s", u, res.Status))
				}
			}
		})
	}
	for _, c := range coords {
		if ctx.Err() != nil {
			break
		}
		next <- c
	}
	close(next)
	wg.Wait()
	r := Result{Requested: len(coords), Tiles: int(tilesOK.Load()), Empty: int(empty.Load()),
		Failed: int(failed.Load()), Bytes: bytes.Load(), Elapsed: time.Since(start), FirstError: first}
	if ctx.Err() != nil {
		r.Failed += r.Requested - r.Tiles - r.Empty - r.Failed
		if r.FirstError == "" {
			r.FirstError = ctx.Err().Error()
		}
	}
	return r
}
