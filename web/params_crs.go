package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
)

// OGC API - Features Part 2 (issue 13): crs= says what CRS the geometries are written in, bbox-crs=
// what CRS a bbox is given in; both default to CRS84. Chinese users work in CGCS2000 (EPSG:4490) and
// its Gauss-Krüger projections (EPSG:4549, EPSG:4528). Each CRS keeps the axis order EPSG gives it:
// 4326 and 4490 are latitude first, 4549 and 4528 northing first (their X axis is the northing),
// 3857 easting first; catalog.CRS.NorthingFirst says which, and the store flips the coordinates.

// parseCRS reads the CRS parameter name (crs or bbox-crs) of q; CRS84 when absent.
func parseCRS(q url.Values, name string) (catalog.CRS, error) {
	v, ok := q[name]
	if !ok {
		return catalog.CRSs[0], nil
	}
	c, ok := catalog.LookupCRS(v[0])
	if !ok {
		return catalog.CRS{}, apperr.FieldErrorf(apperr.Invalid, name, "%s %s is not served; use one of %s",
			name, quoteShort(v[0]), strings.Join(catalog.CRSURIs(), ", "))
	}
	return c, nil
}

// parseBBoxIn parses a bbox given in c: CRS84 as parseBBox; a latitude-first geographic CRS as
// minLat,minLon,maxLat,maxLon with the same range checks; a projected one as its lower and upper
// corners in metres, in its axis order.
func parseBBoxIn(s string, c catalog.CRS) ([]float64, error) {
	switch {
	case c.SRID == 0:
		return parseBBox(s)
	case c.Geographic && c.NorthingFirst: // latitude first
		parts := strings.Split(s, ",")
		if len(parts) == 4 {
			parts = []string{parts[1], parts[0], parts[3], parts[2]}
		} else if len(parts) == 6 {
			parts = []string{parts[1], parts[0], parts[2], parts[4], parts[3], parts[5]}
		}
		lonLat, err := parseBBox(strings.Join(parts, ","))
		if err != nil {
			return nil, err
		}
		return []float64{lonLat[1], lonLat[0], lonLat[3], lonLat[2]}, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox in %s must be 4 numbers, its lower and upper corners; got %d values", c.URI, len(parts))
	}
	nums := make([]float64, 4)
	for i, p := range parts {
		v, ok := parseDecimal(p)
		if !ok {
			return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox value %d is not a finite decimal number", i+1)
		}
		nums[i] = v
	}
	if nums[0] > nums[2] || nums[1] > nums[3] {
		return nil, apperr.FieldErrorf(apperr.Invalid, "bbox", "bbox's lower corner %g,%g is not below and left of its upper corner %g,%g in %s",
			nums[0], nums[1], nums[2], nums[3], c.URI)
	}
	return nums, nil
}

// setContentCRS says what CRS a response's geometries are in (Part 2, /req/crs/ogc-crs-header).
func setContentCRS(w http.ResponseWriter, c catalog.CRS) {
	w.Header().Set("Content-Crs", "<"+c.URI+">")
}
