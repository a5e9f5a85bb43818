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
}

// YearlySeries groups the yearly plan cells by the whole county, by zone or by park, per measure.
func YearlySeries(group string, in ProgressInputs) ([]Series, error) {
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
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Series
	for _, k := range keys {
		for _, m := range Measures {
			a := accs[[2]string{k, m.ID}]
			s := Series{Group: group, Key: k, Name: names[k], Measure: m.ID, Unit: m.Unit, Sources: []string{}}
			var run float64
			for y := FirstPlanYear; y <= LastPlanYear; y++ {
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
