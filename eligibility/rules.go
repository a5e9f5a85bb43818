package eligibility

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Parcel eligibility (issue 4): whether a parcel can host or feed a park, rule by rule, with the plan's
// clause behind every answer. The rules are data (data/rules/eligibility.json, versioned): each names
// its clause, the fact it reads, its threshold and the proposal types it applies to, so thresholds
// change without code changes. The decisions here are pure: PostGIS gathers the geometry facts, the
// applicant gives the rest (Proposal), and Evaluate answers.

// Results of one rule, and verdicts of a whole check.
const (
	ResultPass             = "pass"
	ResultFail             = "fail"
	ResultNeedsInformation = "needs_information"
	ResultNotApplicable    = "not_applicable"

	VerdictEligible         = "eligible"
	VerdictNotEligible      = "not_eligible"
	VerdictNeedsInformation = "needs_information"
)

// Comparison operators a rule may use. is_true compares a boolean fact with true.
const (
	OpAtLeast = ">="
	OpAtMost  = "<="
	OpAbove   = ">"
	OpBelow   = "<"
	OpIsTrue  = "is_true"
)

// Where a fact comes from: the geometry (measured by PostGIS) or the proposal (given by the applicant).
const (
	FactFromGeometry = "geometry"
	FactFromProposal = "proposal"
)

// RuleSet is a parsed, checked rules file.
type RuleSet struct {
	Version           string            `json:"version"`
	TitleZh           string            `json:"title_zh"`
	TitleEn           string            `json:"title_en"`
	Source            string            `json:"source"`
	Notes             []string          `json:"notes"`
	ProposalTypes     []ProposalType    `json:"proposal_types"`
	DefaultTypeByKind map[string]string `json:"default_type_by_kind"`
	Facts             []FactDecl        `json:"facts"`
	NotApplicableZh   string            `json:"not_applicable_zh"`
	NotApplicableEn   string            `json:"not_applicable_en"`
	Rules             []Rule            `json:"rules"`
	NotEncoded        []NotEncoded      `json:"not_encoded"`
}

// ProposalType is one kind of proposal the rules distinguish.
type ProposalType struct {
	ID     string `json:"id"`
	NameZh string `json:"name_zh"`
	NameEn string `json:"name_en"`
	Clause string `json:"clause"`
}

// FactDecl declares a fact a rule may read. A geometry fact with a ConstraintKind is the overlap, in 亩,
// with the constraints of that kind, so a new constraint kind needs no code.
type FactDecl struct {
	Name           string   `json:"name"`
	Source         string   `json:"source"`
	Type           string   `json:"type"` // number, boolean, string
	Min            *float64 `json:"min,omitempty"`
	Max            *float64 `json:"max,omitempty"`
	Unit           string   `json:"unit,omitempty"`
	ConstraintKind string   `json:"constraint_kind,omitempty"`
	NameZh         string   `json:"name_zh"`
	NameEn         string   `json:"name_en"`
	Note           string   `json:"note,omitempty"`
}

// Condition makes a rule conditional: when it does not hold, the rule answers Otherwise (pass or
// not_applicable) without reading its own fact.
type Condition struct {
	Fact      string  `json:"fact"`
	Op        string  `json:"op"`
	Value     float64 `json:"value"`
	Decimals  int     `json:"decimals"`
	Otherwise string  `json:"otherwise"`
}

// Rule is one eligibility rule. Reasons are templates keyed by result (pass, fail, needs_information,
// and condition_not_met for a conditional rule) with the placeholders {value}, {threshold}, {unit},
// {when_value}, {type_zh}, {type_en}.
type Rule struct {
	ID        string            `json:"id"`
	TitleZh   string            `json:"title_zh"`
	TitleEn   string            `json:"title_en"`
	Clause    string            `json:"clause"`
	Basis     string            `json:"basis"` // printed (the plan prints the figure) or derived
	QuoteZh   string            `json:"quote_zh"`
	Note      string            `json:"note,omitempty"`
	AppliesTo []string          `json:"applies_to"`
	When      *Condition        `json:"when,omitempty"`
	Fact      string            `json:"fact"`
	Op        string            `json:"op"`
	Threshold any               `json:"threshold"` // float64, or true for is_true
	Unit      string            `json:"unit,omitempty"`
	Decimals  int               `json:"decimals"`
	Format    string            `json:"format,omitempty"` // "percent" shows 0.7 as 70%
	ReasonZh  map[string]string `json:"reason_zh"`
	ReasonEn  map[string]string `json:"reason_en"`
}

