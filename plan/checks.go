package plan

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Finding is one result of checking the plan against itself. A finding never picks a winner: it
// carries both figures and where each is printed.
type Finding struct {
	ID      string   `json:"id"`   // stable, e.g. "附件3/building_wan_m2/total"
	Kind    string   `json:"kind"` // "total" (column total vs rows), "cross" (two places disagree), "name"
	OK      bool     `json:"ok"`   // the figures agree
	ParkID  string   `json:"park_id,omitempty"`
	Sources []string `json:"sources"` // the table or clause of each figure, in the order of Figures
	Figures []string `json:"figures"` // the figures as compared, e.g. "67.69 (rows)", "70.29 (printed total)"
	Message string   `json:"message"`
}

// Known reports whether the finding is one of the plan's own inconsistencies that the dataset records
// on purpose (data/seed/inconsistencies.json), as opposed to a transcription error.
func (f Finding) Known(known map[string]string) bool { _, ok := known[f.ID]; return ok }

const eps = 1e-6

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func fmtNum(v float64) string {
	s := fmt.Sprintf("%.4f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// CheckPlan verifies the plan's figures against each other: every printed column total against its
// rows (表2, 表3, 附件3–附件7), 表1 against the parks it summarises, each park's area, building area
// and firms across the tables that print them, phases against the whole, 附件7's completions against
// 附件5's building areas, and the supply plans against the planned land. Findings come sorted by ID.
func CheckPlan(parks []Park, tables []PlanTable) []Finding {
	var out []Finding
	byID := map[string]Park{}
	for _, p := range parks {
		byID[p.ID] = p
	}
	for _, t := range tables {
		if t.Kind == "status_summary" {
			out = append(out, checkStatusSummary(t, parks)...)
			continue
		}
		out = append(out, checkTotals(t)...)
		out = append(out, checkRowsAgainstParks(t, byID)...)
	}
	out = append(out, checkPhases(parks)...)
	out = append(out, checkCompletionsVsBuilding(tables, byID)...)
	out = append(out, checkSupplyVsArea(tables, byID)...)
	out = append(out, checkAlternates(parks)...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func checkTotals(t PlanTable) []Finding {
	var out []Finding
	for _, c := range t.Columns {
		if !c.Sum {
			continue
		}
		printed, ok := t.Total[c.Key]
		if !ok {
			continue
		}
		var sum float64
		var n int
		for _, r := range t.Rows {
			if v := ParseCell(r.Cells[c.Key]).Value; v != nil {
				sum += *v
				n++
			}
		}
		pc := ParseCell(printed)
		f := Finding{ID: t.ID + "/" + c.Key + "/total", Kind: "total", Sources: []string{t.ID + " rows", t.ID + " 合计"}}
		switch {
		case pc.Value == nil && n == 0:
			f.OK = true
			f.Figures = []string{"no figure", printed}
			f.Message = fmt.Sprintf("%s %s: no row gives a figure and the total is %q", t.ID, c.Label, printed)
		case pc.Value == nil:
			f.Figures = []string{fmtNum(sum), printed}
			f.Message = fmt.Sprintf("%s %s: rows add up to %s but the total row prints %q", t.ID, c.Label, fmtNum(sum), printed)
		default:
			f.OK = near(sum, *pc.Value)
			f.Figures = []string{fmtNum(sum), fmtNum(*pc.Value)}
			f.Message = fmt.Sprintf("%s %s: rows add up to %s %s, the printed total is %s", t.ID, c.Label, fmtNum(sum), c.Unit, fmtNum(*pc.Value))
		}
		out = append(out, f)
	}
	return out
}

// checkStatusSummary compares 表1 (counts, areas, building areas per status) with the park rows.
func checkStatusSummary(t PlanTable, parks []Park) []Finding {
	var out []Finding
	for _, r := range t.Rows {
		var count, area, building float64
		for _, p := range parks {
			for _, st := range r.Statuses {
				if p.Status == st {
					n := p.CountsAsParks
					if n == 0 {
						n = 1
					}
					count += float64(n)
					area += p.PlanAreaMu
					building += p.BuildingAreaWanM2
				}
			}
		}
		for _, cmp := range []struct {
			key, label string
			have       float64
		}{{"count", "个数", count}, {"area_mu", "占地面积", area}, {"building_wan_m2", "建筑面积", building}} {
			printed := ParseCell(r.Cells[cmp.key]).Value
			if printed == nil {
				continue
			}
			out = append(out, Finding{
				ID: t.ID + "/" + r.Label + "/" + cmp.key, Kind: "cross", OK: near(cmp.have, *printed),
				Sources: []string{"park rows (附件3–附件5)", t.ID}, Figures: []string{fmtNum(cmp.have), fmtNum(*printed)},
				Message: fmt.Sprintf("%s %s %s: the park rows give %s, %s prints %s", t.ID, r.Label, cmp.label, fmtNum(cmp.have), t.ID, fmtNum(*printed)),
			})
		}
	}
	return out
}

// parkField maps a table column to the park attribute it repeats.
func parkField(p Park, key string) (float64, bool) {
	switch key {
	case "plan_area_mu", "area_mu":
		return p.PlanAreaMu, true
	case "building_wan_m2":
		return p.BuildingAreaWanM2, true
	case "firms":
		return float64(p.Firms), true
	}
	return 0, false
}

func checkRowsAgainstParks(t PlanTable, parks map[string]Park) []Finding {
	var out []Finding
	for _, r := range t.Rows {
		if r.Park == "" {
			continue // a row that is not a park's (表1 groups)
		}
		p, ok := parks[r.Park]
		if !ok {
			out = append(out, Finding{ID: t.ID + "/" + r.Label + "/park", Kind: "cross", Sources: []string{t.ID},
				Figures: []string{r.Park}, Message: fmt.Sprintf("%s row %q names unknown park %q", t.ID, r.Label, r.Park)})
			continue
		}
		for _, c := range t.Columns {
			want, ok := parkField(p, c.Key)
			if !ok {
				continue
			}
			v := ParseCell(r.Cells[c.Key]).Value
			if v == nil || near(*v, want) {
				continue
			}
			out = append(out, Finding{ID: t.ID + "/" + p.ID + "/" + c.Key, Kind: "cross", ParkID: p.ID,
				Sources: []string{t.ID, "park row"}, Figures: []string{fmtNum(*v), fmtNum(want)},
				Message: fmt.Sprintf("%s: %s %s is %s here but %s in the park's row", p.Name, t.ID, c.Label, fmtNum(*v), fmtNum(want))})
		}
	}
	return out
}

func checkPhases(parks []Park) []Finding {
	var out []Finding
	for _, p := range parks {
		if len(p.Phases) == 0 {
			continue
		}
		var area, building float64
		var nb int
		for _, ph := range p.Phases {
			if ph.AreaMu != nil {
				area += *ph.AreaMu
			}
			if ph.BuildingWanM2 != nil {
				building += *ph.BuildingWanM2
				nb++
			}
		}
		clause := p.Phases[0].Clause
		out = append(out, Finding{ID: "phases/" + p.ID + "/area_mu", Kind: "cross", ParkID: p.ID, OK: near(area, p.PlanAreaMu),
			Sources: []string{clause + " phases", "planned area"}, Figures: []string{fmtNum(area), fmtNum(p.PlanAreaMu)},
			Message: fmt.Sprintf("%s: the phases of %s add up to %s 亩, the planned area is %s 亩", p.Name, clause, fmtNum(area), fmtNum(p.PlanAreaMu))})
		if nb == len(p.Phases) {
			out = append(out, Finding{ID: "phases/" + p.ID + "/building_wan_m2", Kind: "cross", ParkID: p.ID, OK: near(building, p.BuildingAreaWanM2),
				Sources: []string{clause + " phases", "building area"}, Figures: []string{fmtNum(building), fmtNum(p.BuildingAreaWanM2)},
				Message: fmt.Sprintf("%s: the phases add up to %s 万㎡, the building area is %s 万㎡", p.Name, fmtNum(building), fmtNum(p.BuildingAreaWanM2))})
		}
	}
	return out
}

// checkCompletionsVsBuilding compares a new park's yearly completions (附件7) with its building area.
func checkCompletionsVsBuilding(tables []PlanTable, parks map[string]Park) []Finding {
	var out []Finding
	for _, t := range tables {
		if t.ID != "附件7" {
			continue
		}
		for _, r := range t.Rows {
			p, ok := parks[r.Park]
			if !ok {
				continue
			}
			var sum float64
			for _, c := range t.Columns {
				if c.Measure == "completion" {
					if v := ParseCell(r.Cells[c.Key]).Value; v != nil {
						sum += *v
					}
				}
			}
			out = append(out, Finding{ID: "附件7/" + p.ID + "/completion_vs_building", Kind: "cross", ParkID: p.ID,
				OK: near(sum, p.BuildingAreaWanM2), Sources: []string{"附件7 竣工计划数", "附件5 建筑面积"},
				Figures: []string{fmtNum(sum), fmtNum(p.BuildingAreaWanM2)},
				Message: fmt.Sprintf("%s: 附件7 plans %s 万㎡ of completions, 附件5 gives a building area of %s 万㎡", p.Name, fmtNum(sum), fmtNum(p.BuildingAreaWanM2))})
		}
	}
	return out
}

// checkSupplyVsArea: land already supplied plus the planned supply should make up the park's land
// (its enterprise land where the plan gives one).
func checkSupplyVsArea(tables []PlanTable, parks map[string]Park) []Finding {
	var out []Finding
	for _, t := range tables {
		if t.ID != "附件6" && t.ID != "附件7" {
			continue
		}
		for _, r := range t.Rows {
			p, ok := parks[r.Park]
			if !ok {
				continue
			}
			supplied := ParseCell(r.Cells["supplied_mu"]).Value
			if supplied == nil {
				continue
			}
			sum := *supplied
			for _, c := range t.Columns {
				if c.Measure == "supply" {
					if v := ParseCell(r.Cells[c.Key]).Value; v != nil {
						sum += *v
					}
				}
			}
			want, basis := p.PlanAreaMu, "规划面积"
			if p.EnterpriseLandMu != nil {
				want, basis = *p.EnterpriseLandMu, "企业用地"
			}
			out = append(out, Finding{ID: t.ID + "/" + p.ID + "/supply_vs_area", Kind: "cross", ParkID: p.ID, OK: near(sum, want),
				Sources: []string{t.ID + " 已供地+供地计划数", basis}, Figures: []string{fmtNum(sum), fmtNum(want)},
				Message: fmt.Sprintf("%s: %s supplied plus planned supply is %s 亩, the %s is %s 亩", p.Name, t.ID, fmtNum(sum), basis, fmtNum(want))})
		}
	}
	return out
}

// checkAlternates reports figures and names the plan prints differently in its text.
func checkAlternates(parks []Park) []Finding {
	var out []Finding
	for _, p := range parks {
		if p.BuildingAreaAltWanM2 != nil {
			out = append(out, Finding{ID: "text/" + p.ID + "/building_wan_m2", Kind: "cross", ParkID: p.ID, OK: near(*p.BuildingAreaAltWanM2, p.BuildingAreaWanM2),
				Sources: []string{"附件3", p.BuildingAreaAltSource}, Figures: []string{fmtNum(p.BuildingAreaWanM2), fmtNum(*p.BuildingAreaAltWanM2)},
				Message: fmt.Sprintf("%s: building area %s 万㎡ in the table, %s 万㎡ in %s", p.Name, fmtNum(p.BuildingAreaWanM2), fmtNum(*p.BuildingAreaAltWanM2), p.BuildingAreaAltSource)})
		}
		if p.EnterpriseLandAlt != "" && p.EnterpriseLandMu != nil {
			out = append(out, Finding{ID: "text/" + p.ID + "/enterprise_land_mu", Kind: "cross", ParkID: p.ID,
				Sources: []string{"附件4", p.EnterpriseLandAltSrc}, Figures: []string{fmtNum(*p.EnterpriseLandMu) + "亩", p.EnterpriseLandAlt},
				Message: fmt.Sprintf("%s: enterprise land %s 亩 in 附件4, %q in %s", p.Name, fmtNum(*p.EnterpriseLandMu), p.EnterpriseLandAlt, p.EnterpriseLandAltSrc)})
		}
		if p.NameAlt != "" {
			out = append(out, Finding{ID: "text/" + p.ID + "/name", Kind: "name", ParkID: p.ID,
				Sources: []string{"表3, 附件5, 附件7", p.NameAltSource}, Figures: []string{p.Name, p.NameAlt},
				Message: fmt.Sprintf("the park called %s in 表3, 附件5 and 附件7 is called %s in %s", p.Name, p.NameAlt, p.NameAltSource)})
		}
	}
	return out
}

// CheckAll is every check of the plan against itself: CheckPlan and CheckTargets, sorted by ID.
func CheckAll(parks []Park, tables []PlanTable, targets []Target) []Finding {
	out := append(CheckPlan(parks, tables), CheckTargets(parks, targets)...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// CheckTargets compares the park counts of §二(五) with the park rows: the plan counts 万洋众创城 as two
// parks (counts_as_parks), and its new parks are the 新建 and 拟建 rows of 附件5.
func CheckTargets(parks []Park, targets []Target) []Finding {
	var all, fresh float64
	for _, p := range parks {
		n := float64(max(p.CountsAsParks, 1))
		all += n
		if p.Status == StatusNew || p.Status == StatusProposed {
			fresh += n
		}
	}
	var out []Finding
	for _, t := range targets {
		var have float64
		var what string
		switch t.ID {
		case "parks_total":
			have, what = all, "the park rows count %s parks (万洋众创城 as two, as 表1 counts it), %s sets %s"
		case "new_parks":
			have, what = fresh, "the 新建 and 拟建 rows (附件5) are %s parks, %s sets %s"
		default:
			continue
		}
		out = append(out, Finding{ID: "targets/" + t.ID, Kind: "cross", OK: near(have, t.Target),
			Sources: []string{"park rows (表1, 附件3–附件5)", t.Clause}, Figures: []string{fmtNum(have), fmtNum(t.Target)},
			Message: fmt.Sprintf(what, fmtNum(have), t.Clause, fmtNum(t.Target))})
	}
	return out
}
