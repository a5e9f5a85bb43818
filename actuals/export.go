package actuals

import (
	"io"
	"strconv"
	"time"

	"github.com/pingyang/parkmap/plan"
	"github.com/pingyang/parkmap/spreadsheet"
	"github.com/xuri/excelize/v2"
)

// ExportHeaders are the columns of the list as CSV and xlsx: one row per figure.
var ExportHeaders = []string{"园区编号", "园区名称", "年份", "指标", "数值", "单位", "来源", "录入时间"}

// exportRow is one figure's cells: text guarded against formula injection, the value a number.
func exportRow(f Figure) (text []string, value float64) {
	m, _ := plan.ActualMeasureByID(f.Measure)
	return []string{spreadsheet.SafeText(f.ParkID), spreadsheet.SafeText(f.ParkName), strconv.Itoa(f.Year), m.NameZh, "", m.Unit, spreadsheet.SafeText(f.Source),
		f.EnteredAt.In(plan.ChinaTime).Format(time.DateTime)}, f.Value
}

// FormatValue writes a figure as its shortest decimal.
func FormatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// WriteCSV writes figs as CSV: UTF-8 with a byte-order mark (so that Excel shows the Chinese), a
// header of ExportHeaders.
func WriteCSV(w io.Writer, figs []Figure) error {
	return spreadsheet.WriteCSV(w, ExportHeaders, func(put func([]string) error) error {
		for _, f := range figs {
			rec, v := exportRow(f)
			rec[4] = FormatValue(v)
			if err := put(rec); err != nil {
				return err
			}
		}
		return nil
	})
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
