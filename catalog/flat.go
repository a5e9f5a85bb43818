package catalog

import (
	"fmt"
	"strconv"
)

// The flat attributes of issue 13: scalar siblings of every list and object a feature carries, for
// the clients that hold neither (QGIS 3.22's OAPIF provider reads a JSON-typed field as NULL; a
// Shapefile has no lists and 254-byte text). They are columns of the views
// (data/schema/0026_flat_attributes.sql), so they filter, sort, export and answer properties= like
// any other property. Each list or object names its siblings in Property.Flat.

// yearlyMeasure is one measure of the yearly plan (附件6 / 附件7) as the flat columns spell it.
type yearlyMeasure struct {
	id, unit, short, titleZh, unitZh string
	first, last                      int // the plan's span of the measure over both tables
}

var yearlyMeasures = []yearlyMeasure{
	{"supply", "mu", "sup", "计划供地", "亩", 2018, 2021},
	{"start", "mu", "sta", "计划开工", "亩", 2018, 2021},
	{"completion", "wan_m2", "cmp", "计划竣工面积", "万㎡", 2018, 2022},
	{"output", "yi_yuan", "out", "计划产值", "亿元", 2018, 2022},
}

// yearlyShortUnit is the unit in a Shapefile's 10-byte field name.
var yearlyShortUnit = map[string]string{"mu": "mu", "wan_m2": "wm2", "yi_yuan": "yy"}

// YearlyPlanColumn names the flat column of a measure (supply, start, completion, output) and year,
// e.g. supply_2019_mu; ok is false for a measure or year outside the columns.
func YearlyPlanColumn(measure string, year int) (name string, ok bool) {
	for _, m := range yearlyMeasures {
		if m.id == measure && year >= m.first && year <= m.last {
			return fmt.Sprintf("%s_%d_%s", m.id, year, m.unit), true
		}
	}
	return "", false
}

// parkYearlyPlanFlat are a park's yearly plan, one number a measure and year (null: the park's table
// does not give the year, or gives "—"), after the table they come from.
func parkYearlyPlanFlat() []Property {
	ps := []Property{{Name: "yearly_plan_source", Type: "string", Title: "年度计划出处 附件6 / 附件7",
		Filter: true, Short: "plan_table", Optional: true}}
	for _, m := range yearlyMeasures {
		for y := m.first; y <= m.last; y++ {
			name, _ := YearlyPlanColumn(m.id, y)
			ps = append(ps, Property{Name: name, Type: "number", Optional: true,
				Title: strconv.Itoa(y) + "年" + m.titleZh + "（" + m.unitZh + "）",
				Short: fmt.Sprintf("%s%d%s", m.short, y, yearlyShortUnit[m.unit])})
		}
	}
	return ps
}

// yearlyPlanFlatNames are the names of parkYearlyPlanFlat, for the yearly_plan property's Flat.
func yearlyPlanFlatNames() []string {
	var names []string
	for _, p := range parkYearlyPlanFlat() {
		names = append(names, p.Name)
	}
	return names
}

// parkFlat are the flat siblings of a park's lists and derived objects, after its other properties.
func parkFlat() []Property {
	ps := []Property{
		{Name: "aliases_text", Type: "string", Title: "别名（以、分隔）", Short: "alias_txt"},
		{Name: "sources_text", Type: "string", Title: "规划出处（以、分隔）", Short: "src_txt"},
		{Name: "plan_industry_text", Type: "string", Title: "规划原值：主导产业（以、分隔）", Short: "pind_txt"},
	}
	ps = append(ps, parkYearlyPlanFlat()...)
	return append(ps,
		Property{Name: "phase_count", Type: "integer", Title: "分期数（§三）", Short: "phase_cnt"},
		Property{Name: "phases_text", Type: "string", Title: "分期建设（§三，每期用地、建筑面积与说明）", Short: "phase_txt", Optional: true},
		Property{Name: "phases_clause", Type: "string", Title: "分期建设条款", Short: "phase_cls", Optional: true},
		Property{Name: "inconsistency_count", Type: "integer", Title: "规划文本自相矛盾之处（条数）", Filter: true, Short: "incon_cnt"},
		Property{Name: "inconsistencies_text", Type: "string", Title: "规划文本自相矛盾之处", Short: "incon_txt", Optional: true},
	)
}
