package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

type publishedStyle struct {
	Version int `json:"version"`
	Sources map[string]struct {
		Type    string     `json:"type"`
		Tiles   []string   `json:"tiles"`
		MinZoom int        `json:"minzoom"`
		MaxZoom int        `json:"maxzoom"`
		Bounds  [4]float64 `json:"bounds"`
		Attrib  string     `json:"attribution"`
	} `json:"sources"`
	Layers []struct {
		ID          string         `json:"id"`
		Source      string         `json:"source"`
		SourceLayer string         `json:"source-layer"`
		Layout      map[string]any `json:"layout"`
	} `json:"layers"`
	Center []float64 `json:"center"`
}

// The published style is found from the landing page, is a valid MapLibre style by the style spec's
// own validator, points at tiles by absolute URLs that answer, and draws only layers the tiles have
// (issue 13: "a style a client can load").
func TestPublishedStyle(t *testing.T) {
	base := testenv.Server(t)
	var landing struct {
		Links []struct{ Rel, Href string }
	}
	if status := getJSON(t, base+"/", &landing); status != http.StatusOK {
		t.Fatalf("landing page: %d", status)
	}
	stylesURL := ""
	for _, l := range landing.Links {
		if l.Rel == "http://www.opengis.net/def/rel/ogc/1.0/styles" {
			stylesURL = l.Href
		}
	}
	if stylesURL != base+"/styles" {
		t.Fatalf("the landing page links the styles at %q, want %s/styles", stylesURL, base)
	}
	var styles struct {
		Styles []struct {
			ID    string
			Links []struct{ Rel, Type, Href, Hreflang string }
		}
	}
	if status := getJSON(t, stylesURL, &styles); status != http.StatusOK || len(styles.Styles) != 1 {
		t.Fatalf("/styles: %d, %+v", status, styles)
	}
	tj := getTileJSON(t, base+"/tiles/all.json")
	layersInTiles := map[string]bool{}
	for _, l := range tj.VectorLayers {
		layersInTiles[l.ID] = true
	}
	langs := map[string]bool{}
	for _, l := range styles.Styles[0].Links {
		if l.Rel != "stylesheet" {
			continue
		}
		langs[l.Hreflang] = true
		res := fetch(t, http.MethodGet, l.Href)
		if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/vnd.mapbox.style+json" {
			t.Fatalf("%s: %d %s\n%s", l.Href, res.status, res.header.Get("Content-Type"), res.body)
		}
		validateStyle(t, res.body)
		var st publishedStyle
		if err := json.Unmarshal(res.body, &st); err != nil {
			t.Fatal(err)
		}
		src, ok := st.Sources["parkmap"]
		if !ok || src.Type != "vector" || len(src.Tiles) != 1 || src.Bounds[0] >= src.Bounds[2] || !strings.Contains(src.Attrib, "示意") {
			t.Fatalf("%s: source %+v", l.Href, src)
		}
		// Absolute, on this server, and a tile of the county's core holds features.
		if want := base + "/tiles/all/{z}/{x}/{y}.mvt"; src.Tiles[0] != want {
			t.Errorf("%s: tiles %q, want %q", l.Href, src.Tiles[0], want)
		}
		tile := strings.NewReplacer("{z}", "10", "{x}", "854", "{y}", "430").Replace(src.Tiles[0])
		if r := fetch(t, http.MethodGet, tile); r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
			t.Errorf("%s: %d %s", tile, r.status, r.header.Get("Content-Type"))
		}
		if len(st.Center) != 2 || st.Center[0] < src.Bounds[0] || st.Center[0] > src.Bounds[2] {
			t.Errorf("%s: center %v outside the bounds %v", l.Href, st.Center, src.Bounds)
		}
		for _, layer := range st.Layers {
			if layer.Source != "" && !layersInTiles[layer.SourceLayer] {
				t.Errorf("%s: layer %s draws source-layer %q, which the tiles do not have", l.Href, layer.ID, layer.SourceLayer)
			}
			if layer.ID == "zones-label" {
				field, _ := json.Marshal(layer.Layout["text-field"])
				want := `["get","name"]`
				if l.Hreflang == "en" {
					want = `["get","name_en"]`
				}
				if string(field) != want {
					t.Errorf("%s: zone labels %s, want %s", l.Href, field, want)
				}
			}
		}
	}
	if !langs["zh"] || !langs["en"] {
		t.Errorf("the styles link languages %v, want zh and en", langs)
	}

	for _, c := range []struct {
		path   string
		status int
		field  string
	}{
		{"/styles/parkmap.json?lang=fr", http.StatusBadRequest, "lang"},
		{"/styles/parkmap.json?colour=red", http.StatusBadRequest, "colour"},
		{"/styles/parkmap.json?f=sld", http.StatusBadRequest, "f"},
		{"/styles/other.json", http.StatusNotFound, ""},
	} {
		res := fetch(t, http.MethodGet, base+c.path)
		var e struct{ Code, Description, Field string }
		_ = json.Unmarshal(res.body, &e)
		if res.status != c.status || e.Field != c.field || e.Description == "" {
			t.Errorf("%s: %d %s, want %d naming %q", c.path, res.status, res.body, c.status, c.field)
		}
	}
}

// validateStyle runs the style spec's own validator (npm @maplibre/maplibre-gl-style-spec, installed
// by npm ci) on a style.
func validateStyle(t *testing.T, style []byte) {
	t.Helper()
	validator := filepath.Join("..", "node_modules", "@maplibre", "maplibre-gl-style-spec", "dist", "gl-style-validate.mjs")
	if _, err := os.Stat(validator); err != nil {
		t.Fatalf("gl-style-validate is not installed (npm ci installs it): %v", err)
	}
	file := filepath.Join(t.TempDir(), "style.json")
	if err := os.WriteFile(file, style, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(t.Context(), "node", validator, file).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("gl-style-validate: %v\n%s", err, out)
	}
}
