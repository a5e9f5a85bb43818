package tileseed

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/pingyang/parkmap/tiles"
)

// Fetch asks for every tile of o as Seed does and hands each tile with data to keep, gzip-compressed
// as the server sends it (one fetch in turn: keep need not be safe for concurrent use). Unlike
// Seed, the first failure ends it: an archive missing tiles would serve holes as "empty".
// A 204 (no data there) is skipped.
func Fetch(ctx context.Context, client *http.Client, o Options, keep func(c tiles.Coord, gz []byte) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	base := strings.TrimRight(o.Base, "/") + "/tiles/" + url.PathEscape(o.Set) + "/"
	next := make(chan tiles.Coord)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range max(o.Workers, 1) {
		wg.Go(func() {
			for c := range next {
				gz, err := fetchTile(ctx, client, base+c.String()+"."+tiles.Format)
				if err == nil && gz != nil {
					mu.Lock()
					err = keep(c, gz)
					mu.Unlock()
				}
				if err != nil {
					cancel(err)
				}
			}
		})
	}
feed:
	for _, b := range tiles.Cover(o.Bounds, o.MinZoom, o.MaxZoom) {
		for _, c := range b.Coords() {
			select {
			case next <- c:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(next)
	wg.Wait()
	return context.Cause(ctx)
}

// fetchTile is the tile's gzip bytes, nil for 204. Asking for gzip ourselves turns off the
// transport's transparent decompression, so the bytes are those the server's cache holds.
func fetchTile(ctx context.Context, client *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	switch res.StatusCode {
	case http.StatusNoContent:
		return nil, nil
	case http.StatusOK:
	default:
		return nil, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	if len(body) == 0 {
		return nil, nil
	}
	if res.Header.Get("Content-Encoding") == "gzip" {
		return body, nil
	}
	// A server (or proxy) that sent it plain: compress it, as the archive says all its tiles are.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(body)
	zw.Close()
	return buf.Bytes(), nil
}
