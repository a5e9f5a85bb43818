package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/internal/testenv"
)

// hausdorff is the largest distance between the stored geometry of constraint id, taken to srid, and
// want (in srid's units).
func hausdorff(t *testing.T, db, id string, srid int, want orb.Geometry) float64 {
	t.Helper()
	var d float64
	if err := connectDB(t, db).QueryRow(t.Context(), `SELECT ST_HausdorffDistance(ST_Transform(geom, $2::int), ST_GeomFromText($3, $2::int))
		FROM constraints WHERE id = $1`, id, srid, wkt.MarshalString(want)).Scan(&d); err != nil {
		t.Fatalf("constraint %s: %v", id, err)
	}
	return d
}

// A town's corner table as it comes: GBK CSV, X the northing with the zone-40 prefix, one parcel with
// a hole, the last point not repeating the first. The parcels arrive where the corners say, within a
// centimetre, with their Chinese attributes; a table of attributes without coordinates is refused,
// saying which columns were expected.
func TestImportCoordinateTableCSV(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	// About 200 m squares near 昆阳镇 (120.56 E, 27.67 N = 40555250, 3061997 in EPSG:4528).
	csv := "序号,地块编号,地块名称,圈号,点号,X,Y,用途\n" +
		"1,JB-T1,鳌江镇基本农田一,1,J1,3061800,40555000,耕地\n" +
		"2,JB-T1,鳌江镇基本农田一,1,J2,3061800,40555200,耕地\n" +
		"3,JB-T1,鳌江镇基本农田一,1,J3,3062000,40555200,耕地\n" +
		"4,JB-T1,鳌江镇基本农田一,1,J4,3062000,40555000,耕地\n" +
		"5,JB-T1,鳌江镇基本农田一,2,K1,3061850,40555050,耕地\n" +
		"6,JB-T1,鳌江镇基本农田一,2,K2,3061850,40555100,耕地\n" +
		"7,JB-T1,鳌江镇基本农田一,2,K3,3061900,40555100,耕地\n" +
		"8,JB-T2,鳌江镇基本农田二,1,1,3061800,40555400,耕地\n" +
		"9,JB-T2,鳌江镇基本农田二,1,2,3061800,40555600,耕地\n" +
		"10,JB-T2,鳌江镇基本农田二,1,3,3062000,40555600,耕地\n" +
		"11,JB-T2,鳌江镇基本农田二,1,1,3061800,40555400,耕地\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "界址点坐标.csv")
	if err := os.WriteFile(path, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	// The id column may also be mapped by its own name.
	out, stderr, err := runCmd(t, "import", "constraints", path, "-db", db, "-kind", "基本农田", "-map", "id=地块编号")
	if err != nil || !strings.Contains(stderr, "(csv)") || !strings.Contains(stderr, "used EPSG:4528") || !strings.Contains(stderr, "encoding - (GBK") {
		t.Fatalf("CSV table: %v\n%s\n%s", err, out, stderr)
	}
	want := orb.Polygon{{{40555000, 3061800}, {40555200, 3061800}, {40555200, 3062000}, {40555000, 3062000}, {40555000, 3061800}},
		{{40555050, 3061850}, {40555100, 3061900}, {40555100, 3061850}, {40555050, 3061850}}}

	if d := hausdorff(t, db, "JB-T1", 4528, want); d > 0.01 {
		t.Errorf("JB-T1 lies %.3f m from its corners", d)
	}
	tri := orb.Polygon{{{40555400, 3061800}, {40555600, 3061800}, {40555600, 3062000}, {40555400, 3061800}}}
	if d := hausdorff(t, db, "JB-T2", 4528, tri); d > 0.01 {
		t.Errorf("JB-T2 lies %.3f m from its corners", d)
	}
	var name string
	var holes int
	if err := connectDB(t, db).QueryRow(t.Context(), `SELECT name, ST_NumInteriorRings(ST_GeometryN(geom, 1)) FROM constraints WHERE id = 'JB-T1'`).Scan(&name, &holes); err != nil || name != "鳌江镇基本农田一" || holes != 1 {
		t.Errorf("JB-T1: name %q, %d holes (%v)", name, holes, err)
	}

	// A CSV of whole shapes in a WKT column is still GDAL's; a lon/lat table declared GCJ-02 is converted.
	wktCSV := filepath.Join(dir, "图形.csv")
	if err := os.WriteFile(wktCSV, []byte("id,name,WKT\nJB-W1,甲,\"POLYGON((120.55 27.60,120.56 27.60,120.56 27.61,120.55 27.60))\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "import", "constraints", wktCSV, "-db", db, "-kind", "基本农田", "-map", "id=id", "-map", "name=name", "-dry-run"); err != nil || !strings.Contains(stderr, "GDAL reads the table") {
		t.Errorf("a WKT CSV: %v\n%s", err, stderr)
	}
	gcj := filepath.Join(dir, "高德坐标.csv")
	if err := os.WriteFile(gcj, []byte("编号,经度,纬度\nJB-G1,120.55,27.60\nJB-G1,120.56,27.60\nJB-G1,120.56,27.61\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "import", "constraints", gcj, "-db", db, "-kind", "基本农田", "-crs", "高德", "-dry-run"); err != nil ||
		!strings.Contains(stderr, `CRS read "GCJ02", used EPSG:4326 (declared GCJ-02 by the user; converted to WGS84`) {
		t.Errorf("a GCJ-02 table: %v\n%s", err, stderr)
	}

	plain := filepath.Join(dir, "地块清单.csv")
	if err := os.WriteFile(plain, []byte("地块编号,地块名称,面积\nJB-1,一号,3.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, "import", "constraints", plain, "-db", db, "-kind", "基本农田", "-dry-run")
	if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || !strings.Contains(e.Fields[0].MessageZh, "经度和纬度") || !strings.Contains(e.Fields[0].Message, "X and Y") {
		t.Errorf("a CSV without coordinates: %v", err)
	}
}

// An operator's xlsx: lon/lat in 度分秒 on a sheet named 界址点 after a 说明 sheet, the header on row
// 2; a formula in a coordinate cell is refused in Chinese.
func TestImportCoordinateTableXLSX(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	rows := [][]any{
		{"DKBH", "名称", "点号", "经度", "纬度", "备注"},
		{"HX-X1", "南雁荡山红线一", 1, "120°23'24\"", "27°38'24\"", "生态"},
		{"HX-X1", "南雁荡山红线一", 2, "120°24'00\"", "27°38'24\"", "生态"},
		{"HX-X1", "南雁荡山红线一", 3, "120°24'00\"", "27°39'00\"", "生态"},
		{"HX-X1", "南雁荡山红线一", 4, "120°23'24\"", "27°39'00\"", "生态"},
	}
	write := func(name string, edit func(f *excelize.File)) string {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", "说明")
		f.SetCellValue("说明", "A1", "坐标为 CGCS2000 经纬度")
		f.NewSheet("界址点")
		for i, r := range rows {
			if err := f.SetSheetRow("界址点", fmt.Sprintf("A%d", i+2), &r); err != nil {
				t.Fatal(err)
			}
		}
		if edit != nil {
			edit(f)
		}
		p := filepath.Join(dir, name)
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	path := write("红线坐标.xlsx", nil)
	out, stderr, err := runCmd(t, "import", "constraints", path, "-db", db, "-kind", "生态保护红线")
	if err != nil || !strings.Contains(stderr, "(xlsx)") || !strings.Contains(stderr, "sheet 界址点, header row 2") || !strings.Contains(stderr, "used EPSG:4326") {
		t.Fatalf("xlsx table: %v\n%s\n%s", err, out, stderr)
	}
	want := orb.Polygon{{{120.39, 27.64}, {120.40, 27.64}, {120.40, 27.65}, {120.39, 27.65}, {120.39, 27.64}}}
	if d := hausdorff(t, db, "HX-X1", 4326, want); d > 1e-7 {
		t.Errorf("HX-X1 lies %.9f° from its corners", d)
	}

	bad := write("公式.xlsx", func(f *excelize.File) { f.SetCellFormula("界址点", "D4", "D3+0.01") })
	_, _, err = runCmd(t, "import", "constraints", bad, "-db", db, "-kind", "生态保护红线", "-dry-run")
	if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || !strings.Contains(e.Fields[0].MessageZh, "公式不可用，请粘贴数值") || e.Fields[0].Field != "row 4" {
		t.Errorf("a formula in 经度: %v", err)
	}
}

// A GeoJSON digitised on AMap: -crs GCJ02 moves it to the WGS84 position geodesy computes, some
// hundreds of metres from the raw numbers; without -crs nothing is converted.
func TestImportGCJ02(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	raw := orb.Ring{{120.56, 27.67}, {120.562, 27.67}, {120.562, 27.672}, {120.56, 27.672}, {120.56, 27.67}}
	js := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"编号":"FL-G1","名称":"高德描绘的洪涝区","编码":12345678901234567},
		"geometry":{"type":"Polygon","coordinates":[[[120.56,27.67],[120.562,27.67],[120.562,27.672],[120.56,27.672],[120.56,27.67]]]}}]}`
	path := filepath.Join(dir, "高德.geojson")
	if err := os.WriteFile(path, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "import", "constraints", path, "-db", db, "-kind", "洪涝风险区", "-map", "id=编号", "-map", "name=名称", "-dry-run"); err != nil ||
		strings.Contains(stderr, "GCJ") || !strings.Contains(stderr, "used EPSG:4326") {
		t.Errorf("without -crs: %v\n%s", err, stderr)
	}
	out, stderr, err := runCmd(t, "import", "constraints", path, "-db", db, "-kind", "洪涝风险区", "-map", "id=编号", "-map", "name=名称", "-crs", "GCJ02")
	if err != nil || !strings.Contains(stderr, "converted to WGS84") || !strings.Contains(stderr, `CRS read "GCJ02`) {
		t.Fatalf("-crs GCJ02: %v\n%s\n%s", err, out, stderr)
	}

	want := make(orb.Ring, len(raw))
	for i, p := range raw {
		want[i] = geodesy.WGS84FromGCJ02(p)
	}
	if d := hausdorff(t, db, "FL-G1", 4326, orb.Polygon{want}); d > 1e-8 {
		t.Errorf("FL-G1 lies %.10f° from the WGS84 corners", d)
	}
	var moved float64
	var name string
	if err := connectDB(t, db).QueryRow(t.Context(), `SELECT ST_Distance(ST_Centroid(geom)::geography, ST_Centroid(ST_GeomFromText($1, 4326))::geography), name
		FROM constraints WHERE id = 'FL-G1'`, wkt.MarshalString(orb.Polygon{raw})).Scan(&moved, &name); err != nil || moved < 200 || moved > 1000 || name != "高德描绘的洪涝区" {
		t.Errorf("FL-G1 moved %.0f m from the raw coordinates (want some hundreds), name %q (%v)", moved, name, err)
	}
}
