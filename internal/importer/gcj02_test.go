package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/geodesy"
)

// convertGCJ02File moves every vertex inside China by the inverse formula, leaves one outside as it
// is and a null geometry null, and copies the properties byte for byte (a 17-digit number stays
// exact) and the layer's name.
func TestConvertGCJ02File(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.geojson"), filepath.Join(dir, "out.geojson")
	js := `{"type":"FeatureCollection","name":"高德","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[
		{"type":"Feature","properties":{"编码":12345678901234567,"名称":"甲"},"geometry":{"type":"Polygon","coordinates":[[[120.56,27.67],[120.562,27.67],[120.562,27.672],[120.56,27.67]]]}},
		{"type":"Feature","properties":{"名称":"乙"},"geometry":{"type":"MultiPoint","coordinates":[[2.35,48.85],[120.5,27.6]]}},
		{"type":"Feature","properties":null,"geometry":null}]}`
	if err := os.WriteFile(in, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	moved, outside, err := convertGCJ02File(in, out)
	if err != nil || moved != 5 || outside != 1 {
		t.Fatalf("moved %d, outside %d, %v", moved, outside, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"编码":12345678901234567`) || !strings.Contains(string(b), `"name":"高德"`) || strings.Contains(string(b), "CRS84") {
		t.Errorf("properties, name or crs: %s", b)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil || len(fc.Features) != 3 {
		t.Fatalf("%v: %s", err, b)
	}
	ring := fc.Features[0].Geometry.(orb.Polygon)[0]
	if want := geodesy.WGS84FromGCJ02(orb.Point{120.56, 27.67}); ring[0] != want || ring[3] != want {
		t.Errorf("first vertex %v, want %v", ring[0], want)
	}
	mp := fc.Features[1].Geometry.(orb.MultiPoint)
	if mp[0] != (orb.Point{2.35, 48.85}) || mp[1] != geodesy.WGS84FromGCJ02(orb.Point{120.5, 27.6}) {
		t.Errorf("points %v", mp)
	}
	if fc.Features[2].Geometry != nil {
		t.Errorf("a null geometry became %v", fc.Features[2].Geometry)
	}
}
