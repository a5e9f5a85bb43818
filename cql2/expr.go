package cql2

import (
	"time"

	"github.com/twpayne/go-geom"
)

// Type is the type of a queryable or a literal, as far as CQL2 compares them.
type Type int

// The types of queryables and literals. Integer and number queryables are both Number: 2 = 2.0.
const (
	String Type = iota + 1
	Number
	Boolean
	Timestamp // an instant: a date-time queryable or TIMESTAMP('…')
	Date      // a calendar day: DATE('…')
	Geometry
)

func (t Type) String() string {
	switch t {
	case String:
		return "text"
	case Number:
		return "number"
	case Boolean:
		return "boolean"
	case Timestamp:
		return "timestamp"
	case Date:
		return "date"
	case Geometry:
		return "geometry"
	}
	return "unknown"
}

// zh names the type for the Chinese message.
func (t Type) zh() string {
	switch t {
	case String:
		return "文本"
	case Number:
		return "数值"
	case Boolean:
		return "布尔值"
	case Timestamp:
		return "时间"
	case Date:
		return "日期"
	case Geometry:
		return "几何"
	}
	return "未知"
}

// temporal reports whether t is a date or an instant: the two compare with each other.
func (t Type) temporal() bool { return t == Timestamp || t == Date }

// Expr is a checked filter: a tree of the nodes below, every property in it a queryable of the
// collection and every comparison between values of one type.
type Expr interface{ isExpr() }

// And holds when every term does.
type And struct{ Terms []Expr }

// Or holds when any term does.
type Or struct{ Terms []Expr }

// Not holds when its term does not.
type Not struct{ Term Expr }

// Literal is TRUE or FALSE as a whole condition.
type Literal struct{ Value bool }

// Compare is Left Op Right, Op one of = <> < <= > >=.
type Compare struct {
	Left  Operand
	Op    string
	Right Operand
}

// Like is Value LIKE Pattern: % any run of characters, _ one, \ escapes the next.
type Like struct {
	Value   Operand
	Pattern string
	Not     bool
}

// Between is Low <= Value <= High (numbers only, as the standard says).
type Between struct {
	Value, Low, High Operand
	Not              bool
}

// In holds when Value equals one of List.
type In struct {
	Value Operand
	List  []Operand
	Not   bool
}

// IsNull holds when the property has no value.
type IsNull struct {
	Property string
	Not      bool
}

// Spatial is a spatial function of two geometries; Op is the standard's name (S_INTERSECTS, …).
type Spatial struct {
	Op          string
	Left, Right GeometryOperand
}

func (And) isExpr()     {}
func (Or) isExpr()      {}
func (Not) isExpr()     {}
func (Literal) isExpr() {}
func (Compare) isExpr() {}
func (Like) isExpr()    {}
func (Between) isExpr() {}
func (In) isExpr()      {}
func (IsNull) isExpr()  {}
func (Spatial) isExpr() {}

// Operand is a queryable (Property set) or a literal value: a string, a float64, a bool, a
// time.Time (an instant, for Timestamp) or a civil date (a time.Time at midnight UTC, for Date).
type Operand struct {
	Property string
	Value    any
	Type     Type
}

// GeometryOperand is the feature's geometry (Property set: the collection's geometry queryable) or a
// literal geometry, whose coordinates are in the request's filter-crs, in that CRS's axis order.
type GeometryOperand struct {
	Property string
	Geometry geom.T
}

// ParseDate reads the text of DATE('…'): a calendar day, YYYY-MM-DD.
func parseDate(s string) (time.Time, bool) {
	d, err := time.Parse(time.DateOnly, s)
	return d, err == nil
}

// parseTimestamp reads the text of TIMESTAMP('…'): RFC 3339 with its offset (Z or ±hh:mm), as the
// standard's grammar asks, so that an instant is never read in a guessed time zone.
func parseTimestamp(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}
