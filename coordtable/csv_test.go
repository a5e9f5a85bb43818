package coordtable

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// About 200 m squares near 昆阳镇: 120.56 E, 27.67 N is 40555250, 3061997 in EPSG:4528.
const (
	lonLat = "地块编号,地块名称,点号,经度,纬度,用途\n" +
		"DK-1,一号地块,J1,120.55,27.60,工业\n" +
		"DK-1,一号地块,J2,120.56,27.60,工业\n" +
		"DK-1,一号地块,J3,120.56,27.61,工业\n" +
		"DK-1,一号地块,J4,120.55,27.61,工业\n"
	zone40 = "地块编号,圈号,点号,X,Y\n" +
		"HX-1,1,J1,3061800,40555000\n" +
		"HX-1,1,J2,3061800,40555200\n" +
		"HX-1,1,J3,3062000,40555200\n" +
		"HX-1,1,J4,3062000,40555000\n" +
		"HX-1,1,J1,3061800,40555000\n"
)

func read(t *testing.T, text string, opt Options) *Table {
	t.Helper()
	tb, err := ReadCSV(strings.NewReader(text), opt)
	if err != nil {
		t.Fatalf("ReadCSV: %v\n%s", err, text)
	}
	return tb
}

// fails reads text and returns the error's field messages in Chinese, one string.
func fails(t *testing.T, text string, opt Options) (*apperr.Error, string) {
	t.Helper()
	_, err := ReadCSV(strings.NewReader(text), opt)
	e, ok := apperr.As(err)
	if !ok || e.Code == "" {
		t.Fatalf("ReadCSV took %q (err %v)", text, err)
	}
	var zh []string
	for _, f := range e.Fields {
		zh = append(zh, f.Field+": "+f.MessageZh+" / "+f.Message)
	}
	return e, strings.Join(zh, "\n")
}

func warned(tb *Table, part string) bool {
	for _, w := range tb.Warnings {
		if strings.Contains(w.MessageZh, part) {
			return true
		}
	}
	return false
}

func near(a, b orb.Point, eps float64) bool {
	return math.Abs(a[0]-b[0]) <= eps && math.Abs(a[1]-b[1]) <= eps
}

