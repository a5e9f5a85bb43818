package layerimport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// The rules a suggestion is made by, in the order they are trusted: a whole field name that is a
// known name of the layer's field, a field name containing one, then the values of a field whose
// name says nothing.
const (
	ruleExact = iota
	ruleContained
	ruleValues
)

// YearMin and YearMax bound the values of a field read as a year from its values alone: the plan's
// land supply starts in the 1990s, and a number past 2100 is a code or an area, not a year.
const (
	YearMin = 1990
	YearMax = 2100
)

// ValueShare is the share of a field's non-empty samples that must name a constraint kind or a park
// for the field to be suggested by its values: a bureau's file carries a few odd values (a typo, a
// kind this service does not know) that the preview then reports; a field below it is something else.
const ValueShare = 0.8

// Hints are what the caller knows beyond the file: the names a park field's values may take.
type Hints struct {
	// ParkNames are every id, name and alias of the parks (the store's to give; without them a park
	// field is suggested by its name only).
	ParkNames []string
}

// Suggest proposes, for each field of t, the file field that best fills it, with the reason in
// English and Chinese. fields are the file's fields in file order; samples are some of each field's
// values (by field name), used to check that a field can hold a number and to recognise years and
// constraint kinds where the names say nothing. Park names are not matched: see SuggestWith.
func Suggest(t Target, fields []string, samples map[string][]string) []Suggestion {
	return SuggestWith(t, fields, samples, Hints{})
}

// candidate is one possible pairing of a layer field with a file field.
type candidate struct {
	rule, alias int
	// extra is how much of the file field's name the alias leaves over (a containing match): of
	// 图斑编号 and 图斑预编号, both containing 编号, the closer is taken.
	extra            int
	target, source   int
	reason, reasonZh string
}

// SuggestWith is Suggest with the caller's hints (park names for a park field's values). Every file
// field is used at most once: the pairings are taken best first (by rule, then the alias's rank in
// the field's list, then the closer of two names containing it, then the layer's and the file's
// field order), so an exact name always wins over a containing one, and a field named by any alias
// is never taken for its values.
func SuggestWith(t Target, fields []string, samples map[string][]string, h Hints) []Suggestion {
	var cands []candidate
	named := make([]bool, len(fields))
	for ti, f := range t.Fields {
		for si, src := range fields {
			if !fits(t, f, samples[src]) {
				continue
			}
			if c, ok := byName(f, src); ok {
				c.target, c.source = ti, si
				cands = append(cands, c)
				named[si] = true
			}
		}
	}
	for ti, f := range t.Fields {
		for si, src := range fields {
			if named[si] {
				continue
			}
			if c, ok := byValues(t, f, src, samples[src], h); ok {
				c.target, c.source = ti, si
				cands = append(cands, c)
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.alias, b.alias), cmp.Compare(a.extra, b.extra),
			cmp.Compare(a.target, b.target), cmp.Compare(a.source, b.source))
	})
	chosen := make([]*candidate, len(t.Fields))
	used := make([]bool, len(fields))
	for i := range cands {
		c := &cands[i]
		if chosen[c.target] != nil || used[c.source] {
			continue
		}
		chosen[c.target], used[c.source] = c, true
	}
	var out []Suggestion
	for ti, c := range chosen {
		if c != nil {
			out = append(out, Suggestion{Field: t.Fields[ti].Name, Source: fields[c.source], Reason: c.reason, ReasonZh: c.reasonZh})
		}
	}
	return out
}

// aliasesOf are the names that suggest f: its aliases, then its own schema name.
func aliasesOf(f Field) []string {
	out := slices.Clone(f.Aliases)
	if !slices.ContainsFunc(out, func(a string) bool { return normName(a) == normName(f.Name) }) {
		out = append(out, f.Name)
	}
	return out
}

// byName pairs f with src when src's name is, or contains, one of f's aliases.
func byName(f Field, src string) (candidate, bool) {
	ns := normName(src)
	if ns == "" {
		return candidate{}, false
	}
	aliases := aliasesOf(f)
	for i, a := range aliases {
		if normName(a) == ns {
			en, zh := aliasNote(f, a)
			return candidate{rule: ruleExact, alias: i,
				reason:   fmt.Sprintf("field name %q is %s", src, en),
				reasonZh: fmt.Sprintf("字段名“%s”是%s", src, zh)}, true
		}
	}
	for i, a := range aliases {
		if contains(src, a) {
			en, zh := aliasNote(f, a)
			return candidate{rule: ruleContained, alias: i,
				extra:    utf8.RuneCountInString(ns) - utf8.RuneCountInString(normName(a)),
				reason:   fmt.Sprintf("field name %q contains %q, %s", src, a, en),
				reasonZh: fmt.Sprintf("字段名“%s”含“%s”，%s", src, a, zh)}, true
		}
	}
	return candidate{}, false
}

// aliasNote says what alias is to f, in English and Chinese.
func aliasNote(f Field, alias string) (en, zh string) {
	switch {
	case normName(alias) == normName(f.Title) || alias == f.Name:
		return fmt.Sprintf("the field's own name (%s, %s)", f.Title, f.TitleEn), fmt.Sprintf("“%s”本身的名称", f.Title)
	case isAbbreviation(alias):
		return fmt.Sprintf("the usual abbreviation of %s (%s)", f.Title, f.TitleEn), fmt.Sprintf("“%s”的常用缩写", f.Title)
	case isASCII(alias):
		return fmt.Sprintf("the usual English name of %s (%s)", f.Title, f.TitleEn), fmt.Sprintf("“%s”的常用英文名", f.Title)
	}
	return fmt.Sprintf("a usual name of %s (%s)", f.Title, f.TitleEn), fmt.Sprintf("“%s”的常用名称", f.Title)
}

