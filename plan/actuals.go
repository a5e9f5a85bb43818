package plan

import "time"

// ActualMeasure is one measure of what actually happened in a park in a year (issue 12). Whole
// measures are counts (firms); Flow measures are the year's own figure and add up over years (land
// supplied, floor area, output, tax, investment), Stock measures are a count at the year's end and do
// not add up (firms).
type ActualMeasure struct {
	ID     string `json:"id"`
	NameZh string `json:"name_zh"`
	NameEn string `json:"name_en"`
	Unit   string `json:"unit"`
	Whole  bool   `json:"whole"`
	Stock  bool   `json:"stock"`
}

// ActualMeasures are the measures a park's actual figures are entered in, in the order the form and
// the xlsx template show them. The schema's CHECK park_actuals_measure_known holds the same ids.
var ActualMeasures = []ActualMeasure{
	{ID: "land_supplied_mu", NameZh: "供地", NameEn: "Land supplied", Unit: "亩"},
	{ID: "floor_started_wan_m2", NameZh: "开工面积", NameEn: "Floor area started", Unit: "万㎡"},
	{ID: "floor_completed_wan_m2", NameZh: "竣工面积", NameEn: "Floor area completed", Unit: "万㎡"},
	{ID: "output_yi", NameZh: "产值", NameEn: "Output", Unit: "亿元"},
	{ID: "tax_wan", NameZh: "税收", NameEn: "Tax", Unit: "万元"},
	{ID: "firms", NameZh: "入驻企业", NameEn: "Firms in residence", Unit: "家", Whole: true, Stock: true},
	{ID: "firms_above_scale", NameZh: "规上企业", NameEn: "Firms above designated size", Unit: "家", Whole: true, Stock: true},
	{ID: "investment_yi", NameZh: "投资", NameEn: "Investment", Unit: "亿元"},
}

// ActualMeasureByID returns the measure with the given id.
func ActualMeasureByID(id string) (ActualMeasure, bool) {
	for _, m := range ActualMeasures {
		if m.ID == id {
			return m, true
		}
	}
	return ActualMeasure{}, false
}

// ActualFigure is one figure of what actually happened: a park's value of a measure in a year, where
// it came from (Source: the report or file), who entered it and when.
type ActualFigure struct {
	ParkID    string    `json:"park_id"`
	Year      int       `json:"year"`
	Measure   string    `json:"measure"`
	Value     float64   `json:"value"`
	Source    string    `json:"source"`
	EnteredBy string    `json:"entered_by"`
	EnteredAt time.Time `json:"entered_at"`
}
