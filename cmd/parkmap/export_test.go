package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/internal/libreoffice"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerexport"
)

func TestExportUsageErrors(t *testing.T) {
	t.Setenv("PARKMAP_READER_URL", "postgres://nobody@127.0.0.1:1/none")
	for _, args := range [][]string{
		{"export"},
		{"export", "-format", "gpkg"},
		{"export", "nothing", "-format", "gpkg"},
		{"export", "parks", "-format", "dwg"},
		{"export", "parks", "-format", "gpkg", "-crs", "EPSG:3857"},
		{"export", "parks", "-format", "csv", "-encoding", "GBK"},
		{"export", "parks", "-format", "gpkg", "extra"},
	} {
		var out, errb bytes.Buffer
		var ue usageError
		if err := run(context.Background(), args, &out, &errb); !errors.As(err, &ue) {
			t.Errorf("parkmap %v: err = %v, want a usage error", args, err)
		}
	}
}

// ogrinfo runs GDAL's ogrinfo on path (a real client reading what parkmap wrote) and returns its
// summary of every layer.
func ogrinfo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("ogrinfo", append([]string{"-ro", "-al", "-so"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func exportTo(t *testing.T, reader, dir string, args ...string) string {
	t.Helper()
	ext := ""
	for i, a := range args {
		if a == "-format" {
			for _, f := range layerexport.Formats {
				if f.ID == args[i+1] {
					ext = f.Ext
				}
			}
		}
	}
	out := filepath.Join(dir, strings.NewReplacer(":", "", "-", "").Replace(strings.Join(args, "_"))+ext)
	full := append([]string{"export", args[0], "-db", reader, "-o", out}, args[1:]...)
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), full, &stdout, &stderr); err != nil {
		t.Fatalf("export %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

var featureCount = regexp.MustCompile(`Feature Count: (\d+)`)
var extent = regexp.MustCompile(`Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)`)

// Every format GDAL reads back: 20 parks, the Chinese intact, the coordinates in the CRS asked for
// (Gauss-Krüger zone 40 eastings carry the 40 prefix, CM 120°E ones do not), a GBK Shapefile with its
// .cpg and the mapping of its short names, CSV with a BOM, Chinese headers and a formula defused,
// xlsx that LibreOffice opens.
func TestExportFormats(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	// A note that a spreadsheet would run as a formula, to see it defused in the people formats.
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `INSERT INTO park_facts (park_id, notes, updated_by) VALUES ('wanyang', '=HYPERLINK("http://x","点我")', 't')`); err != nil {
		t.Fatal(err)
	}
	reader := pgtest.RoleURL(db, testenv.ReaderRole)
	dir := t.TempDir()

	gpkg := exportTo(t, reader, dir, "parks", "-format", "gpkg", "-crs", "EPSG:4528")
	info := ogrinfo(t, gpkg)
	if m := featureCount.FindStringSubmatch(info); m == nil || m[1] != "20" {
		t.Errorf("gpkg: %s", info)
	}
	if m := extent.FindStringSubmatch(info); m == nil || !strings.HasPrefix(m[1], "40") || !strings.HasPrefix(m[2], "30") {
		t.Errorf("gpkg in EPSG:4528: extent %v, want eastings 40xxxxxx and northings 30xxxxx", m)
	}
	if !strings.Contains(info, "CGCS2000 / 3-degree Gauss-Kruger zone 40") {
		t.Errorf("gpkg CRS: %s", info)
	}
	names, _ := exec.Command("ogrinfo", "-ro", "-al", "-q", "-where", "id = 'wanyang'", gpkg).CombinedOutput()
	if !strings.Contains(string(names), "name (String) = 万洋众创城") || !strings.Contains(string(names), `=HYPERLINK`) {
		t.Errorf("gpkg attributes: %s", names)
	}

	geojson := exportTo(t, reader, dir, "parks", "-format", "geojson", "-crs", "EPSG:4326")
	if m := extent.FindStringSubmatch(ogrinfo(t, geojson)); m == nil || !strings.HasPrefix(m[1], "120.") || !strings.HasPrefix(m[2], "27.") {
		t.Errorf("geojson in EPSG:4326: %v", m)
	}

	shp := exportTo(t, reader, dir, "parks", "-format", "shp", "-crs", "EPSG:4549", "-encoding", "GBK")
	zr, err := zip.OpenReader(shp)
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	for _, f := range zr.File {
		entries = append(entries, f.Name)
	}
	zr.Close()
	if strings.Join(entries, " ") != "parks.shp parks.shx parks.dbf parks.prj parks.cpg parks_fields.csv" {
		t.Errorf("shapefile zip holds %v", entries)
	}
	mapping := string(readZipEntry(t, shp, "parks_fields.csv"))
	if !strings.HasPrefix(mapping, "\ufeff字段,属性,中文名称") || !strings.Contains(mapping, "building_a,building_area_wan_m2,建筑面积（万㎡）") {
		t.Errorf("the mapping of the short names: %.200s", mapping)
	}
	info = ogrinfo(t, "/vsizip/"+shp+"/parks.shp")
	if m := extent.FindStringSubmatch(info); m == nil || strings.HasPrefix(m[1], "40") || !strings.HasPrefix(m[1], "5") {
		t.Errorf("shp in EPSG:4549: extent %v, want eastings 5xxxxx without the zone", m)
	}
	// Short names within 10 bytes; GDAL decodes the GBK values through the .cpg.
	if !strings.Contains(info, "building_a: Real") || strings.Contains(info, "building_area_wan_m2") {
		t.Errorf("shp fields: %s", info)
	}
	attrs, _ := exec.Command("ogrinfo", "-ro", "-al", "-q", "-where", "id = 'wanyang'", "/vsizip/"+shp+"/parks.shp").CombinedOutput()
	if !strings.Contains(string(attrs), "万洋众创城") {
		t.Errorf("shp GBK attributes do not read back as Chinese: %s", attrs)
	}
	dbf := readZipEntry(t, shp, "parks.dbf")
	if bytes.Contains(dbf, []byte("万洋众创城")) || !bytes.Contains(dbf, []byte{0xcd, 0xf2, 0xd1, 0xf3}) { // 万洋 in GBK
		t.Error("the .dbf is not GBK")
	}

	// The flat attributes (issue 13) keep a park's yearly plan and phases in a Shapefile, whole and under
	// names that say the year, and the mapping says what each stands for.
	var phases string
	var supply2019 float64
	if err := conn.QueryRow(context.Background(), "SELECT phases_text, supply_2019_mu FROM api_parks WHERE id = 'wanyang'").Scan(&phases, &supply2019); err != nil {
		t.Fatal(err)
	}
	utf8Shp := exportTo(t, reader, t.TempDir(), "parks", "-format", "shp")
	attrs, _ = exec.Command("ogrinfo", "-ro", "-al", "-q", "-where", "id = 'wanyang'", "/vsizip/"+utf8Shp+"/parks.shp").CombinedOutput()
	for _, want := range []string{"phase_txt (String) = " + phases + "\n", "plan_table (String) = 附件6\n"} {
		if !strings.Contains(string(attrs), want) {
			t.Errorf("the Shapefile's wanyang lacks %q:\n%s", want, attrs)
		}
	}
	// dBase stores a Real as 15 decimals (66.900000000000006): the same double as 66.9.
	if m := regexp.MustCompile(`sup2019mu \(Real\) = (\S+)`).FindSubmatch(attrs); m == nil {
		t.Errorf("the Shapefile has no sup2019mu:\n%s", attrs)
	} else if v, err := strconv.ParseFloat(string(m[1]), 64); err != nil || v != supply2019 {
		t.Errorf("the Shapefile's sup2019mu is %s, the view's supply_2019_mu %v", m[1], supply2019)
	}
	if mapping := string(readZipEntry(t, utf8Shp, "parks_fields.csv")); !strings.Contains(mapping, "sup2019mu,supply_2019_mu,2019年计划供地（亩）") {
		t.Errorf("the mapping does not name sup2019mu: %.300s", mapping)
	}

	csvFile := exportTo(t, reader, dir, "parks", "-format", "csv")
	b, err := os.ReadFile(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("csv: no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil || len(recs) != 21 {
		t.Fatalf("csv: %d records, %v", len(recs), err)
	}
	head := strings.Join(recs[0], ",")
	for _, want := range []string{"园区编号", "园区名称", "中心点经度", "WKT"} {
		if !strings.Contains(head, want) {
			t.Errorf("csv header %s has no %s", head, want)
		}
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		if r[col["园区编号"]] == "wanyang" && r[col["备注"]] != `'=HYPERLINK("http://x","点我")` {
			t.Errorf("csv: the formula is not defused: %q", r[col["备注"]])
		}
		if lon, err := strconv.ParseFloat(r[col["中心点经度"]], 64); err != nil || lon < 120 || lon > 121.2 {
			t.Errorf("csv label longitude %q", r[col["中心点经度"]])
		}
	}

	xlsx := exportTo(t, reader, dir, "parks", "-format", "xlsx")
	if m := featureCount.FindStringSubmatch(ogrinfo(t, xlsx)); m == nil || m[1] != "20" {
		t.Errorf("xlsx read back by GDAL: %v", m)
	}
	lo := libreoffice.Convert(t, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", "")
	if !strings.HasPrefix(string(lo), "园区编号,序号,园区名称") {
		t.Errorf("LibreOffice reads the xlsx as %.80q", lo)
	}
}

func readZipEntry(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Parcels as a 部标 coordinate file: GBK, zone 40 with its prefix, every parcel, read back by
// parkmap's own reader (GDAL has no driver for it) with the areas it states agreeing with the points.
func TestExportBubiao(t *testing.T) {
	reader := testenv.ReaderURL(t)
	dir := t.TempDir()
	path := exportTo(t, reader, dir, "parcels", "-format", "bubiao")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if utf8.Valid(b) || !bytes.Contains(b, []byte("\r\n")) {
		t.Error("the 部标 file is not GBK with CRLF line ends")
	}
	f, err := coordfile.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading the export back: %v", err)
	}
	if f.Encoding != coordfile.GBK || f.CRS.EPSG != 4528 || len(f.Parcels) != 23 || len(f.Warnings) != 0 {
		t.Errorf("read back: %s, EPSG:%d, %d parcels, warnings %v", f.Encoding, f.CRS.EPSG, len(f.Parcels), f.Warnings)
	}
	if f.Attr("坐标系") != "2000国家大地坐标系" || f.Attr("带号") != "40" {
		t.Errorf("header: %+v", f.Attributes)
	}
	for _, p := range f.Parcels {
		if p.ID == "" || p.AreaHa <= 0 || math.Abs(p.AreaHa-p.ComputedHa) > 0.001 {
			t.Errorf("parcel %+v", p)
		}
	}
	var stdout, stderr bytes.Buffer
	var ue usageError
	if err := run(context.Background(), []string{"export", "parcels", "-db", reader, "-format", "bubiao", "-crs", "EPSG:4490", "-o", filepath.Join(dir, "x.txt")}, &stdout, &stderr); !errors.As(err, &ue) {
		t.Errorf("部标 in lon/lat: %v, want a usage error", err)
	}
}
