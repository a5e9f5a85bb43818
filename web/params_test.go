package web

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/cql2"
)

// wantInvalid checks that err is an EInvalid application error naming field in its field and message.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want a *apperr.Error", err)
	}
	if ae.Code != apperr.Invalid {
		t.Errorf("code = %q, want %q", ae.Code, apperr.Invalid)
	}
	if field != "" && (ae.Field != field || !strings.Contains(ae.Message, field)) {
		t.Errorf("error %q (field %q) does not name %q", ae.Message, ae.Field, field)
	}
}

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in   string
		want []float64 // nil: an error
	}{
		{"120.1,27.4,120.8,27.9", []float64{120.1, 27.4, 120.8, 27.9}},
		{" 120.1 , 27.4,120.8,27.9", []float64{120.1, 27.4, 120.8, 27.9}},
		{"-180,-90,180,90", []float64{-180, -90, 180, 90}},
		{"1.2e2,27,121,28", []float64{120, 27, 121, 28}},
		{"120,27,120,27", []float64{120, 27, 120, 27}},                        // a point is a box
		{"120.1,27.4,-5,120.8,27.9,100", []float64{120.1, 27.4, 120.8, 27.9}}, // heights ignored
		{"", nil},
		{"120,27,121", nil},
		{"120,27,121,28,29", nil},
		{"120,27,121,28,29,30,31", nil},
		{"120,27,,28", nil},
		{"120,27,x,28", nil},
		{"NaN,27,121,28", nil},
		{"120,nan,121,28", nil},
		{"120,27,Inf,28", nil},
		{"120,27,+Inf,28", nil},
		{"-Infinity,27,121,28", nil},
		{"0x1p7,27,121,28", nil},
		{"1_20,27,121,28", nil},
		{"1e400,27,121,28", nil},
		{"-180.0001,27,121,28", nil},
		{"120,27,180.5,28", nil},
		{"120,-90.5,121,28", nil},
		{"120,27,121,91", nil},
		{"120,28,121,27", nil},  // south of north
		{"170,27,-170,28", nil}, // antimeridian
		{"120;27;121;28", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseBBox(tt.in)
			if tt.want == nil {
				wantInvalid(t, err, "bbox")
				return
			}
			if err != nil {
				t.Fatalf("parseBBox(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseBBox(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseBBoxAntimeridianMessage(t *testing.T) {
	_, err := parseBBox("170,27,-170,28")
	if err == nil || !strings.Contains(err.Error(), "antimeridian") {
		t.Errorf("err = %v, want one about the antimeridian", err)
	}
}

func TestParseLimitOffset(t *testing.T) {
	tests := []struct {
		param, in string
		want      int // -1: an error
	}{
		{"limit", "1", 1},
		{"limit", "100", 100},
		{"limit", "1000", 1000},
		{"limit", "1001", 1001},
		{"limit", "10000", 10000},
		{"limit", "10001", maxLimit},
		{"limit", "50000", maxLimit},
		{"limit", "99999999999999999999999", maxLimit},
		{"limit", "0", -1},
		{"limit", "-1", -1},
		{"limit", "-99999999999999999999999", -1},
		{"limit", "1.5", -1},
		{"limit", "1e3", -1},
		{"limit", "ten", -1},
		{"limit", "", -1},
		{"limit", " 5", -1},
		{"offset", "0", 0},
		{"offset", "40", 40},
		{"offset", "9223372036854775807", 9223372036854775807},
		{"offset", "9223372036854775808", -1},
		{"offset", "-1", -1},
		{"offset", "1.0", -1},
		{"offset", "", -1},
		{"offset", "x", -1},
	}
	for _, tt := range tests {
		t.Run(tt.param+"="+tt.in, func(t *testing.T) {
			parse := parseLimit
			if tt.param == "offset" {
				parse = parseOffset
			}
			got, err := parse(tt.in)
			if tt.want < 0 {
				wantInvalid(t, err, tt.param)
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("%s(%q) = %d, %v; want %d", tt.param, tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseFilter(t *testing.T) {
	str := catalog.Property{Name: "town", Type: "string"}
	integer := catalog.Property{Name: "year", Type: "integer"}
	boolean := catalog.Property{Name: "old_factory", Type: "boolean"}
	number := catalog.Property{Name: "area_mu", Type: "number"}
	array := catalog.Property{Name: "industries", Type: "array"}
	tests := []struct {
		p    catalog.Property
		in   string
		want any // nil: an error
	}{
		{str, "萧江镇", "萧江镇"},
		{str, "a'b\"c;--", "a'b\"c;--"},
		{str, "", nil},
		{str, "\xff\xfe", nil},
		{str, "a\x00b", nil},
		{str, strings.Repeat("镇", 100), nil}, // 300 bytes
		{integer, "2019", int64(2019)},
		{integer, "-3", int64(-3)},
		{integer, "2019.0", nil},
		{integer, "二〇一九", nil},
		{integer, "99999999999", nil}, // beyond int4, the column's type
		{boolean, "true", true},
		{boolean, "false", false},
		{boolean, "1", nil},
		{boolean, "TRUE", nil},
		{boolean, "yes", nil},
		{number, "12.5", 12.5},
		{number, "NaN", nil},
		{array, "皮革", "皮革"},
	}
	for _, tt := range tests {
		t.Run(tt.p.Name+"="+tt.in, func(t *testing.T) {
			got, err := parseFilter(tt.p, tt.in)
			if tt.want == nil {
				wantInvalid(t, err, tt.p.Name)
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("parseFilter(%s, %q) = %#v, %v; want %#v", tt.p.Name, tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseItemsQuery(t *testing.T) {
	parks, _ := catalog.Default().Collection("parks")
	redevelopment, _ := catalog.Default().Collection("redevelopment")
	parcels, _ := catalog.Default().Collection("parcels")
	tests := []struct {
		c       catalog.Collection
		raw     string
		want    catalog.Selection
		errName string // the parameter the error names; "" with want set: no error
		fails   bool
	}{
		{c: parks, raw: "", want: catalog.Selection{Limit: 100}},
		{c: parks, raw: "f=json", want: catalog.Selection{Limit: 100}},
		{c: parks, raw: "f=geojson&limit=5&offset=10", want: catalog.Selection{Limit: 5, Offset: 10}},
		{c: parks, raw: "status=%E5%9C%A8%E5%BB%BA&town=萧江镇", want: catalog.Selection{Limit: 100,
			Filters: map[string]any{"status": "在建", "town": "萧江镇"}}},
		{c: parks, raw: "bbox=120,27,121,28&bbox-crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FOGC%2F1.3%2FCRS84",
			want: catalog.Selection{Limit: 100, BBox: []float64{120, 27, 121, 28}}},
		{c: redevelopment, raw: "old_factory=false", want: catalog.Selection{Limit: 100, Filters: map[string]any{"old_factory": false}}},
		{c: parks, raw: "foo=1", fails: true, errName: "foo"},
		{c: parks, raw: "name=x", fails: true, errName: "name"}, // a property, but not filterable
		{c: parks, raw: "Status=在建", fails: true, errName: "Status"},
		// datetime is checked for every collection (the store ignores it for one without time: see
		// TestFeatureSelection); parcels answer by supply year in China Standard Time: 2018-12-31T16:00Z
		// is already 2019 there.
		{c: parks, raw: "datetime=2019-01-01T00:00:00Z", want: catalog.Selection{Limit: 100, Years: &[2]int{2019, 2019}}},
		{c: parcels, raw: "datetime=2018-12-31T16:00:00Z", want: catalog.Selection{Limit: 100, Years: &[2]int{2019, 2019}}},
		{c: parcels, raw: "datetime=2019-06-01/..", want: catalog.Selection{Limit: 100, Years: &[2]int{2019, 9999}}},
		{c: parcels, raw: "datetime=../2020-12-31", want: catalog.Selection{Limit: 100, Years: &[2]int{0, 2020}}},
		{c: parcels, raw: "datetime=2019-01-01T00:00:00%2B08:00/2020-01-01T00:00:00%2B08:00",
			want: catalog.Selection{Limit: 100, Years: &[2]int{2019, 2020}}},
		{c: parcels, raw: "datetime=2020-01-01/2019-01-01", fails: true, errName: "datetime"},
		{c: parcels, raw: "datetime=2019", fails: true, errName: "datetime"},
		{c: parcels, raw: "datetime=2019-01-01/2019-02-01/2019-03-01", fails: true, errName: "datetime"},
		{c: parks, raw: "datetime=yesterday", fails: true, errName: "datetime"},
		{c: parks, raw: "properties=town,name,phases", want: catalog.Selection{Limit: 100, Properties: []string{"name", "town", "phases"}}},
		{c: parks, raw: "properties=", want: catalog.Selection{Limit: 100, Properties: []string{}}},
		{c: parks, raw: "properties=name,nope", fails: true, errName: "properties"},
		{c: parks, raw: "skipGeometry=true", want: catalog.Selection{Limit: 100, SkipGeometry: true}},
		{c: parks, raw: "skipGeometry=yes", fails: true, errName: "skipGeometry"},
		{c: parks, raw: "sortby=-plan_area_mu,%2Bname", want: catalog.Selection{Limit: 100,
			SortBy: []catalog.SortKey{{Name: "plan_area_mu", Desc: true}, {Name: "name"}}}},
		{c: parks, raw: "sortby=industries", fails: true, errName: "sortby"},
		{c: parks, raw: "sortby=phases", fails: true, errName: "sortby"},
		{c: parks, raw: "sortby=name,-name", fails: true, errName: "sortby"},
		{c: parks, raw: "sortby=name,,seq", fails: true, errName: "sortby"},
		{c: parks, raw: "f=html", want: catalog.Selection{Limit: 100}},
		{c: parks, raw: "f=pdf", fails: true, errName: "f"},
		{c: parks, raw: "bbox-crs=EPSG:4979", fails: true, errName: "bbox-crs"},
		{c: parks, raw: "crs=EPSG:4326x", fails: true, errName: "crs"},
		{c: parks, raw: "bbox=30,120,31,121&bbox-crs=EPSG:4326", want: catalog.Selection{Limit: 100, BBox: []float64{30, 120, 31, 121}, BBoxCRS: crsOf(4326)}},
		{c: parks, raw: "crs=%5BEPSG:4490%5D&bbox=3050000,540000,3060000,560000&bbox-crs=EPSG:4549",
			want: catalog.Selection{Limit: 100, CRS: crsOf(4490), BBox: []float64{3050000, 540000, 3060000, 560000}, BBoxCRS: crsOf(4549)}},
		{c: parks, raw: "filter=town%20%3D%20'a'&filter-crs=EPSG:4549&filter-lang=cql2-text", want: catalog.Selection{Limit: 100, FilterCRS: crsOf(4549),
			Filter: cql2.Compare{Left: cql2.Operand{Property: "town", Type: cql2.String}, Op: "=", Right: cql2.Operand{Value: "a", Type: cql2.String}}}},
		{c: parks, raw: "filter=town%20%3D%201", fails: true, errName: "filter"},
		{c: parks, raw: "filter=TRUE&filter-lang=cql2-json", fails: true, errName: "filter-lang"},
		{c: parks, raw: "filter=TRUE&filter-crs=EPSG:1", fails: true, errName: "filter-crs"},
		{c: parks, raw: "limit=5&limit=6", fails: true, errName: "limit"},
		{c: parks, raw: "status=", fails: true, errName: "status"},
		{c: redevelopment, raw: "old_factory=maybe", fails: true, errName: "old_factory"},
		{c: parks, raw: "bbox=%zz", fails: true},
		{c: parks, raw: "limit=-1", fails: true, errName: "limit"},
		{c: parks, raw: "offset=-1", fails: true, errName: "offset"},
	}
	for _, tt := range tests {
		t.Run(tt.c.ID+"?"+tt.raw, func(t *testing.T) {
			q, err := parseQuery(tt.raw)
			var got catalog.Selection
			if err == nil {
				got, err = parseItemsQuery(tt.c, q)
			}
			if tt.fails {
				wantInvalid(t, err, tt.errName)
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.raw, err)
			}
			// Both CRSs default to CRS84 unless the case names one.
			want := tt.want
			if want.CRS.URI == "" {
				want.CRS = catalog.CRSs[0]
			}
			if want.BBoxCRS.URI == "" {
				want.BBoxCRS = catalog.CRSs[0]
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got %+v, want %+v", tt.raw, got, want)
			}
		})
	}
}

func crsOf(srid int) catalog.CRS {
	for _, c := range catalog.CRSs {
		if c.SRID == srid {
			return c
		}
	}
	panic(srid)
}

func TestParseQueryMalformed(t *testing.T) {
	if _, err := parseQuery("a=%"); err == nil {
		t.Error("parseQuery(a=%) succeeded")
	}
	q, err := parseQuery("a=1&b=%E5%9C%A8")
	if err != nil || !reflect.DeepEqual(q, url.Values{"a": {"1"}, "b": {"在"}}) {
		t.Errorf("parseQuery = %v, %v", q, err)
	}
}
