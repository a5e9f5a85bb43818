package cql2

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var testQueryables = Queryables{
	"town": String, "name": String, "area_mu": Number, "year": Number, "old_factory": Boolean,
	"updated_at": Timestamp, "geometry": Geometry,
}

// show writes an Expr compactly, so that a test states the tree it expects in one line.
func show(e Expr) string {
	op := func(o Operand) string {
		if o.Property != "" {
			return o.Property
		}
		switch v := o.Value.(type) {
		case string:
			return fmt.Sprintf("%q", v)
		case time.Time:
			if o.Type == Date {
				return "date:" + v.Format(time.DateOnly)
			}
			return "ts:" + v.UTC().Format(time.RFC3339)
		}
		return fmt.Sprint(o.Value)
	}
	list := func(terms []Expr, sep string) string {
		parts := make([]string, len(terms))
		for i, t := range terms {
			parts[i] = show(t)
		}
		return "(" + strings.Join(parts, sep) + ")"
	}
	not := func(n bool) string {
		if n {
			return "!"
		}
		return ""
	}
	geo := func(g GeometryOperand) string {
		if g.Property != "" {
			return g.Property
		}
		return fmt.Sprintf("%T%v", g.Geometry, g.Geometry.FlatCoords())
	}
	switch e := e.(type) {
	case And:
		return list(e.Terms, " and ")
	case Or:
		return list(e.Terms, " or ")
	case Not:
		return "not " + show(e.Term)
	case Literal:
		return fmt.Sprint(e.Value)
	case Compare:
		return op(e.Left) + e.Op + op(e.Right)
	case Like:
		return op(e.Value) + not(e.Not) + "~" + fmt.Sprintf("%q", e.Pattern)
	case Between:
		return op(e.Value) + not(e.Not) + "[" + op(e.Low) + "," + op(e.High) + "]"
	case In:
		parts := make([]string, len(e.List))
		for i, o := range e.List {
			parts[i] = op(o)
		}
		return op(e.Value) + " " + not(e.Not) + "in{" + strings.Join(parts, ",") + "}"
	case IsNull:
		return e.Property + not(e.Not) + "null"
	case Spatial:
		return e.Op + "(" + geo(e.Left) + "," + geo(e.Right) + ")"
	}
	return fmt.Sprintf("?%T", e)
}

