// Package cql2 reads the filter of OGC API - Features Part 3 written in CQL2 Text (OGC 21-065r2):
// a real grammar (participle) parses it into a syntax tree, Check types that tree against a
// collection's queryables into an Expr, and the store compiles an Expr to SQL with every literal a bind
// parameter. It knows nothing of SQL or HTTP.
//
// Supported: AND, OR, NOT and parentheses; the comparisons = <> < <= > >=; LIKE, BETWEEN, IN and IS
// NULL, each with NOT; literals of text ('…', ” for a quote), numbers, TRUE/FALSE, DATE('…') and
// TIMESTAMP('…'); the spatial functions S_INTERSECTS, S_WITHIN, S_CONTAINS, S_DISJOINT, S_EQUALS,
// S_TOUCHES, S_OVERLAPS and S_CROSSES on the geometry and a WKT or BBOX literal. Not supported, each
// refused by name: arithmetic, functions other than those, arrays (A_…) and temporal (T_…)
// operators, CASEI/ACCENTI, GEOMETRYCOLLECTION.
package cql2

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The syntax tree: participle fills it from the struct tags. The precedence is the standard's:
// OR binds loosest, then AND, then NOT, then a predicate or a parenthesised expression.

type orExpr struct {
	Terms []*andExpr `parser:"@@ ( \"OR\" @@ )*"`
}

type andExpr struct {
	Terms []*notExpr `parser:"@@ ( \"AND\" @@ )*"`
}

type notExpr struct {
	Pos     lexer.Position
	Not     bool     `parser:"@\"NOT\"?"`
	Primary *primary `parser:"@@"`
}

type primary struct {
	Pos       lexer.Position
	Group     *orExpr    `parser:"  \"(\" @@ \")\""`
	Spatial   *spatial   `parser:"| @@"`
	Predicate *predicate `parser:"| @@"`
}

type spatial struct {
	Pos  lexer.Position
	Op   string        `parser:"@( \"S_INTERSECTS\" | \"S_WITHIN\" | \"S_CONTAINS\" | \"S_DISJOINT\" | \"S_EQUALS\" | \"S_TOUCHES\" | \"S_OVERLAPS\" | \"S_CROSSES\" )"`
	Args []*spatialArg `parser:"\"(\" @@ \",\" @@ \")\""`
}

type spatialArg struct {
	Pos  lexer.Position
	Geom *geomLiteral `parser:"  @@"`
	Prop *string      `parser:"| @( Ident | QuotedIdent )"`
}

type geomLiteral struct {
	Pos  lexer.Position
	Kind string  `parser:"@( \"POINT\" | \"LINESTRING\" | \"POLYGON\" | \"MULTIPOINT\" | \"MULTILINESTRING\" | \"MULTIPOLYGON\" | \"BBOX\" )"`
	Body *coords `parser:"@@"`
}

// coords is a parenthesised, comma-separated list of positions (numbers separated by spaces) or of
// nested lists: the shape of every WKT body and of BBOX's four numbers.
type coords struct {
	Items []*coordItem `parser:"\"(\" @@ ( \",\" @@ )* \")\""`
}

type coordItem struct {
	Nested *coords  `parser:"  @@"`
	Nums   []string `parser:"| @Number+"`
}

type predicate struct {
	Pos     lexer.Position
	Left    *scalar     `parser:"@@"`
	Compare *comparison `parser:"( @@"`
	Like    *like       `parser:"| @@"`
	Between *between    `parser:"| @@"`
	In      *in         `parser:"| @@"`
	IsNull  *isNull     `parser:"| @@ )?"` // none: TRUE, FALSE or a function as the condition
}

type comparison struct {
	Op    string  `parser:"@( \"=\" | \"<>\" | \"<=\" | \">=\" | \"<\" | \">\" )"`
	Right *scalar `parser:"@@"`
}

type like struct {
	Not     bool    `parser:"@\"NOT\"? \"LIKE\""`
	Pattern *scalar `parser:"@@"`
}

type between struct {
	Not  bool    `parser:"@\"NOT\"? \"BETWEEN\""`
	Low  *scalar `parser:"@@ \"AND\""`
	High *scalar `parser:"@@"`
}

type in struct {
	Not  bool      `parser:"@\"NOT\"? \"IN\""`
	List []*scalar `parser:"\"(\" @@ ( \",\" @@ )* \")\""`
}

type isNull struct {
	Not bool `parser:"\"IS\" @\"NOT\"? \"NULL\""`
}

type scalar struct {
	Pos       lexer.Position
	Str       *string `parser:"  @String"`
	Num       *string `parser:"| @Number"`
	Bool      *string `parser:"| @( \"TRUE\" | \"FALSE\" )"`
	Date      *string `parser:"| \"DATE\" \"(\" @String \")\""`
	Timestamp *string `parser:"| \"TIMESTAMP\" \"(\" @String \")\""`
	Call      *call   `parser:"| @@"`
	Prop      *string `parser:"| @( Ident | QuotedIdent )"`
}

// call is any other function call, parsed so that it is refused by its name rather than as a stray
// parenthesis.
type call struct {
	Pos  lexer.Position
	Name string    `parser:"@Ident \"(\""`
	Args []*scalar `parser:"( @@ ( \",\" @@ )* )? \")\""`
}

// cqlLexer splits CQL2 Text into tokens. A number may carry a sign (CQL2 Text has no arithmetic here,
// so "-" only ever starts a negative number); identifiers are ASCII, as every queryable's name is.
var cqlLexer = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "String", Pattern: `'(?:[^']|'')*'`},
	{Name: "Number", Pattern: `[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`},
	{Name: "QuotedIdent", Pattern: `"[^"]*"`},
	{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*`},
	{Name: "Operator", Pattern: `<>|<=|>=|=|<|>`},
	{Name: "Punct", Pattern: `[(),]`},
	{Name: "Whitespace", Pattern: `[ \t\r\n]+`},
	{Name: "Other", Pattern: `.`}, // anything else is one token, so the parser names it
})

// parser is built once: the grammar is fixed and participle's parser is safe for concurrent use.
var parser = participle.MustBuild[orExpr](
	participle.Lexer(cqlLexer),
	participle.Elide("Whitespace"),
	participle.CaseInsensitive("Ident"),
	participle.UseLookahead(4),
)