// NotEncoded records a rule of the plan that parkmap deliberately does not check, and why.
type NotEncoded struct {
	Clause string `json:"clause"`
	WhatZh string `json:"what_zh"`
	Why    string `json:"why"`
}

// geometryFacts are the geometry facts the database computes (besides constraint overlaps).
var geometryFacts = []string{"site_area_mu", "area_mu", "outside_county_mu", "overlap_parks_mu",
	"overlap_other_parks_mu", "overlap_redevelopment_mu"}

var (
	ruleID      = regexp.MustCompile(`^[a-z][a-z0-9_]{1,63}$`)
	placeholder = regexp.MustCompile(`\{[a-z_]+\}`)
)

var placeholders = []string{"{value}", "{threshold}", "{unit}", "{when_value}", "{type_zh}", "{type_en}"}

// ParseRules parses and checks a rules file: every id unique, every fact declared, every operator,
// proposal type, threshold and template valid. A file that fails is refused whole.
func ParseRules(b []byte) (*RuleSet, error) {
	var rs RuleSet
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rs); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if err := rs.check(); err != nil {
		return nil, fmt.Errorf("rules %s: %w", rs.Version, err)
	}
	return &rs, nil
}

func (rs *RuleSet) check() error {
	if strings.TrimSpace(rs.Version) == "" {
		return fmt.Errorf("no version")
	}
	if len(rs.ProposalTypes) == 0 || len(rs.Rules) == 0 {
		return fmt.Errorf("no proposal types or no rules")
	}
	types := map[string]bool{}
	for _, t := range rs.ProposalTypes {
		if !ruleID.MatchString(t.ID) || types[t.ID] || t.NameZh == "" || t.NameEn == "" {
			return fmt.Errorf("proposal type %q: bad or repeated id, or no name", t.ID)
		}
		types[t.ID] = true
	}
	for kind, t := range rs.DefaultTypeByKind {
		if !types[t] {
			return fmt.Errorf("default_type_by_kind %s: unknown type %q", kind, t)
		}
	}
	facts := map[string]FactDecl{}
	for _, f := range rs.Facts {
		if err := checkFactDecl(f); err != nil {
			return err
		}
		if _, dup := facts[f.Name]; dup || f.Name == "type" {
			return fmt.Errorf("fact %s: repeated or reserved name", f.Name)
		}
		facts[f.Name] = f
	}
	if err := checkTemplate("not_applicable", rs.NotApplicableZh+rs.NotApplicableEn); err != nil {
		return err
	}
	ids, titles := map[string]bool{}, map[string]bool{}
	for _, c := range BatchFixedColumns() {
		ids[c] = true // a rule's batch column must not shadow one of these
	}
	for _, c := range BatchFixedTitlesZh() {
		titles[c] = true // nor its Chinese header one of theirs: a spreadsheet's columns are told apart by it
	}
	for _, r := range rs.Rules {
		if err := r.check(types, facts); err != nil {
			return fmt.Errorf("rule %s: %w", r.ID, err)
		}
		if ids[r.ID] {
			return fmt.Errorf("rule %s: repeated id, or the name of a batch column", r.ID)
		}
		if titles[r.TitleZh] {
			return fmt.Errorf("rule %s: title_zh %q repeated, or the header of a batch column", r.ID, r.TitleZh)
		}
		ids[r.ID], titles[r.TitleZh] = true, true
	}
	return nil
}

func checkFactDecl(f FactDecl) error {
	if !ruleID.MatchString(f.Name) || f.NameZh == "" || f.NameEn == "" {
		return fmt.Errorf("fact %q: bad name or no title", f.Name)
	}
	switch f.Source {
	case FactFromGeometry:
		if f.Type != "number" {
			return fmt.Errorf("fact %s: geometry facts are numbers", f.Name)
		}
		if f.ConstraintKind == "" && !slices.Contains(geometryFacts, f.Name) {
			return fmt.Errorf("fact %s: the database computes no such geometry fact (it knows %s, and constraint overlaps)",
				f.Name, strings.Join(geometryFacts, ", "))
		}
	case FactFromProposal:
		if f.ConstraintKind != "" {
			return fmt.Errorf("fact %s: only geometry facts have a constraint kind", f.Name)
		}
	default:
		return fmt.Errorf("fact %s: source %q, want geometry or proposal", f.Name, f.Source)
	}
	switch f.Type {
	case "number":
		if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
			return fmt.Errorf("fact %s: min above max", f.Name)
		}
	case "boolean", "string":
		if f.Min != nil || f.Max != nil {
			return fmt.Errorf("fact %s: min and max are for numbers", f.Name)
		}
	default:
		return fmt.Errorf("fact %s: type %q", f.Name, f.Type)
	}
	return nil
}

