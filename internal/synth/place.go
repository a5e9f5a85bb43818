package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
)

// Placement rules. Check enforces the round figures; placement keeps a little more so that rounding
// coordinates to 7 decimals can never tip a shape over a limit.
const (
	CountyMarginM   = 150.0 // every drawn shape stays this far inside the county outline
	ShapeGapM       = 100.0 // and this far from every other drawn shape
	SeatClearanceM  = 100.0 // and keeps town seats this far outside itself
	MinAspect       = 1.0
	MaxAspect       = 2.0
	placeMarginM    = CountyMarginM + 10
	placeGapM       = ShapeGapM + 10
	placeSeatClearM = SeatClearanceM + 10
	// placeVoronoiDeg keeps shapes this far (in degrees, the zones' own metric) inside their town's
	// Voronoi cell, so that PostGIS's cells agree with the generator whatever their tolerance.
	placeVoronoiDeg = 0.001

	spiralMinM       = 600.0
	spiralMaxM       = 4000.0
	spiralCandidates = 2400
	goldenAngle      = 2.399963229728653 // π(3 − √5): spreads spiral candidates evenly
	minPlaceAspect   = 1.2
	maxPlaceAspect   = 1.8
)

// seat is a town's seat point, the anchor of everything drawn for the town.
type seat struct {
	Code, Name string
	P          orb.Point
}

// placer puts rectangles near town seats one after another, each clear of the county boundary, of
// every rectangle placed before it, of every seat, and inside its town's Voronoi cell.
type placer struct {
	county *outline
	seats  []seat
	taken  []rect
}

func (p *placer) seat(town string) (seat, error) {
	for _, s := range p.seats {
		if s.Name == town {
			return s, nil
		}
	}
	return seat{}, fmt.Errorf("town %q has no seat", town)
}

// place tries candidate centres on a golden-angle spiral from spiralMinM to spiralMaxM around the
// town's seat (starting angle, aspect and orientation drawn from rng) and keeps the first rectangle
// that satisfies every rule. No candidate fitting is an error: the output must never bend a rule.
func (p *placer) place(what, town string, areaMu float64, rng *rand.Rand) (rect, error) {
	s, err := p.seat(town)
	if err != nil {
		return rect{}, fmt.Errorf("place %s: %w", what, err)
	}
	theta0 := rng.Float64() * 2 * math.Pi
	aspect := minPlaceAspect + (maxPlaceAspect-minPlaceAspect)*rng.Float64()
	wide := rng.IntN(2) == 0
	kx, ky := geodesy.MetresPerDegree(s.P[1])
	for i := 0; i < spiralCandidates; i++ {
		rad := spiralMinM + (spiralMaxM-spiralMinM)*math.Sqrt((float64(i)+0.5)/spiralCandidates)
		th := theta0 + float64(i)*goldenAngle
		c := orb.Point{s.P[0] + rad*math.Cos(th)/kx, s.P[1] + rad*math.Sin(th)/ky}
		r := rectAround(c, areaMu, aspect, wide)
		if p.fits(r, s) {
			p.taken = append(p.taken, r)
			return r, nil
		}
	}
	return rect{}, fmt.Errorf("place %s (%.2f 亩) near %s: none of %d candidates fits", what, areaMu, town, spiralCandidates)
}

func (p *placer) fits(r rect, own seat) bool {
	grown := r.expand(placeSeatClearM)
	for _, s := range p.seats {
		if grown.contains(s.P) {
			return false
		}
	}
	for _, c := range r.corners() {
		if voronoiMargin(c, own, p.seats) < placeVoronoiDeg {
			return false
		}
	}
	for _, t := range p.taken {
		if r.gapM(t) < placeGapM {
			return false
		}
	}
	return p.county.rectInside(r, placeMarginM)
}

// voronoiMargin is how far, in degrees, q lies inside own's Voronoi cell among seats: the least distance
// from q to the bisector between own and any other seat, negative when another seat is nearer. The
// zones are Voronoi cells of the seats in plain lon/lat degrees, so this is the metric that matters.
func voronoiMargin(q orb.Point, own seat, seats []seat) float64 {
	best := math.Inf(1)
	for _, o := range seats {
		if o.Name == own.Name {
			continue
		}
		d := math.Hypot(own.P[0]-o.P[0], own.P[1]-o.P[1])
		m := (sq(q[0]-o.P[0]) + sq(q[1]-o.P[1]) - sq(q[0]-own.P[0]) - sq(q[1]-own.P[1])) / (2 * d)
		best = math.Min(best, m)
	}
	return best
}

func sq(v float64) float64 { return v * v }
