package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/internal/testenv"
)

// zipDir zips the named files of dir into path.
func zipDir(t *testing.T, path, dir string, names ...string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b) //nolint:errcheck // a bytes.Buffer
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// What a land bureau sends as it is: a zipped GBK Shapefile with neither .cpg nor .prj. The import
// unpacks it, detects GBK from the .dbf's bytes and zone 40 from the coordinates, says why, and the
// Chinese names arrive intact; a .cpg that lies about the bytes is refused, not stored as mojibake; an
// upload of two datasets asks which; a zip entry climbing out of its directory is refused.
func TestImportDetectsEncodingAndCRS(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "src.geojson")
	js := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"编号":"JB-1","名称":"鳌江镇永久基本农田保护区"},
		"geometry":{"type":"Polygon","coordinates":[[[120.55,27.60],[120.56,27.60],[120.56,27.61],[120.55,27.61],[120.55,27.60]]]}}]}`
	if err := os.WriteFile(src, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	shp := filepath.Join(dir, "jbnt.shp")
	if out, err := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", shp, src, "-t_srs", "EPSG:4528", "-lco", "ENCODING=GBK").CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	upload := filepath.Join(dir, "基本农田.zip")
	zipDir(t, upload, dir, "jbnt.shp", "jbnt.shx", "jbnt.dbf")
	out, stderr, err := runCmd(t, "import", "constraints", upload, "-db", db, "-kind", "永久基本农田", "-map", "id=编号", "-map", "name=名称")
	if err != nil || !strings.Contains(stderr, "encoding GBK") || !strings.Contains(stderr, "used EPSG:4528") {
		t.Fatalf("zipped GBK Shapefile without .cpg and .prj: %v\n%s\n%s", err, out, stderr)
	}
	conn := connectDB(t, db)
	var name string
	if err := conn.QueryRow(t.Context(), `SELECT name FROM constraints WHERE id = 'JB-1'`).Scan(&name); err != nil || name != "鳌江镇永久基本农田保护区" {
		t.Errorf("the name as stored: %q (%v)", name, err)
	}

	// A .cpg saying UTF-8 on GBK bytes.
	if err := os.WriteFile(filepath.Join(dir, "jbnt.cpg"), []byte("UTF-8"), 0o644); err != nil {
		t.Fatal(err)
	}
	lying := filepath.Join(dir, "lying.zip")
	zipDir(t, lying, dir, "jbnt.shp", "jbnt.shx", "jbnt.dbf", "jbnt.cpg")
	if _, _, err := runCmd(t, "import", "constraints", lying, "-db", db, "-kind", "基本农田", "-dry-run"); err == nil {
		t.Error("a .cpg that contradicts the bytes was taken")
	} else if e, ok := apperr.As(err); !ok || e.Field != "encoding" {
		t.Errorf("a lying .cpg: %v, want an error naming encoding", err)
	}

	// Two datasets: the import asks which, and -dataset picks one.
	gpkg := filepath.Join(dir, "hx.gpkg")
	if out, err := exec.Command("ogr2ogr", "-f", "GPKG", gpkg, src).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	two := filepath.Join(dir, "two.zip")
	zipDir(t, two, dir, "jbnt.shp", "jbnt.shx", "jbnt.dbf", "hx.gpkg")
	if _, _, err := runCmd(t, "import", "constraints", two, "-db", db, "-kind", "基本农田", "-dry-run"); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "hx.gpkg") {
		t.Errorf("two datasets: %v", err)
	}
	if _, stderr, err := runCmd(t, "import", "constraints", two, "-db", db, "-kind", "基本农田", "-dataset", "hx.gpkg", "-dry-run"); err != nil {
		t.Errorf("-dataset hx.gpkg: %v\n%s", err, stderr)
	}

	// A zip entry climbing out.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("../../evil.shp")
	w.Write([]byte("x")) //nolint:errcheck // a bytes.Buffer
	zw.Close()
	evil := filepath.Join(dir, "evil.zip")
	if err := os.WriteFile(evil, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "import", "constraints", evil, "-db", db, "-kind", "基本农田"); err == nil {
		t.Error("a zip entry with .. was taken")
	} else if e, ok := apperr.As(err); !ok || e.Field != "file" {
		t.Errorf("zip slip: %v, want an error naming file", err)
	}
}

// A 部标 coordinate file (GBK, zone 40 with its prefix) is imported as it comes from the approval
// system: its parcels become the layer's features, 地块编号 their ids.
func TestImportBubiaoFile(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	g, err := geodesy.DeclaredCRS("EPSG:4528")
	if err != nil {
		t.Fatal(err)
	}
	// About 200 m squares near 昆阳镇 (120.56 E, 27.67 N = 40555250, 3061997 in EPSG:4528).
	sq := func(x, y float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + 200, y}, {x + 200, y + 200}, {x, y + 200}, {x, y}}}}
	}
	f := &coordfile.File{CRS: g, Parcels: []coordfile.Parcel{
		{ID: "HX-01", Name: "城镇开发边界一", AreaHa: 4, Geometry: sq(40555000, 3061800)},
		{ID: "HX-02", Name: "城镇开发边界二", AreaHa: 4, Geometry: sq(40555400, 3061800)},
	}}
	var buf bytes.Buffer
	if err := coordfile.Write(&buf, f, coordfile.GBK); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "报批坐标.txt")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, "import", "constraints", path, "-db", db, "-kind", "城镇开发边界")
	if err != nil || !strings.Contains(stderr, "(bubiao)") || !strings.Contains(stderr, "used EPSG:4528") {
		t.Fatalf("部标 import: %v\n%s\n%s", err, out, stderr)
	}
	conn := connectDB(t, db)
	var ids string
	var mu float64
	if err := conn.QueryRow(t.Context(), `SELECT string_agg(id, ',' ORDER BY id), sum(ST_Area(geom::geography)) / (10000.0 / 15)
		FROM constraints WHERE kind = '城镇开发边界'`).Scan(&ids, &mu); err != nil || ids != "HX-01,HX-02" || mu < 110 || mu > 130 {
		t.Errorf("imported parcels %q, %.2f 亩 (two 4 公顷 squares are 120 亩 in the plane)", ids, mu)
	}
}

func connectDB(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
