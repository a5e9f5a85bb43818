package geodesy

import (
	"math"

	"github.com/paulmach/orb"
)

// GCJ-02 is WGS84 plus a published, deterministic obfuscation offset (about 500 m around Pingyang).
// The forward formula below is the widely published one (Krasovsky-ellipsoid constants); the inverse
// has no closed form, so WGS84FromGCJ02 solves it by fixed-point iteration.
const (
	gcjA  = 6378245.0              // semi-major axis used by the GCJ-02 formula
	gcjEE = 0.00669342162296594323 // first eccentricity squared used by the GCJ-02 formula

	// gcjTolerance is the residual, in degrees, at which the inverse stops: far below the 1e-7°
	// (about 1 cm) that output coordinates keep.
	gcjTolerance = 1e-10
	gcjMaxIter   = 30
)

// OutsideChina reports whether p lies outside the rough bounding box in which GCJ-02 applies an offset;
// outside it the formula leaves coordinates unchanged.
func OutsideChina(p orb.Point) bool {
	lon, lat := p[0], p[1]
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
}

// GCJ02FromWGS84 applies the public GCJ-02 forward formula to a WGS84 lon/lat point.
func GCJ02FromWGS84(p orb.Point) orb.Point {
	if OutsideChina(p) {
		return p
	}
	dLon, dLat := gcjDelta(p[0], p[1])
	return orb.Point{p[0] + dLon, p[1] + dLat}
}

// WGS84FromGCJ02 inverts the GCJ-02 formula by iteration: it returns the WGS84 point whose forward
// transform lands on p, to better than 1e-9°. The offset field is smooth and changes by far less than
// its own size over 500 m, so each step gains several digits and a handful of steps suffice.
func WGS84FromGCJ02(p orb.Point) orb.Point {
	if OutsideChina(p) {
		return p
	}
	w := p
	for i := 0; i < gcjMaxIter; i++ {
		g := GCJ02FromWGS84(w)
		eLon, eLat := g[0]-p[0], g[1]-p[1]
		w = orb.Point{w[0] - eLon, w[1] - eLat}
		if math.Abs(eLon) < gcjTolerance && math.Abs(eLat) < gcjTolerance {
			break
		}
	}
	return w
}

// gcjDelta returns the GCJ-02 offset in degrees (lon, lat) at a WGS84 point.
func gcjDelta(lon, lat float64) (float64, float64) {
	x, y := lon-105.0, lat-35.0
	dLat := gcjTransformLat(x, y)
	dLon := gcjTransformLon(x, y)
	radLat := lat / 180.0 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - gcjEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = (dLat * 180.0) / ((gcjA * (1 - gcjEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = (dLon * 180.0) / (gcjA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dLon, dLat
}

func gcjTransformLat(x, y float64) float64 {
	r := -100.0 + 2.0*x + 3.0*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(y*math.Pi) + 40.0*math.Sin(y/3.0*math.Pi)) * 2.0 / 3.0
	r += (160.0*math.Sin(y/12.0*math.Pi) + 320*math.Sin(y*math.Pi/30.0)) * 2.0 / 3.0
	return r
}

func gcjTransformLon(x, y float64) float64 {
	r := 300.0 + x + 2.0*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	r += (20.0*math.Sin(6.0*x*math.Pi) + 20.0*math.Sin(2.0*x*math.Pi)) * 2.0 / 3.0
	r += (20.0*math.Sin(x*math.Pi) + 40.0*math.Sin(x/3.0*math.Pi)) * 2.0 / 3.0
	r += (150.0*math.Sin(x/12.0*math.Pi) + 300.0*math.Sin(x/30.0*math.Pi)) * 2.0 / 3.0
	return r
}
