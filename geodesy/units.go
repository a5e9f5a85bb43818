package geodesy

import "math"

// Units of the plan. 1 亩 = 10000/15 m² exactly (1 公顷 = 15 亩).
const (
	SquareMetresPerMu  = 10000.0 / 15.0
	SquareMetresPerWan = 10000.0
	MuPerSquareKm      = 1500.0
)

// MuFromSquareMetres converts an area in m² to 亩.
func MuFromSquareMetres(m2 float64) float64 { return m2 / SquareMetresPerMu }

// SquareMetresFromMu converts an area in 亩 to m².
func SquareMetresFromMu(mu float64) float64 { return mu * SquareMetresPerMu }

// Round rounds v to d decimals, half away from zero: the one rounding of every published measurement.
func Round(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}
