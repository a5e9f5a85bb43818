package spreadsheet

import (
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes a one-sheet workbook for people, the xlsx twin of WriteCSV, so that every table
// parkmap offers as both (the case register's, the eligibility batch) looks alike: the header bold and
// frozen on top, column i widths[i] wide (where widths has no positive one, as wide as its header asks). rows calls put once per
// record; a float64 or int cell is a number (so that a sum or a sort works), a string is text (never a
// formula, whatever it starts with), nil is an empty cell.
func WriteXLSX(w io.Writer, sheet string, header []string, widths []float64, rows func(put func([]any) error) error) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	row := 1
	put := func(cells []any) error {
		for i, v := range cells {
			ref, err := excelize.CoordinatesToCellName(i+1, row)
			if err != nil {
				return err
			}
			switch x := v.(type) {
			case nil:
			case string:
				err = f.SetCellStr(sheet, ref, x)
			default:
				err = f.SetCellValue(sheet, ref, x)
			}
			if err != nil {
				return err
			}
		}
		row++
		return nil
	}
	head := make([]any, len(header))
	for i, h := range header {
		head[i] = h
	}
	if err := put(head); err != nil {
		return err
	}
	if err := rows(put); err != nil {
		return err
	}
	if len(header) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(header), 1)
		if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
			return err
		}
	}
	for i, h := range header {
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := headerWidth(h)
		if i < len(widths) && widths[i] > 0 {
			width = widths[i]
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// headerWidth is a column width that shows header whole: a Chinese character takes two widths of a
// Latin one; 12 at least, so that a short header's figures and names still fit.
func headerWidth(h string) float64 {
	n := 0
	for _, r := range h {
		if utf8.RuneLen(r) > 1 {
			n += 2
		} else {
			n++
		}
	}
	return float64(max(n+2, 12))
}
