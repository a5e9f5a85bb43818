package cql2

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// checker turns the syntax tree into an Expr, keeping the first error (and then building nothing
// more that matters: the result is dropped).
type checker struct {
	q    Queryables
	text string
	err  *Error
}

func (c *checker) fail(pos lexer.Position, near, msg, zh string) {
	if c.err == nil {
		c.err = &Error{Offset: pos.Offset, Near: near, Message: msg, MessageZh: zh, text: c.text}
	}
}

func (c *checker) or(e *orExpr) Expr {
	if len(e.Terms) == 1 {
		return c.and(e.Terms[0])
	}
	out := Or{}
	for _, t := range e.Terms {
		out.Terms = append(out.Terms, c.and(t))
	}
	return out
}

func (c *checker) and(e *andExpr) Expr {
	if len(e.Terms) == 1 {
		return c.not(e.Terms[0])
	}
	out := And{}
	for _, t := range e.Terms {
		out.Terms = append(out.Terms, c.not(t))
	}
	return out
}

func (c *checker) not(e *notExpr) Expr {
	p := c.primary(e.Primary)
	if e.Not {
		return Not{Term: p}
	}
	return p
}

func (c *checker) primary(p *primary) Expr {
	switch {
	case p.Group != nil:
		return c.or(p.Group)
	case p.Spatial != nil:
		return c.spatial(p.Spatial)
	default:
		return c.predicate(p.Predicate)
	}
}

func (c *checker) predicate(p *predicate) Expr {
	if p.Compare == nil && p.Like == nil && p.Between == nil && p.In == nil && p.IsNull == nil {
		return c.alone(p.Left)
	}
	left := c.scalar(p.Left)
	switch {
	case p.Compare != nil:
		right := c.scalar(p.Compare.Right)
		c.comparable(p.Compare.Right, left, right, p.Compare.Op)
		if left.Type == Boolean && p.Compare.Op != "=" && p.Compare.Op != "<>" {
			c.fail(p.Left.Pos, p.Compare.Op, "booleans compare only with = or <>", "布尔值只能用 = 或 <> 比较")
		}
		return Compare{Left: left, Op: p.Compare.Op, Right: right}
	case p.Like != nil:
		if left.Type != String {
			c.fail(p.Left.Pos, describe(p.Left), "LIKE needs text on its left, not a "+left.Type.String(), "LIKE 左边须为文本，而不是"+left.Type.zh())
		}
		pat := p.Like.Pattern
		if pat.Str == nil {
			c.fail(pat.Pos, describe(pat), "a LIKE pattern is a text literal in quotes ('平阳%')", "LIKE 的模式须为带引号的文本（如 '平阳%'）")
			return Like{}
		}
		return Like{Value: left, Pattern: c.scalar(pat).Value.(string), Not: p.Like.Not}
	case p.Between != nil:
		low, high := c.scalar(p.Between.Low), c.scalar(p.Between.High)
		for _, o := range []struct {
			op  Operand
			pos *scalar
		}{{left, p.Left}, {low, p.Between.Low}, {high, p.Between.High}} {
			if o.op.Type != Number && o.op.Type != 0 {
				c.fail(o.pos.Pos, describe(o.pos), "BETWEEN compares numbers, not a "+o.op.Type.String(), "BETWEEN 只用于数值，而不是"+o.op.Type.zh())
			}
		}
		return Between{Value: left, Low: low, High: high, Not: p.Between.Not}
	case p.In != nil:
		out := In{Value: left, Not: p.In.Not}
		for _, s := range p.In.List {
			v := c.scalar(s)
			c.comparable(s, left, v, "IN")
			out.List = append(out.List, v)
		}
		return out
	default:
		if p.Left.Prop == nil {
			c.fail(p.Left.Pos, describe(p.Left), "IS NULL applies to a queryable, not a literal", "IS NULL 只用于属性，而不是字面值")
			return IsNull{}
		}
		return IsNull{Property: left.Property, Not: p.IsNull.Not}
	}
}

// alone reads a scalar that stands as a whole condition: TRUE or FALSE; a function (T_AFTER(…)) or
// a queryable is refused, naming it.
func (c *checker) alone(s *scalar) Expr {
	switch {
	case s.Bool != nil:
		return Literal{Value: strings.EqualFold(*s.Bool, "TRUE")}
	case s.Call != nil:
		c.fail(s.Call.Pos, s.Call.Name, callMessage(s.Call.Name), "不支持函数 "+quote(s.Call.Name))
	default:
		c.fail(s.Pos, describe(s), "a condition compares: "+quote(describe(s))+" needs =, <>, <, >, LIKE, BETWEEN, IN or IS NULL after it",
			"条件须为比较："+quote(describe(s))+" 之后应有 =、<>、<、>、LIKE、BETWEEN、IN 或 IS NULL")
	}
	return Literal{}
}

// comparable records an error at the right-hand token unless a and b have one type (a date and an
// instant compare by day).
func (c *checker) comparable(right *scalar, a, b Operand, op string) {
	if a.Type == 0 || b.Type == 0 || a.Type == b.Type || a.Type.temporal() && b.Type.temporal() {
		return
	}
	c.fail(right.Pos, describe(right), fmt.Sprintf("%s cannot compare a %s with a %s", op, a.Type, b.Type),
		fmt.Sprintf("%s 两边类型不同：%s 与 %s", op, a.Type.zh(), b.Type.zh()))
}