// byValues pairs f with src by src's samples: years for an integer field, constraint kinds for the
// constraints layer's kind, park names (given by the caller) for a park field.
func byValues(t Target, f Field, src string, samples []string, h Hints) (candidate, bool) {
	vals := nonEmpty(samples)
	if len(vals) == 0 {
		return candidate{}, false
	}
	switch {
	case f.Type == TypeInteger:
		for _, v := range vals {
			n, ok := parseNumber(v)
			if !ok || n != float64(int64(n)) || n < YearMin || n > YearMax {
				return candidate{}, false
			}
		}
		return candidate{rule: ruleValues,
			reason: fmt.Sprintf("the field's name says nothing, but all %d sample values of %q are whole numbers between %d and %d: %s (%s)",
				len(vals), src, YearMin, YearMax, f.TitleEn, f.Title),
			reasonZh: fmt.Sprintf("字段名无从判断，但字段“%s”的 %d 个样本值都是 %d 至 %d 之间的整数，应为%s", src, len(vals), YearMin, YearMax, f.Title)}, true
	case t.Layer == LayerConstraints && f.Name == "kind":
		n := countFunc(vals, func(v string) bool { _, ok := NormalizeKind(v); return ok })
		if float64(n) < ValueShare*float64(len(vals)) {
			return candidate{}, false
		}
		return candidate{rule: ruleValues,
			reason:   fmt.Sprintf("the field's name says nothing, but %d of %d sample values of %q name a constraint kind (%s)", n, len(vals), src, strings.Join(ConstraintKinds(), ", ")),
			reasonZh: fmt.Sprintf("字段名无从判断，但字段“%s”的 %d 个样本值中有 %d 个是管控类型（%s）", src, len(vals), n, strings.Join(ConstraintKinds(), "、"))}, true
	case f.Name == "park" && len(h.ParkNames) > 0:
		names := map[string]bool{}
		for _, p := range h.ParkNames {
			names[normName(p)] = true
		}
		n := countFunc(vals, func(v string) bool { return names[normName(v)] })
		if float64(n) < ValueShare*float64(len(vals)) {
			return candidate{}, false
		}
		return candidate{rule: ruleValues,
			reason:   fmt.Sprintf("the field's name says nothing, but %d of %d sample values of %q are the id, name or alias of a park", n, len(vals), src),
			reasonZh: fmt.Sprintf("字段名无从判断，但字段“%s”的 %d 个样本值中有 %d 个是园区的编号、名称或别名", src, len(vals), n)}, true
	}
	return candidate{}, false
}

// fits reports whether a field whose samples are samples can hold f's values: a number field only
// numbers (a whole number for an integer), the constraints layer's kind at least one known kind.
// Without samples nothing speaks against it.
func fits(t Target, f Field, samples []string) bool {
	vals := nonEmpty(samples)
	if len(vals) == 0 {
		return true
	}
	switch f.Type {
	case TypeNumber, TypeArea, TypeInteger:
		for _, v := range vals {
			n, ok := parseNumber(v)
			if !ok || f.Type == TypeInteger && n != float64(int64(n)) {
				return false
			}
		}
	}
	if t.Layer == LayerConstraints && f.Name == "kind" {
		return slices.ContainsFunc(vals, func(v string) bool { _, ok := NormalizeKind(v); return ok })
	}
	return true
}

// contains reports whether the field name src contains alias: anywhere for a Chinese alias of two
// characters or more; for a Latin one only as a whole word of src (its letters and digits between
// separators or Chinese), optionally followed by digits ("DKBH_1", "MJ（亩）", "YDMJ2"), so that
// "MC" is not found in "QSDWMC" nor "ID" in "GUID".
func contains(src, alias string) bool {
	na := normName(alias)
	if na == "" {
		return false
	}
	if !isASCII(na) {
		return utf8.RuneCountInString(na) >= 2 && strings.Contains(normName(src), na)
	}
	for _, w := range words(src) {
		if rest, ok := strings.CutPrefix(w, na); ok && strings.Trim(rest, "0123456789") == "" {
			return true
		}
	}
	return false
}

// words are the runs of ASCII letters and digits of s (width-folded, lower case).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(foldWidth(s)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

// normName is a field name as aliases are compared: full-width forms folded to ASCII, lower case,
// without spaces and underscores.
func normName(s string) string {
	s = strings.ToLower(foldWidth(s))
	return strings.Map(func(r rune) rune {
		if r == '_' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

// foldWidth maps full-width ASCII forms (ＤＫＢＨ, （）, ０-９) and the ideographic space to their
// ASCII forms, as a Chinese input method often types them.
func foldWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isAbbreviation reports whether alias is written as the pinyin initials a bureau uses (DKBH, YDMJ,
// BSM): upper-case Latin letters, at most six.
func isAbbreviation(alias string) bool {
	if len(alias) > 6 || alias == "" {
		return false
	}
	for i := 0; i < len(alias); i++ {
		if alias[i] < 'A' || alias[i] > 'Z' {
			return false
		}
	}
	return true
}

func nonEmpty(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func countFunc(vals []string, f func(string) bool) int {
	n := 0
	for _, v := range vals {
		if f(v) {
			n++
		}
	}
	return n
}
