package cases

import (
	"math"

	"github.com/pingyang/parkmap/apperr"
)

// The register's search by location (issue 12): the cases in the map's view (bbox) or under a click
// (point). Both are WGS84 lon/lat, as the page's map and the stored shapes are.

// fieldErr is one parameter's mistake in English and Chinese.
func fieldErr(field, en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}

// checkLocation checks q's bbox and point: a box on the globe not crossing the antimeridian, a
// point on the globe.
func (q Query) checkLocation() error {
	finite := func(xs []float64) bool {
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
		return true
	}
	if q.BBox != nil {
		b := q.BBox
		switch {
		case len(b) != 4 || !finite(b):
			return fieldErr("bbox", "bbox must be 4 numbers minLon,minLat,maxLon,maxLat", "bbox 应为 4 个数：最小经度,最小纬度,最大经度,最大纬度")
		case b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90:
			return fieldErr("bbox", "bbox must lie within longitudes -180 to 180 and latitudes -90 to 90", "bbox 的经度应在 -180 至 180、纬度应在 -90 至 90 之间")
		case b[0] > b[2] || b[1] > b[3]:
			return fieldErr("bbox", "bbox must be minLon,minLat,maxLon,maxLat with min not above max", "bbox 的最小经纬度不能大于最大经纬度")
		}
	}
	if q.Point != nil {
		p := q.Point
		switch {
		case len(p) != 2 || !finite(p):
			return fieldErr("point", "point must be 2 numbers lon,lat", "point 应为 2 个数：经度,纬度")
		case p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90:
			return fieldErr("point", "point must lie within longitude -180 to 180 and latitude -90 to 90", "point 的经度应在 -180 至 180、纬度应在 -90 至 90 之间")
		}
	}
	return nil
}
