package coordfile

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// goodFile is a two-parcel approval file near 昆阳镇 in CGCS2000 3° zone 40 (EPSG:4528). The points
// are lon/lat corners around 120.56°E 27.67°N transformed at development time with PostGIS 3.3:
//
//	SELECT ST_Y(p), ST_X(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(120.5600, 27.6700), 4490), 4528) p;
//	-- 3061997.590 40555250.041
//
// DK-1 is a 197 m × 166 m block with a 33 m × 39 m hole (3.1489 公顷 net), DK-2 a pentagon (5.8168 公顷);
// the areas are the planar shoelace areas of these points.
const goodFile = `[属性描述]
格式版本号=1.01版本
数据产生单位=平阳县自然资源和规划局
数据产生日期=2024-05-20
坐标系=2000国家大地坐标系
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号=40
精度=0.01
转换参数=,,,,,,
[地块坐标]
10,3.1489,DK-1,昆阳镇小微企业园一期,面,H51G030080,工业用地,0601,@
J1,1,3061997.590,40555250.041
J2,1,3061998.488,40555447.366
J3,1,3062164.713,40555446.609
J4,1,3062163.816,40555249.287
J1,1,3061997.590,40555250.041
J5,2,3062042.141,40555299.171
J6,2,3062075.386,40555299.020
J7,2,3062075.566,40555338.485
J8,2,3062042.321,40555338.636
J5,2,3062042.141,40555299.171
6,5.8168,DK-2,昆阳镇小微企业园二期,面,H51G030080,工业用地,0601,@
J1,1,3061889.022,40555743.862
J2,1,3061867.855,40555961.023
J3,1,3062023.362,40556039.240
J4,1,3062133.363,40555861.139
J5,1,3062055.158,40555723.368
J1,1,3061889.022,40555743.862
`

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseGood(t *testing.T) {
	for name, in := range map[string][]byte{
		"UTF-8 LF":       []byte(goodFile),
		"UTF-8 BOM CRLF": append([]byte{0xEF, 0xBB, 0xBF}, crlf(goodFile)...),
		"GBK CRLF":       gbk(t, crlf(goodFile)),
	} {
		t.Run(name, func(t *testing.T) {
			f, err := Parse(bytes.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			wantEnc := UTF8
			if strings.HasPrefix(name, "GBK") {
				wantEnc = GBK
			}
			if f.Encoding != wantEnc || f.EncodingReason == "" {
				t.Errorf("encoding %s (%s), want %s", f.Encoding, f.EncodingReason, wantEnc)
			}
			if f.CRS.EPSG != 4528 || !f.CRS.Swapped || f.CRS.Zone != 40 || !strings.Contains(f.CRS.ReasonZh, "2000国家大地坐标系") {
				t.Errorf("CRS %+v", f.CRS)
			}
			if len(f.Attributes) != 10 || f.Attributes[1] != (Attribute{"数据产生单位", "平阳县自然资源和规划局"}) || f.Attr("带号") != "40" {
				t.Errorf("attributes %v", f.Attributes)
			}
			if len(f.Parcels) != 2 || len(f.Warnings) != 0 {
				t.Fatalf("parcels %d, warnings %v", len(f.Parcels), f.Warnings)
			}
			p := f.Parcels[0]
			if p.ID != "DK-1" || p.Name != "昆阳镇小微企业园一期" || p.Use != "工业用地" || p.LandClass != "0601" || p.Sheet != "H51G030080" || p.Shape != "面" || p.Line != 13 {
				t.Errorf("parcel fields %+v", p)
			}
			if math.Abs(p.AreaMu()-47.2335) > 1e-9 || math.Abs(p.ComputedHa-3.1489) > 0.0001 {
				t.Errorf("areas %.4f 亩, computed %.6f 公顷", p.AreaMu(), p.ComputedHa)
			}
			if len(p.Rings) != 2 || p.Rings[1].Number != 2 || p.Rings[1].Points[0].No != "J5" || p.Rings[1].Points[0].Line != 19 {
				t.Errorf("rings %+v", p.Rings)
			}
			g := p.Geometry
			if len(g) != 1 || len(g[0]) != 2 || g[0][0][0] != (orb.Point{40555250.041, 3061997.590}) {
				t.Errorf("geometry not in (easting, northing): %v", g)
			}
			if g[0][0].Orientation() != orb.CCW || g[0][1].Orientation() != orb.CW {
				t.Error("outer ring must be counter-clockwise and holes clockwise")
			}
		})
	}
}

func TestParseWithoutPrefix(t *testing.T) {
	in := strings.ReplaceAll(goodFile, ",40555", ",555")
	in = strings.ReplaceAll(in, ",40556", ",556")
	f, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if f.CRS.EPSG != 4549 || f.CRS.CRS != geodesy.CRSGKCM120 {
		t.Errorf("want EPSG:4549, got %+v", f.CRS)
	}
}

func TestParseAreaWarning(t *testing.T) {
	f, err := Parse(strings.NewReader(strings.Replace(goodFile, "10,3.1489,", "10,3.3000,", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 1 || f.Warnings[0].Field != "parcel DK-1" || !strings.Contains(f.Warnings[0].MessageZh, "相差 4.6%") {
		t.Errorf("warnings %+v", f.Warnings)
	}
}

func TestParseOverride(t *testing.T) {
	xian := strings.Replace(goodFile, "坐标系=2000国家大地坐标系", "坐标系=1980西安坐标系", 1)
	if _, err := Parse(strings.NewReader(xian)); err == nil {
		t.Fatal("Xi'an 1980 taken silently")
	}
	f, err := ParseWith(strings.NewReader(xian), Options{CRS: "EPSG:4528"})
	if err != nil {
		t.Fatal(err)
	}
	if f.CRS.EPSG != 4528 || !f.CRS.Swapped || !strings.Contains(f.CRS.ReasonZh, "用户指定") {
		t.Errorf("CRS %+v", f.CRS)
	}
	wantProblem(t, xian, Options{CRS: "EPSG:4549"}, "crs", "与坐标不符")
	wantProblem(t, goodFile, Options{CRS: "西安80"}, "crs", "1980 西安")
	wantProblem(t, string(gbk(t, goodFile)), Options{Encoding: UTF8}, "encoding", "不是有效的 UTF-8")
	// UTF-8 Chinese forced as GBK does not decode cleanly: the mojibake is caught, not stored.
	wantProblem(t, goodFile, Options{Encoding: GBK}, "encoding", "不是有效的 GBK")
}

// wantProblem parses in and wants an Invalid error one of whose fields is field with zh in its
// Chinese message.
func wantProblem(t *testing.T, in string, opt Options, field, zh string) {
	t.Helper()
	_, err := ParseWith(strings.NewReader(in), opt)
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("want an Invalid error, got %v", err)
	}
	for _, fe := range e.Fields {
		if fe.Field == field && strings.Contains(fe.MessageZh, zh) && fe.Message != "" {
			return
		}
	}
	t.Errorf("no problem %s %q among %+v", field, zh, e.Fields)
}
