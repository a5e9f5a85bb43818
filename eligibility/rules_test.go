package eligibility

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/plan"
)

// The rules are data/rules/eligibility.json (geo cannot import data: data imports geo).
const rulesPath = "../data/rules/eligibility.json"

func loadRules(t *testing.T) *RuleSet {
	t.Helper()
	b, err := os.ReadFile(rulesPath)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ParseRules(b)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// cleanFacts: a 45-亩 drawn shape wholly inside the county, on no park, redevelopment area or constraint,
// with all three constraint kinds loaded.
func cleanFacts() *Facts {
	f := &Facts{AreaM2: geodesy.SquareMetresFromMu(45), ConstraintKinds: []string{plan.ConstraintFarmland, plan.ConstraintFloodZone, plan.ConstraintEcoRedLine}}
	f.derive()
	return f
}

// fullProposal gives every fact a proposal of type t needs to be eligible.
func fullProposal(t string) Proposal {
	return Proposal{Type: t, Facts: map[string]any{
		"plot_ratio": 2.2, "leading_industry_share": 0.75, "sale_price_production": 2500.0, "sale_price_other": 2800.0,
		"max_unit_price_ratio": 1.2, "smallest_unit_m2": 600.0, "rent_per_m2_month": 20.0, "land_premium_ratio": 0.4,
		"jointly_confirmed": true, "county_approved": true, "exits_planned": true,
	}}
}

func with(p Proposal, kv ...any) Proposal {
	out := Proposal{Type: p.Type, Facts: map[string]any{}}
	for k, v := range p.Facts {
		out.Facts[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out.Facts, kv[i].(string))
		} else {
			out.Facts[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

func resultOf(t *testing.T, a Answer, id string) RuleResult {
	t.Helper()
	for _, r := range a.Rules {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s in the answer", id)
	return RuleResult{}
}

func TestEveryTypeCanBeEligible(t *testing.T) {
	rs := loadRules(t)
	for _, typ := range rs.TypeIDs() {
		f := cleanFacts()
		switch typ {
		case "old_factory_redevelopment":
			f.SiteAreaMu = 80
		}
		a, err := rs.Evaluate(f, fullProposal(typ))
		if err != nil {
			t.Fatal(err)
		}
		if a.Verdict != VerdictEligible || a.RulesVersion != "2019-05-v1" || len(a.MissingFacts) != 0 {
			t.Errorf("%s: verdict %s, missing %v: %s", typ, a.Verdict, a.MissingFacts, a.SummaryEn)
		}
		if len(a.Rules) != len(rs.Rules) {
			t.Errorf("%s: %d rule results for %d rules", typ, len(a.Rules), len(rs.Rules))
		}
		for _, r := range a.Rules {
			if r.Clause == "" || r.ReasonZh == "" || r.ReasonEn == "" || strings.Contains(r.ReasonZh+r.ReasonEn, "{") {
				t.Errorf("%s %s: clause %q reasons %q / %q", typ, r.ID, r.Clause, r.ReasonZh, r.ReasonEn)
			}
		}
	}
}

// One case per rule and per boundary. Each starts from an eligible proposal of its type and changes one
// fact, so the verdict follows the rule alone.
func TestRuleBoundaries(t *testing.T) {
	rs := loadRules(t)
	type tc struct {
		name   string
		typ    string
		facts  func(*Facts)
		prop   []any // fact, value (nil deletes) pairs over fullProposal
		rule   string
		result string
		value  any
	}
	site := func(mu float64) func(*Facts) { return func(f *Facts) { f.SiteAreaMu = mu } }
	constraint := func(kind string, mu float64) func(*Facts) {
		return func(f *Facts) { f.Constraints = []ConstraintOverlap{{Kind: kind, OverlapMu: mu}} }
	}
	tests := []tc{
		// Old factories and idle land inside a plant: whole site ≥ 80 亩, plot ratio ≥ 2.0 (§四(一)2).
		{"factory 79.9 亩", "old_factory_redevelopment", site(79.9), nil, "redevelopment_site_area", ResultFail, 79.9},
		{"factory 80 亩", "old_factory_redevelopment", site(80), nil, "redevelopment_site_area", ResultPass, 80.0},
		{"factory 79.994 亩 rounds down", "old_factory_redevelopment", site(79.994), nil, "redevelopment_site_area", ResultFail, 79.99},
		{"factory 79.996 亩 rounds to 80", "old_factory_redevelopment", site(79.996), nil, "redevelopment_site_area", ResultPass, 80.0},
		{"factory plot ratio 1.99", "old_factory_redevelopment", site(80), []any{"plot_ratio", 1.99}, "redevelopment_plot_ratio", ResultFail, 1.99},
		{"factory plot ratio 2.0", "old_factory_redevelopment", site(80), []any{"plot_ratio", 2.0}, "redevelopment_plot_ratio", ResultPass, 2.0},
		{"factory plot ratio missing", "old_factory_redevelopment", site(80), []any{"plot_ratio", nil}, "redevelopment_plot_ratio", ResultNeedsInformation, nil},
		// Low-efficiency blocks by a market entity: whole parcel ≥ 30 亩, joint confirmation, county
		// approval (专栏3).
		{"block 29.9 亩", "low_efficiency_block", site(29.9), nil, "block_site_area", ResultFail, 29.9},
		{"block 30 亩", "low_efficiency_block", site(30), nil, "block_site_area", ResultPass, 30.0},
		{"block not confirmed", "low_efficiency_block", nil, []any{"jointly_confirmed", false}, "block_joint_confirmation", ResultFail, false},
		{"block confirmation unknown", "low_efficiency_block", nil, []any{"jointly_confirmed", nil}, "block_joint_confirmation", ResultNeedsInformation, nil},
		{"block confirmed", "low_efficiency_block", nil, nil, "block_joint_confirmation", ResultPass, true},
		{"block not approved", "low_efficiency_block", nil, []any{"county_approved", false}, "block_county_approval", ResultFail, false},
		{"block approval unknown", "low_efficiency_block", nil, []any{"county_approved", nil}, "block_county_approval", ResultNeedsInformation, nil},
		// Park plot ratio ≥ 2.0 (§四(一)2).
		{"park plot ratio 1.99", "new_park", nil, []any{"plot_ratio", 1.99}, "park_plot_ratio", ResultFail, 1.99},
		{"park plot ratio 2.0", "new_park", nil, []any{"plot_ratio", 2.0}, "park_plot_ratio", ResultPass, 2.0},
		{"block plot ratio 1.99", "low_efficiency_block", nil, []any{"plot_ratio", 1.99}, "park_plot_ratio", ResultFail, 1.99},
		{"custom plot ratio missing", "custom_plot", nil, []any{"plot_ratio", nil}, "park_plot_ratio", ResultNeedsInformation, nil},
		// Leading industry ≥ 70% (§二(四), §四(一)1).
		{"share 69%", "new_park", nil, []any{"leading_industry_share", 0.69}, "leading_industry_share", ResultFail, 0.69},
		{"share 69.99%", "new_park", nil, []any{"leading_industry_share", 0.6999}, "leading_industry_share", ResultFail, 0.6999},
		{"share 70%", "new_park", nil, []any{"leading_industry_share", 0.70}, "leading_industry_share", ResultPass, 0.7},
		{"share missing", "old_factory_redevelopment", site(80), []any{"leading_industry_share", nil}, "leading_industry_share", ResultNeedsInformation, nil},
		{"share for a custom plot", "custom_plot", nil, []any{"leading_industry_share", 0.1}, "leading_industry_share", ResultNotApplicable, nil},
		// Custom plots of 10 亩 or more need exits (§四(一)4).
		{"custom plot 9.99 亩", "custom_plot", site(9.99), []any{"exits_planned", nil}, "custom_plot_exits", ResultNotApplicable, nil},
		{"custom plot 10 亩, exits unknown", "custom_plot", site(10), []any{"exits_planned", nil}, "custom_plot_exits", ResultNeedsInformation, nil},
		{"custom plot 10 亩 without exits", "custom_plot", site(10), []any{"exits_planned", false}, "custom_plot_exits", ResultFail, false},
		{"custom plot 10 亩 with exits", "custom_plot", site(10), nil, "custom_plot_exits", ResultPass, true},
		// Land price premium cap ≤ 50% (§四(一)3).
		{"premium 50%", "new_park", nil, []any{"land_premium_ratio", 0.5}, "land_premium_cap", ResultPass, 0.5},
		{"premium 51%", "new_park", nil, []any{"land_premium_ratio", 0.51}, "land_premium_cap", ResultFail, 0.51},
		{"premium for an old factory", "old_factory_redevelopment", site(80), []any{"land_premium_ratio", 0.9}, "land_premium_cap", ResultNotApplicable, nil},
		// Sale and rent caps (§四(三)1).
		{"production 2600", "new_park", nil, []any{"sale_price_production", 2600.0}, "sale_price_production", ResultPass, 2600.0},
		{"production 2600.01", "new_park", nil, []any{"sale_price_production", 2600.01}, "sale_price_production", ResultFail, 2600.01},
		{"other 2900", "new_park", nil, []any{"sale_price_other", 2900.0}, "sale_price_other", ResultPass, 2900.0},
		{"other 2901", "new_park", nil, []any{"sale_price_other", 2901.0}, "sale_price_other", ResultFail, 2901.0},
		{"top price exactly 30% over", "new_park", nil, []any{"max_unit_price_ratio", 1.30}, "max_unit_price", ResultPass, 1.3},
		{"top price 3380 over 2600", "new_park", nil, []any{"max_unit_price_ratio", 3380.0 / 2600.0}, "max_unit_price", ResultPass, 1.3},
		{"top price 2600×1.3 over 2600", "new_park", nil, []any{"max_unit_price_ratio", 2600 * 1.3 / 2600}, "max_unit_price", ResultPass, 1.3},
		{"top price 30.01% over", "new_park", nil, []any{"max_unit_price_ratio", 1.3001}, "max_unit_price", ResultFail, 1.3001},
		{"smallest unit 500", "new_park", nil, []any{"smallest_unit_m2", 500.0}, "smallest_unit", ResultPass, 500.0},
		{"smallest unit 499.99", "new_park", nil, []any{"smallest_unit_m2", 499.99}, "smallest_unit", ResultFail, 499.99},
		{"smallest unit, custom plot", "custom_plot", nil, []any{"smallest_unit_m2", 100.0}, "smallest_unit", ResultNotApplicable, nil},
		{"rent 25", "new_park", nil, []any{"rent_per_m2_month", 25.0}, "rent_cap", ResultPass, 25.0},
		{"rent 25.01", "new_park", nil, []any{"rent_per_m2_month", 25.01}, "rent_cap", ResultFail, 25.01},
		{"rent missing", "custom_plot", nil, []any{"rent_per_m2_month", nil}, "rent_cap", ResultNeedsInformation, nil},
		// Conformity overlays (§二(四), §四(一)1) and the county.
		{"farmland 0.5 亩", "new_park", constraint(plan.ConstraintFarmland, 0.5), nil, "no_basic_farmland", ResultFail, 0.5},
		{"farmland 0.004 亩 is none", "new_park", constraint(plan.ConstraintFarmland, 0.004), nil, "no_basic_farmland", ResultPass, 0.0},
		{"farmland not loaded", "new_park", func(f *Facts) { f.ConstraintKinds = []string{plan.ConstraintFloodZone, plan.ConstraintEcoRedLine} }, nil,
			"no_basic_farmland", ResultNeedsInformation, nil},
		{"red line 3 亩", "custom_plot", constraint(plan.ConstraintEcoRedLine, 3), nil, "no_ecological_red_line", ResultFail, 3.0},
		{"no flood zone", "new_park", nil, []any{"flood_assessment_passed", nil}, "flood_zone_assessed", ResultPass, nil},
		{"flood zone, no assessment", "new_park", constraint(plan.ConstraintFloodZone, 2), nil, "flood_zone_assessed", ResultNeedsInformation, nil},
		{"flood zone, assessment passed", "new_park", constraint(plan.ConstraintFloodZone, 2), []any{"flood_assessment_passed", true}, "flood_zone_assessed", ResultPass, true},
		{"flood zone, assessment failed", "new_park", constraint(plan.ConstraintFloodZone, 2), []any{"flood_assessment_passed", false}, "flood_zone_assessed", ResultFail, false},
		{"partly outside the county", "new_park", func(f *Facts) { f.OutsideCountyMu = 1.5 }, nil, "within_county", ResultFail, 1.5},
		{"inside the county", "new_park", nil, nil, "within_county", ResultPass, 0.0},
		// Existing parks: a new park must not overlap another park; a custom plot lies in its own.
		{"new park over another park", "new_park", func(f *Facts) { f.OverlapOtherParksMu = 3 }, nil, "no_overlap_other_park", ResultFail, 3.0},
		{"on its own park only", "new_park", func(f *Facts) { f.OverlapParksMu = 3 }, nil, "no_overlap_other_park", ResultPass, 0.0},
		{"custom plot in a park", "custom_plot", func(f *Facts) { f.OverlapOtherParksMu = 3 }, nil, "no_overlap_other_park", ResultNotApplicable, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cleanFacts()
			if tt.typ == "old_factory_redevelopment" {
				f.SiteAreaMu = 80
			}
			if tt.facts != nil {
				tt.facts(f)
			}
			a, err := rs.Evaluate(f, with(fullProposal(tt.typ), tt.prop...))
			if err != nil {
				t.Fatal(err)
			}
			r := resultOf(t, a, tt.rule)
			if r.Result != tt.result || r.Value != tt.value {
				t.Fatalf("%s: %s, value %v; want %s, %v (%s)", tt.rule, r.Result, r.Value, tt.result, tt.value, r.ReasonEn)
			}
			want := map[string]string{ResultPass: VerdictEligible, ResultNotApplicable: VerdictEligible,
				ResultFail: VerdictNotEligible, ResultNeedsInformation: VerdictNeedsInformation}[tt.result]
			if a.Verdict != want {
				t.Errorf("verdict %s, want %s: %s", a.Verdict, want, a.SummaryEn)
			}
			if tt.result == ResultNeedsInformation && len(r.Missing) != 1 {
				t.Errorf("needs_information without the missing fact: %+v", r)
			}
		})
	}
}

func TestVerdictCombinesResults(t *testing.T) {
	rr := func(rs ...string) []RuleResult {
		var out []RuleResult
		for _, r := range rs {
			out = append(out, RuleResult{Result: r})
		}
		return out
	}
	for _, tc := range []struct {
		results []string
		want    string
	}{
		{[]string{ResultPass, ResultNotApplicable}, VerdictEligible},
		{[]string{ResultPass, ResultNeedsInformation}, VerdictNeedsInformation},
		{[]string{ResultNeedsInformation, ResultFail, ResultPass}, VerdictNotEligible},
		{[]string{ResultNotApplicable}, VerdictEligible},
	} {
		if got := Verdict(rr(tc.results...)); got != tc.want {
			t.Errorf("Verdict(%v) = %s, want %s", tc.results, got, tc.want)
		}
	}
}

func TestReasonsNameValuesAndClauses(t *testing.T) {
	rs := loadRules(t)
	f := cleanFacts()
	f.SiteAreaMu = 29.9
	a, _ := rs.Evaluate(f, with(fullProposal("low_efficiency_block"), "leading_industry_share", 0.69, "plot_ratio", 2.0))
	r := resultOf(t, a, "block_site_area")
	if r.ReasonZh != "整宗土地面积29.9亩，不足30亩" || r.Clause != "专栏3" || !strings.Contains(r.QuoteZh, "30亩以上") {
		t.Errorf("block_site_area: %q [%s] %q", r.ReasonZh, r.Clause, r.QuoteZh)
	}
	if r := resultOf(t, a, "leading_industry_share"); r.ReasonZh != "主导行业占比69%，低于70%" {
		t.Errorf("leading_industry_share: %q", r.ReasonZh)
	}
	if r := resultOf(t, a, "park_plot_ratio"); r.ReasonZh != "规划容积率2.0，不低于2.0" {
		t.Errorf("park_plot_ratio: %q", r.ReasonZh)
	}
	if !strings.Contains(a.SummaryZh, "不符合准入条件") || !strings.Contains(a.SummaryZh, "专栏3") || !strings.Contains(a.SummaryZh, "2019-05-v1") {
		t.Errorf("summary %q", a.SummaryZh)
	}
}

// The Chinese summary of a case still needing facts names them in Chinese, with no identifier.
func TestSummaryNamesMissingFactsInChinese(t *testing.T) {
	rs := loadRules(t)
	a, _ := rs.Evaluate(cleanFacts(), with(fullProposal("low_efficiency_block"), "leading_industry_share", nil))
	if a.Verdict != VerdictNeedsInformation || len(a.MissingFacts) == 0 {
		t.Fatalf("verdict %s, missing %v", a.Verdict, a.MissingFacts)
	}
	_, needed, found := strings.Cut(a.SummaryZh, "尚需补充：")
	if !found || strings.ContainsAny(needed, "abcdefghijklmnopqrstuvwxyz_") {
		t.Errorf("summary %q: the facts are not named in Chinese only", a.SummaryZh)
	}
	for _, m := range a.MissingFacts {
		if d, _ := rs.Fact(m); !strings.Contains(a.SummaryZh, d.NameZh) {
			t.Errorf("summary %q lacks %s (%s)", a.SummaryZh, d.NameZh, m)
		}
	}
}

func TestProposalTypeResolution(t *testing.T) {
	rs := loadRules(t)
	for kind, want := range map[string]string{"旧厂房": "old_factory_redevelopment", "低效工业区块": "low_efficiency_block",
		"闲置土地": "new_park", "拆后土地": "new_park", "供地地块": "new_park"} {
		f := cleanFacts()
		f.Parcel = &ParcelInfo{ID: "X", Kind: kind}
		a, err := rs.Evaluate(f, Proposal{})
		if err != nil || a.Proposal.Type != want || a.Proposal.TypeSource != "parcel_kind" {
			t.Errorf("kind %s: %s (%s), %v; want %s", kind, a.Proposal.Type, a.Proposal.TypeSource, err, want)
		}
	}
	if _, err := rs.Evaluate(cleanFacts(), Proposal{}); err == nil || err.(*apperr.Error).Field != "proposal.type" {
		t.Errorf("a drawn shape without a type: %v", err)
	}
}

// Thresholds live in the file: changing one changes the answer, with no code change.
func TestThresholdsComeFromTheFile(t *testing.T) {
	b, err := os.ReadFile(rulesPath)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte(`"fact": "site_area_mu", "op": ">=", "threshold": 30,`), []byte(`"fact": "site_area_mu", "op": ">=", "threshold": 50,`), 1)
	b = bytes.Replace(b, []byte(`"version": "2019-05-v1"`), []byte(`"version": "test-v2"`), 1)
	rs, err := ParseRules(b)
	if err != nil {
		t.Fatal(err)
	}
	f := cleanFacts()
	a, _ := rs.Evaluate(f, fullProposal("low_efficiency_block"))
	if r := resultOf(t, a, "block_site_area"); r.Result != ResultFail || r.Threshold != 50.0 || a.RulesVersion != "test-v2" {
		t.Errorf("45 亩 against a 50 亩 threshold: %s (threshold %v, rules %s)", r.Result, r.Threshold, a.RulesVersion)
	}
}

func TestParseRulesRefusesBadFiles(t *testing.T) {
	good, err := os.ReadFile(rulesPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string][2]string{
		"undeclared fact":     {`"fact": "rent_per_m2_month", "op"`, `"fact": "rent", "op"`},
		"unknown operator":    {`"fact": "rent_per_m2_month", "op": "<="`, `"fact": "rent_per_m2_month", "op": "=<"`},
		"unknown type":        {`"applies_to": ["low_efficiency_block"],`, `"applies_to": ["low_block"],`},
		"string threshold":    {`"threshold": 25,`, `"threshold": "25",`},
		"repeated id":         {`"id": "rent_cap"`, `"id": "smallest_unit"`},
		"shadows a column":    {`"id": "rent_cap"`, `"id": "verdict"`},
		"repeated title":      {`"title_zh": "租金上限"`, `"title_zh": "最小单元面积"`},
		"shadows a header":    {`"title_zh": "租金上限"`, `"title_zh": "结论"`},
		"unknown field":       {`"id": "rent_cap",`, `"id": "rent_cap", "thresold": 1,`},
		"unknown geometry":    {`"name": "area_mu", "source": "geometry"`, `"name": "perimeter_m", "source": "geometry"`},
		"no version":          {`"version": "2019-05-v1"`, `"version": ""`},
		"unknown placeholder": {`"fail": "最高租金{value}元/㎡/月`, `"fail": "最高租金{rent}元/㎡/月`},
		"no fail reason":      {`"fail": "最高租金{value}元/㎡/月，超过{threshold}元", `, ``},
	} {
		t.Run(name, func(t *testing.T) {
			b := bytes.Replace(good, []byte(edit[0]), []byte(edit[1]), 1)
			if bytes.Equal(b, good) {
				t.Fatalf("the edit %q matched nothing", edit[0])
			}
			if _, err := ParseRules(b); err == nil {
				t.Error("ParseRules accepted it")
			}
		})
	}
}
