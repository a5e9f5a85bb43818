package eligibility

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

const square = `{"type":"Polygon","coordinates":[[[120.55,27.66],[120.552,27.66],[120.552,27.662],[120.55,27.662],[120.55,27.66]]]}`

func TestParseCRS(t *testing.T) {
	for in, want := range map[string]string{
		"": geodesy.CRSWGS84, "EPSG:4326": geodesy.CRSWGS84, "epsg:4326": geodesy.CRSWGS84, "CRS84": geodesy.CRSWGS84, "EPSG:4490": geodesy.CRSWGS84,
		"urn:ogc:def:crs:OGC:1.3:CRS84": geodesy.CRSWGS84, "GCJ02": geodesy.CRSGCJ02, "gcj-02": geodesy.CRSGCJ02,
		"EPSG:4528": geodesy.CRSGK40, "urn:ogc:def:crs:EPSG::4549": geodesy.CRSGKCM120, " EPSG:4549 ": geodesy.CRSGKCM120,
	} {
		if got, err := geodesy.ParseCRS(in, "crs"); err != nil || got != want {
			t.Errorf("ParseCRS(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"EPSG:3857", "BD09", "4326"} {
		if _, err := geodesy.ParseCRS(in, "crs"); err == nil || err.(*apperr.Error).Field != "crs" {
			t.Errorf("ParseCRS(%q) = %v, want an error naming crs", in, err)
		}
	}
}

func TestParseGeometry(t *testing.T) {
	mp, err := ParseGeometry(json.RawMessage(square), geodesy.CRSWGS84, "geometry")
	if err != nil || len(mp) != 1 || len(mp[0][0]) != 5 {
		t.Fatalf("square: %v, %v", mp, err)
	}
	multi := `{"type":"MultiPolygon","coordinates":[[[[120.55,27.66],[120.552,27.66],[120.552,27.662],[120.55,27.66]]],[[[120.56,27.66],[120.562,27.66],[120.562,27.662],[120.56,27.66]]]]}`
	if mp, err := ParseGeometry(json.RawMessage(multi), geodesy.CRSWGS84, "geometry"); err != nil || len(mp) != 2 {
		t.Errorf("multipolygon: %v, %v", mp, err)
	}
	// A third number (height) is allowed and dropped.
	if _, err := ParseGeometry(json.RawMessage(strings.ReplaceAll(square, "27.66]", "27.66,5]")), geodesy.CRSWGS84, "geometry"); err != nil {
		t.Errorf("positions with heights: %v", err)
	}
	ring := func(pts ...[2]float64) string {
		b, _ := json.Marshal(map[string]any{"type": "Polygon", "coordinates": [][][2]float64{pts}})
		return string(b)
	}
	big := make([][2]float64, 0, MaxVertices+2)
	for i := 0; i <= MaxVertices; i++ {
		a := 2 * math.Pi * float64(i) / float64(MaxVertices)
		big = append(big, [2]float64{120.55 + 0.001*math.Cos(a), 27.66 + 0.001*math.Sin(a)})
	}
	big[len(big)-1] = big[0]
	for _, tc := range []struct {
		name, geom, crs, says string
	}{
		{"point", `{"type":"Point","coordinates":[120.5,27.6]}`, geodesy.CRSWGS84, "Point"},
		{"feature", `{"type":"Feature","geometry":` + square + `}`, geodesy.CRSWGS84, "Feature"},
		{"not an object", `[1,2]`, geodesy.CRSWGS84, "GeoJSON Polygon"},
		{"no coordinates", `{"type":"Polygon"}`, geodesy.CRSWGS84, "no coordinates"},
		{"text coordinates", `{"type":"Polygon","coordinates":[[["a","b"]]]}`, geodesy.CRSWGS84, "coordinates"},
		{"unclosed ring", ring([2]float64{120.55, 27.66}, [2]float64{120.552, 27.66}, [2]float64{120.552, 27.662}, [2]float64{120.55, 27.662}), geodesy.CRSWGS84, "not closed"},
		{"three positions", ring([2]float64{120.55, 27.66}, [2]float64{120.552, 27.66}, [2]float64{120.55, 27.66}), geodesy.CRSWGS84, "at least 4"},
		{"latitude 120", ring([2]float64{27.66, 120.55}, [2]float64{27.66, 120.552}, [2]float64{27.662, 120.552}, [2]float64{27.66, 120.55}), geodesy.CRSWGS84, "out of range"},
		{"projected sent as degrees", ring([2]float64{554666, 3062218}, [2]float64{554766, 3062218}, [2]float64{554766, 3062318}, [2]float64{554666, 3062218}), geodesy.CRSWGS84, "EPSG:4549"},
		{"northing first", ring([2]float64{3062218, 554666}, [2]float64{3062218, 554766}, [2]float64{3062318, 554766}, [2]float64{3062218, 554666}), geodesy.CRSGKCM120, "easting comes first"},
		{"zone 40 without prefix", ring([2]float64{554666, 3062218}, [2]float64{554766, 3062218}, [2]float64{554766, 3062318}, [2]float64{554666, 3062218}), geodesy.CRSGK40, "EPSG:4549"},
		{"too many vertices", ring(big...), geodesy.CRSWGS84, "10000"},
		{"empty multipolygon", `{"type":"MultiPolygon","coordinates":[]}`, geodesy.CRSWGS84, "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseGeometry(json.RawMessage(tc.geom), tc.crs, "geometry")
			e, ok := err.(*apperr.Error)
			if !ok || e.Code != apperr.Invalid || e.Field != "geometry" || !strings.Contains(e.Message, tc.says) || !strings.Contains(e.Message, "geometry") {
				t.Errorf("err = %v; want invalid, naming geometry, saying %q", err, tc.says)
			}
		})
	}
}

// GCJ-02 input is converted to WGS84 before it reaches the database: the 昆阳镇 seat, sent as AMap shows it,
// comes back where it is.
func TestParseGeometryConvertsGCJ02(t *testing.T) {
	seat := orb.Point{120.55410, 27.67202}
	g := geodesy.GCJ02FromWGS84(seat)
	if d := math.Hypot((g[0]-seat[0])*98700, (g[1]-seat[1])*110800); d < 300 || d > 800 {
		t.Fatalf("GCJ-02 offset %.0f m, expected about 500 m here", d)
	}
	d := 0.001
	geom := fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[1]v,%[2]v],[%[3]v,%[2]v],[%[3]v,%[4]v],[%[1]v,%[4]v],[%[1]v,%[2]v]]]}`,
		g[0], g[1], g[0]+d, g[1]+d)
	mp, err := ParseGeometry(json.RawMessage(geom), geodesy.CRSGCJ02, "geometry")
	if err != nil {
		t.Fatal(err)
	}
	got := mp[0][0][0]
	if math.Abs(got[0]-seat[0]) > 1e-8 || math.Abs(got[1]-seat[1]) > 1e-8 {
		t.Errorf("GCJ-02 corner came back at %v, want %v", got, seat)
	}
}

func TestParseCheckRequest(t *testing.T) {
	rs := loadRules(t)
	req, err := rs.ParseCheckRequest([]byte(`{"geometry":` + square + `,"crs":"EPSG:4326","proposal":{"type":"low_efficiency_block","plot_ratio":2.2,"leading_industry":"塑包","jointly_confirmed":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	if req.Input.SRID != 4326 || req.Proposal.Type != "low_efficiency_block" || req.Proposal.Facts["plot_ratio"] != 2.2 ||
		req.Proposal.Facts["jointly_confirmed"] != true || len(req.Input.Industries) != 1 || req.Input.Industries[0] != "塑包" {
		t.Errorf("parsed %+v", req)
	}
	req, err = rs.ParseCheckRequest([]byte(`{"parcel_id":" RD-018 "}`))
	if err != nil || req.Input.ParcelID != "RD-018" || req.Proposal.Type != "" {
		t.Errorf("parcel_id: %+v, %v", req, err)
	}
	proj := `{"type":"Polygon","coordinates":[[[554666,3062218],[554766,3062218],[554766,3062318],[554666,3062218]]]}`
	if req, err := rs.ParseCheckRequest([]byte(`{"geometry":` + proj + `,"crs":"EPSG:4549","proposal":{"type":"new_park"}}`)); err != nil || req.Input.SRID != 4549 {
		t.Errorf("EPSG:4549: %+v, %v", req.Input, err)
	}
	for _, tc := range []struct {
		body, field string
	}{
		{`{"parcel_id":`, "body"},
		{``, "body"},
		{`[]`, "body"},
		{`{"parcel_id":"RD-1"} {}`, "body"},
		{`null`, "body"},
		{`{}`, "parcel_id"},
		{`{"parcel_id":"RD-018","geometry":` + square + `}`, "parcel_id"},
		{`{"parcel_id":18}`, "parcel_id"},
		{`{"parcel_id":""}`, "parcel_id"},
		{`{"parcel_id":"RD-018","crs":"EPSG:4326"}`, "crs"},
		{`{"parcel_id":"RD-018","colour":"red"}`, "colour"},
		{`{"geometry":` + square + `}`, "proposal.type"},
		{`{"geometry":` + square + `,"proposal":{"type":"factory"}}`, "proposal.type"},
		{`{"geometry":` + square + `,"proposal":{"type":7}}`, "proposal.type"},
		{`{"geometry":` + square + `,"crs":"EPSG:3857","proposal":{"type":"new_park"}}`, "crs"},
		{`{"geometry":` + square + `,"crs":4326,"proposal":{"type":"new_park"}}`, "crs"},
		{`{"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"proposal":{"type":"new_park"}}`, "geometry"},
		{`{"parcel_id":"RD-018","proposal":"new_park"}`, "proposal"},
		{`{"parcel_id":"RD-018","proposal":{"plot_ration":2.2}}`, "proposal.plot_ration"},
		{`{"parcel_id":"RD-018","proposal":{"plot_ratio":"2.2"}}`, "proposal.plot_ratio"},
		{`{"parcel_id":"RD-018","proposal":{"plot_ratio":-1}}`, "proposal.plot_ratio"},
		{`{"parcel_id":"RD-018","proposal":{"leading_industry_share":70}}`, "proposal.leading_industry_share"},
		{`{"parcel_id":"RD-018","proposal":{"jointly_confirmed":"yes"}}`, "proposal.jointly_confirmed"},
		{`{"parcel_id":"RD-018","proposal":{"site_area_mu":100}}`, "proposal.site_area_mu"},
		{`{"parcel_id":"RD-018","proposal":{"leading_industry":12}}`, "proposal.leading_industry"},
	} {
		t.Run(tc.body, func(t *testing.T) {
			_, err := rs.ParseCheckRequest([]byte(tc.body))
			e, ok := err.(*apperr.Error)
			if !ok || e.Code != apperr.Invalid || e.Field != tc.field || !strings.Contains(e.Message, tc.field) {
				t.Errorf("err = %#v; want invalid naming %s", err, tc.field)
			}
		})
	}
}

func TestProposalNullsAreUnknown(t *testing.T) {
	rs := loadRules(t)
	p, err := rs.ParseProposal(json.RawMessage(`{"type":null,"plot_ratio":null,"exits_planned":false}`), "proposal", false)
	if err != nil || p.Type != "" || len(p.Facts) != 1 || p.Facts["exits_planned"] != false {
		t.Errorf("%+v, %v", p, err)
	}
	p, err = rs.ParseProposal(json.RawMessage(`{"plot_ratio":" 2.2 ","county_approved":"是"}`), "proposal", true)
	if err != nil || p.Facts["plot_ratio"] != 2.2 || p.Facts["county_approved"] != true {
		t.Errorf("lenient: %+v, %v", p, err)
	}
}
