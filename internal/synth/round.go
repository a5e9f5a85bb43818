package synth

import (
	"math"

	"github.com/paulmach/orb"
)

// Output precision: coordinates keep 7 decimals (about 1 cm), areas in 亩 and ratios 2.
const coordScale = 1e7

// round7 rounds one coordinate as orb.Round rounds a point (math.Round(v·f)/f), for the places that
// hold a bare number.
func round7(v float64) float64 { return math.Round(v*coordScale) / coordScale }

func roundPoint(p orb.Point) orb.Point { return orb.Round(p, coordScale).(orb.Point) }

func round2(v float64) float64 { return math.Round(v*100) / 100 }
