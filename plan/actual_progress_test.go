package plan_test

import (
	"testing"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// fig is one actual figure entered for a test.
func fig(park string, year int, measure string, v float64, source string) plan.ActualFigure {
	return plan.ActualFigure{ParkID: park, Year: year, Measure: measure, Value: v, Source: source,
		EnteredBy: "planner", EnteredAt: time.Date(2026, 3, year-2000, 9, 0, 0, 0, time.UTC)}
}

// Without a single actual figure, every target answers "no data", never zero, and never the plan's
// figures passed off as actual (the five parks completed by 2018-10 are not an actual count).
func TestActualIsNoDataWithoutFigures(t *testing.T) {
	in := seedInputs(t)
	for _, year := range []int{2018, 2022, 2026} {
		ps, err := plan.ComputeProgress(year, lastYear, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.Actual != nil || p.CompletionRate != nil || p.TargetMet != nil || p.ActualNote == "" {
				t.Errorf("%d %s: actual %v rate %v met %v note %q, want no data", year, p.ID, p.Actual, p.CompletionRate, p.TargetMet, p.ActualNote)
			}
			if p.ActualParksOf != 20 {
				t.Errorf("%s: actual_parks_of %d, want 20", p.ID, p.ActualParksOf)
			}
		}
	}
}

func TestActualSumsCompletionRatesAndTargetMet(t *testing.T) {
	in := seedInputs(t)
	in.Actuals = []plan.ActualFigure{
		fig("wanyang", 2021, "land_supplied_mu", 800, "2021年统计年报"),
		fig("wanyang", 2022, "land_supplied_mu", 500, "2022年统计年报"),
		fig("zilai", 2022, "land_supplied_mu", 250.5, "紫来园区报送"),
		fig("wanyang", 2022, "output_yi", 60, "2022年统计年报"),
		fig("zilai", 2022, "output_yi", 12.5, "紫来园区报送"),
		fig("wanyang", 2022, "tax_wan", 8669, "2022年统计年报"),
		fig("wanyang", 2022, "firms", 300, "2022年统计年报"),
		fig("zilai", 2022, "firms", 45, "紫来园区报送"),
		fig("zilai", 2023, "firms", 60, "紫来园区报送"),
	}
	// Cumulative land: 800 + 500 + 250.5 by 2022 from two parks, against 1500: 103.37%, met.
	p := progressOf(t, in, 2022, "land_supply_mu")
	if p.Actual == nil || !near(*p.Actual, 1550.5) || p.ActualParks != 2 {
		t.Fatalf("land 2022: actual %v from %d parks, want 1550.5 from 2", p.Actual, p.ActualParks)
	}
	if p.CompletionRate == nil || !near(*p.CompletionRate, 1.0337) || p.TargetMet == nil || !*p.TargetMet {
		t.Errorf("land 2022: rate %v met %v, want 1.0337 and met", p.CompletionRate, p.TargetMet)
	}
	if len(p.ActualSources) != 3 || len(p.ActualYears) != 2 || p.ActualEnteredAt == nil {
		t.Errorf("land 2022: sources %v years %v entered %v", p.ActualSources, p.ActualYears, p.ActualEnteredAt)
	}
	// 2021 alone: 800 from one park; the target year is not reached, so met is unknown.
	p = progressOf(t, in, 2021, "land_supply_mu")
	if p.Actual == nil || *p.Actual != 800 || p.TargetMet != nil {
		t.Errorf("land 2021: actual %v met %v, want 800 and no verdict yet", p.Actual, p.TargetMet)
	}
	// Asked from 2026, met is still read at 2022.
	p = progressOf(t, in, 2026, "land_supply_mu")
	if p.TargetMet == nil || !*p.TargetMet || p.TargetYearActual == nil || !near(*p.TargetYearActual, 1550.5) {
		t.Errorf("land 2026: met %v at %v", p.TargetMet, p.TargetYearActual)
	}
	// Output is the year's: 72.5 of 120, not met; 2023 has no output figure: no data.
	p = progressOf(t, in, 2022, "output")
	if p.Actual == nil || !near(*p.Actual, 72.5) || p.TargetMet == nil || *p.TargetMet || !near(*p.CompletionRate, 0.6042) {
		t.Errorf("output 2022: %v met %v rate %v", p.Actual, p.TargetMet, p.CompletionRate)
	}
	if p := progressOf(t, in, 2023, "output"); p.Actual != nil || p.TargetMet == nil || *p.TargetMet {
		t.Errorf("output 2023: actual %v met %v, want no data and the 2022 verdict (not met)", p.Actual, p.TargetMet)
	}
	// Firms are a year-end stock, not added over years: 345 in 2022, 60 in 2023 (one park reports).
	if p := progressOf(t, in, 2022, "firms"); p.Actual == nil || *p.Actual != 345 {
		t.Errorf("firms 2022: %v, want 345", p.Actual)
	}
	if p := progressOf(t, in, 2023, "firms"); p.Actual == nil || *p.Actual != 60 || p.ActualParks != 1 {
		t.Errorf("firms 2023: %v from %d parks, want 60 from 1", p.Actual, p.ActualParks)
	}
	// 亩均税收 over 万洋's plan area 866.9 亩: 8669 / 866.9 = 10 万元/亩.
	if p := progressOf(t, in, 2022, "tax_per_mu"); p.Actual == nil || !near(*p.Actual, 10) {
		t.Errorf("tax per mu 2022: %v, want 10", p.Actual)
	}
	// A target no entered measure can tell stays no data, with its own note.
	if p := progressOf(t, in, 2022, "sales_per_mu"); p.Actual != nil || p.ActualNote != plan.NoActualMeasure {
		t.Errorf("sales per mu: %v %q", p.Actual, p.ActualNote)
	}
}

func TestActualParksInUseNeedsEvidence(t *testing.T) {
	in := seedInputs(t)
	// Completed floor area entered for two new parks (紫来 2021, 圣诺 2022) and a zero for 水头宠物:
	// 2022 counts the plan's 5 completed parks plus the two; 2020 has no evidence at all: no data.
	in.Actuals = []plan.ActualFigure{
		fig("zilai", 2021, "floor_completed_wan_m2", 12, "a"),
		fig("shengnuo", 2022, "floor_completed_wan_m2", 8, "b"),
		fig("shuitou-chongwu", 2022, "floor_completed_wan_m2", 0, "c"),
	}
	if p := progressOf(t, in, 2020, "parks_total"); p.Actual != nil {
		t.Errorf("2020 parks in use actual %v, want no data", *p.Actual)
	}
	// It rests on the two parks whose figures show a completion, not on the plan's five.
	if p := progressOf(t, in, 2022, "parks_total"); p.Actual == nil || *p.Actual != 7 || p.ActualParks != 2 {
		t.Errorf("2022 parks in use %v from %d parks, want 7 from 2", p.Actual, p.ActualParks)
	}
	if p := progressOf(t, in, 2022, "new_parks"); p.Actual == nil || *p.Actual != 2 {
		t.Errorf("2022 new parks in use %v, want 2", p.Actual)
	}
	// A completion of 万洋 (在建) alone tells nothing about the new parks: no data, not 0.
	in.Actuals = []plan.ActualFigure{fig("wanyang", 2022, "floor_completed_wan_m2", 45, "d")}
	if p := progressOf(t, in, 2022, "new_parks"); p.Actual != nil {
		t.Errorf("new parks in use from a completion of 万洋 only: %v, want no data", *p.Actual)
	}
	if p := progressOf(t, in, 2022, "parks_total"); p.Actual == nil || *p.Actual != 7 {
		t.Errorf("parks in use with 万洋 completed: %v, want 5 + 万洋's two", p.Actual)
	}
	// A recognition year is evidence too.
	y := 2019
	for i := range in.Parks {
		if in.Parks[i].ID == "xiaojiang-shipin" {
			in.Parks[i].RecognitionYear = &y
		}
	}
	in.Actuals = nil
	if p := progressOf(t, in, 2020, "new_parks"); p.Actual == nil || *p.Actual != 1 {
		t.Errorf("2020 new parks with a recognition in 2019: %v, want 1", p.Actual)
	}
}

func TestPlannedAfterThePlanEnds(t *testing.T) {
	in := seedInputs(t)
	// Cumulative paths stay at their 2022 value; the annual one has no figure after 2022.
	p22, p26 := progressOf(t, in, 2022, "land_supply_mu"), progressOf(t, in, 2026, "land_supply_mu")
	if p26.Planned == nil || *p26.Planned != *p22.Planned {
		t.Errorf("2026 planned land %v, want the 2022 path %v", p26.Planned, *p22.Planned)
	}
	if p := progressOf(t, in, 2026, "output"); p.Planned != nil || p.PlannedNote == "" {
		t.Errorf("2026 planned output %v note %q, want no data", p.Planned, p.PlannedNote)
	}
}

func TestDerivedIndicators(t *testing.T) {
	in := seedInputs(t)
	if got := plan.DerivedIndicators(2022, in); len(got) != 3 || got[0].Value != nil {
		t.Fatalf("without figures: %+v, want three indicators with no data", got)
	}
	// 金融电子 (已竣工, 126 亩, its plan floor area) reports output 5 亿元 and tax 630 万元 in 2023.
	in.Actuals = []plan.ActualFigure{fig("jinrong-dianzi", 2023, "output_yi", 5, "x"), fig("jinrong-dianzi", 2023, "tax_wan", 630, "x")}
	var building float64
	for _, p := range in.Parks {
		if p.ID == "jinrong-dianzi" {
			building = p.BuildingWanM2
		}
	}
	want := map[string]float64{"tax_per_mu": 5, "output_per_mu": 5e4 / 126, "output_per_wan_m2": 5 / building}
	for _, ind := range plan.DerivedIndicators(2023, in) {
		if ind.Value == nil || ind.Parks != 1 || abs(*ind.Value-want[ind.ID]) > 1e-4 {
			t.Errorf("%s: %v from %d parks, want %v", ind.ID, ind.Value, ind.Parks, want[ind.ID])
		}
	}
}

func TestYearlySeriesActuals(t *testing.T) {
	in := seedInputs(t)
	in.Actuals = []plan.ActualFigure{
		fig("wanyang", 2019, "land_supplied_mu", 100, "a"),
		fig("zilai", 2019, "land_supplied_mu", 20, "b"),
		fig("wanyang", 2021, "land_supplied_mu", 30, "a"),
	}
	all, err := plan.YearlySeries("all", 2024, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if len(s.Years) != 7 || s.Years[6] != 2024 || len(s.Actual) != 7 {
			t.Fatalf("%s: years %v actual %v, want 2018–2024", s.Measure, s.Years, s.Actual)
		}
		if s.Measure != "supply" {
			continue
		}
		// 2018 none, 2019 120 (two parks), 2020 none (a gap, not zero), 2021 30.
		if s.Actual[0] != nil || *s.Actual[1] != 120 || s.Actual[2] != nil || *s.Actual[3] != 30 || s.ActualParks[1] != 2 || s.ActualParks[2] != 0 {
			t.Errorf("supply actual %v parks %v", s.Actual, s.ActualParks)
		}
		if s.ActualCumulative[0] != nil || *s.ActualCumulative[2] != 120 || *s.ActualCumulative[6] != 150 {
			t.Errorf("supply actual cumulative %v", s.ActualCumulative)
		}
	}
	for _, s := range all {
		if s.Measure == "start" && (s.ActualMeasure != "" || s.ActualCumulative != nil) {
			t.Errorf("start has an actual measure %q: the plan's 开工 is land, the figures' floor area", s.ActualMeasure)
		}
	}
	if err := plan.CheckProgressYear(2027, 2018, 2026); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("2027: %v", err)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