func (r Rule) check(types map[string]bool, facts map[string]FactDecl) error {
	if !ruleID.MatchString(r.ID) || r.TitleZh == "" || r.TitleEn == "" || r.Clause == "" || r.QuoteZh == "" {
		return fmt.Errorf("bad id, or no title, clause or quote")
	}
	if r.Basis != "printed" && r.Basis != "derived" {
		return fmt.Errorf("basis %q, want printed or derived", r.Basis)
	}
	if len(r.AppliesTo) == 0 {
		return fmt.Errorf("applies to no proposal type")
	}
	for _, t := range r.AppliesTo {
		if !types[t] {
			return fmt.Errorf("applies to unknown proposal type %q", t)
		}
	}
	f, ok := facts[r.Fact]
	if !ok {
		return fmt.Errorf("reads undeclared fact %q", r.Fact)
	}
	if r.Decimals < 0 || r.Decimals > 6 {
		return fmt.Errorf("decimals %d outside 0–6", r.Decimals)
	}
	if r.Format != "" && r.Format != "percent" {
		return fmt.Errorf("format %q", r.Format)
	}
	switch r.Op {
	case OpIsTrue:
		if f.Type != "boolean" || r.Threshold != true {
			return fmt.Errorf("is_true needs a boolean fact and threshold true")
		}
	case OpAtLeast, OpAtMost, OpAbove, OpBelow:
		if f.Type != "number" {
			return fmt.Errorf("%s needs a number fact; %s is a %s", r.Op, r.Fact, f.Type)
		}
		if _, ok := r.Threshold.(float64); !ok {
			return fmt.Errorf("threshold %v is not a number", r.Threshold)
		}
	default:
		return fmt.Errorf("operator %q", r.Op)
	}
	wanted := []string{ResultPass, ResultFail, ResultNeedsInformation}
	if r.When != nil {
		w := r.When
		wf, ok := facts[w.Fact]
		if !ok || wf.Type != "number" {
			return fmt.Errorf("condition reads %q, which is not a declared number fact", w.Fact)
		}
		if w.Op != OpAtLeast && w.Op != OpAtMost && w.Op != OpAbove && w.Op != OpBelow {
			return fmt.Errorf("condition operator %q", w.Op)
		}
		if w.Otherwise != ResultPass && w.Otherwise != ResultNotApplicable {
			return fmt.Errorf("condition otherwise %q, want pass or not_applicable", w.Otherwise)
		}
		if w.Decimals < 0 || w.Decimals > 6 {
			return fmt.Errorf("condition decimals %d outside 0–6", w.Decimals)
		}
		wanted = append(wanted, "condition_not_met")
	}
	for _, lang := range []map[string]string{r.ReasonZh, r.ReasonEn} {
		for _, k := range wanted {
			if strings.TrimSpace(lang[k]) == "" {
				return fmt.Errorf("no %s reason", k)
			}
		}
		for k, v := range lang {
			if !slices.Contains(wanted, k) {
				return fmt.Errorf("reason for unknown result %q", k)
			}
			if err := checkTemplate(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkTemplate(name, s string) error {
	for _, p := range placeholder.FindAllString(s, -1) {
		if !slices.Contains(placeholders, p) {
			return fmt.Errorf("%s reason: unknown placeholder %s", name, p)
		}
	}
	return nil
}

// Type returns the proposal type with the given id.
func (rs *RuleSet) Type(id string) (ProposalType, bool) {
	for _, t := range rs.ProposalTypes {
		if t.ID == id {
			return t, true
		}
	}
	return ProposalType{}, false
}

// TypeIDs lists the proposal type ids in file order.
func (rs *RuleSet) TypeIDs() []string {
	ids := make([]string, len(rs.ProposalTypes))
	for i, t := range rs.ProposalTypes {
		ids[i] = t.ID
	}
	return ids
}

// Fact returns the declaration of a fact.
func (rs *RuleSet) Fact(name string) (FactDecl, bool) {
	for _, f := range rs.Facts {
		if f.Name == name {
			return f, true
		}
	}
	return FactDecl{}, false
}

// RuleIDs lists the rule ids in file order: the columns of a batch.
func (rs *RuleSet) RuleIDs() []string {
	ids := make([]string, len(rs.Rules))
	for i, r := range rs.Rules {
		ids[i] = r.ID
	}
	return ids
}
