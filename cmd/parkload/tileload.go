package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// runJobs runs job(0..n-1) on conc workers until all are done or ctx ends, and returns the samples
// of the jobs that finished (one cut off by ctx is dropped) and the run's wall time.
func runJobs(ctx context.Context, conc, n int, job func(ctx context.Context, i int) tileSample) ([]tileSample, time.Duration) {
	jobs := make(chan int)
	results := make(chan tileSample, conc)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := job(ctx, i)
				if ctx.Err() != nil {
					return
				}
				results <- s
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	start := time.Now()
	var ss []tileSample
	for s := range results {
		ss = append(ss, s)
	}
	return ss, time.Since(start)
}

// response is what a tile request brought back: kept from the cold run for the static server.
type response struct {
	status int
	header http.Header
	body   []byte // as on the wire (gzip when the server sent it so)
}

// getTile asks for a tile as a browser does, with Accept-Encoding: gzip set here, so that Go's
// transport leaves the body compressed; it counts the wire bytes and, with decode, the MVT bytes
// (gunzipped here when the server sent gzip). keep returns the response for the static server.
func getTile(ctx context.Context, c *http.Client, url string, decode, keep bool) (tileSample, *response) {
	s := tileSample{path: url, failed: true}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return s, nil
	}
	req.Header.Set("Accept-Encoding", "gzip")
	t0 := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		s.d = time.Since(t0)
		return s, nil
	}
	defer resp.Body.Close()
	var body []byte
	if decode || keep {
		body, err = io.ReadAll(resp.Body)
		s.wire = int64(len(body))
	} else {
		s.wire, err = io.Copy(io.Discard, resp.Body)
	}
	s.d = time.Since(t0)
	s.status = resp.StatusCode
	s.failed = err != nil || (resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNoContent)
	if decode && !s.failed {
		n, derr := decodedSize(resp.Header.Get("Content-Encoding"), body)
		s.decoded, s.failed = n, derr != nil
	}
	if !keep || s.failed {
		return s, nil
	}
	return s, &response{status: resp.StatusCode, header: resp.Header.Clone(), body: body}
}

// decodedSize is the size of the MVT in a body sent with the given Content-Encoding.
func decodedSize(encoding string, body []byte) (int64, error) {
	switch encoding {
	case "", "identity":
		return int64(len(body)), nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return 0, fmt.Errorf("gzip: %w", err)
		}
		n, err := io.Copy(io.Discard, zr)
		if err != nil {
			return 0, fmt.Errorf("gzip: %w", err)
		}
		return n, nil
	default:
		return 0, fmt.Errorf("content encoding %q: parkload asked for gzip only", encoding)
	}
}