func TestReadCSV(t *testing.T) {
	swapped := strings.NewReplacer("3061800,40555000", "40555000,3061800", "3061800,40555200", "40555200,3061800",
		"3062000,40555200", "40555200,3062000", "3062000,40555000", "40555000,3062000").Replace(zone40)
	noPrefix := strings.ReplaceAll(zone40, ",4055", ",55")
	cases := []struct {
		name, text string
		crs        string
		first      orb.Point // the outer ring's lowest-left corner, in (easting, northing) or (lon, lat)
		warn       string    // part of a warning that must be there
		noWarn     string    // part of a warning that must not
	}{
		{"lon/lat, unclosed", lonLat, geodesy.CRSWGS84, orb.Point{120.55, 27.60}, "已自动闭合", "颠倒"},
		{"zone 40 with the prefix", zone40, geodesy.CRSGK40, orb.Point{40555000, 3061800}, "", "已自动闭合"},
		{"zone 40 without the prefix", noPrefix, geodesy.CRSGKCM120, orb.Point{555000, 3061800}, "", "颠倒"},
		{"X holds the easting", swapped, geodesy.CRSGK40, orb.Point{40555000, 3061800}, "颠倒", ""},
		{"tab separated", strings.ReplaceAll(zone40, ",", "\t"), geodesy.CRSGK40, orb.Point{40555000, 3061800}, "", ""},
		{"semicolons, CRLF", strings.ReplaceAll(strings.ReplaceAll(zone40, ",", ";"), "\n", "\r\n"), geodesy.CRSGK40, orb.Point{40555000, 3061800}, "", ""},
		{"北坐标/东坐标 with units", strings.Replace(zone40, "X,Y", "北坐标(m),东坐标(m)", 1), geodesy.CRSGK40, orb.Point{40555000, 3061800}, "", ""},
		{"degrees, minutes, seconds", "编号,经度,纬度\n" +
			"A,120°33'00\",27°36'00\"\nA,120°33'36\",27°36'00\"\nA,120°33′36″,27°36′36″\nA,120度33分0秒,27度36分36秒\n",
			geodesy.CRSWGS84, orb.Point{120.55, 27.60}, "", ""},
		{"points out of order", "地块编号,点号,X,Y\n" +
			"HX-1,J3,3062000,40555200\nHX-1,J1,3061800,40555000\nHX-1,J4,3062000,40555000\nHX-1,J2,3061800,40555200\n",
			geodesy.CRSGK40, orb.Point{40555000, 3061800}, "", ""},
		{"title-less, blank lines first", "\n\n" + zone40, geodesy.CRSGK40, orb.Point{40555000, 3061800}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb := read(t, c.text, Options{})
			if tb.CRS.CRS != c.crs {
				t.Errorf("CRS %s (%s), want %s", tb.CRS.CRS, tb.CRS.Reason, c.crs)
			}
			if len(tb.Parcels) != 1 || len(tb.Parcels[0].Geometry) != 1 {
				t.Fatalf("parcels %+v", tb.Parcels)
			}
			ring := tb.Parcels[0].Geometry[0][0]
			if len(ring) != 5 || ring[0] != ring[4] || ring.Orientation() != orb.CCW {
				t.Errorf("outer ring %v: want 4 corners, closed, counter-clockwise", ring)
			}
			b := ring.Bound()
			if !near(b.Min, c.first, 1e-6) {
				t.Errorf("ring %v starts its bound at %v, want %v", ring, b.Min, c.first)
			}
			if c.warn != "" && !warned(tb, c.warn) {
				t.Errorf("no warning %q in %+v", c.warn, tb.Warnings)
			}
			if c.noWarn != "" && warned(tb, c.noWarn) {
				t.Errorf("a warning %q in %+v", c.noWarn, tb.Warnings)
			}
		})
	}
}

// The first row of a parcel gives its name and attributes; a later row that disagrees is a warning.
func TestAttributes(t *testing.T) {
	text := strings.Replace(lonLat, "J3,120.56,27.61,工业", "J3,120.56,27.61,仓储", 1) + "DK-2,二号地块,1,120.57,27.60,\nDK-2,,2,120.58,27.60,\nDK-2,,3,120.58,27.61,\n"
	tb := read(t, text, Options{})
	if len(tb.Parcels) != 2 || tb.Parcels[0].Name != "一号地块" || tb.Parcels[0].Attributes["用途"] != "工业" || tb.Parcels[1].Name != "二号地块" {
		t.Fatalf("parcels %+v", tb.Parcels)
	}
	if strings.Join(tb.Attributes, ",") != "用途" || tb.IDColumn != "地块编号" || tb.NameColumn != "地块名称" {
		t.Errorf("attributes %v", tb.Attributes)
	}
	if !warned(tb, "第 4 行：地块 DK-1 的“用途”为“仓储”") {
		t.Errorf("no warning about 用途: %+v", tb.Warnings)
	}
	if !strings.Contains(tb.Columns, "地块编号 → id") || !strings.Contains(tb.Columns, "经度 → easting or longitude") {
		t.Errorf("columns %q", tb.Columns)
	}
}

// Ring 1 is the outer boundary; ring 2 a hole, oriented clockwise.
func TestHoles(t *testing.T) {
	text := zone40 + "HX-1,2,K1,3061850,40555050\nHX-1,2,K2,3061850,40555100\nHX-1,2,K3,3061900,40555100\nHX-1,2,K4,3061900,40555050\n"
	tb := read(t, text, Options{})
	poly := tb.Parcels[0].Geometry[0]
	if len(poly) != 2 || poly[0].Orientation() != orb.CCW || poly[1].Orientation() != orb.CW || len(poly[1]) != 5 {
		t.Fatalf("polygon %v: want an outer ring CCW and a closed hole CW", poly)
	}
	if !near(poly[1].Bound().Min, orb.Point{40555050, 3061850}, 1e-6) {
		t.Errorf("hole %v", poly[1])
	}
}

