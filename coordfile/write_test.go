package coordfile

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

func TestWriteRoundTrip(t *testing.T) {
	for _, enc := range []Encoding{UTF8, GBK} {
		t.Run(string(enc), func(t *testing.T) {
			f, err := Parse(strings.NewReader(goodFile))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, f, enc); err != nil {
				t.Fatal(err)
			}
			out := buf.Bytes()
			if bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) || !bytes.HasSuffix(out, []byte("\r\n")) {
				t.Error("lines must end in CRLF")
			}
			if enc == GBK && bytes.Contains(out, []byte("昆阳镇")) {
				t.Error("GBK output holds UTF-8 text")
			}
			g, err := Parse(bytes.NewReader(out))
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if g.Encoding != enc || g.CRS.EPSG != f.CRS.EPSG || len(g.Warnings) != 0 {
				t.Errorf("encoding %s, CRS %d, warnings %v", g.Encoding, g.CRS.EPSG, g.Warnings)
			}
			if len(g.Attributes) != len(f.Attributes) {
				t.Fatalf("attributes %v", g.Attributes)
			}
			for i := range f.Attributes {
				if g.Attributes[i] != f.Attributes[i] {
					t.Errorf("attribute %d: %v, want %v", i, g.Attributes[i], f.Attributes[i])
				}
			}
			if len(g.Parcels) != len(f.Parcels) {
				t.Fatalf("%d parcels", len(g.Parcels))
			}
			for i, want := range f.Parcels {
				got := g.Parcels[i]
				if got.ID != want.ID || got.Name != want.Name || got.AreaHa != want.AreaHa || got.Use != want.Use || got.LandClass != want.LandClass ||
					got.Sheet != want.Sheet || got.Shape != want.Shape || got.PointCount != want.PointCount {
					t.Errorf("parcel %d: %+v, want %+v", i, got, want)
				}
				if !sameGeometry(got.Geometry, want.Geometry, 0.0005) {
					t.Errorf("parcel %s geometry %v, want %v", want.ID, got.Geometry, want.Geometry)
				}
			}
		})
	}
}

func sameGeometry(a, b orb.MultiPolygon, eps float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if len(a[i][j]) != len(b[i][j]) {
				return false
			}
			for k := range a[i][j] {
				if math.Abs(a[i][j][k][0]-b[i][j][k][0]) > eps || math.Abs(a[i][j][k][1]-b[i][j][k][1]) > eps {
					return false
				}
			}
		}
	}
	return true
}

// An export starts from stored shapes: no attributes, rings not closed, numbers assigned by Write.
func TestWriteFromGeometry(t *testing.T) {
	g, _ := geodesy.DeclaredCRS("EPSG:4528")
	sq := orb.Ring{{40555250, 3061997}, {40555350, 3061997}, {40555350, 3062097}, {40555250, 3062097}}
	f := &File{CRS: g, Attributes: DefaultAttributes(g, "平阳县小微企业园地图", "2026-12-02"),
		Parcels: []Parcel{{ID: "P1", Name: "测试", AreaHa: 1, Geometry: orb.MultiPolygon{{sq}}}}}
	var buf bytes.Buffer
	if err := Write(&buf, f, UTF8); err != nil {
		t.Fatal(err)
	}
	want := "[地块坐标]\r\n5,1,P1,测试,面,,,,@\r\nJ1,1,3061997.000,40555250.000\r\nJ2,1,3061997.000,40555350.000\r\n" +
		"J3,1,3062097.000,40555350.000\r\nJ4,1,3062097.000,40555250.000\r\nJ1,1,3061997.000,40555250.000\r\n"
	if !strings.HasSuffix(buf.String(), want) || !strings.HasPrefix(buf.String(), "[属性描述]\r\n格式版本号=1.0\r\n") {
		t.Errorf("output:\n%s", buf.String())
	}
	back, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.CRS.EPSG != 4528 || back.Parcels[0].ComputedHa != 1 || back.Attr("数据产生单位") != "平阳县小微企业园地图" {
		t.Errorf("read back %+v", back)
	}
}

func TestWriteRefuses(t *testing.T) {
	g, _ := geodesy.DeclaredCRS("EPSG:4528")
	sq := orb.Ring{{40555250, 3061997}, {40555350, 3061997}, {40555350, 3062097}, {40555250, 3061997}}
	wgs, _ := geodesy.DeclaredCRS("WGS84")
	for name, tt := range map[string]struct {
		f     *File
		enc   Encoding
		field string
	}{
		"two parts":      {&File{CRS: g, Parcels: []Parcel{{ID: "P", Geometry: orb.MultiPolygon{{sq}, {sq}}}}}, UTF8, "parcel P"},
		"comma in name":  {&File{CRS: g, Parcels: []Parcel{{ID: "P", Name: "a,b", Geometry: orb.MultiPolygon{{sq}}}}}, UTF8, "parcel P"},
		"not in GBK":     {&File{CRS: g, Parcels: []Parcel{{ID: "P", Name: "园区🏭", Geometry: orb.MultiPolygon{{sq}}}}}, GBK, "encoding"},
		"degrees":        {&File{CRS: wgs}, UTF8, "crs"},
		"newline in key": {&File{CRS: g, Attributes: []Attribute{{"a\nb", "c"}}}, UTF8, "attribute a\nb"},
		"odd encoding":   {&File{CRS: g}, "Big5", "encoding"},
	} {
		err := Write(&bytes.Buffer{}, tt.f, tt.enc)
		if e, ok := apperr.As(err); !ok || e.Field != tt.field || e.Fields[0].MessageZh == "" {
			t.Errorf("%s: want an error on %q, got %v", name, tt.field, err)
		}
	}
}
