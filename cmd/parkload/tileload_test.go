package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
)

// TestMain lets the test binary be the reference servers' child process too, as parkload itself is
// (startChild runs os.Executable).
func TestMain(m *testing.M) {
	if child := childProcess(); child != nil {
		if err := child(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A gzip answer is counted on the wire compressed and decoded by parkload itself, and the static
// server repeats it byte for byte with its headers.
func TestGetTileCountsWireAndDecodedBytes(t *testing.T) {
	mvt := bytes.Repeat([]byte("parcels "), 4000)
	gz := gzipped(t, mvt)
	var asked string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "application/vnd.mapbox-vector-tile")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Add("Vary", "Host")
		w.Header().Add("Vary", "Accept-Encoding")
		switch r.URL.Path {
		case "/gz.mvt":
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz)
		case "/plain.mvt":
			_, _ = w.Write(mvt)
		case "/empty.mvt":
			w.WriteHeader(http.StatusNoContent)
		case "/br.mvt":
			w.Header().Set("Content-Encoding", "br")
			_, _ = w.Write(mvt)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	ctx := context.Background()

	s, resp := getTile(ctx, client, srv.URL+"/gz.mvt", true, true)
	if asked != "gzip" {
		t.Errorf("Accept-Encoding = %q, want gzip as a browser asks", asked)
	}
	if s.failed || s.wire != int64(len(gz)) || s.decoded != int64(len(mvt)) {
		t.Fatalf("gzip tile: failed %v, wire %d (want %d), decoded %d (want %d)", s.failed, s.wire, len(gz), s.decoded, len(mvt))
	}
	if s, _ := getTile(ctx, client, srv.URL+"/plain.mvt", true, false); s.failed || s.wire != s.decoded || s.decoded != int64(len(mvt)) {
		t.Errorf("plain tile: %+v", s)
	}
	if s, _ := getTile(ctx, client, srv.URL+"/empty.mvt", true, false); s.failed || s.status != http.StatusNoContent {
		t.Errorf("empty tile: %+v", s)
	}
	for _, p := range []string{"/br.mvt", "/missing.mvt"} {
		if s, r := getTile(ctx, client, srv.URL+p, true, true); !s.failed || r != nil {
			t.Errorf("%s: failed %v, kept %v; want a failure, nothing kept", p, s.failed, r != nil)
		}
	}

	base, stop, err := startCeiling(map[string]*response{"/tiles/parcels/14/1/2.mvt": resp})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	req, _ := http.NewRequest(http.MethodGet, base+"/tiles/parcels/14/1/2.mvt", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	got, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Body.Close()
	var body bytes.Buffer
	_, _ = body.ReadFrom(got.Body)
	if !bytes.Equal(body.Bytes(), gz) {
		t.Errorf("the static server sent %d bytes, not parkmap's %d", body.Len(), len(gz))
	}
	// Every header parkmap sent is repeated, in the child process, as parkmap sent it.
	for h, want := range resp.header {
		if h == "Date" {
			continue
		}
		if got := got.Header.Values(h); !slices.Equal(got, want) {
			t.Errorf("static %s = %q, parkmap's %q", h, got, want)
		}
	}
	if s, _ := getTile(ctx, client, base+"/tiles/parcels/14/9/9.mvt", false, false); s.status != http.StatusNotFound {
		t.Errorf("a path parkmap did not answer: %d, want 404", s.status)
	}
}

// The HTTP floor answers only tile paths; anything else is a 404, not a query.
func TestParseFloorPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/16/54650/27530.mvt": true, "/0/0/0.mvt": true,
		"/16/54650/27530": false, "/16/54650.mvt": false, "/16/-1/2.mvt": false, "/1/2/0.mvt": false,
		"/31/0/0.mvt": false, "/a/0/0.mvt": false, "/16/54650/27530.mvt/x": false, "/": false,
	} {
		c, ok := parseFloorPath(p)
		if ok != want {
			t.Errorf("parseFloorPath(%q) = %v, %v; want ok %v", p, c, ok, want)
		}
	}
}
