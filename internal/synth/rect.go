package synth

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
)

// rect is an axis-aligned longitude/latitude rectangle: every drawn shape (park, parcel, redevelopment
// area) is one, which keeps areas exact (geodesy.RectAreaM2) and the drawings honestly schematic.
type rect struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

func rectOf(b orb.Bound) rect { return rect{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} }

// ring is the counter-clockwise closed ring of the rectangle, starting at the south-west corner.
func (r rect) ring() orb.Ring {
	return orb.Ring{
		{r.MinLon, r.MinLat}, {r.MaxLon, r.MinLat}, {r.MaxLon, r.MaxLat}, {r.MinLon, r.MaxLat}, {r.MinLon, r.MinLat},
	}
}

func (r rect) multiPolygon() orb.MultiPolygon { return orb.MultiPolygon{{r.ring()}} }

func (r rect) corners() [4]orb.Point {
	return [4]orb.Point{{r.MinLon, r.MinLat}, {r.MaxLon, r.MinLat}, {r.MaxLon, r.MaxLat}, {r.MinLon, r.MaxLat}}
}

func (r rect) center() orb.Point {
	return orb.Point{(r.MinLon + r.MaxLon) / 2, (r.MinLat + r.MaxLat) / 2}
}

func (r rect) areaMu() float64 {
	return geodesy.MuFromSquareMetres(geodesy.RectAreaM2(r.MinLon, r.MinLat, r.MaxLon, r.MaxLat))
}

// sizeM returns the rectangle's east-west and north-south extent in metres at its middle latitude.
func (r rect) sizeM() (w, h float64) {
	kx, ky := geodesy.MetresPerDegree((r.MinLat + r.MaxLat) / 2)
	return (r.MaxLon - r.MinLon) * kx, (r.MaxLat - r.MinLat) * ky
}

// aspect is the long side over the short side.
func (r rect) aspect() float64 {
	w, h := r.sizeM()
	return math.Max(w, h) / math.Min(w, h)
}

// within reports whether r lies inside o (edges may coincide).
func (r rect) within(o rect) bool {
	return r.MinLon >= o.MinLon && r.MaxLon <= o.MaxLon && r.MinLat >= o.MinLat && r.MaxLat <= o.MaxLat
}

// interiorsOverlap reports whether the interiors of r and o meet; shared edges do not count.
func (r rect) interiorsOverlap(o rect) bool {
	return r.MinLon < o.MaxLon && o.MinLon < r.MaxLon && r.MinLat < o.MaxLat && o.MinLat < r.MaxLat
}

// gapM is the shortest distance between r and o in metres, 0 when they touch or overlap.
func (r rect) gapM(o rect) float64 {
	kx, ky := geodesy.MetresPerDegree((r.MinLat + r.MaxLat + o.MinLat + o.MaxLat) / 4)
	dx := math.Max(0, math.Max(o.MinLon-r.MaxLon, r.MinLon-o.MaxLon)) * kx
	dy := math.Max(0, math.Max(o.MinLat-r.MaxLat, r.MinLat-o.MaxLat)) * ky
	return math.Hypot(dx, dy)
}

// expand grows r by m metres on every side.
func (r rect) expand(m float64) rect {
	kx, ky := geodesy.MetresPerDegree((r.MinLat + r.MaxLat) / 2)
	return rect{r.MinLon - m/kx, r.MinLat - m/ky, r.MaxLon + m/kx, r.MaxLat + m/ky}
}

func (r rect) contains(p orb.Point) bool {
	return p[0] >= r.MinLon && p[0] <= r.MaxLon && p[1] >= r.MinLat && p[1] <= r.MaxLat
}

// rectAround builds the rectangle of areaMu 亩 centred near c, long side / short side = aspect, long side
// east-west when wide. Corners are rounded to 7 decimals first and the longitude span is then solved on
// the rounded latitudes, so the area is exact up to the last rounding of one edge (about 1e-5 亩 per
// 100 m of height).
func rectAround(c orb.Point, areaMu, aspect float64, wide bool) rect {
	a := geodesy.SquareMetresFromMu(areaMu)
	h := math.Sqrt(a * aspect)
	if wide {
		h = math.Sqrt(a / aspect)
	}
	_, ky := geodesy.MetresPerDegree(c[1])
	minLat := round7(c[1] - h/ky/2)
	maxLat := round7(minLat + h/ky)
	span := geodesy.LonSpanForArea(minLat, maxLat, a)
	minLon := round7(c[0] - span/2)
	return rect{minLon, minLat, round7(minLon + span), maxLat}
}
