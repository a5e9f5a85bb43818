package catalog

import "github.com/pingyang/parkmap/cql2"

// GeometryQueryable is the name a CQL2 filter gives a feature's geometry (OGC API - Features Part 3,
// as pygeoapi, GeoServer and ldproxy name it), which the store reads as the view's geom.
const GeometryQueryable = "geometry"

// Queryable reports whether p may be named in a filter: every scalar of the view. Lists are not (CQL2's
// array operators are not served); their flat *_text siblings are, with LIKE.
func (p Property) Queryable() bool { return p.Type != "array" }

// QueryableType is p's type as a filter compares it.
func (p Property) QueryableType() cql2.Type {
	switch {
	case p.Type == "number" || p.Type == "integer":
		return cql2.Number
	case p.Type == "boolean":
		return cql2.Boolean
	case p.Format == "date-time":
		return cql2.Timestamp
	}
	return cql2.String
}

// Queryables are what a filter on c may name, with their types: the queryable properties and the
// geometry. The /queryables document lists the same.
func (c Collection) Queryables() cql2.Queryables {
	q := cql2.Queryables{GeometryQueryable: cql2.Geometry}
	for _, p := range c.Properties {
		if p.Queryable() {
			q[p.Name] = p.QueryableType()
		}
	}
	return q
}
