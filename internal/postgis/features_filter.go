package postgis

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/cql2"
	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/ewkb"
)

// A CQL2 filter (issue 13, OGC API - Features Part 3) becomes one SQL condition on the view v. The
// tree was checked against the collection's queryables by the web layer; here every identifier is
// looked up again in the catalogue and written through pgx.Identifier, every literal is a $n bind
// parameter with an explicit type (so that 2.5 against an integer column is a comparison, not an
// encoding error), and every geometry literal is EWKB made by go-geom in its CRS, transformed by PostGIS.

// countyClock is the time zone a DATE('…') is a day in: China Standard Time, the county's, as the
// datetime parameter reads a year.
const countyClock = "Asia/Shanghai"

type filterCompiler struct {
	c     catalog.Collection
	crs   catalog.CRS
	param func(any) string
	err   error
}

// filterCondition compiles sel.Filter for collection c, binding its literals through param.
func filterCondition(c catalog.Collection, sel catalog.Selection, param func(any) string) (string, error) {
	fc := &filterCompiler{c: c, crs: sel.FilterCRS, param: param}
	sql := fc.expr(sel.Filter)
	return sql, fc.err
}

func (fc *filterCompiler) fail(format string, args ...any) string {
	if fc.err == nil {
		fc.err = apperr.FieldErrorf(apperr.Invalid, "filter", format, args...)
	}
	return "false"
}

func (fc *filterCompiler) expr(e cql2.Expr) string {
	switch e := e.(type) {
	case cql2.And:
		return fc.join(e.Terms, " AND ")
	case cql2.Or:
		return fc.join(e.Terms, " OR ")
	case cql2.Not:
		return "NOT (" + fc.expr(e.Term) + ")"
	case cql2.Literal:
		return strconv.FormatBool(e.Value)
	case cql2.Compare:
		byDay := e.Left.Type == cql2.Date || e.Right.Type == cql2.Date
		return fc.operand(e.Left, byDay) + " " + comparisonOp(e.Op) + " " + fc.operand(e.Right, byDay)
	case cql2.Like:
		op := " LIKE "
		if e.Not {
			op = " NOT LIKE "
		}
		return fc.operand(e.Value, false) + op + fc.param(e.Pattern) + "::text"
	case cql2.Between:
		op := " BETWEEN "
		if e.Not {
			op = " NOT BETWEEN "
		}
		return fc.operand(e.Value, false) + op + fc.operand(e.Low, false) + " AND " + fc.operand(e.High, false)
	case cql2.In:
		byDay := e.Value.Type == cql2.Date
		for _, o := range e.List {
			byDay = byDay || o.Type == cql2.Date
		}
		list := make([]string, len(e.List))
		for i, o := range e.List {
			list[i] = fc.operand(o, byDay)
		}
		op := " IN ("
		if e.Not {
			op = " NOT IN ("
		}
		return fc.operand(e.Value, byDay) + op + strings.Join(list, ", ") + ")"
	case cql2.IsNull:
		op := " IS NULL"
		if e.Not {
			op = " IS NOT NULL"
		}
		return fc.column(e.Property) + op
	case cql2.Spatial:
		fn, ok := spatialFunctions[e.Op]
		if !ok {
			return fc.fail("filter: %s is not a spatial function parkmap serves", e.Op)
		}
		return fn + "(" + fc.geometry(e.Left) + ", " + fc.geometry(e.Right) + ")"
	case nil:
		return "true"
	}
	return fc.fail("filter: unsupported expression %T", e)
}

func (fc *filterCompiler) join(terms []cql2.Expr, sep string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = "(" + fc.expr(t) + ")"
	}
	return strings.Join(parts, sep)
}

// comparisonOp is the SQL of a CQL2 comparison: the same six, named here so that nothing else passes.
func comparisonOp(op string) string {
	switch op {
	case "=", "<>", "<", "<=", ">", ">=":
		return op
	}
	return "="
}

// spatialFunctions map CQL2's spatial functions to PostGIS's, each of which uses the GiST index.
var spatialFunctions = map[string]string{
	"S_INTERSECTS": "ST_Intersects", "S_DISJOINT": "ST_Disjoint", "S_EQUALS": "ST_Equals", "S_TOUCHES": "ST_Touches",
	"S_WITHIN": "ST_Within", "S_OVERLAPS": "ST_Overlaps", "S_CROSSES": "ST_Crosses", "S_CONTAINS": "ST_Contains",
}

