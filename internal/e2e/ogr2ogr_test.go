package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

// ogr2ogr copies the parks from the OGC API into a GeoPackage and a Shapefile, the files a county
// GIS desk makes (issue 13): the GeoPackage holds every scalar attribute of every park as the API
// has it, flat yearly plan and phases included; the Shapefile keeps the Chinese texts whole (under
// 254 bytes) and the yearly figures.
func TestOgr2ogrCopiesEveryFigure(t *testing.T) {
	base := testenv.Server(t)
	dir := t.TempDir()
	gpkg := filepath.Join(dir, "parks.gpkg")
	ogr2ogr(t, "-f", "GPKG", gpkg, "OAPIF:"+base+"/", "parks")
	api := apiFeatures(t, base, "parks")
	var out struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	b := ogr2ogr(t, "-f", "GeoJSON", "/vsistdout/", gpkg, "parks")
	if err := json.Unmarshal([]byte(b), &out); err != nil {
		t.Fatalf("the GeoPackage as GeoJSON: %v", err)
	}
	if len(out.Features) != len(api) {
		t.Fatalf("the GeoPackage has %d parks, the API %d", len(out.Features), len(api))
	}
	for _, f := range out.Features {
		id, _ := f.Properties["id"].(string)
		want := api[id]
		for name, v := range want {
			switch v.(type) {
			case nil, []any, map[string]any:
				continue // lists and objects travel as their flat siblings
			}
			got := f.Properties[name]
			if s, ok := got.(string); ok {
				if _, isNumber := v.(float64); isNumber {
					// GDAL 3.6's OAPIF driver types a field from the first ten features; a number that
					// is null in all ten becomes text, its value kept: "8.6".
					got, _ = strconv.ParseFloat(s, 64)
				}
			}
			if got != v {
				t.Errorf("GeoPackage park %s: %s = %v, the API has %v", id, name, got, v)
			}
		}
	}

	shp := filepath.Join(dir, "parks.shp")
	ogr2ogr(t, "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", shp, "OAPIF:"+base+"/", "parks")
	info := ogrinfo(t, "-ro", "-al", "-q", "-where", "id = 'wanyang'", shp)
	for _, want := range []string{api["wanyang"]["phases_text"].(string), api["wanyang"]["aliases_text"].(string), "66.9"} {
		if !strings.Contains(info, want) {
			t.Errorf("the Shapefile's wanyang lacks %q:\n%s", want, info)
		}
	}
}

// ogr2ogr runs GDAL's ogr2ogr and returns its standard output; its warnings (a Shapefile's field
// names cut to 10 bytes) are allowed.
func ogr2ogr(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Fatal("ogr2ogr not found: install gdal-bin (make test does)")
	}
	cmd := exec.CommandContext(t.Context(), path, args...)
	cmd.Env = append(os.Environ(), "CPL_VSIL_CURL_ALLOWED_EXTENSIONS=", "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ogr2ogr %v: %v\n%s", args, err, stderr.String())
	}
	return string(out)
}