// scalar reads a literal or a queryable; an error leaves Type 0, which compares with anything, so
// that only the first fault is reported.
func (c *checker) scalar(s *scalar) Operand {
	switch {
	case s.Str != nil:
		v := unquote(*s.Str)
		if !utf8.ValidString(v) {
			c.fail(s.Pos, "", "a text literal is not valid UTF-8", "文本不是有效的 UTF-8")
		}
		return Operand{Value: v, Type: String}
	case s.Num != nil:
		v, err := strconv.ParseFloat(*s.Num, 64)
		if err != nil || math.IsInf(v, 0) {
			c.fail(s.Pos, *s.Num, "the number "+quote(*s.Num)+" is out of range", "数值 "+quote(*s.Num)+" 超出范围")
		}
		return Operand{Value: v, Type: Number}
	case s.Bool != nil:
		return Operand{Value: strings.EqualFold(*s.Bool, "TRUE"), Type: Boolean}
	case s.Date != nil:
		d, ok := parseDate(unquote(*s.Date))
		if !ok {
			c.fail(s.Pos, *s.Date, "DATE takes a day as 'YYYY-MM-DD'", "DATE 须为 'YYYY-MM-DD' 形式的日期")
		}
		return Operand{Value: d, Type: Date}
	case s.Timestamp != nil:
		t, ok := parseTimestamp(unquote(*s.Timestamp))
		if !ok {
			c.fail(s.Pos, *s.Timestamp, "TIMESTAMP takes an RFC 3339 instant with its offset, as '2021-06-30T08:00:00+08:00' or '…Z'",
				"TIMESTAMP 须为带时区的 RFC 3339 时间，如 '2021-06-30T08:00:00+08:00'")
		}
		return Operand{Value: t, Type: Timestamp}
	case s.Call != nil:
		c.fail(s.Call.Pos, s.Call.Name, callMessage(s.Call.Name), "不支持函数 "+quote(s.Call.Name))
		return Operand{}
	default:
		return c.property(s.Pos, *s.Prop)
	}
}

func (c *checker) property(pos lexer.Position, raw string) Operand {
	name := strings.Trim(raw, `"`)
	t, ok := c.q[name]
	switch {
	case !ok:
		c.fail(pos, name, quote(name)+" is not a queryable of this collection", quote(name)+" 不是本图层可查询的属性")
		return Operand{}
	case t == Geometry:
		c.fail(pos, name, "the geometry is compared only by a spatial function (S_INTERSECTS, S_WITHIN, …)",
			"几何只能用空间函数（S_INTERSECTS、S_WITHIN 等）比较")
		return Operand{}
	}
	return Operand{Property: name, Type: t}
}

func (c *checker) spatial(s *spatial) Expr {
	out := Spatial{Op: strings.ToUpper(s.Op)}
	args := make([]GeometryOperand, 2)
	for i, a := range s.Args {
		if a.Geom != nil {
			g, err := geometryOf(a.Geom)
			if err != nil {
				c.fail(a.Pos, a.Geom.Kind, err.Error(), "几何字面值 "+strings.ToUpper(a.Geom.Kind)+" 有误（坐标须成对、环须闭合、至多 "+strconv.Itoa(MaxVertices)+" 个点）")
			}
			args[i] = GeometryOperand{Geometry: g}
			continue
		}
		name := strings.Trim(*a.Prop, `"`)
		if t, ok := c.q[name]; !ok || t != Geometry {
			c.fail(a.Pos, name, out.Op+" takes the geometry or a geometry literal; "+quote(name)+" is neither",
				out.Op+" 的参数须为几何属性或几何字面值；"+quote(name)+" 不是")
		}
		args[i] = GeometryOperand{Property: name}
	}
	out.Left, out.Right = args[0], args[1]
	return out
}

// callMessage says why a function is refused, naming it.
func callMessage(name string) string {
	u := strings.ToUpper(name)
	switch {
	case strings.HasPrefix(u, "T_"):
		return "temporal operators (" + name + ") are not supported: compare a date-time queryable with DATE('…') or TIMESTAMP('…')"
	case strings.HasPrefix(u, "A_"):
		return "array operators (" + name + ") are not supported: filter the *_text fields with LIKE"
	case strings.HasPrefix(u, "S_"):
		return "the spatial function " + name + " takes two geometries: the geometry queryable and a WKT or BBOX literal"
	}
	return "the function " + quote(name) + " is not supported"
}

// describe names a scalar's token for an error.
func describe(s *scalar) string {
	switch {
	case s.Str != nil:
		return *s.Str
	case s.Num != nil:
		return *s.Num
	case s.Prop != nil:
		return *s.Prop
	case s.Bool != nil:
		return *s.Bool
	case s.Date != nil:
		return "DATE(" + *s.Date + ")"
	case s.Timestamp != nil:
		return "TIMESTAMP(" + *s.Timestamp + ")"
	case s.Call != nil:
		return s.Call.Name
	}
	return ""
}

// unquote reads a CQL2 character literal: the quotes stripped, ” for one quote.
func unquote(s string) string {
	return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
}
