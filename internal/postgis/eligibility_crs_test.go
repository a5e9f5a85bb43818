package postgis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/geodesy"
)

// kunyangSeat is 昆阳镇's seat (WGS84), a real point of the dataset.
var kunyangSeat = orb.Point{120.55410, 27.67202}

// gaussKruger projects a CGCS2000 lon/lat point to 3-degree Gauss-Krüger with central meridian 120°E
// (Snyder, Map Projections: A Working Manual, eqs. 8-9 and 8-10; scale 1, false easting 500 km): an
// independent check on what PROJ does inside PostGIS. At half a degree from the central meridian the
// series is exact to well under a millimetre.
func gaussKruger(p orb.Point) (east, north float64) {
	const a, f, lon0, k0 = 6378137.0, 1 / 298.257222101, 120.0, 1.0
	e2 := f * (2 - f)
	ep2 := e2 / (1 - e2)
	phi, dl := p[1]*math.Pi/180, (p[0]-lon0)*math.Pi/180
	sin, cos, tan := math.Sin(phi), math.Cos(phi), math.Tan(phi)
	n := a / math.Sqrt(1-e2*sin*sin)
	t, c, A := tan*tan, ep2*cos*cos, dl*cos
	e4, e6 := e2*e2, e2*e2*e2
	m := a * ((1-e2/4-3*e4/64-5*e6/256)*phi - (3*e2/8+3*e4/32+45*e6/1024)*math.Sin(2*phi) +
		(15*e4/256+45*e6/1024)*math.Sin(4*phi) - (35*e6/3072)*math.Sin(6*phi))
	x := k0 * n * (A + (1-t+c)*math.Pow(A, 3)/6 + (5-18*t+t*t+72*c-58*ep2)*math.Pow(A, 5)/120)
	y := k0 * (m + n*tan*(A*A/2+(5-t+9*c+4*c*c)*math.Pow(A, 4)/24+(61-58*t+t*t+600*c-330*ep2)*math.Pow(A, 6)/720))
	return x + 500000, y
}

// GCJ-02 and Gauss-Krüger input land where they should: a 100 m square with its south-west corner on the
// seat, sent in each CRS, comes back (as the check's bbox) with that corner within 1 m of the seat, and
// with the same area.
func TestEligibilityCRSLandsInPlace(t *testing.T) {
	store, conn := featureDB(t)
	rs := eligibilityRules(t)
	east, north := gaussKruger(kunyangSeat)
	// PROJ (in PostGIS) agrees with the independent formula, both ways.
	var pe, pn, plon, plat float64
	err := conn.QueryRow(context.Background(), `SELECT ST_X(g), ST_Y(g), ST_X(b), ST_Y(b) FROM (
		SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 4549) AS g,
		       ST_Transform(ST_SetSRID(ST_MakePoint($3, $4), 4549), 4326) AS b) x`,
		kunyangSeat[0], kunyangSeat[1], east, north).Scan(&pe, &pn, &plon, &plat)
	if err != nil {
		t.Fatal(err)
	}
	if math.Hypot(pe-east, pn-north) > 0.01 {
		t.Fatalf("PROJ puts the seat at %.3f, %.3f in EPSG:4549; the formula at %.3f, %.3f", pe, pn, east, north)
	}
	if d := metres(orb.Point{plon, plat}, kunyangSeat); d > 0.01 {
		t.Fatalf("EPSG:4549 back to WGS84 is %.4f m off", d)
	}
	kx, ky := geodesy.MetresPerDegree(kunyangSeat[1])
	wgs := box(kunyangSeat[0], kunyangSeat[1], kunyangSeat[0]+100/kx, kunyangSeat[1]+100/ky)
	gcj := orb.MultiPolygon{{make(orb.Ring, 5)}}
	for i, p := range wgs[0][0] {
		gcj[0][0][i] = geodesy.GCJ02FromWGS84(p)
	}
	square := func(e0, n0 float64) string {
		return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[1]f,%[2]f],[%[3]f,%[2]f],[%[3]f,%[4]f],[%[1]f,%[4]f],[%[1]f,%[2]f]]]}`, e0, n0, e0+100, n0+100)
	}
	gj := func(mp orb.MultiPolygon) string {
		b, _ := json.Marshal(map[string]any{"type": "Polygon", "coordinates": mp[0]})
		return string(b)
	}
	for _, tc := range []struct {
		crs, geometry string
	}{
		{"EPSG:4326", gj(wgs)},
		{"GCJ02", gj(gcj)},
		{"EPSG:4549", square(east, north)},
		{"EPSG:4528", square(east+40e6, north)},
	} {
		t.Run(tc.crs, func(t *testing.T) {
			req, err := rs.ParseCheckRequest([]byte(`{"crs":"` + tc.crs + `","geometry":` + tc.geometry + `,"proposal":{"type":"new_park"}}`))
			if err != nil {
				t.Fatal(err)
			}
			f, err := eligibility.NewService(rs, store, 1).Facts(context.Background(), req.Input)
			if err != nil {
				t.Fatal(err)
			}
			sw := orb.Point{f.BBox[0], f.BBox[1]}
			if d := metres(sw, kunyangSeat); d > 1 {
				t.Errorf("the south-west corner lands %.2f m from the seat (at %v)", d, sw)
			}
			if math.Abs(f.AreaM2-10000) > 10 {
				t.Errorf("area %.2f m², want 10000 ± 10", f.AreaM2)
			}
			if len(f.Towns) == 0 || f.Towns[0].Name != "昆阳镇" {
				t.Errorf("towns %+v", f.Towns)
			}
		})
	}
}

func metres(a, b orb.Point) float64 {
	kx, ky := geodesy.MetresPerDegree((a[1] + b[1]) / 2)
	return math.Hypot((a[0]-b[0])*kx, (a[1]-b[1])*ky)
}
