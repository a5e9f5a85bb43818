package cql2

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Limits on a filter, so that its cost is bounded before the database sees it: parentheses nested
// deeper than any real filter (a multipolygon needs three), and vertices in its geometry literals
// (a parcel drawn by hand has tens; a county outline about 2,000).
const (
	MaxDepth    = 32
	MaxVertices = 10000
)

// Queryables maps each name a filter may use to its type; the collection's geometry is the one of
// type Geometry.
type Queryables map[string]Type

// Error is a filter the standard or this server does not accept: where (Offset, a byte offset into the
// filter), near which token, and why, in English and Chinese.
type Error struct {
	Offset    int
	Near      string
	Message   string
	MessageZh string
	text      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("at character %d%s: %s", e.Character(), e.near(), e.Message)
}

// Zh is the error in Chinese, for the page's language.
func (e *Error) Zh() string {
	near := ""
	if e.Near != "" {
		near = "（" + quote(e.Near) + " 处）"
	}
	return fmt.Sprintf("第 %d 个字符%s：%s", e.Character(), near, e.MessageZh)
}

// Character is the 1-based position of the error in the filter, counted in characters.
func (e *Error) Character() int {
	if e.Offset > len(e.text) {
		return utf8.RuneCountInString(e.text) + 1
	}
	return utf8.RuneCountInString(e.text[:e.Offset]) + 1
}

func (e *Error) near() string {
	if e.Near == "" {
		return ""
	}
	return " (near " + quote(e.Near) + ")"
}

// quote shows a token in a message, cut so that an error never echoes a long input.
func quote(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return "'" + s + "'"
}

// Parse reads a CQL2 Text filter and checks it against q: every identifier a queryable, every
// comparison between values of one type, every literal well formed.
func Parse(text string, q Queryables) (Expr, error) {
	if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
		return nil, &Error{Message: "the filter is not valid UTF-8 text", MessageZh: "过滤条件不是有效的 UTF-8 文本", text: text}
	}
	if strings.TrimSpace(text) == "" {
		return nil, &Error{Message: "the filter is empty", MessageZh: "过滤条件为空", text: text}
	}
	if off, ok := tooDeep(text); !ok {
		return nil, &Error{Offset: off, Near: "(", text: text,
			Message:   fmt.Sprintf("parentheses are nested more than %d deep", MaxDepth),
			MessageZh: fmt.Sprintf("括号嵌套超过 %d 层", MaxDepth)}
	}
	tree, err := parser.ParseString("", text)
	if err != nil {
		return nil, syntaxError(text, err)
	}
	c := checker{q: q, text: text}
	e := c.or(tree)
	if c.err != nil {
		return nil, c.err
	}
	return e, nil
}

// tooDeep finds the first parenthesis past MaxDepth outside a string, before the parser recurses.
func tooDeep(text string) (int, bool) {
	depth, inString := 0, false
	for i, r := range text {
		switch {
		case r == '\'':
			inString = !inString
		case inString:
		case r == '(':
			if depth++; depth > MaxDepth {
				return i, false
			}
		case r == ')':
			depth--
		}
	}
	return 0, true
}

// syntaxError words participle's error for a person: where, which token, what could come there.
func syntaxError(text string, err error) error {
	out := &Error{text: text, Message: "the filter is not CQL2 text", MessageZh: "过滤条件不符合 CQL2 文本语法"}
	var pe participle.Error
	if errors.As(err, &pe) {
		out.Offset = pe.Position().Offset
	}
	var ut *participle.UnexpectedTokenError
	var lexErr *lexer.Error
	switch {
	case errors.As(err, &ut) && ut.Unexpected.EOF():
		out.Message, out.MessageZh = "the filter ends before it is complete", "过滤条件不完整，提前结束"
	case errors.As(err, &ut):
		out.Near = ut.Unexpected.Value
		out.Message = "unexpected " + quote(ut.Unexpected.Value)
		out.MessageZh = "此处不应出现 " + quote(ut.Unexpected.Value)
		if hint := hintFor(ut.Unexpected.Value); hint != "" {
			out.Message += ": " + hint
		}
	case errors.As(err, &lexErr):
		out.Message = "a character CQL2 text does not use"
	}
	return out
}

// hintFor says why a token a user is likely to try is refused.
func hintFor(tok string) string {
	switch strings.ToUpper(tok) {
	case "+", "-", "*", "/", "%":
		return "arithmetic is not supported"
	case "[", "]":
		return "arrays are not supported"
	}
	return ""
}
