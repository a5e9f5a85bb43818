package postgis

import (
	"encoding/binary"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
)

// storageSRID is the SRID of every stored geometry (WGS84 lon/lat; CGCS2000 is the same at map scale).
const storageSRID = 4326

// ewkbOf encodes a point or (multi)polygon as EWKB carrying SRID 4326: the binary form PostGIS's
// geometry input takes as a bind parameter or a COPY value, so no text round trip and no
// ST_GeomFromWKB(…, 4326) in the SQL. A polygon becomes a one-part multipolygon, the type every
// polygon column holds. This is the only place that turns orb into go-geom.
func ewkbOf(g orb.Geometry) ([]byte, error) {
	var t geom.T
	switch v := g.(type) {
	case orb.Point:
		t = geom.NewPointFlat(geom.XY, []float64{v[0], v[1]}).SetSRID(storageSRID)
	case orb.Polygon:
		return ewkbOf(orb.MultiPolygon{v})
	case orb.MultiPolygon:
		if len(v) == 0 {
			return nil, fmt.Errorf("empty multipolygon")
		}
		coords := make([][][]geom.Coord, len(v))
		for i, poly := range v {
			coords[i] = make([][]geom.Coord, len(poly))
			for j, ring := range poly {
				coords[i][j] = make([]geom.Coord, len(ring))
				for k, p := range ring {
					coords[i][j][k] = geom.Coord{p[0], p[1]}
				}
			}
		}
		mp, err := geom.NewMultiPolygon(geom.XY).SetCoords(coords)
		if err != nil {
			return nil, err
		}
		t = mp.SetSRID(storageSRID)
	case nil:
		return nil, fmt.Errorf("no geometry")
	default:
		return nil, fmt.Errorf("geometry is %T, want a point or a (multi)polygon", g)
	}
	return ewkb.Marshal(t, binary.LittleEndian)
}
