package catalog

import "github.com/pingyang/parkmap/cql2"

// Selection is what a request for a collection's features asks of the store, checked by the web
// layer against the collection before it gets here (OGC API - Features Part 1's query parameters).
type Selection struct {
	// BBox is nil or a box a feature matches if it intersects: [minLon, minLat, maxLon, maxLat] in
	// CRS84, or in BBoxCRS its lower and upper corners in that CRS's axis order (for EPSG:4326
	// [minLat, minLon, maxLat, maxLon], for the Gauss-Krüger systems northing first).
	BBox    []float64
	BBoxCRS CRS // the zero CRS is CRS84
	// CRS is what the geometries are written in; the zero CRS is CRS84.
	CRS CRS
	// Filters maps a filterable property to its typed value: string, int64, float64 or bool (an
	// array property matches if it contains the value).
	Filters map[string]any
	// Filter, when not nil, is a CQL2 filter checked against the collection's Queryables; its
	// geometry literals are in FilterCRS (the zero CRS is CRS84), in that CRS's axis order.
	Filter    cql2.Expr
	FilterCRS CRS
	// Years, when not nil, is the inclusive range [first, last] of the collection's TimeProperty that
	// a datetime parameter asks for; a collection without one ignores it (the standard's "accept").
	Years *[2]int
	// Properties, when not nil, names the only properties each feature carries (in catalogue order,
	// whatever order the request gave), from Properties and Derived.
	Properties []string
	// SkipGeometry: each feature's geometry is null.
	SkipGeometry bool
	// SortBy orders the features before the collection's own stable order, which breaks ties.
	SortBy []SortKey
	Limit  int
	Offset int
}

// SortKey is one key of a sortby parameter: a scalar property, ascending unless Desc.
type SortKey struct {
	Name string
	Desc bool
}

// Extent is where and when a collection's features are: the bounding box [minLon, minLat, maxLon,
// maxLat] of their shapes (nil without any), and the first and last year of its TimeProperty among
// them (both 0 without one).
type Extent struct {
	BBox                []float64
	FirstYear, LastYear int
}

// Wants reports whether a feature of sel carries the named property.
func (sel Selection) Wants(name string) bool {
	if sel.Properties == nil {
		return true
	}
	for _, p := range sel.Properties {
		if p == name {
			return true
		}
	}
	return false
}