// column is a queryable's column of v, looked up in the catalogue (never the request's text).
func (fc *filterCompiler) column(name string) string {
	p, ok := fc.c.Property(name)
	if !ok || !p.Queryable() {
		return fc.fail("filter: %s is not a queryable of %s", strconv.Quote(name), fc.c.ID)
	}
	return "v." + pgx.Identifier{p.Name}.Sanitize()
}

// operand is a queryable's column or a typed bind parameter. byDay: the comparison is of calendar
// days (one side is a DATE), so an instant is taken as its day on the county's clock.
func (fc *filterCompiler) operand(o cql2.Operand, byDay bool) string {
	if o.Property != "" {
		col := fc.column(o.Property)
		if byDay && o.Type == cql2.Timestamp {
			return "(" + col + " AT TIME ZONE '" + countyClock + "')::date"
		}
		return col
	}
	switch v := o.Value.(type) {
	case string:
		return fc.param(v) + "::text"
	case float64:
		return fc.param(v) + "::float8"
	case bool:
		return fc.param(v) + "::boolean"
	case time.Time:
		if o.Type == cql2.Date {
			return fc.param(v.Format(time.DateOnly)) + "::date"
		}
		if byDay {
			return "(" + fc.param(v) + "::timestamptz AT TIME ZONE '" + countyClock + "')::date"
		}
		return fc.param(v) + "::timestamptz"
	}
	return fc.fail("filter: a literal of type %T", o.Value)
}

// geometry is the feature's shape or a literal: EWKB in the filter CRS (axes swapped into x, y where
// that CRS puts the northing first), made valid (a hand-drawn bow tie would make GEOS throw), and in a
// CRS other than WGS84 densified before it is transformed, as a bbox is (bboxEnvelope).
func (fc *filterCompiler) geometry(g cql2.GeometryOperand) string {
	if g.Property != "" {
		if g.Property != catalog.GeometryQueryable {
			return fc.fail("filter: %s is not the geometry of %s", strconv.Quote(g.Property), fc.c.ID)
		}
		return "v.geom"
	}
	t := g.Geometry
	if t == nil {
		return fc.fail("filter: a geometry literal is missing")
	}
	flat := append([]float64(nil), t.FlatCoords()...)
	if fc.crs.NorthingFirst {
		for i := 0; i+1 < len(flat); i += 2 {
			flat[i], flat[i+1] = flat[i+1], flat[i]
		}
	}
	srid := fc.crs.SRID
	if srid == 0 {
		srid = storageSRID
	}
	t, err := withCoords(t, flat, srid)
	if err != nil {
		return fc.fail("filter: geometry literal: %v", err)
	}
	b, err := ewkb.Marshal(t, binary.LittleEndian)
	if err != nil {
		return fc.fail("filter: geometry literal: %v", err)
	}
	lit := "ST_MakeValid(ST_GeomFromEWKB(" + fc.param(b) + "::bytea))"
	if srid == storageSRID {
		return lit
	}
	bounds := geom.NewBounds(geom.XY).Extend(t)
	span := math.Max(math.Max(bounds.Max(0)-bounds.Min(0), bounds.Max(1)-bounds.Min(1))/200, 1e-6)
	return "ST_Transform(ST_Segmentize(" + lit + ", " + fc.param(span) + "::float8), " + strconv.Itoa(storageSRID) + ")"
}

// withCoords is a copy of t with its flat coordinates replaced (same layout and nesting) and srid.
func withCoords(t geom.T, flat []float64, srid int) (geom.T, error) {
	switch g := t.(type) {
	case *geom.Point:
		return geom.NewPointFlat(g.Layout(), flat).SetSRID(srid), nil
	case *geom.LineString:
		return geom.NewLineStringFlat(g.Layout(), flat).SetSRID(srid), nil
	case *geom.Polygon:
		return geom.NewPolygonFlat(g.Layout(), flat, g.Ends()).SetSRID(srid), nil
	case *geom.MultiPoint:
		return geom.NewMultiPointFlat(g.Layout(), flat).SetSRID(srid), nil
	case *geom.MultiLineString:
		return geom.NewMultiLineStringFlat(g.Layout(), flat, g.Ends()).SetSRID(srid), nil
	case *geom.MultiPolygon:
		return geom.NewMultiPolygonFlat(g.Layout(), flat, g.Endss()).SetSRID(srid), nil
	}
	return nil, apperr.Errorf(apperr.Invalid, "geometry literal of type %T", t)
}
