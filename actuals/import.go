package actuals

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pingyang/parkmap/plan"
)

// Statuses of a cell in a preview.
const (
	StatusNew     = "new"     // no figure before: the file adds one
	StatusChanged = "changed" // the file's value differs from the figure there is
	StatusSame    = "same"    // the file's value is the figure there is: nothing to write
	StatusEmpty   = "empty"   // no figure in this file: left as it is (never a zero, never a clear)
	StatusError   = "error"   // the cell cannot be taken; the upload cannot be applied
)

// Preview is POST /api/actuals/import's answer: every data row's cells with what the upload would
// do to each, and every mistake by cell. Summary counts cells, not rows (except Rows).
type Preview struct {
	Applied  bool         `json:"applied"`
	Template string       `json:"template"`
	Sheet    string       `json:"sheet"`
	Summary  Summary      `json:"summary"`
	Rows     []PreviewRow `json:"rows"`
	Errors   []CellError  `json:"errors"`
	changes  []Change
}

// Summary counts a preview: Rows the data rows read, Changed the cells new or changed, Unchanged the
// cells equal to the figure there is, Cleared always 0 (an empty cell never clears), Errors the
// mistakes listed in Errors.
type Summary struct {
	Rows      int `json:"rows"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
	Cleared   int `json:"cleared"`
	Errors    int `json:"errors"`
}

// PreviewRow is one data row of an upload: which park and year it names (as read) and its cells.
type PreviewRow struct {
	Row      int           `json:"row"`
	ParkID   string        `json:"park_id"`
	ParkName string        `json:"park_name"`
	Year     int           `json:"year"`
	Cells    []PreviewCell `json:"cells"`
}

// PreviewCell is one number cell: its raw text, the value read, the figure there is (Before) and
// what the upload does with it.
type PreviewCell struct {
	Cell      string   `json:"cell"`
	Measure   string   `json:"measure"`
	Raw       string   `json:"raw"`
	Value     *float64 `json:"value"`
	Before    *float64 `json:"before"`
	Status    string   `json:"status"`
	MessageZh string   `json:"message_zh,omitempty"`
	Message   string   `json:"message,omitempty"`
}

// CellError is one mistake of an upload, by cell and by the field (measure, park_id, year, source).
type CellError struct {
	Cell      string `json:"cell"`
	Field     string `json:"field"`
	Message   string `json:"message"`
	MessageZh string `json:"message_zh"`
}

// number is a plain decimal as a person types it or a spreadsheet stores it (12.5, 3, 1.2E-3);
// ParseFloat alone would take "Inf", "NaN", hex and underscores.
var number = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if !number.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && !math.IsInf(v, 0)
}

// preview decides every cell of rows against the parks and the figures there are, as of now; the
// changes it returns are those of the cells new or changed (to apply only if there is no error).
// uploader is recorded as entered_by by the store; filename names the default source.
func preview(rows []sheetRow, parks []Park, existing []Figure, filename string, now time.Time) Preview {
	p := Preview{Template: TemplateVersion, Sheet: SheetData, Rows: []PreviewRow{}, Errors: []CellError{}}
	byID := map[string]Park{}
	for _, pk := range parks {
		byID[pk.ID] = pk
	}
	before := map[string]float64{}
	for _, f := range existing {
		before[figureKey(f.ParkID, f.Year, f.Measure)] = f.Value
	}
	first, last := Years(now)
	seen := map[string]int{}
	if strings.TrimSpace(filename) == "" {
		filename = "上传文件"
	}
	for _, r := range rows {
		if r.blank() {
			continue
		}
		p.Summary.Rows++
		fail := func(c rawCell, field, zh, en string) {
			p.Errors = append(p.Errors, CellError{Cell: c.Ref, Field: field, Message: en, MessageZh: zh})
		}
		idCell, nameCell, yearCell, srcCell := r.Cells[0], r.Cells[1], r.Cells[2], r.Cells[colSource-1]
		pr := PreviewRow{Row: r.Row, ParkID: strings.TrimSpace(idCell.Value), ParkName: strings.TrimSpace(nameCell.Value)}
		ok := true
		for _, c := range []struct {
			cell  rawCell
			field string
		}{{idCell, "park_id"}, {nameCell, "park_name"}, {yearCell, "year"}, {srcCell, "source"}} {
			if zh, en := shapeError(c.cell); zh != "" {
				fail(c.cell, c.field, zh, en)
				ok = false
			}
		}
		park, known := byID[pr.ParkID]
		switch {
		case !ok:
		case pr.ParkID == "":
			fail(idCell, "park_id", "园区编号为空", "the park id is empty")
			ok = false
		case !known:
			fail(idCell, "park_id", "未知园区编号“"+pr.ParkID+"”", "unknown park id "+quote(pr.ParkID))
			ok = false
		case pr.ParkName != "" && pr.ParkName != park.Name:
			fail(nameCell, "park_name", "园区编号“"+pr.ParkID+"”对应“"+park.Name+"”，与园区名称“"+pr.ParkName+"”不一致",
				"park "+quote(pr.ParkID)+" is "+quote(park.Name)+", not "+quote(pr.ParkName))
			ok = false
		default:
			pr.ParkName = park.Name
		}
		yearOK := false
		if y, isNum := parseNumber(yearCell.Value); isNum && y == math.Trunc(y) && y > -1e6 && y < 1e6 {
			pr.Year = int(y)
			if pr.Year < first || pr.Year > last {
				e := plan.YearError("year", pr.Year, first, last)
				fail(yearCell, "year", e.MessageZh, e.Message)
			} else {
				yearOK = true
			}
		} else if shapeErrorZh(yearCell) == "" {
			fail(yearCell, "year", "年份应为整数（如 2023）", "the year must be a whole number such as 2023")
		}
		known = ok && yearOK
		if known {
			k := pr.ParkID + "\x00" + strconv.Itoa(pr.Year)
			if prev, dup := seen[k]; dup {
				fail(idCell, "park_id", fmt.Sprintf("与第 %d 行重复（同一园区、同一年份只能有一行）", prev),
					fmt.Sprintf("duplicates row %d (one row per park and year)", prev))
				known = false
			} else {
				seen[k] = r.Row
			}
		}
		source := strings.TrimSpace(srcCell.Value)
		if source == "" {
			source = fmt.Sprintf("xlsx: %s 行%d", filename, r.Row)
			if len([]rune(source)) > MaxSource {
				source = string([]rune(source)[:MaxSource])
			}
		} else if _, zh, en := CheckSource(source); zh != "" && shapeErrorZh(srcCell) == "" {
			fail(srcCell, "source", zh, en)
		}
		ch := Change{ParkID: pr.ParkID, Year: pr.Year, Set: map[string]Entry{}}
		for i, m := range plan.ActualMeasures {
			c := r.Cells[colFirstMeasure-1+i]
			pc := cellPreview(c, m)
			if pc.Status == StatusError {
				fail(c, m.ID, pc.MessageZh, pc.Message)
			} else if pc.Value != nil && known {
				if b, has := before[figureKey(pr.ParkID, pr.Year, m.ID)]; has {
					pc.Before = &b
					pc.Status = StatusChanged
					if b == *pc.Value {
						pc.Status = StatusSame
					}
				}
				if pc.Status != StatusSame {
					ch.Set[m.ID] = Entry{Value: *pc.Value, Source: source}
				}
			}
			switch {
			case !known:
			case pc.Status == StatusNew || pc.Status == StatusChanged:
				p.Summary.Changed++
			case pc.Status == StatusSame:
				p.Summary.Unchanged++
			}
			pr.Cells = append(pr.Cells, pc)
		}
		if known && len(ch.Set) > 0 {
			p.changes = append(p.changes, ch)
		}
		p.Rows = append(p.Rows, pr)
	}
	p.Summary.Errors = len(p.Errors)
	return p
}

// cellPreview reads one number cell of measure m (before is the store's to fill).
func cellPreview(c rawCell, m plan.ActualMeasure) PreviewCell {
	pc := PreviewCell{Cell: c.Ref, Measure: m.ID, Raw: c.Value}
	if zh, en := shapeError(c); zh != "" {
		pc.Status, pc.MessageZh, pc.Message = StatusError, zh, en
		return pc
	}
	if strings.TrimSpace(c.Value) == "" {
		pc.Status = StatusEmpty
		return pc
	}
	v, ok := parseNumber(c.Value)
	if !ok {
		pc.Status = StatusError
		pc.MessageZh = MeasureHeader(m) + "应为数值，不能填文字（“" + cut(c.Value, 20) + "”）"
		pc.Message = m.ID + " must be a number, not " + quote(cut(c.Value, 20))
		return pc
	}
	if zh, en := CheckValue(m, v); zh != "" {
		pc.Status, pc.MessageZh, pc.Message = StatusError, zh, en
		return pc
	}
	pc.Value, pc.Status = &v, StatusNew
	return pc
}

// shapeError says what is wrong with a cell as a cell, whatever its column: a formula (its value
// could change after the upload, and its cached result may be stale) or a merged cell.
func shapeError(c rawCell) (zh, en string) {
	switch {
	case c.Formula:
		return "公式不可用，请粘贴数值", c.Ref + " holds a formula: paste the value instead"
	case c.Merged:
		return "合并单元格不可用，请取消合并", c.Ref + " is part of merged cells: unmerge them"
	}
	return "", ""
}

func shapeErrorZh(c rawCell) string { zh, _ := shapeError(c); return zh }

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func quote(s string) string { return strconv.Quote(cut(s, 40)) }
