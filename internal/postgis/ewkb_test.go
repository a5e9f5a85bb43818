package postgis

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
)

func TestEWKBOf(t *testing.T) {
	square := orb.Polygon{{{120.5, 27.6}, {120.6, 27.6}, {120.6, 27.7}, {120.5, 27.6}}}
	for _, tt := range []struct {
		name string
		in   orb.Geometry
		want geom.Layout
		kind string
	}{
		{"point", orb.Point{120.55, 27.67}, geom.XY, "*geom.Point"},
		{"polygon becomes a multipolygon", square, geom.XY, "*geom.MultiPolygon"},
		{"multipolygon", orb.MultiPolygon{square, square}, geom.XY, "*geom.MultiPolygon"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ewkbOf(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			g, err := ewkb.Unmarshal(b)
			if err != nil {
				t.Fatal(err)
			}
			if g.SRID() != 4326 || g.Layout() != tt.want {
				t.Errorf("SRID %d layout %v", g.SRID(), g.Layout())
			}
			switch v := g.(type) {
			case *geom.Point:
				if tt.kind != "*geom.Point" || v.X() != 120.55 || v.Y() != 27.67 {
					t.Errorf("got point %v", v.Coords())
				}
			case *geom.MultiPolygon:
				if tt.kind != "*geom.MultiPolygon" || v.Coords()[0][0][2][1] != 27.7 {
					t.Errorf("got multipolygon %v", v.Coords())
				}
			default:
				t.Errorf("got %T", g)
			}
		})
	}
	for name, in := range map[string]orb.Geometry{"nil": nil, "empty": orb.MultiPolygon{}, "line": orb.LineString{{1, 2}, {3, 4}}} {
		if _, err := ewkbOf(in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
