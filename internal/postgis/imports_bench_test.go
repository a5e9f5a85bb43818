package postgis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

// BenchmarkImportConstraints measures one import of ~20,000 polygons from a GBK Shapefile in CGCS2000
// GK zone 40, made by ogr2ogr from a generated GeoJSON: ogr2ogr's staging, every check and the diff,
// and the publish (versions kept, live rows swapped). Each iteration publishes a new version.
func BenchmarkImportConstraints(b *testing.B) {
	dir := b.TempDir()
	var fs []feature
	const side, step = 0.0004, 0.0005
	for i := 0; i < 142; i++ {
		for j := 0; j < 142; j++ {
			fs = append(fs, feature{map[string]any{"编号": fmt.Sprintf("JB-%05d", i*142+j), "名称": "永久基本农田图斑"},
				square(cx-0.035+float64(i)*step, cy-0.035+float64(j)*step, side)})
		}
	}
	src := writeGeoJSON(b, dir, "big.geojson", fs)
	shp := filepath.Join(dir, "shp")
	if err := os.Mkdir(shp, 0o755); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(shp, "jbnt.shp")
	ogr2ogr(b, "-f", "ESRI Shapefile", file, src, "-t_srs", "EPSG:4528", "-lco", "ENCODING=GBK")
	url := testenv.LoadedDatabase(b)
	store, err := postgis.Open(context.Background(), url, postgis.Options{AppName: loaderApp})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(store.Close)
	im := importer{url: url, store: store}
	sums := map[string]float64{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := im.run(b, file, importReq{Kind: "基本农田", IDField: "编号", NameField: "名称", Publish: true})
		if err != nil || p.Count != len(fs) || p.Published != i+1 {
			b.Fatalf("import: %v count %d published %d findings %d", err, p.Count, p.Published, len(p.Findings))
		}
		for k, v := range p.Timings {
			sums[k] += v
		}
	}
	for _, k := range []string{"stage", "check", "publish"} {
		b.ReportMetric(sums[k]/float64(b.N), k+"-ms/op")
	}
	b.ReportMetric(float64(len(fs)), "features")
}
