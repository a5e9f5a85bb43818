package web_test

import (
	"encoding/json"
	"math"
	"net/http"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

type progressActualJSON struct {
	Year     int `json:"year"`
	LastYear int `json:"last_year"`
	Targets  []struct {
		ID             string   `json:"id"`
		Target         float64  `json:"target"`
		Planned        *float64 `json:"planned"`
		Actual         *float64 `json:"actual"`
		ActualParks    int      `json:"actual_parks"`
		ActualParksOf  int      `json:"actual_parks_of"`
		ActualYears    []int    `json:"actual_years"`
		ActualSources  []string `json:"actual_sources"`
		CompletionRate *float64 `json:"completion_rate"`
		TargetMet      *bool    `json:"target_met"`
	} `json:"targets"`
	Indicators []struct {
		ID    string   `json:"id"`
		Value *float64 `json:"value"`
		Parks int      `json:"parks"`
	} `json:"indicators"`
}

// A planner's entries reach /api/progress and /api/plan/yearly: the actual beside the plan, the
// parks and years it rests on, its sources, the completion rate and the 2022 verdict; what nobody
// entered stays "no data".
func TestProgressFollowsEnteredActuals(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	for _, put := range []struct{ path, body string }{
		{"/api/parks/wanyang/actuals/2021", `{"source":"2021年度统计年报","figures":{"land_supplied_mu":800}}`},
		{"/api/parks/wanyang/actuals/2022", `{"source":"2022年度统计年报","figures":{"land_supplied_mu":500,"output_yi":60,"tax_wan":8669}}`},
		{"/api/parks/zilai/actuals/2022", `{"source":"紫来园区报送","figures":{"land_supplied_mu":250.5,"output_yi":12.5}}`},
	} {
		if r := planner.do("PUT", put.path, put.body); r.status != http.StatusOK {
			t.Fatalf("PUT %s: %v", put.path, r)
		}
	}
	anon := newClient(t, base)
	var p progressActualJSON
	r := anon.do("GET", "/api/progress?year=2022", nil)
	if r.status != http.StatusOK || json.Unmarshal(r.body, &p) != nil {
		t.Fatalf("progress: %v", r)
	}
	near := func(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-6 }
	byID := map[string]int{}
	for i, tg := range p.Targets {
		byID[tg.ID] = i
	}
	land := p.Targets[byID["land_supply_mu"]]
	if !near(land.Actual, 1550.5) || land.ActualParks != 2 || land.ActualParksOf != 20 || len(land.ActualYears) != 2 ||
		len(land.ActualSources) != 3 || !near(land.CompletionRate, 1.0337) || land.TargetMet == nil || !*land.TargetMet {
		t.Errorf("land supply: %+v", land)
	}
	out := p.Targets[byID["output"]]
	if !near(out.Actual, 72.5) || !near(out.Planned, 90) || out.TargetMet == nil || *out.TargetMet {
		t.Errorf("output: %+v", out)
	}
	if tax := p.Targets[byID["tax_per_mu"]]; !near(tax.Actual, 10) {
		t.Errorf("tax per mu: %+v, want 8669 万元 / 866.9 亩", tax)
	}
	if f := p.Targets[byID["firms"]]; f.Actual != nil || f.CompletionRate != nil || f.TargetMet != nil {
		t.Errorf("firms, never entered: %+v, want no data", f)
	}
	if len(p.Indicators) != 3 || !near(p.Indicators[0].Value, 10) || p.Indicators[0].Parks != 1 {
		t.Errorf("indicators: %+v", p.Indicators)
	}
	// The yearly series carry the same figures beside the plan.
	var y struct {
		Series []struct {
			Measure          string     `json:"measure"`
			Years            []int      `json:"years"`
			Actual           []*float64 `json:"actual"`
			ActualCumulative []*float64 `json:"actual_cumulative"`
			ActualParks      []int      `json:"actual_parks"`
		} `json:"series"`
	}
	r = anon.do("GET", "/api/plan/yearly?group=all", nil)
	if r.status != http.StatusOK || json.Unmarshal(r.body, &y) != nil {
		t.Fatalf("yearly: %v", r)
	}
	for _, s := range y.Series {
		if s.Measure != "supply" {
			continue
		}
		if len(s.Years) != 5 || s.Actual[2] != nil || !near(s.Actual[3], 800) || !near(s.Actual[4], 750.5) ||
			!near(s.ActualCumulative[4], 1550.5) || s.ActualParks[4] != 2 {
			t.Errorf("supply series: years %v actual %v cumulative %v parks %v", s.Years, s.Actual, s.ActualCumulative, s.ActualParks)
		}
	}
}
