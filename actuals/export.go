package actuals

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pingyang/parkmap/plan"
	"github.com/xuri/excelize/v2"
)

// ExportHeaders are the columns of the list as CSV and xlsx: one row per figure.
var ExportHeaders = []string{"园区编号", "园区名称", "年份", "指标", "数值", "单位", "来源", "录入时间"}

// exportRow is one figure's cells: text guarded against formula injection, the value a number.
func exportRow(f Figure) (text []string, value float64) {
	m, _ := plan.ActualMeasureByID(f.Measure)
	return []string{safeText(f.ParkID), safeText(f.ParkName), strconv.Itoa(f.Year), m.NameZh, "", m.Unit, safeText(f.Source),
		f.EnteredAt.In(chinaTime).Format(time.DateTime)}, f.Value
}

// safeText prefixes a cell that a spreadsheet would take for a formula (= + - @, and the tab and
// carriage return that some treat likewise) with an apostrophe, so that an exported source typed as
// "=HYPERLINK(...)" stays text (OWASP CSV injection).
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// FormatValue writes a figure as its shortest decimal.
func FormatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// WriteCSV writes figs as CSV: UTF-8 with a byte-order mark (so that Excel shows the Chinese), a
// header of ExportHeaders.
func WriteCSV(w io.Writer, figs []Figure) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(ExportHeaders); err != nil {
		return err
	}
	for _, f := range figs {
		rec, v := exportRow(f)
		rec[4] = FormatValue(v)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes figs as an xlsx with one sheet 实际数据: ExportHeaders, then one row per figure,
// values as numbers and years as numbers.
func WriteXLSX(w io.Writer, figs []Figure) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetData); err != nil {
		return err
	}
	head := make([]any, len(ExportHeaders))
	for i, h := range ExportHeaders {
		head[i] = h
	}
	sw, err := f.NewStreamWriter(SheetData)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, fg := range figs {
		rec, v := exportRow(fg)
		row := []any{rec[0], rec[1], fg.Year, rec[3], v, rec[5], rec[6], rec[7]}
		if err := sw.SetRow(cellName(1, i+2), row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
