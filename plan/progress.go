package plan

import (
	"fmt"
	"time"

	"github.com/pingyang/parkmap/geodesy"
)

// PlanYears are the years of the plan period (2018–2022).
const (
	FirstPlanYear = 2018
	LastPlanYear  = 2022
)

// YearlyFigure is one cell of the yearly plans (附件6, 附件7) for one park: Value is nil where the plan
// prints "—".
type YearlyFigure struct {
	ParkID  string
	Table   string
	Measure string // supply, start, completion, output
	Unit    string
	Year    int
	Value   *float64
}

// ParkState is what progress needs to know about a park: the plan's status and figures (what the plan
// path reads) and the recognition year from its current facts (what the actual count reads).
type ParkState struct {
	ID              string
	Name            string
	Zone            string
	Status          Status
	CountsAsParks   int
	AreaMu          float64 // the plan's area (规划面积), the land of 亩均 figures
	BuildingWanM2   float64 // the plan's floor area (建筑面积)
	RecognitionYear *int
}

// Progress is one 2022 target seen from a year: its baseline, the plan's own path to that year where
// its tables give one, and what actually happened where the parks' actual figures can tell
// (ActualPaths): the actual, how many parks it rests on and their sources, the completion rate
// (actual over target) and, once the target year has figures, whether the target was met. Where no
// figure can tell, Actual is nil and ActualNote says why.
type Progress struct {
	ID             string   `json:"id"`
	NameZh         string   `json:"name_zh"`
	NameEn         string   `json:"name_en"`
	Unit           string   `json:"unit"`
	Comparator     string   `json:"comparator"`
	Baseline       *float64 `json:"baseline"`
	BaselineAsOf   string   `json:"baseline_as_of,omitempty"`
	BaselineSource string   `json:"baseline_source,omitempty"`
	BaselineNote   string   `json:"baseline_note,omitempty"`
	Target         float64  `json:"target"`
	TargetYear     int      `json:"target_year"`
	Planned        *float64 `json:"planned"`
	PlannedNote    string   `json:"planned_note"`
	PlannedPartial bool     `json:"planned_partial"`
	Actual         *float64 `json:"actual"`
	ActualNote     string   `json:"actual_note"`
	ActualBasis    string   `json:"actual_basis,omitempty"` // how the actual is worked out
	// ActualParks of ActualParksOf parks have figures in the actual: fewer than all means the county
	// figure covers only the parks that reported.
	ActualParks     int        `json:"actual_parks"`
	ActualYears     []int      `json:"actual_years"` // the years whose figures the actual adds up
	ActualParksOf   int        `json:"actual_parks_of"`
	ActualSources   []string   `json:"actual_sources"`
	ActualEnteredAt *time.Time `json:"actual_entered_at"`
	CompletionRate  *float64   `json:"completion_rate"`
	// TargetMet is whether the target year's actual reached the target; nil before that year or
	// while it has no figures. TargetYearActual is that actual.
	TargetMet        *bool    `json:"target_met"`
	TargetYearActual *float64 `json:"target_year_actual"`
	Clause           string   `json:"clause"`
}

// ComputeProgress answers every target for the given year (FirstPlanYear..last) from the plan's
// tables and the parks' actual figures.
func ComputeProgress(year, last int, in ProgressInputs) ([]Progress, error) {
	if err := CheckProgressYear(year, FirstPlanYear, last); err != nil {
		return nil, err
	}
	parks, cells := in.Parks, in.Cells
	out := make([]Progress, 0, len(in.Targets))
	for _, t := range in.Targets {
		p := Progress{
			ID: t.ID, NameZh: t.NameZh, NameEn: t.NameEn, Unit: t.Unit, Comparator: t.Comparator,
			Baseline: t.Baseline, BaselineAsOf: t.BaselineAsOf, BaselineSource: t.BaselineSource, BaselineNote: t.BaselineNote,
			Target: t.Target, TargetYear: t.Year, Clause: t.Clause, ActualSources: []string{}, ActualYears: []int{},
			PlannedNote: "no data: the plan gives no year-by-year path for this target / 规划未给出逐年路径",
		}
		if t.Path != nil {
			v, err := plannedValue(year, *t.Path, parks, cells)
			if err != nil {
				return nil, fmt.Errorf("target %s: %w", t.ID, err)
			}
			p.Planned, p.PlannedNote, p.PlannedPartial = v, t.Path.Note, t.Path.Partial
			if v == nil && year > LastPlanYear {
				p.PlannedNote = fmt.Sprintf("no data: the plan's tables end in %d / 规划逐年表止于%d年", LastPlanYear, LastPlanYear)
			}
		}
		fillActual(&p, t, year, in)
		out = append(out, p)
	}
	return out, nil
}

func plannedValue(year int, path TargetPath, parks []ParkState, cells []YearlyFigure) (*float64, error) {
	inTables := func(c YearlyFigure) bool {
		for _, t := range path.Tables {
			if c.Table == t {
				return true
			}
		}
		return false
	}
	switch path.Kind {
	case "cumulative":
		var sum float64
		for _, c := range cells {
			if c.Measure == path.Measure && inTables(c) && c.Year <= year && c.Value != nil {
				sum += *c.Value
			}
		}
		sum = geodesy.Round(sum, 6)
		return &sum, nil
	case "annual":
		var sum float64
		var any bool
		for _, c := range cells {
			if c.Measure == path.Measure && inTables(c) && c.Year == year && c.Value != nil {
				sum += *c.Value
				any = true
			}
		}
		if !any {
			return nil, nil
		}
		sum = geodesy.Round(sum, 6)
		return &sum, nil
	case "parks_in_use":
		inUse := ParksInUse(year, parks, cells)
		var n float64
		for _, p := range parks {
			if !statusIn(p.Status, path.Statuses) || !inUse[p.ID] {
				continue
			}
			n += float64(max(p.CountsAsParks, 1))
		}
		return &n, nil
	default:
		return nil, fmt.Errorf("unknown path kind %q", path.Kind)
	}
}

func statusIn(s Status, among []Status) bool {
	if len(among) == 0 {
		return true
	}
	for _, a := range among {
		if s == a {
			return true
		}
	}
	return false
}

// ParksInUse reports, for each park, whether it is in use (建成投用, fully or partly) by the end of the
// year according to the plan: completed parks always, any other from the first year a completion is
// planned for it in 附件6 or 附件7.
func ParksInUse(year int, parks []ParkState, cells []YearlyFigure) map[string]bool {
	in := map[string]bool{}
	for _, p := range parks {
		if p.Status == StatusCompleted {
			in[p.ID] = true
		}
	}
	for _, c := range cells {
		if c.Measure == "completion" && c.Year <= year && c.Value != nil && *c.Value > 0 {
			in[c.ParkID] = true
		}
	}
	return in
}

// YearlyFigures lists the yearly plan cells of the given tables (the columns with a measure), the
// same rows as the database's park_yearly_plan view.
func YearlyFigures(tables []PlanTable) []YearlyFigure {
	var out []YearlyFigure
	for _, t := range tables {
		for _, r := range t.Rows {
			if r.Park == "" {
				continue
			}
			for _, c := range t.Columns {
				if c.Measure == "" {
					continue
				}
				raw, ok := r.Cells[c.Key]
				if !ok {
					continue
				}
				out = append(out, YearlyFigure{ParkID: r.Park, Table: t.ID, Measure: c.Measure, Unit: c.Unit,
					Year: c.Year, Value: ParseCell(raw).Value})
			}
		}
	}
	return out
}