func TestGBKAndBOM(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(lonLat)
	if err != nil {
		t.Fatal(err)
	}
	tb := read(t, gbk, Options{})
	if tb.Encoding != "GBK" || tb.Parcels[0].Name != "一号地块" || tb.Parcels[0].Attributes["用途"] != "工业" {
		t.Errorf("GBK: %s (%s), %+v", tb.Encoding, tb.EncodingReason, tb.Parcels[0])
	}
	tb = read(t, "\uFEFF"+lonLat, Options{})
	if tb.Encoding != "UTF-8" || !strings.Contains(tb.EncodingReason, "BOM") || tb.Parcels[0].ID != "DK-1" {
		t.Errorf("BOM: %s (%s), %+v", tb.Encoding, tb.EncodingReason, tb.Parcels[0])
	}
	tb = read(t, lonLat, Options{})
	if tb.Encoding != "UTF-8" || strings.Contains(tb.EncodingReason, "BOM") {
		t.Errorf("UTF-8: %s (%s)", tb.Encoding, tb.EncodingReason)
	}
	// UTF-8 bytes declared GBK decode, but Latin-1 bytes are neither.
	if _, msg := fails(t, "地块编号,X,Y\n\xe9t\xe9,1,2\n", Options{}); !strings.Contains(msg, "encoding") {
		t.Errorf("Latin-1: %s", msg)
	}
	if _, msg := fails(t, gbk, Options{Encoding: "UTF-8"}); !strings.Contains(msg, "不是有效的 UTF-8") {
		t.Errorf("GBK declared UTF-8: %s", msg)
	}
}

func TestDeclaredCRS(t *testing.T) {
	tb := read(t, zone40, Options{CRS: "EPSG:4528"})
	if tb.CRS.CRS != geodesy.CRSGK40 || !strings.Contains(tb.CRS.ReasonZh, "用户指定") || !tb.CRS.Swapped {
		t.Errorf("declared 4528: %+v", tb.CRS)
	}
	if _, msg := fails(t, zone40, Options{CRS: "EPSG:4549"}); !strings.Contains(msg, "不符") {
		t.Errorf("4549 declared on zone-40 coordinates: %s", msg)
	}
	tb = read(t, lonLat, Options{CRS: "高德"})
	if tb.CRS.CRS != geodesy.CRSGCJ02 || tb.CRS.EPSG != 0 {
		t.Errorf("declared GCJ-02: %+v", tb.CRS)
	}
	// Outside the county, nothing can be detected: the declaration and the columns' names decide.
	far := strings.NewReplacer("120.5", "100.5", "27.6", "30.6").Replace(lonLat)
	if _, msg := fails(t, far, Options{}); !strings.Contains(msg, "不在平阳县范围内，请检查坐标或指定坐标系") {
		t.Errorf("lon/lat far away without a CRS: %s", msg)
	}
	tb = read(t, far, Options{CRS: "WGS84"})
	if b := tb.Parcels[0].Geometry.Bound(); !near(b.Min, orb.Point{100.55, 30.60}, 1e-9) {
		t.Errorf("declared WGS84 far away: %v", b)
	}
}

