package plan

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// ActualPath says how a target's actual figure follows from the parks' actual figures. It lives in
// code, not in targets.json, because it is parkmap's reading of the entered measures against the
// plan's wording, and each reading is tested; a target with none answers "no data".
type ActualPath struct {
	// Kind is "cumulative" (the measure added up from 2018 to the year), "annual" (the year's sum),
	// "stock" (the year-end count, summed over parks), "per_mu" (the year's measure over the land of
	// the parks that report it, 万元/亩) or "parks_in_use".
	Kind    string
	Measure string
	// PlusBaseline adds the target's baseline (what existed at 2018-10) to a cumulative sum.
	PlusBaseline bool
	// Statuses restricts parks_in_use to parks of these plan statuses (none: all parks).
	Statuses []Status
	Note     string
}

// ActualPaths maps target ids to their actual path. Targets the entered measures cannot answer
// (sales, shares, firm kinds, 小升规 upgrades: the figures count 规上 firms, not upgrades) have none.
var ActualPaths = map[string]ActualPath{
	"parks_total": {Kind: "parks_in_use", Note: "parks in use: completed by 2018-10 (the plan's status), or with completed floor area in the actual figures by the year, or recognised (认定) by the year / 建成投用园区：2018年10月已竣工、实际竣工面积已录入或当年已认定的园区"},
	"new_parks": {Kind: "parks_in_use", Statuses: []Status{StatusNew, StatusProposed},
		Note: "new parks (附件5) in use: with completed floor area in the actual figures by the year, or recognised (认定) by the year / 新建园区中实际已竣工或已认定的"},
	"land_supply_mu": {Kind: "cumulative", Measure: "land_supplied_mu", Note: "actual land supplied (供地), added up from 2018 / 实际供地自2018年起累计"},
	"new_floor_area": {Kind: "cumulative", Measure: "floor_completed_wan_m2", Note: "actual floor area completed (竣工面积), added up from 2018 / 实际竣工面积自2018年起累计"},
	"total_floor_area": {Kind: "cumulative", Measure: "floor_completed_wan_m2", PlusBaseline: true,
		Note: "the baseline (built by 2018-10) plus actual floor area completed from 2018; a 2018 completion before October would be counted twice / 基数（2018年10月已建）加2018年起实际竣工面积"},
	"output":     {Kind: "annual", Measure: "output_yi", Note: "the year's actual output (产值), summed over the parks that report it / 当年实际产值之和"},
	"firms":      {Kind: "stock", Measure: "firms", Note: "firms in residence at the year's end, summed over the parks that report it / 年末入驻企业数之和"},
	"investment": {Kind: "cumulative", Measure: "investment_yi", Note: "actual investment, added up from 2018 / 实际投资自2018年起累计"},
	"tax_per_mu": {Kind: "per_mu", Measure: "tax_wan", Note: "the year's tax over the plan's land area (规划面积) of the parks that report tax / 当年税收除以报送园区的规划用地面积"},
}

// ProgressYears is the span /api/progress answers: from the plan's first year to the later of its
// last year and the current year (the programme goes on after 2022; no upper year is fixed).
func ProgressYears(now time.Time) (first, last int) {
	return FirstPlanYear, max(LastPlanYear, CurrentYear(now))
}

// CheckProgressYear returns an error unless year is within first..last.
func CheckProgressYear(year, first, last int) error {
	if year < first || year > last {
		return apperr.Fields([]apperr.FieldError{YearError("year", year, first, last)})
	}
	return nil
}

// YearError is the mistake of a year outside first..last (the plan's first year to the current
// one), for the field that gave it: progress, the actual figures and their template all say it alike.
func YearError(field string, y, first, last int) apperr.FieldError {
	return apperr.FieldError{Field: field,
		Message:   fmt.Sprintf("%s %d is outside %d–%d (from the plan's first year to the current year)", field, y, first, last),
		MessageZh: fmt.Sprintf("年份 %d 不在 %d 至 %d 年之间（不能早于规划首年，也不能是未来年份）", y, first, last)}
}

// actualOf answers one target's actual for a year: the value (nil: no data), how many parks it rests
// on, their sources and the latest entry time.
type actualResult struct {
	value   *float64
	years   []int
	parks   []string
	sources []string
	latest  *time.Time
}

func (a *actualResult) add(f ActualFigure) {
	if !slices.Contains(a.years, f.Year) {
		a.years = append(a.years, f.Year)
	}
	if !slices.Contains(a.parks, f.ParkID) {
		a.parks = append(a.parks, f.ParkID)
	}
	if !slices.Contains(a.sources, f.Source) {
		a.sources = append(a.sources, f.Source)
	}
	if a.latest == nil || f.EnteredAt.After(*a.latest) {
		t := f.EnteredAt
		a.latest = &t
	}
}

