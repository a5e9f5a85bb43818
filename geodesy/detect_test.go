package geodesy

import (
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

// Kunyang (昆阳镇, 120.56°E 27.67°N) and the county's corners in each system, computed at
// development time with PostGIS 3.3:
//
//	SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(120.56, 27.67), 4490), 4528) p;
//
// 4528: 40555250.041 3061997.590   4549: 555250.041 3061997.590
// 4498: 20851358.664 3066945.419   4509: 851358.664 3066945.419
// South-west corner 120.07°E 27.43°N in 4528: 40506921.221 3035279.216; north-east 121.13°E
// 27.77°N: 40611388.129 3073465.518.
func TestDetectCRS(t *testing.T) {
	tests := []struct {
		name    string
		b       Bounds
		crs     string
		epsg    int
		swapped bool
		zone    int
	}{
		{"lon/lat", Bounds{120.07, 27.43, 121.13, 27.77}, CRSWGS84, 4326, false, 0},
		{"lat/lon", Bounds{27.43, 120.07, 27.77, 121.13}, CRSWGS84, 4326, true, 0},
		{"zone 40 prefix", Bounds{40506921.221, 3035279.216, 40611388.129, 3073465.518}, CRSGK40, 4528, false, 40},
		{"zone 40 prefix northing first", Bounds{3035279.216, 40506921.221, 3073465.518, 40611388.129}, CRSGK40, 4528, true, 40},
		{"CM 120 no prefix", Bounds{555250.041, 3061997.590, 555350, 3062100}, CRSGKCM120, 4549, false, 40},
		{"CM 120 no prefix northing first", Bounds{3061997.590, 555250.041, 3062100, 555350}, CRSGKCM120, 4549, true, 40},
		{"6° zone 20 prefix", Bounds{20851358.664, 3066945.419, 20851400, 3067000}, CRSGK6Zone20, 4498, false, 20},
		{"6° CM 117 no prefix", Bounds{851358.664, 3066945.419, 851400, 3067000}, CRSGK6CM117, 4509, false, 20},
		{"6° CM 117 northing first", Bounds{3066945.419, 851358.664, 3067000, 851400}, CRSGK6CM117, 4509, true, 20},
		{"one point", Bounds{120.56, 27.67, 120.56, 27.67}, CRSWGS84, 4326, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := DetectCRS(tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if g.CRS != tt.crs || g.EPSG != tt.epsg || g.Swapped != tt.swapped || g.Zone != tt.zone {
				t.Errorf("got %+v, want %s %d swapped=%v zone %d", g, tt.crs, tt.epsg, tt.swapped, tt.zone)
			}
			if g.Reason == "" || g.ReasonZh == "" {
				t.Errorf("no reason: %+v", g)
			}
			if tt.swapped && (!strings.Contains(g.Reason, "swapped") || !strings.Contains(g.ReasonZh, "颠倒")) {
				t.Errorf("swap not said: %q / %q", g.Reason, g.ReasonZh)
			}
		})
	}
}

func TestDetectCRSFitsNone(t *testing.T) {
	for name, b := range map[string]Bounds{
		"Beijing lon/lat":         {116.3, 39.9, 116.5, 40.0},
		"zone 40 but 200 km away": {40555250, 3261997, 40555350, 3262100},
		"spans county and beyond": {120.5, 27.6, 122.5, 27.7},
		"wrong zone prefix 39":    {39555250, 3061997, 39555350, 3062100},
		"metres near zero":        {0, 0, 100, 100},
		"NaN":                     {MinX: 1, MinY: 2, MaxX: 3},
	} {
		b := b
		if name == "NaN" {
			b.MaxY = nan()
		}
		t.Run(name, func(t *testing.T) {
			_, err := DetectCRS(b)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid || e.Field != "crs" || len(e.Fields) != 1 || !strings.Contains(e.Fields[0].MessageZh, "坐标系") {
				t.Fatalf("want an Invalid crs error with a Chinese message, got %#v", err)
			}
		})
	}
}

func nan() float64 { var z float64; return z / z }

func TestDeclaredCRS(t *testing.T) {
	for in, want := range map[string][2]any{
		"EPSG:4528": {CRSGK40, 4528}, "4549": {CRSGKCM120, 4549}, " epsg:4498 ": {CRSGK6Zone20, 4498},
		"4509": {CRSGK6CM117, 4509}, "CGCS2000": {CRSWGS84, 4490}, "EPSG:4490": {CRSWGS84, 4490},
		"GCJ02": {CRSGCJ02, 0}, "gcj-02": {CRSGCJ02, 0}, "高德": {CRSGCJ02, 0}, "WGS84": {CRSWGS84, 4326},
		"CRS84": {CRSWGS84, 4326}, "urn:ogc:def:crs:EPSG::4528": {CRSGK40, 4528}, "2000国家大地坐标系": {CRSWGS84, 4490},
		"urn:ogc:def:crs:EPSG::4490": {CRSWGS84, 4490},
	} {
		g, err := DeclaredCRS(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if g.CRS != want[0] || g.EPSG != want[1] || !strings.Contains(g.ReasonZh, "用户指定") {
			t.Errorf("%q: got %+v, want %v", in, g, want)
		}
	}
	for in, zh := range map[string]string{"EPSG:9999": "无法识别", "": "无法识别", "西安80": "西安", "Beijing 1954": "北京", "gcj": "无法识别"} {
		_, err := DeclaredCRS(in)
		e, ok := apperr.As(err)
		if !ok || e.Field != "crs" || e.Code != apperr.Invalid || !strings.Contains(e.Fields[0].MessageZh, zh) {
			t.Errorf("%q: want a crs error saying %s, got %v", in, zh, err)
		}
	}
}

func TestSRIDOfSixDegreeZones(t *testing.T) {
	if SRID(CRSGK6Zone20) != 4498 || SRID(CRSGK6CM117) != 4509 {
		t.Fatal("6° SRIDs")
	}
	if _, err := ParseCRS("EPSG:4498", "crs"); err == nil {
		t.Fatal("ParseCRS (the eligibility check's) must still refuse the 6° zones")
	}
}