// Every fault of a table is reported at once, each naming its row.
func TestProblems(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"non-number", strings.Replace(zone40, "J2,3061800,", "J2,30618OO,", 1), "第 3 行：X“30618OO”（单元格 D3）不是有效数字"},
		{"empty coordinate", strings.Replace(zone40, "J3,3062000,40555200", "J3,3062000,", 1), "第 4 行：Y（单元格 E4）为空"},
		{"empty id", strings.Replace(zone40, "HX-1,1,J2", ",1,J2", 1), "第 3 行：地块编号（地块编号，A 列）为空"},
		{"two distinct points", "编号,X,Y\nA,3061800,40555000\nA,3061800,40555200\nA,3061800,40555000\n", "第 2 行：地块 A：圈 1 只有 2 个不同的点"},
		{"empty point number", strings.Replace(zone40, "1,J3,", "1,,", 1), "第 4 行：点号（点号 列）为空"},
		{"point number twice", strings.Replace(zone40, "1,J3,", "1,J2,", 1), "点号 J2 重复"},
		{"no outer ring", strings.ReplaceAll(zone40, "HX-1,1,", "HX-1,2,"), "缺少外环"},
		{"bad ring number", strings.Replace(zone40, "HX-1,1,J2", "HX-1,一,J2", 1), "第 3 行：圈号“一”"},
		{"no coordinate columns", "地块编号,地块名称,面积\nDK-1,一号,3.2\n", "没有坐标列，此表不是图层数据：应有X 和 Y"},
		{"X without Y", "地块编号,X,高程\nDK-1,3061800,5\n", "有“X”列但缺少“Y”列"},
		{"no id column", "点号,X,Y\n1,3061800,40555000\n", "没有地块编号列"},
		{"a column twice", "地块编号,X,Y,X坐标\nDK-1,1,2,3\n", "列重复"},
		{"outside the county", strings.ReplaceAll(zone40, ",4055", ",4099"), "第 2 行：地块 HX-1：坐标（X 3061800…3062000, Y 40995000…40995200）不在平阳县范围内"},
		{"one parcel mistyped", zone40 + "HX-2,1,1,3061800,40555000\nHX-2,1,2,3061800,40555200\nHX-2,1,3,3062000,4055520\n", "第 7 行：地块 HX-2：坐标"},
		{"two systems", zone40 + "HX-2,1,1,3061800,555000\nHX-2,1,2,3061800,555200\nHX-2,1,3,3062000,555200\n", "各地块坐标不在同一坐标系中：HX-1 (EPSG:4528)、HX-2 (EPSG:4549)"},
		{"metres under 经度", strings.Replace(zone40, "X,Y", "纬度,经度", 1), "经度/纬度列中是投影坐标"},
		{"no rows", "地块编号,X,Y\n", "表头下没有数据行"},
		{"bad quote", "地块编号,X,Y\n\"DK\"1\",1,2\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, msg := fails(t, c.text, Options{})
			if e.Code != apperr.Invalid || !strings.Contains(msg, c.want) {
				t.Errorf("%s: %s, want %q", e.Code, msg, c.want)
			}
		})
	}
	if _, err := ReadCSV(strings.NewReader("地块编号,WKT\nA,\"POLYGON((120.5 27.6,120.6 27.6,120.6 27.7,120.5 27.6))\"\n"), Options{}); !errors.Is(err, ErrWKT) {
		t.Errorf("a WKT column: %v", err)
	}
	// Several faults, one report, in row order.
	text := strings.Replace(strings.Replace(zone40, "J4,3062000,", "J4,x,", 1), "J2,3061800,", "J2,y,", 1)
	if e, _ := fails(t, text, Options{}); len(e.Fields) != 2 || e.Fields[0].Field != "row 3" || e.Fields[1].Field != "row 5" {
		t.Errorf("two faults: %+v", e.Fields)
	}
}

func TestRowCap(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(zone40)
	for range 10 {
		sb.WriteString("HX-2,1,J1,3061800,40555000\n")
	}
	_, err := readCSV(strings.NewReader(sb.String()), Options{}, 12)
	if apperr.CodeOf(err) != apperr.TooLarge {
		t.Errorf("15 rows with a cap of 12: %v", err)
	}
}

func TestCoordinate(t *testing.T) {
	for s, want := range map[string]float64{"120.5": 120.5, "4.0555E7": 40555000, "-1": -1, "120°30'": 120.5, "120°30′36″E": 120.51,
		"S 27°30'": -27.5, "27.5°": 27.5, "120度30分36秒": 120.51, "120°30'36''": 120.51} {
		if got, err := coordinate(s); err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("coordinate(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "NaN", "Inf", "0x10", "1_000", "120°61'", "120.5°30'", "N27°E", "120,5", "1e999x"} {
		if got, err := coordinate(s); err == nil {
			t.Errorf("coordinate(%q) = %v, want an error", s, got)
		}
	}
}
