package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/protomaps/go-pmtiles/pmtiles"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/tiles"
)

// export writes every tile with data the server publishes, byte for byte as it sends them gzip, and
// nothing else: read back with the reference reader, each tile of the extent is in the archive
// exactly when the server answers 200, and the metadata carries the layers and attribution.
func TestTilesExportReadsBack(t *testing.T) {
	base, _, _ := testenv.CutServer(t, app.Config{})
	out := filepath.Join(t.TempDir(), "county.pmtiles")
	var stdout, stderr bytes.Buffer
	args := []string{"tiles", "export", "-format", "pmtiles", "-url", base, "-o", out, "-zoom", "8-11", "-c", "3"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "exported ") {
		t.Errorf("summary: %q", stdout.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	h, err := pmtiles.DeserializeHeader(b[:127])
	if err != nil {
		t.Fatal(err)
	}
	if h.TileType != pmtiles.Mvt || h.TileCompression != pmtiles.Gzip || h.MinZoom != 8 || h.MaxZoom != 11 || !h.Clustered {
		t.Errorf("header %+v", h)
	}
	var doc tiles.TileJSON
	getJSON(t, base+"/tiles/all.json", &doc)
	root := pmtiles.DeserializeEntries(bytes.NewBuffer(b[h.RootOffset:h.RootOffset+h.RootLength]), h.InternalCompression)
	found := 0
	for _, blk := range tiles.Cover(doc.Bounds, 8, 11) {
		for _, c := range blk.Coords() {
			req, _ := http.NewRequest(http.MethodGet, base+"/tiles/all/"+c.String()+".mvt", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := io.ReadAll(res.Body)
			res.Body.Close()
			e, ok := pmtiles.FindTile(root, pmtiles.ZxyToID(uint8(c.Z), uint32(c.X), uint32(c.Y)))
			if ok && e.RunLength == 0 {
				t.Fatalf("%s: a leaf directory in a county-sized archive", c)
			}
			switch {
			case res.StatusCode == http.StatusNoContent && ok:
				t.Errorf("%s: empty on the server, in the archive", c)
			case res.StatusCode == http.StatusOK && !ok:
				t.Errorf("%s: served, not in the archive", c)
			case res.StatusCode == http.StatusOK:
				found++
				got := b[h.TileDataOffset+e.Offset : h.TileDataOffset+e.Offset+uint64(e.Length)]
				if !bytes.Equal(got, want) {
					t.Errorf("%s: archive bytes differ from the server's", c)
				}
				if _, err := gzip.NewReader(bytes.NewReader(got)); err != nil {
					t.Errorf("%s: not gzip: %v", c, err)
				}
			}
		}
	}
	if found == 0 || uint64(found) != h.AddressedTilesCount {
		t.Errorf("%d tiles served with data, the archive addresses %d", found, h.AddressedTilesCount)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b[h.MetadataOffset : h.MetadataOffset+h.MetadataLength]))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Attribution    string              `json:"attribution"`
		Provenance     string              `json:"provenance"`
		VectorLayers   []tiles.VectorLayer `json:"vector_layers"`
		ExportedAt     string              `json:"exported_at"`
		DatasetVersion string              `json:"dataset_version"`
	}
	if err := json.NewDecoder(zr).Decode(&meta); err != nil {
		t.Fatal(err)
	}
	if meta.Attribution != doc.Attribution || len(meta.VectorLayers) != len(doc.VectorLayers) || !strings.Contains(meta.Provenance, base) {
		t.Errorf("metadata %+v", meta)
	}
	// When and of which data: the page says so beside the map drawn from the archive.
	var ready struct {
		Version string `json:"dataset_version"`
	}
	getJSON(t, base+"/readyz", &ready)
	if at, err := time.Parse(time.RFC3339, meta.ExportedAt); err != nil || at.Location() != time.UTC || time.Since(at) < 0 ||
		!strings.Contains(meta.Provenance, meta.ExportedAt) {
		t.Errorf("exported_at %q: %v", meta.ExportedAt, err)
	}
	if ready.Version == "" || meta.DatasetVersion != ready.Version {
		t.Errorf("dataset_version %q, the server's is %q", meta.DatasetVersion, ready.Version)
	}

	// The data changes while the tiles are fetched (here: /readyz tells another version the second
	// time): the archive would mix two versions under one name, so none is written.
	var readyz atomic.Int32
	changing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/readyz" && readyz.Add(1) > 1 {
			_, _ = w.Write([]byte(`{"status":"ok","dataset_version":"reloaded"}`))
			return
		}
		httputil.NewSingleHostReverseProxy(mustParse(t, base)).ServeHTTP(w, r)
	}))
	defer changing.Close()
	mid := filepath.Join(t.TempDir(), "mid.pmtiles")
	err = run(context.Background(), []string{"tiles", "export", "-url", changing.URL, "-o", mid, "-zoom", "8-9"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), ready.Version) || !strings.Contains(err.Error(), `"reloaded"`) ||
		!strings.Contains(err.Error(), "no archive written") {
		t.Errorf("export across a reload: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(mid)); len(ents) != 0 {
		t.Errorf("an export across a reload left files: %v", ents)
	}

	// A tile that fails (here every tile, behind a proxy that passes only the TileJSON): export
	// refuses and writes no archive, not one with holes.
	target, _ := url.Parse(base)
	rp := httputil.NewSingleHostReverseProxy(target)
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".json") {
			rp.ServeHTTP(w, r)
			return
		}
		http.Error(w, "upstream gone", http.StatusBadGateway)
	}))
	defer failing.Close()
	out2 := filepath.Join(t.TempDir(), "cut.pmtiles")
	err = run(context.Background(), []string{"tiles", "export", "-url", failing.URL, "-o", out2, "-zoom", "8-9"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "502") || !strings.Contains(err.Error(), "no archive written") {
		t.Errorf("export with failing tiles: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(out2)); len(ents) != 0 {
		t.Errorf("a failed export left files: %v", ents)
	}

	// Zooms where the server has no tile with data (all 204 at z0 would be outside the tileset's
	// zooms, so an empty set is made by a server answering 204 for every tile): refused, no file.
	empty := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".json") {
			rp.ServeHTTP(w, r)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer empty.Close()
	err = run(context.Background(), []string{"tiles", "export", "-url", empty.URL, "-o", out2, "-zoom", "8-9"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "no tiles with data") {
		t.Errorf("export with only empty tiles: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Dir(out2)); len(ents) != 0 {
		t.Errorf("an empty export left files: %v", ents)
	}
}

func mustParse(t *testing.T, u string) *url.URL {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
