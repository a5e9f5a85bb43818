package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// qgisReport is what testdata/qgis_load.py writes: what headless QGIS saw of the server.
type qgisReport struct {
	QGIS        string `json:"qgis"`
	Collections map[string]struct {
		Valid    bool                          `json:"valid"`
		Fields   []string                      `json:"fields"`
		Features map[string]map[string]*string `json:"features"`
	} `json:"collections"`
	Tiles struct {
		Valid          bool   `json:"valid"`
		URI            string `json:"uri"`
		StyleLoaded    bool   `json:"style_loaded"`
		StyleMessage   string `json:"style_message"`
		RendererStyles int    `json:"renderer_styles"`
		PixelsSampled  int    `json:"pixels_sampled"`
		PixelsDrawn    int    `json:"pixels_drawn"`
	} `json:"tiles"`
	Messages []struct {
		Tag   string `json:"tag"`
		Level int    `json:"level"`
		Text  string `json:"text"`
	} `json:"messages"`
}

// runQGIS loads base's collections and tiles in headless QGIS (Debian's python3-qgis, which make test
// installs) and returns its report.
func runQGIS(t *testing.T, base string) qgisReport {
	t.Helper()
	if _, err := os.Stat("/usr/lib/python3/dist-packages/qgis"); err != nil {
		t.Fatal("QGIS's Python bindings are not installed: scripts/install-deps.sh (make test) installs python3-qgis")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	// Debian's own python3, whatever python3 is first on PATH: the bindings are built for it.
	cmd := exec.CommandContext(t.Context(), "/usr/bin/python3", filepath.Join("testdata", "qgis_load.py"), base, out)
	runtime := filepath.Join(dir, "runtime")
	if err := os.Mkdir(runtime, 0o700); err != nil { // Qt wants its runtime directory private
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen", "XDG_RUNTIME_DIR="+runtime, "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("qgis_load.py: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r qgisReport
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("qgis report: %v\n%s", err, b)
	}
	return r
}

// QGIS, a client nobody here wrote, loads every collection through its OAPIF provider with every
// feature and every scalar attribute as the API has it (the lists and objects through their flat
// siblings), loads the tiles by their XYZ URL with the published style and draws them, and logs no
// warning or error (issue 13).
func TestQGISLoadsCollectionsAndTiles(t *testing.T) {
	base := testenv.Server(t)
	r := runQGIS(t, base)
	t.Logf("QGIS %s", r.QGIS)
	for id, c := range r.Collections {
		if !c.Valid {
			t.Errorf("QGIS cannot load collection %s through OAPIF", id)
			continue
		}
		col, _ := catalog.Default().Collection(id)
		api := apiFeatures(t, base, id)
		if len(c.Features) != len(api) {
			t.Errorf("%s: QGIS has %d features, the API %d", id, len(c.Features), len(api))
		}
		for fid, props := range api {
			got, ok := c.Features[fid]
			if !ok {
				t.Errorf("%s: QGIS lacks feature %s", id, fid)
				continue
			}
			for name, v := range props {
				q, ok := got[name]
				switch v := v.(type) {
				case nil:
					continue
				case []any, map[string]any:
					// Lists and objects: QGIS 3.22's OAPIF provider reads a JSON-typed field as NULL, so
					// each has flat siblings (catalog.Property.Flat), which the scalar checks here cover.
					if p, _ := col.Published(name); len(p.Flat) == 0 {
						t.Errorf("%s/%s: %s is a list or object without flat siblings", id, fid, name)
					}
					continue
				case float64:
					if n, err := strconv.ParseFloat(deref(q), 64); err != nil || n != v {
						t.Errorf("%s/%s: QGIS reads %s as %s, the API has %v", id, fid, name, show(q), v)
					}
				case string:
					if deref(q) != v {
						t.Errorf("%s/%s: QGIS reads %s as %s, the API has %q", id, fid, name, show(q), v)
					}
				default:
					if !ok || q == nil {
						t.Errorf("%s/%s: QGIS reads %s as NULL (the API: %v)", id, fid, name, v)
					}
				}
			}
		}
	}
	if len(r.Collections) < 6 {
		t.Errorf("QGIS saw %d collections", len(r.Collections))
	}
	tl := r.Tiles
	if !tl.Valid || !tl.StyleLoaded || tl.RendererStyles == 0 {
		t.Errorf("QGIS's vector tile layer (%s): valid %v, style loaded %v (%q), %d styles", tl.URI, tl.Valid, tl.StyleLoaded, tl.StyleMessage, tl.RendererStyles)
	}
	if tl.PixelsDrawn < tl.PixelsSampled/10 {
		t.Errorf("QGIS drew %d of %d sampled pixels of the county's core", tl.PixelsDrawn, tl.PixelsSampled)
	}
	for _, m := range r.Messages {
		// Qgis.MessageLevel: 0 Info, 1 Warning, 2 Critical, 3 Success.
		if m.Level == 1 || m.Level == 2 {
			t.Errorf("QGIS logged [%s] %s", m.Tag, strings.TrimSpace(m.Text))
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func show(s *string) string {
	if s == nil {
		return "NULL"
	}
	return strconv.Quote(*s)
}

// apiFeatures reads every feature of a collection from the API: id → properties.
func apiFeatures(t *testing.T, base, id string) map[string]map[string]any {
	t.Helper()
	var fc struct {
		Features []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	getJSON(t, base+"/collections/"+id+"/items?limit=10000", &fc)
	out := map[string]map[string]any{}
	for _, f := range fc.Features {
		out[f.ID] = f.Properties
	}
	return out
}
