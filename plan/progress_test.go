package plan_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

func seedInputs(t *testing.T) plan.ProgressInputs {
	t.Helper()
	seed, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	in := plan.ProgressInputs{Targets: seed.Targets, Cells: plan.YearlyFigures(seed.Tables), ZoneNames: map[string]string{}}
	for _, p := range seed.Parks {
		in.Parks = append(in.Parks, plan.ParkState{ID: p.ID, Name: p.Name, Zone: p.Zone, Status: p.Status, CountsAsParks: p.CountsAsParks,
			AreaMu: p.PlanAreaMu, BuildingWanM2: p.BuildingAreaWanM2})
	}
	for _, z := range seed.Zones {
		in.ZoneNames[z.ID] = z.NameZh
	}
	return in
}

// printedTotal reads a printed column total of a plan table.
func printedTotal(t *testing.T, table, key string) float64 {
	t.Helper()
	seed, _ := data.LoadSeed()
	for _, tb := range seed.Tables {
		if tb.ID == table {
			if v := plan.ParseCell(tb.Total[key]).Value; v != nil {
				return *v
			}
			return 0 // a printed "—": nothing planned
		}
	}
	t.Fatalf("no table %s", table)
	return 0
}

func progressOf(t *testing.T, in plan.ProgressInputs, year int, id string) plan.Progress {
	t.Helper()
	ps, err := plan.ComputeProgress(year, lastYear, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no target %s", id)
	return plan.Progress{}
}

// lastYear is the last year progress answers in these tests: the programme goes on after the plan.
const lastYear = 2026

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// The planned cumulative land supply by a year, worked out from the rows of 附件6 and 附件7, must equal
// the running sum of those tables' printed column totals.
func TestPlannedSupplyEqualsPrintedTotals(t *testing.T) {
	in := seedInputs(t)
	var want float64
	for year := 2018; year <= 2022; year++ {
		if year <= 2020 {
			want += printedTotal(t, "附件6", "supply_"+itoa(year))
		}
		if year <= 2021 {
			want += printedTotal(t, "附件7", "supply_"+itoa(year))
		}
		p := progressOf(t, in, year, "land_supply_mu")
		if p.Planned == nil || !near(*p.Planned, want) {
			t.Errorf("%d: planned land supply %v, the printed totals add up to %v", year, p.Planned, want)
		}
	}
	// The new parks alone by 2021 (附件7's rows) equal 附件7's four column totals: 94.5+224+460+594.5.
	series, err := plan.YearlySeries("park", plan.LastPlanYear, in)
	if err != nil {
		t.Fatal(err)
	}
	var newParks float64
	for _, s := range series {
		if s.Measure != "supply" {
			continue
		}
		for _, src := range s.Sources {
			if src == "附件7" {
				newParks += *s.Cumulative[3] // 2021
			}
		}
	}
	if !near(newParks, 94.5+224+460+594.5) {
		t.Errorf("new parks' cumulative supply by 2021 = %v, 附件7's totals add up to 1373", newParks)
	}
}

func TestPlannedCompletionsAndOutput(t *testing.T) {
	in := seedInputs(t)
	// 附件6 completions 136.7 (2018) + 57.1 (2019), 附件7 22.3 (2019).
	if p := progressOf(t, in, 2019, "new_floor_area"); p.Planned == nil || !near(*p.Planned, 136.7+57.1+22.3) {
		t.Errorf("2019 new floor area planned %v, want 216.1", p.Planned)
	}
	// Output: 附件6 gives 90 亿元 for 2022, for the existing parks only: planned, flagged partial.
	p := progressOf(t, in, 2022, "output")
	if p.Planned == nil || !near(*p.Planned, 90) || !p.PlannedPartial {
		t.Errorf("2022 output planned %v partial %v, want 90 partial", p.Planned, p.PlannedPartial)
	}
	if p.Actual != nil || p.ActualNote == "" {
		t.Errorf("actual %v note %q: parkmap has no actual figures and must say so", p.Actual, p.ActualNote)
	}
	// A target without a path answers no data, never 0.
	if p := progressOf(t, in, 2022, "tax_per_mu"); p.Planned != nil {
		t.Errorf("tax per mu planned %v, want no data", *p.Planned)
	}
}

func TestParksInUse(t *testing.T) {
	in := seedInputs(t)
	// 2018: the 5 completed and the 4 在建 rows with a 2018 completion (万洋 counts twice) = 10, the
	// plan's "已建成投用（部分建成投用）10个". 2022: all 20 rows, 21 parks with 万洋 as two.
	for year, want := range map[int]float64{2018: 10, 2019: 13, 2020: 18, 2021: 20, 2022: 21} {
		if p := progressOf(t, in, year, "parks_total"); p.Planned == nil || *p.Planned != want {
			t.Errorf("%d: parks in use %v, want %v", year, p.Planned, want)
		}
	}
	if p := progressOf(t, in, 2022, "new_parks"); p.Planned == nil || *p.Planned != 11 {
		t.Errorf("2022: new parks in use %v, want the plan's 11", p.Planned)
	}
}

func TestProgressRejectsYearsOutsideTheProgramme(t *testing.T) {
	in := seedInputs(t)
	for _, y := range []int{2017, lastYear + 1, 0, -1} {
		if _, err := plan.ComputeProgress(y, lastYear, in); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("year %d: err %v, want invalid", y, err)
		}
	}
}

func TestYearlySeriesByZoneAddsUpToTheCounty(t *testing.T) {
	in := seedInputs(t)
	all, err := plan.YearlySeries("all", plan.LastPlanYear, in)
	if err != nil {
		t.Fatal(err)
	}
	zones, err := plan.YearlySeries("zone", plan.LastPlanYear, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		for i := range a.Years {
			var sum float64
			var any bool
			for _, z := range zones {
				if z.Measure == a.Measure && z.Planned[i] != nil {
					sum += *z.Planned[i]
					any = true
				}
			}
			if (a.Planned[i] == nil) != !any || (any && !near(sum, *a.Planned[i])) {
				t.Errorf("%s %d: county %v, zones add up to %v", a.Measure, a.Years[i], a.Planned[i], sum)
			}
		}
	}
	if _, err := plan.YearlySeries("town", plan.LastPlanYear, in); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("group town: err %v, want invalid", err)
	}
	// Output has no cumulative series: yearly output does not add up across years.
	for _, a := range all {
		if a.Measure == "output" && a.Cumulative != nil {
			t.Error("output has a cumulative series")
		}
	}
}

func itoa(y int) string { return strconv.Itoa(y) }
