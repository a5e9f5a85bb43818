package plan

import "github.com/pingyang/parkmap/geodesy"

// Indicator is a figure derived from the actual figures of a year where its inputs exist: 亩均税收,
// 亩均产值, output per 万㎡. Value is nil ("no data") where no park reports both the measure and a
// denominator; Parks says how many parks it rests on.
type Indicator struct {
	ID     string   `json:"id"`
	NameZh string   `json:"name_zh"`
	NameEn string   `json:"name_en"`
	Unit   string   `json:"unit"`
	Value  *float64 `json:"value"`
	Parks  int      `json:"parks"`
	Basis  string   `json:"basis"`
}

// DerivedIndicators works out the year's derived indicators from the actual figures. The land of a
// park is its area in the plan (规划面积: parkmap holds no surveyed area yet); the floor area is the
// plan's built area of the parks completed by 2018-10 plus the completions entered up to the year.
func DerivedIndicators(year int, in ProgressInputs) []Indicator {
	area := map[string]float64{}
	floor := map[string]float64{}
	for _, p := range in.Parks {
		area[p.ID] = p.AreaMu
		if p.Status == StatusCompleted {
			floor[p.ID] = p.BuildingWanM2
		}
	}
	yearly := func(measure string) map[string]float64 {
		out := map[string]float64{}
		for _, f := range in.Actuals {
			if f.Measure == measure && f.Year == year {
				out[f.ParkID] += f.Value
			}
		}
		return out
	}
	for _, f := range in.Actuals {
		if f.Measure == "floor_completed_wan_m2" && f.Year <= year {
			floor[f.ParkID] += f.Value
		}
	}
	ratio := func(num map[string]float64, den map[string]float64, scale float64) (*float64, int) {
		var n, d float64
		var parks int
		for id, v := range num {
			if den[id] > 0 {
				n, d, parks = n+v, d+den[id], parks+1
			}
		}
		if parks == 0 {
			return nil, 0
		}
		v := geodesy.Round(n*scale/d, 4)
		return &v, parks
	}
	tax, output := yearly("tax_wan"), yearly("output_yi")
	var out []Indicator
	add := func(id, zh, en, unit, basis string, v *float64, parks int) {
		out = append(out, Indicator{ID: id, NameZh: zh, NameEn: en, Unit: unit, Value: v, Parks: parks, Basis: basis})
	}
	v, n := ratio(tax, area, 1)
	add("tax_per_mu", "亩均税收", "Tax per mu", "万元/亩",
		"the year's tax over the plan's area of the parks reporting tax / 当年税收÷报送园区规划面积", v, n)
	v, n = ratio(output, area, 1e4)
	add("output_per_mu", "亩均产值", "Output per mu", "万元/亩",
		"the year's output (亿元×10⁴) over the plan's area of the parks reporting output / 当年产值÷报送园区规划面积", v, n)
	v, n = ratio(output, floor, 1)
	add("output_per_wan_m2", "单位建筑面积产值", "Output per 10,000 m² of floor area", "亿元/万㎡",
		"the year's output over the floor area built (2018-10 built area of completed parks plus completions entered) / 当年产值÷已建建筑面积", v, n)
	return out
}
