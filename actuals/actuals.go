// Package actuals is what actually happened in the parks, year by year (issue 12): the figures a
// planner enters in a form or uploads as an xlsx, each with its source and who entered it. It
// checks figures and years (the calendar injected, so "the future" is testable), builds the
// template, reads an upload into a cell-by-cell preview, and hands checked changes to its Store.
// It knows nothing of HTTP or SQL.
package actuals

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// Limits of a figure and its source, the same as the schema's CHECKs (0011), so that a figure the
// service accepts is never refused by the database.
const (
	// MaxValue is the bound no figure reaches (value < MaxValue): 1e9 of any unit is a typing slip.
	MaxValue = 1e9
	// MaxSource is the longest source, in characters.
	MaxSource = 300
)

// Audit names of a park-year's change: one audit row per park and year.
const (
	ActionActuals = "park.actuals"
	Table         = "park_actuals"
)

// Years returns the first and last year figures may be given for as of now: the plan's first year
// and the current year in China Standard Time (no upper year is written down anywhere).
func Years(now time.Time) (first, last int) {
	return plan.FirstPlanYear, plan.CurrentYear(now)
}

// CheckYear checks y as a year of figures as of now; the error names field.
func CheckYear(field string, y int, now time.Time) error {
	first, last := Years(now)
	if y < first || y > last {
		return apperr.Fields([]apperr.FieldError{plan.YearError(field, y, first, last)})
	}
	return nil
}

// CheckValue says what is wrong with v as a figure of m ("" when nothing): negative, too large, or
// a fraction of a count.
func CheckValue(m plan.ActualMeasure, v float64) (zh, en string) {
	name := m.NameZh + "（" + m.Unit + "）"
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return name + "应为数值", m.ID + " must be a number"
	case v < 0:
		return name + "不能为负数", m.ID + " must not be negative"
	case v >= MaxValue:
		return name + "数值过大（应小于 10 亿）", m.ID + " must be less than 1e9"
	case m.Whole && v != math.Trunc(v):
		return name + "应为整数", m.ID + " must be a whole number"
	}
	return "", ""
}

// CheckSource trims a source and says what is wrong with it ("" when nothing).
func CheckSource(s string) (string, string, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return s, "请填写数据来源（如“2023年度统计年报”）", "source is required when a figure is set"
	case !utf8.ValidString(s):
		return s, "数据来源不是有效的 UTF-8 文字", "source is not valid UTF-8"
	case utf8.RuneCountInString(s) > MaxSource:
		return s, fmt.Sprintf("数据来源不能超过 %d 个字", MaxSource), fmt.Sprintf("source is longer than %d characters", MaxSource)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return s, "数据来源含有控制字符", "source contains a control character"
		}
	}
	return s, "", ""
}

// Park is a park as the figures name it: id, name and the plan's order.
type Park struct {
	ID   string
	Name string
	Seq  int
}

// Figure is one figure as the list shows it: the park's name beside its id. EnteredBy is empty for
// an anonymous caller (staff names are not for the public).
type Figure struct {
	ParkID    string    `json:"park_id"`
	ParkName  string    `json:"park_name"`
	Year      int       `json:"year"`
	Measure   string    `json:"measure"`
	Value     float64   `json:"value"`
	Source    string    `json:"source"`
	EnteredBy string    `json:"entered_by,omitempty"`
	EnteredAt time.Time `json:"entered_at"`
}

// Query selects figures: one park (or every one), years From to To (both inclusive).
type Query struct {
	ParkID   string
	From, To int
}

// List is GET /api/actuals: the years figures may have, the measures, and the figures in the plan's
// park order, then year, then measure order.
type List struct {
	FirstYear int                  `json:"first_year"`
	LastYear  int                  `json:"last_year"`
	Measures  []plan.ActualMeasure `json:"measures"`
	Figures   []Figure             `json:"figures"`
}

// Entry is a figure's value and source, as a change sets it and as the audit log shows it.
type Entry struct {
	Value  float64 `json:"value"`
	Source string  `json:"source"`
}

// Audited is a park-year as its audit row shows it: measure -> value and source.
type Audited map[string]Entry

// Change is a checked change of one park-year: the figures to set, and those to clear (back to no
// data). A measure in neither is left as it is.
type Change struct {
	ParkID string
	Year   int
	Set    map[string]Entry
	Clear  []string
}

// ParkYear is one park's figures of one year, after a change.
type ParkYear struct {
	ParkID  string              `json:"park_id"`
	Year    int                 `json:"year"`
	Figures []plan.ActualFigure `json:"figures"`
}

// measureIndex is each measure's place in plan.ActualMeasures, for ordering.
func measureIndex(id string) int {
	for i, m := range plan.ActualMeasures {
		if m.ID == id {
			return i
		}
	}
	return len(plan.ActualMeasures)
}

// MeasureIDs returns the measures' ids in their order.
func MeasureIDs() []string {
	out := make([]string, len(plan.ActualMeasures))
	for i, m := range plan.ActualMeasures {
		out[i] = m.ID
	}
	return out
}
