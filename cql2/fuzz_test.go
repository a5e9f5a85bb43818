package cql2

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary text to Parse: it must never panic; a refusal is a *cql2.Error whose
// position is inside the text; an accepted filter names only queryables, each with its own type, and
// only geometry in the spatial functions. The seed corpus in testdata/fuzz/FuzzParse holds every
// construct of the grammar, a quote inside text, deep nesting and a multipolygon.
func FuzzParse(f *testing.F) {
	f.Add("town = '鳌江镇' AND area_mu BETWEEN 1 AND 2 OR NOT year IN (2019, 2020)")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := Parse(s, testQueryables)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse(%q) = %T %v, want a *cql2.Error", s, err, err)
			}
			if n := ce.Character(); n < 1 || n > utf8.RuneCountInString(s)+1 {
				t.Fatalf("Parse(%q): error at character %d of %d", s, n, utf8.RuneCountInString(s))
			}
			return
		}
		walk(t, s, e)
	})
}

func walk(t *testing.T, s string, e Expr) {
	t.Helper()
	operand := func(o Operand) {
		if o.Property == "" {
			if o.Value == nil {
				t.Fatalf("Parse(%q): a literal without a value", s)
			}
			return
		}
		if typ, ok := testQueryables[o.Property]; !ok || typ != o.Type || typ == Geometry {
			t.Fatalf("Parse(%q): operand %+v is not a scalar queryable of its type", s, o)
		}
	}
	switch e := e.(type) {
	case And:
		for _, x := range e.Terms {
			walk(t, s, x)
		}
	case Or:
		for _, x := range e.Terms {
			walk(t, s, x)
		}
	case Not:
		walk(t, s, e.Term)
	case Compare:
		operand(e.Left)
		operand(e.Right)
	case Like:
		operand(e.Value)
	case Between:
		operand(e.Value)
		operand(e.Low)
		operand(e.High)
	case In:
		operand(e.Value)
		for _, o := range e.List {
			operand(o)
		}
	case IsNull:
		if _, ok := testQueryables[e.Property]; !ok {
			t.Fatalf("Parse(%q): IS NULL of %q", s, e.Property)
		}
	case Spatial:
		for _, g := range []GeometryOperand{e.Left, e.Right} {
			if g.Property != "" && testQueryables[g.Property] != Geometry || g.Property == "" && g.Geometry == nil {
				t.Fatalf("Parse(%q): spatial operand %+v", s, g)
			}
		}
	case Literal:
	default:
		t.Fatalf("Parse(%q): node %T", s, e)
	}
}
