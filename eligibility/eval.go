package eligibility

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// Proposal is what only the applicant knows: the proposal type and facts by the names the rules file
// declares (float64, bool or string values). A fact that is absent is unknown.
type Proposal struct {
	Type  string
	Facts map[string]any
}

// ProposalEcho repeats the proposal in an answer, with how its type was chosen.
type ProposalEcho struct {
	Type       string         `json:"type"`
	TypeSource string         `json:"type_source"` // proposal, or parcel_kind when derived from the parcel
	TypeZh     string         `json:"type_zh"`
	TypeEn     string         `json:"type_en"`
	Facts      map[string]any `json:"facts"`
}

// Condition results show what a conditional rule tested before its own fact.
type ConditionResult struct {
	Fact      string   `json:"fact"`
	Op        string   `json:"op"`
	Value     *float64 `json:"value"`
	Threshold float64  `json:"threshold"`
	Met       *bool    `json:"met"`
}

// RuleResult is one rule's answer with the clause behind it.
type RuleResult struct {
	ID        string           `json:"id"`
	TitleZh   string           `json:"title_zh"`
	TitleEn   string           `json:"title_en"`
	Result    string           `json:"result"`
	Fact      string           `json:"fact"`
	Value     any              `json:"value"` // the value compared (rounded to the rule's decimals), or null
	Op        string           `json:"op"`
	Threshold any              `json:"threshold"`
	Unit      string           `json:"unit,omitempty"`
	Condition *ConditionResult `json:"condition,omitempty"`
	Clause    string           `json:"clause"`
	Basis     string           `json:"basis"`
	QuoteZh   string           `json:"quote_zh"`
	Missing   []string         `json:"missing,omitempty"`
	ReasonZh  string           `json:"reason_zh"`
	ReasonEn  string           `json:"reason_en"`
}

// Answer is the whole answer to one eligibility check.
type Answer struct {
	Verdict      string       `json:"verdict"`
	RulesVersion string       `json:"rules_version"`
	SummaryZh    string       `json:"summary_zh"`
	SummaryEn    string       `json:"summary_en"`
	Proposal     ProposalEcho `json:"proposal"`
	Facts        *Facts       `json:"facts"`
	Rules        []RuleResult `json:"rules"`
	MissingFacts []string     `json:"missing_facts"`
}

// ResolveType returns the proposal's type, or the default for the parcel's kind when the proposal
// names none (a redevelopment area of kind 旧厂房 is checked as old_factory_redevelopment …).
func (rs *RuleSet) ResolveType(p Proposal, parcel *ParcelInfo) (ProposalType, string, error) {
	id, source := p.Type, "proposal"
	if id == "" && parcel != nil {
		id, source = rs.DefaultTypeByKind[parcel.Kind], "parcel_kind"
	}
	if id == "" {
		return ProposalType{}, "", apperr.FieldErrorf(apperr.Invalid, "proposal.type",
			"proposal.type is required for a drawn geometry: one of %s", strings.Join(rs.TypeIDs(), ", "))
	}
	t, ok := rs.Type(id)
	if !ok {
		return ProposalType{}, "", apperr.FieldErrorf(apperr.Invalid, "proposal.type", "unknown proposal.type %q: one of %s",
			id, strings.Join(rs.TypeIDs(), ", "))
	}
	return t, source, nil
}

// Evaluate decides every rule for the facts and the proposal, and the verdict: not_eligible if any
// applicable rule fails, needs_information if none fails but some needs information, else eligible.
func (rs *RuleSet) Evaluate(facts *Facts, p Proposal) (Answer, error) {
	t, source, err := rs.ResolveType(p, facts.Parcel)
	if err != nil {
		return Answer{}, err
	}
	given := p.Facts
	if given == nil {
		given = map[string]any{}
	}
	a := Answer{
		RulesVersion: rs.Version,
		Proposal:     ProposalEcho{Type: t.ID, TypeSource: source, TypeZh: t.NameZh, TypeEn: t.NameEn, Facts: given},
		Facts:        facts,
		Rules:        make([]RuleResult, 0, len(rs.Rules)),
		MissingFacts: []string{},
	}
	for _, r := range rs.Rules {
		res := rs.evalRule(r, t, facts, given)
		for _, m := range res.Missing {
			if !slices.Contains(a.MissingFacts, m) {
				a.MissingFacts = append(a.MissingFacts, m)
			}
		}
		a.Rules = append(a.Rules, res)
	}
	a.Verdict = Verdict(a.Rules)
	a.SummaryZh, a.SummaryEn = summarize(rs, a)
	return a, nil
}

// Verdict combines rule results: any fail → not_eligible; else any needs_information → needs_information;
// else eligible. Rules that do not apply count for nothing.
func Verdict(rules []RuleResult) string {
	v := VerdictEligible
	for _, r := range rules {
		switch r.Result {
		case ResultFail:
			return VerdictNotEligible
		case ResultNeedsInformation:
			v = VerdictNeedsInformation
		}
	}
	return v
}