func TestParseAccepts(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"town = '鳌江镇'", `town="鳌江镇"`},
		{"town='a' AND area_mu > 10 OR year <= 2020", `((town="a" and area_mu>10) or year<=2020)`},
		{"town='a' and (area_mu > 10 or year <> 2020)", `(town="a" and (area_mu>10 or year<>2020))`},
		{"NOT town = 'a' AND NOT (year = 1)", `(not town="a" and not year=1)`},
		{"name = 'it''s'", `name="it's"`},
		{"name LIKE '平阳%' and name not like '_x\\%'", `(name~"平阳%" and name!~"_x\\%")`},
		{"area_mu BETWEEN 1 AND 2.5e1 AND year NOT BETWEEN -1 AND +3", `(area_mu[1,25] and year![-1,3])`},
		{"town IN ('a', 'b') and year not in (2019, 2020)", `(town in{"a","b"} and year !in{2019,2020})`},
		{"town IS NULL OR area_mu IS NOT NULL", `(townnull or area_mu!null)`},
		{"old_factory = TRUE and old_factory <> false", `(old_factory=true and old_factory<>false)`},
		{"TRUE", "true"},
		{"area_mu = year", "area_mu=year"},
		{`"town" = 'a'`, `town="a"`},
		{"updated_at > TIMESTAMP('2021-06-30T08:00:00+08:00')", "updated_at>ts:2021-06-30T00:00:00Z"},
		{"updated_at < DATE('2022-01-01')", "updated_at<date:2022-01-01"},
		{"s_intersects(geometry, point(120.5 27.6))", "S_INTERSECTS(geometry,*geom.Point[120.5 27.6])"},
		{"S_WITHIN(geometry, BBOX(120, 27, 121, 28))", "S_WITHIN(geometry,*geom.Polygon[120 27 121 27 121 28 120 28 120 27])"},
		{"S_CONTAINS(POLYGON((0 0, 1 0, 1 1, 0 0)), geometry)", "S_CONTAINS(*geom.Polygon[0 0 1 0 1 1 0 0],geometry)"},
		{"S_CROSSES(geometry, LINESTRING(0 0, 1 1))", "S_CROSSES(geometry,*geom.LineString[0 0 1 1])"},
		{"S_DISJOINT(geometry, MULTIPOINT((0 0), (1 1)))", "S_DISJOINT(geometry,*geom.MultiPoint[0 0 1 1])"},
		{"S_TOUCHES(geometry, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5))))",
			"S_TOUCHES(geometry,*geom.MultiPolygon[0 0 1 0 1 1 0 0 5 5 6 5 6 6 5 5])"},
		{"S_EQUALS(geometry, MULTILINESTRING((0 0, 1 1), (2 2, 3 3)))", "S_EQUALS(geometry,*geom.MultiLineString[0 0 1 1 2 2 3 3])"},
		{"S_OVERLAPS(geometry, BBOX(0, 0, 0, 1, 1, 1))", "S_OVERLAPS(geometry,*geom.Polygon[0 0 1 0 1 1 0 1 0 0])"},
	} {
		e, err := Parse(tc.in, testQueryables)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := show(e); got != tc.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

// Every refusal says where (the character) and names the token at fault.
func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct {
		in   string
		char int
		want string
	}{
		{"", 1, "the filter is empty"},
		{"town = ", 8, "ends before it is complete"},
		{"town = 1", 8, "(near '1'): = cannot compare a text with a number"},
		{"year IN (1, 'a')", 13, "(near ''a''): IN cannot compare a number with a text"},
		{"foo = 'x'", 1, "(near 'foo'): 'foo' is not a queryable"},
		{"town = 'a' AND bar > 1", 16, "'bar' is not a queryable"},
		{"geometry = 'x'", 1, "compared only by a spatial function"},
		{"CASEI(town) = 'a'", 1, "(near 'CASEI'): the function 'CASEI' is not supported"},
		{"T_AFTER(updated_at, DATE('2020-01-01'))", 1, "temporal operators (T_AFTER) are not supported"},
		{"A_CONTAINS(town, 'x')", 1, "array operators (A_CONTAINS)"},
		{"area_mu + 1 > 2", 9, "unexpected '+': arithmetic is not supported"},
		{"town = 'a' 的", 12, "unexpected '的'"},
		{"town = 'a' OR", 14, "ends before it is complete"},
		{"town = 'unclosed", 8, "unexpected"},
		{"name LIKE 3", 11, "a LIKE pattern is a text literal"},
		{"area_mu LIKE 'x'", 1, "LIKE needs text on its left, not a number"},
		{"town BETWEEN 'a' AND 'b'", 1, "BETWEEN compares numbers, not a text"},
		{"old_factory > TRUE", 1, "booleans compare only with = or <>"},
		{"'a' IS NULL", 1, "IS NULL applies to a queryable"},
		{"updated_at > DATE('2020-13-01')", 14, "DATE takes a day as 'YYYY-MM-DD'"},
		{"updated_at > TIMESTAMP('2020-01-01T00:00:00')", 14, "TIMESTAMP takes an RFC 3339 instant with its offset"},
		{"area_mu > 1e400", 11, "the number '1e400' is out of range"},
		{"S_INTERSECTS(town, POINT(1 2))", 14, "'town' is neither"},
		{"S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1)))", 24, "ring not closed"},
		{"S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 0 0)))", 24, "enough points"},
		{"S_INTERSECTS(geometry, POINT(1 2 3))", 24, "2D"},
		{"S_INTERSECTS(geometry, POINT(1))", 24, "not well formed"},
		{"S_INTERSECTS(geometry, BBOX(1, 2, 3))", 24, "BBOX takes 4 numbers"},
		{"S_INTERSECTS(geometry, BBOX(3, 2, 1, 4))", 24, "lower corner first"},
		{"S_INTERSECTS(geometry, POINT(1e300 2))", 24, "out of range"},
		{"S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(1 2)))", 42, "unexpected '('"},
		{"S_INTERSECTS(geometry)", 1, "takes two geometries"},
		{strings.Repeat("(", 40) + "TRUE" + strings.Repeat(")", 40), MaxDepth + 1, "nested more than 32 deep"},
		{"town = '\xff'", 1, "not valid UTF-8"},
		{"town = 'a\x00'", 1, "not valid UTF-8"},
	} {
		_, err := Parse(tc.in, testQueryables)
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("Parse(%q) = %v, want a *cql2.Error", tc.in, err)
			continue
		}
		if !strings.Contains(ce.Error(), tc.want) || ce.Character() != tc.char {
			t.Errorf("Parse(%q):\n got %s (character %d)\nwant %q at character %d", tc.in, ce, ce.Character(), tc.want, tc.char)
		}
		if ce.Zh() == "" || !strings.Contains(ce.Zh(), fmt.Sprintf("第 %d 个字符", tc.char)) {
			t.Errorf("Parse(%q): Chinese message %q", tc.in, ce.Zh())
		}
	}
}

// Too many vertices are refused before the database sees them.
func TestParseBoundsVertices(t *testing.T) {
	var b strings.Builder
	b.WriteString("S_INTERSECTS(geometry, LINESTRING(")
	for i := 0; i <= MaxVertices; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "%d 0", i)
	}
	b.WriteString("))")
	if _, err := Parse(b.String(), testQueryables); err == nil || !strings.Contains(err.Error(), "at most 10000") {
		t.Errorf("a line of %d vertices: %v", MaxVertices+1, err)
	}
}
