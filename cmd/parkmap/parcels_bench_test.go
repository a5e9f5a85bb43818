package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerimport"
)

// parcelGrid is the benchmark's county-scale cadastre: n×n parcels of eight vertices (a square with
// its edge midpoints, about 20 m across), inside the county's largest inscribed circle (centre
// 120.2793, 27.6349, radius 0.0896°), so none is outside.
func parcelGrid(b *testing.B, path string, n int) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	const x0, y0, span = 120.2793 - 0.06, 27.6349 - 0.06, 0.12
	step := span / float64(n)
	side := step * 0.8
	fmt.Fprint(w, `{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i+j > 0 {
				w.WriteByte(',')
			}
			x, y, h := x0+float64(i)*step, y0+float64(j)*step, side/2
			// The ledger's area in 公顷, as a bureau keeps it (the import tells the unit from the drawn areas).
			ha := side * 111320 * math.Cos((y+h)*math.Pi/180) * side * 110574 / 10000
			fmt.Fprintf(w, `{"type":"Feature","properties":{"DKBH":"330326%06d","GDNF":"%d","YDMJ":"%.4f","TDYT":"工业用地","QLR":"平阳县某某有限公司"},`+
				`"geometry":{"type":"Polygon","coordinates":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}}`,
				i*n+j, 2018+(i+j)%8, ha, x, y, x+h, y, x+side, y, x+side, y+h, x+side, y+side, x+h, y+side, x, y+side, x, y+h, x, y)
		}
	}
	fmt.Fprint(w, `]}`)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkParcels200k is issue 10's county-scale figure: a land bureau's 200,000-parcel Shapefile
// (GBK, CGCS2000 GK zone 40, .prj) imported through the command line (unpack checks, encoding check,
// ogr2ogr staging, every check and the diff, the publish), then the layer exported to GeoPackage.
// The import's steps are reported from its own timings (stage, check, publish).
func BenchmarkParcels200k(b *testing.B) {
	const n = 447 // 447² = 199,809 parcels
	dir := b.TempDir()
	src := filepath.Join(dir, "grid.geojson")
	parcelGrid(b, src, n)
	shp := filepath.Join(dir, "供地地块.shp")
	if out, err := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", shp, src, "-t_srs", "EPSG:4528", "-lco", "ENCODING=GBK").CombinedOutput(); err != nil {
		b.Fatalf("ogr2ogr: %v %s", err, out)
	}
	db := testenv.LoadedDatabase(b)
	reader := pgtest.RoleURL(db, testenv.ReaderRole)
	var stage, check, publish, total, export float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		out, errb := new(strings.Builder), new(strings.Builder)
		err := run(b.Context(), []string{"import", "parcels", shp, "-db", db, "-map", "id=DKBH", "-map", "year=GDNF",
			"-map", "area=YDMJ", "-map", "use=TDYT", "-map", "owner=QLR", "-json"}, out, errb)
		total += time.Since(t0).Seconds()
		var p layerimport.Preview
		if err != nil || json.Unmarshal([]byte(out.String()), &p) != nil || p.Count != n*n || p.Published != i+1 {
			b.Fatalf("import: %v count %d published %d\n%.2000s", err, p.Count, p.Published, errb.String())
		}
		stage, check, publish = stage+p.Timings["stage"], check+p.Timings["check"], publish+p.Timings["publish"]
		b.Logf("import steps (ms): %v", p.Timings)
		if p.Area == nil || p.Area.Unit != layerimport.UnitHectare {
			b.Fatalf("area check %+v; want 公顷 told", p.Area)
		}
		t0 = time.Now()
		gpkg := filepath.Join(dir, fmt.Sprintf("parcels-%d.gpkg", i))
		if err := run(b.Context(), []string{"export", "parcels", "-db", reader, "-format", "gpkg", "-o", gpkg}, out, errb); err != nil {
			b.Fatalf("export: %v\n%.2000s", err, errb.String())
		}
		export += time.Since(t0).Seconds()
	}
	N := float64(b.N)
	b.ReportMetric(total/N, "import-s/op")
	b.ReportMetric(stage/N/1000, "stage-s/op")
	b.ReportMetric(check/N/1000, "check-s/op")
	b.ReportMetric(publish/N/1000, "publish-s/op")
	b.ReportMetric(export/N, "export-gpkg-s/op")
	b.ReportMetric(float64(n*n), "parcels")
}
