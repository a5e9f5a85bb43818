package plan

import (
	"sort"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// Measures of the yearly plans, with their units (附件6, 附件7).
var Measures = []struct{ ID, Unit, NameZh, NameEn string }{
	{"supply", "亩", "供地", "Land supply"},
	{"start", "亩", "开工", "Starts"},
	{"completion", "万㎡", "竣工", "Completions"},
	{"output", "亿元", "产值", "Output"},
}

// ProgressInputs is everything progress and the yearly series are computed from.
type ProgressInputs struct {
	Targets   []Target
	Parks     []ParkState
	Cells     []YearlyFigure
	ZoneNames map[string]string
	// Actuals are the parks' actual figures (issue 12), any year from 2018.
	Actuals []ActualFigure
}

// Series is one measure of the yearly plans for a group of parks, year by year. Planned is the
// year's planned figure, nil where no table in the group gives one; Cumulative adds them up from 2018
// (land and floor area add up; output does not, so it has no cumulative series).
type Series struct {
	Group      string     `json:"group"` // "all", "zone" or "park"
	Key        string     `json:"key"`   // "all", a zone id or a park id
	Name       string     `json:"name"`
	Measure    string     `json:"measure"`
	Unit       string     `json:"unit"`
	Years      []int      `json:"years"`
	Planned    []*float64 `json:"planned"`
	Cumulative []*float64 `json:"cumulative,omitempty"`
	Sources    []string   `json:"sources"`
	// ActualMeasure is the actual figures' measure drawn beside the plan's ("" where none matches:
	// the plan's 开工 is in 亩 of land, the figures' in 万㎡ of floor area). Actual is the year's sum
	// over the group's parks that report it, nil where none does (never interpolated);
	// ActualCumulative adds up the years that have figures so far (nil until the first one; a year
	// without figures adds nothing, and ActualParks, the parks behind each year's figure, shows it as
	// 0 so that a reader sees the gap), as /api/progress does.
	ActualMeasure    string     `json:"actual_measure,omitempty"`
	Actual           []*float64 `json:"actual"`
	ActualCumulative []*float64 `json:"actual_cumulative,omitempty"`
	ActualParks      []int      `json:"actual_parks"`
}

// seriesActual pairs the plan's yearly measures with the actual figures' measures.
var seriesActual = map[string]string{"supply": "land_supplied_mu", "completion": "floor_completed_wan_m2", "output": "output_yi"}

// YearlySeries groups the yearly plan cells and the actual figures by the whole county, by zone or by
// park, per measure, for the years FirstPlanYear..last.
func YearlySeries(group string, last int, in ProgressInputs) ([]Series, error) {
	keyOf := map[string]string{} // park id -> group key
	names := map[string]string{}
	switch group {
	case "all":
		for _, p := range in.Parks {
			keyOf[p.ID] = "all"
		}
		names["all"] = "全县 / County"
	case "zone":
		for _, p := range in.Parks {
			keyOf[p.ID] = p.Zone
			names[p.Zone] = in.ZoneNames[p.Zone]
		}
	case "park":
		for _, p := range in.Parks {
			keyOf[p.ID] = p.ID
			names[p.ID] = p.Name
		}
	default:
		return nil, apperr.FieldErrorf(apperr.Invalid, "group", "group must be all, zone or park; got %q", clip(group))
	}
	type acc struct {
		planned map[int]float64
		has     map[int]bool
		sources map[string]bool
	}
	accs := map[[2]string]*acc{}
	for _, c := range in.Cells {
		k, ok := keyOf[c.ParkID]
		if !ok || c.Value == nil {
			continue
		}
		id := [2]string{k, c.Measure}
		a := accs[id]
		if a == nil {
			a = &acc{planned: map[int]float64{}, has: map[int]bool{}, sources: map[string]bool{}}
			accs[id] = a
		}
		a.planned[c.Year] += *c.Value
		a.has[c.Year] = true
		a.sources[c.Table] = true
	}
	type actualAcc struct {
		sum   map[int]float64
		parks map[int]map[string]bool
	}
	actuals := map[[2]string]*actualAcc{}
	for _, f := range in.Actuals {
		k, ok := keyOf[f.ParkID]
		if !ok {
			continue
		}
		id := [2]string{k, f.Measure}
		a := actuals[id]
		if a == nil {
			a = &actualAcc{sum: map[int]float64{}, parks: map[int]map[string]bool{}}
			actuals[id] = a
		}
		a.sum[f.Year] += f.Value
		if a.parks[f.Year] == nil {
			a.parks[f.Year] = map[string]bool{}
		}
		a.parks[f.Year][f.ParkID] = true
	}
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Series
	for _, k := range keys {
		for _, m := range Measures {
			a := accs[[2]string{k, m.ID}]
			s := Series{Group: group, Key: k, Name: names[k], Measure: m.ID, Unit: m.Unit, Sources: []string{},
				ActualMeasure: seriesActual[m.ID], Actual: []*float64{}, ActualParks: []int{}}
			act := actuals[[2]string{k, s.ActualMeasure}]
			var run, actualRun float64
			actualSeen := false
			for y := FirstPlanYear; y <= last; y++ {
				s.Years = append(s.Years, y)
				var v *float64
				if a != nil && a.has[y] {
					x := geodesy.Round(a.planned[y], 6)
					v = &x
					run += x
				}
				s.Planned = append(s.Planned, v)
				if m.ID != "output" {
					c := geodesy.Round(run, 6)
					s.Cumulative = append(s.Cumulative, &c)
				}
				var av, ac *float64
				n := 0
				if act != nil && act.parks[y] != nil {
					x := geodesy.Round(act.sum[y], 6)
					av, n = &x, len(act.parks[y])
					actualRun += x
					actualSeen = true
				}
				if actualSeen {
					c := geodesy.Round(actualRun, 6)
					ac = &c
				}
				s.Actual, s.ActualParks = append(s.Actual, av), append(s.ActualParks, n)
				if m.ID != "output" && s.ActualMeasure != "" {
					s.ActualCumulative = append(s.ActualCumulative, ac)
				}
			}
			if a != nil {
				for t := range a.sources {
					s.Sources = append(s.Sources, t)
				}
				sort.Strings(s.Sources)
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// round6 removes the binary noise of adding decimal figures (47 + 127.9 must print as 174.9).

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