func actualValue(t Target, path ActualPath, year int, in ProgressInputs) actualResult {
	var r actualResult
	var sum float64
	switch path.Kind {
	case "cumulative", "annual", "stock":
		for _, f := range in.Actuals {
			if f.Measure != path.Measure || f.Year > year || (path.Kind != "cumulative" && f.Year != year) {
				continue
			}
			sum += f.Value
			r.add(f)
		}
		if len(r.parks) == 0 {
			return r
		}
		if path.PlusBaseline && t.Baseline != nil {
			sum += *t.Baseline
		}
	case "per_mu":
		area := map[string]float64{}
		for _, p := range in.Parks {
			area[p.ID] = p.AreaMu
		}
		var land float64
		for _, f := range in.Actuals {
			if f.Measure != path.Measure || f.Year != year || area[f.ParkID] <= 0 {
				continue
			}
			sum += f.Value
			land += area[f.ParkID]
			r.add(f)
		}
		if land == 0 {
			return r
		}
		sum = geodesy.Round(sum/land, 4)
	case "parks_in_use":
		inUse, evidence := ActualParksInUse(year, in)
		// The count needs evidence about the parks it counts: a completion entered for 万洋 says
		// nothing about the new parks.
		known := false
		for _, p := range in.Parks {
			known = known || evidence[p.ID] && statusIn(p.Status, path.Statuses)
		}
		if !known {
			return r
		}
		// The parks it rests on are those with evidence entered (a completion figure or a recognition
		// year), not the plan's completed ones, which every year counts alike.
		counted := map[string]bool{}
		for _, p := range in.Parks {
			if inUse[p.ID] && statusIn(p.Status, path.Statuses) {
				sum += float64(max(p.CountsAsParks, 1))
				counted[p.ID] = true
			}
			if counted[p.ID] && p.RecognitionYear != nil && *p.RecognitionYear <= year && !slices.Contains(r.parks, p.ID) {
				r.parks = append(r.parks, p.ID)
			}
		}
		for _, f := range in.Actuals {
			if f.Measure == "floor_completed_wan_m2" && f.Year <= year && counted[f.ParkID] {
				r.add(f)
			}
		}
	}
	v := geodesy.Round(sum, 6)
	r.value = &v
	sort.Strings(r.sources)
	slices.Sort(r.years)
	return r
}

// ActualParksInUse reports which parks were in use by the end of year on the evidence parkmap holds:
// completed by 2018-10 (the plan's status), completed floor area in the actual figures by the year,
// or recognised (认定) by the year. evidence marks the parks something was entered for that could
// tell (a completion figure up to the year, zero included, or a recognition year by then): a count
// over parks without any is "no data", not the plan's five completed parks passed off as an actual.
func ActualParksInUse(year int, in ProgressInputs) (inUse, evidence map[string]bool) {
	inUse, evidence = map[string]bool{}, map[string]bool{}
	for _, p := range in.Parks {
		if p.Status == StatusCompleted {
			inUse[p.ID] = true
		}
		if p.RecognitionYear != nil && *p.RecognitionYear <= year {
			inUse[p.ID], evidence[p.ID] = true, true
		}
	}
	for _, f := range in.Actuals {
		if f.Measure == "floor_completed_wan_m2" && f.Year <= year {
			evidence[f.ParkID] = true
			if f.Value > 0 {
				inUse[f.ParkID] = true
			}
		}
	}
	return inUse, evidence
}

// fillActual sets a progress row's actual, completion rate and whether the target was met.
func fillActual(p *Progress, t Target, year int, in ProgressInputs) {
	p.ActualParksOf = len(in.Parks)
	path, ok := ActualPaths[t.ID]
	if !ok {
		p.ActualNote = NoActualMeasure
		return
	}
	p.ActualBasis = path.Note
	r := actualValue(t, path, year, in)
	if r.value == nil {
		p.ActualNote = NoActualFigures
	} else {
		p.Actual, p.ActualParks, p.ActualSources, p.ActualEnteredAt = r.value, len(r.parks), r.sources, r.latest
		p.ActualYears = r.years
		p.ActualNote = fmt.Sprintf("from the figures of %d of %d parks / 据%d个园区（共%d个）的实际数据", len(r.parks), len(in.Parks), len(r.parks), len(in.Parks))
		if path.Kind == "cumulative" && len(r.years) < year-FirstPlanYear+1 {
			p.ActualNote += fmt.Sprintf("; only %d of the %d years %d–%d have figures, the others add nothing / 仅%d个年份有数据，其余年份未计入",
				len(r.years), year-FirstPlanYear+1, FirstPlanYear, year, len(r.years))
		}
		if t.Target > 0 {
			rate := geodesy.Round(*r.value/t.Target, 4)
			p.CompletionRate = &rate
		}
	}
	// Whether the target was met is read at the target year, whatever year is asked, and only once
	// that year has figures.
	if year >= t.Year {
		at := r
		if year != t.Year {
			at = actualValue(t, path, t.Year, in)
		}
		if at.value != nil {
			met := *at.value >= t.Target
			p.TargetMet = &met
			p.TargetYearActual = at.value
		}
	}
}

// Notes of an actual that is not there.
const (
	NoActualMeasure = "no data: parkmap records no figure this target can be measured by / 无数据：本系统不记录该指标所需的实际数据"
	NoActualFigures = "no data: no actual figures entered for this year / 无数据：该年尚未录入实际数据"
)
