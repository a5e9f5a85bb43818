package gdal

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestConninfo(t *testing.T) {
	s, pw, err := conninfo("postgres://parkmap_owner:s%27ecret@127.0.0.1:55432/parkmap?sslmode=disable&pool_max_conns=4")
	if err != nil {
		t.Fatal(err)
	}
	if want := "host='127.0.0.1' port='55432' dbname='parkmap' user='parkmap_owner' sslmode='disable'"; s != want || pw != "s'ecret" {
		t.Errorf("conninfo = %q, %q; want %q and the password apart", s, pw, want)
	}
	if _, _, err := conninfo("mysql://x"); err == nil {
		t.Error("a mysql URL was accepted")
	}
}

// ogrinfo's report names the CRS GDAL identified in a .prj, and none for a file without one.
func TestReadInfo(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.geojson")
	if err := os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"甲"},
		"geometry":{"type":"Polygon","coordinates":[[[120.39,27.64],[120.4,27.64],[120.4,27.65],[120.39,27.64]]]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	shp := filepath.Join(dir, "b.shp")
	if out, err := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", shp, src, "-t_srs", "EPSG:4528").CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	ctx := context.Background()
	in, err := ReadInfo(ctx, shp, "", nil)
	if err != nil || in.CRS != "EPSG:4528" || in.Layer != "b" || in.Features != 1 {
		t.Errorf("ReadInfo = %+v, %v", in, err)
	}
	if err := os.Remove(filepath.Join(dir, "b.prj")); err != nil {
		t.Fatal(err)
	}
	if in, err := ReadInfo(ctx, shp, "", nil); err != nil || in.CRS != "" {
		t.Errorf("without .prj: %+v, %v", in, err)
	}
	if _, err := ReadInfo(ctx, filepath.Join(dir, "missing.shp"), "", nil); err == nil {
		t.Error("a missing file was read")
	}
}

// ToGeoJSON copies a layer as read, and reprojects only when asked.
func TestToGeoJSON(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.geojson")
	if err := os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"甲"},
		"geometry":{"type":"Point","coordinates":[120.39,27.64]}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	out := filepath.Join(dir, "b.geojson")
	if err := (ToGeoJSON{File: src, Out: out}).Run(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "120.39, 27.64") || !strings.Contains(string(b), `"名称": "甲"`) {
		t.Errorf("as read: %s (%v)", b, err)
	}
	gk := filepath.Join(dir, "c.geojson")
	if err := (ToGeoJSON{File: src, Out: gk, TargetCRS: "EPSG:4528"}).Run(ctx); err != nil {
		t.Fatal(err)
	}
	if in, err := ReadInfo(ctx, gk, "", nil); err != nil || in.CRS != "EPSG:4528" || in.Extent[0] < 40000000 {
		t.Errorf("reprojected: %+v, %v", in, err)
	}
	if err := (ToGeoJSON{File: filepath.Join(dir, "missing.shp"), Out: filepath.Join(dir, "d.geojson")}).Run(ctx); err == nil {
		t.Error("a missing file was copied")
	}
}