// evalRule decides one rule. res is named so that the deferred reason sees the final result.
func (rs *RuleSet) evalRule(r Rule, t ProposalType, facts *Facts, given map[string]any) (res RuleResult) {
	res = RuleResult{ID: r.ID, TitleZh: r.TitleZh, TitleEn: r.TitleEn, Fact: r.Fact, Op: r.Op, Threshold: r.Threshold,
		Unit: r.Unit, Clause: r.Clause, Basis: r.Basis, QuoteZh: r.QuoteZh}
	vars := map[string]string{"{threshold}": r.format(r.Threshold), "{unit}": r.Unit, "{type_zh}": t.NameZh, "{type_en}": t.NameEn,
		"{value}": "", "{when_value}": ""}
	if !slices.Contains(r.AppliesTo, t.ID) {
		res.Result = ResultNotApplicable
		res.ReasonZh, res.ReasonEn = fill(rs.NotApplicableZh, vars), fill(rs.NotApplicableEn, vars)
		return res
	}
	reason := ResultNeedsInformation
	defer func() {
		res.ReasonZh, res.ReasonEn = fill(r.ReasonZh[reason], vars), fill(r.ReasonEn[reason], vars)
	}()
	if w := r.When; w != nil {
		cond := &ConditionResult{Fact: w.Fact, Op: w.Op, Threshold: w.Value}
		res.Condition = cond
		v, ok := rs.lookup(w.Fact, facts, given)
		if !ok {
			res.Result, res.Missing = ResultNeedsInformation, []string{w.Fact}
			return res
		}
		x := geodesy.Round(v.(float64), w.Decimals)
		met := compare(x, w.Op, w.Value)
		cond.Value, cond.Met = &x, &met
		vars["{when_value}"] = FormatNumber(x)
		if !met {
			res.Result, reason = w.Otherwise, "condition_not_met"
			return res
		}
	}
	v, ok := rs.lookup(r.Fact, facts, given)
	if !ok {
		res.Result, res.Missing = ResultNeedsInformation, []string{r.Fact}
		return res
	}
	var pass bool
	if r.Op == OpIsTrue {
		b := v.(bool)
		res.Value, pass = b, b
	} else {
		x := geodesy.Round(v.(float64), r.Decimals)
		res.Value, pass = x, compare(x, r.Op, r.Threshold.(float64))
	}
	vars["{value}"] = r.format(res.Value)
	res.Result, reason = ResultFail, ResultFail
	if pass {
		res.Result, reason = ResultPass, ResultPass
	}
	return res
}

// lookup returns a fact's value (float64 or bool) from the geometry facts or the proposal.
func (rs *RuleSet) lookup(name string, facts *Facts, given map[string]any) (any, bool) {
	d, ok := rs.Fact(name)
	if !ok {
		return nil, false
	}
	if d.Source == FactFromGeometry {
		if facts == nil {
			return nil, false
		}
		v, ok := facts.geometryFact(d)
		return v, ok
	}
	v, ok := given[name]
	if !ok || v == nil {
		return nil, false
	}
	switch v.(type) {
	case float64, bool:
		return v, true
	}
	return nil, false
}

func compare(v float64, op string, th float64) bool {
	switch op {
	case OpAtLeast:
		return v >= th
	case OpAtMost:
		return v <= th
	case OpAbove:
		return v > th
	case OpBelow:
		return v < th
	}
	return false
}

// format writes a value or threshold as a reason shows it: percentages for shares, plain numbers else.
func (r Rule) format(v any) string {
	switch x := v.(type) {
	case float64:
		if r.Format == "percent" {
			return FormatNumber(geodesy.Round(x*100, max(r.Decimals-2, 0))) + "%"
		}
		if r.Unit == "" && x == float64(int64(x)) {
			return strconv.FormatFloat(x, 'f', 1, 64) // a ratio reads as the plan writes it: 2.0
		}
		return FormatNumber(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}

// FormatNumber writes v as short as it reads exactly (no exponent, no trailing zeros).
func FormatNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func fill(tpl string, vars map[string]string) string {
	for k, v := range vars {
		tpl = strings.ReplaceAll(tpl, k, v)
	}
	return tpl
}

// summarize writes the one-line answer for the file: the verdict and what decides it.
func summarize(rs *RuleSet, a Answer) (string, string) {
	var failZh, failEn, applicable []string
	for _, r := range a.Rules {
		if r.Result != ResultNotApplicable {
			applicable = append(applicable, r.ID)
		}
		if r.Result == ResultFail {
			failZh = append(failZh, r.TitleZh+"（"+r.Clause+"）")
			failEn = append(failEn, r.TitleEn+" ("+r.Clause+")")
		}
	}
	head := fmt.Sprintf("规则版本%s，按“%s”检查：", rs.Version, a.Proposal.TypeZh)
	headEn := fmt.Sprintf("rules %s, checked as a %s: ", rs.Version, a.Proposal.TypeEn)
	switch a.Verdict {
	case VerdictNotEligible:
		return head + "不符合准入条件，不满足" + strings.Join(failZh, "、"),
			headEn + "not eligible: fails " + strings.Join(failEn, ", ")
	case VerdictNeedsInformation:
		// The Chinese sentence is for people: the facts by their Chinese names only (issue 14: the
		// identifiers in brackets read as internal names); missing_facts keeps the identifiers.
		var zh []string
		for _, m := range a.MissingFacts {
			if d, ok := rs.Fact(m); ok {
				zh = append(zh, d.NameZh)
			} else {
				zh = append(zh, m)
			}
		}
		return head + "暂无不满足的规则，尚需补充：" + strings.Join(zh, "、"),
			headEn + "no rule fails so far; still needed: " + strings.Join(a.MissingFacts, ", ")
	}
	return head + fmt.Sprintf("符合准入条件，%d条适用规则全部满足", len(applicable)),
		headEn + fmt.Sprintf("eligible: all %d applicable rules pass", len(applicable))
}
