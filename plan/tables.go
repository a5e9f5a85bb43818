package plan

import (
	"regexp"
	"strconv"
	"strings"
)

// PlanTable is one of the plan's tables (表1–表3, 附件3–附件7) kept cell by cell as printed, so that a
// "—" stays "no figure" and a cell's annotation (such as "（已竣工）") is never lost.
type PlanTable struct {
	ID      string            `json:"id"`
	Title   string            `json:"title"`
	Clause  string            `json:"clause"`
	Note    string            `json:"note,omitempty"`
	Kind    string            `json:"kind,omitempty"` // "status_summary" for 表1, whose rows are statuses
	Columns []PlanColumn      `json:"columns"`
	Rows    []PlanRow         `json:"rows"`
	Total   map[string]string `json:"total,omitempty"`
}

// PlanColumn describes a table column; Measure and Year are set for the yearly plans of 附件6/附件7.
type PlanColumn struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Unit    string `json:"unit"`
	Sum     bool   `json:"sum"` // the plan prints a column total that the rows should add up to
	Measure string `json:"measure,omitempty"`
	Year    int    `json:"year,omitempty"`
}

// PlanRow is one printed row: a park's, or for 表1 a status group's.
type PlanRow struct {
	Park     string            `json:"park,omitempty"`
	Label    string            `json:"label"`
	Statuses []Status          `json:"statuses,omitempty"`
	Cells    map[string]string `json:"cells"`
}

// Column returns the column with the given key.
func (t PlanTable) Column(key string) (PlanColumn, bool) {
	for _, c := range t.Columns {
		if c.Key == key {
			return c, true
		}
	}
	return PlanColumn{}, false
}

// Cell is a parsed table cell: Value is nil when the plan gives no figure ("—", "（已竣工）", blank).
type Cell struct {
	Raw        string
	Value      *float64
	Annotation string
}

// NoFigure reports whether the plan prints no number in this cell.
func (c Cell) NoFigure() bool { return c.Value == nil }

var leadingNumber = regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*(.*)$`)

// ParseCell reads a printed cell. "126（已竣工）" is 126 annotated 已竣工; "263（企业用地165亩）" is 263
// annotated 企业用地165亩; "—" and text cells have no figure. It never turns a dash into 0.
func ParseCell(raw string) Cell {
	c := Cell{Raw: raw}
	s := strings.TrimSpace(raw)
	if s == "" || s == "—" || s == "-" {
		return c
	}
	m := leadingNumber.FindStringSubmatch(s)
	if m == nil {
		c.Annotation = strings.Trim(s, "（）() ")
		return c
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		c.Annotation = s
		return c
	}
	c.Value = &v
	c.Annotation = strings.Trim(m[2], "（）() ")
	return c
}
