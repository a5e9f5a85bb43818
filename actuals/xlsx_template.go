package actuals

import (
	"fmt"

	"github.com/pingyang/parkmap/plan"
	"github.com/xuri/excelize/v2"
)

// The template's identity and layout. A workbook is read as an upload only if its 说明 sheet holds
// TemplateID in A1 and its data sheet has exactly Headers in row 2, so that another workbook (or an
// old template whose columns meant something else) is refused rather than half understood.
const (
	TemplateID      = "parkmap actuals template v1"
	TemplateVersion = "v1"
	SheetData       = "实际数据"
	SheetHelp       = "说明"
	// headerRow and firstDataRow are 1-based row numbers of the data sheet.
	headerRow    = 2
	firstDataRow = 3
	// Columns: A park id, B park name, C year, D.. one per measure, then the source.
	colFirstMeasure = 4
)

// colSource is the source's column (1-based), after the measures.
var colSource = colFirstMeasure + len(plan.ActualMeasures)

// Headers are row 2 of the data sheet: 园区编号 | 园区名称 | 年份 | 供地（亩） … | 来源.
func Headers() []string {
	h := []string{"园区编号", "园区名称", "年份"}
	for _, m := range plan.ActualMeasures {
		h = append(h, MeasureHeader(m))
	}
	return append(h, "来源")
}

// MeasureHeader is a measure's column header, its name and unit: 供地（亩）.
func MeasureHeader(m plan.ActualMeasure) string { return m.NameZh + "（" + m.Unit + "）" }

// TemplateName is the template's file name for years from to to.
func TemplateName(from, to int) string {
	return fmt.Sprintf("平阳县小微园实际数据_%d-%d.xlsx", from, to)
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// writeTemplate builds the template: one row per park (plan order) and year, the figures there are
// prefilled, the id, name and year cells grey (they identify the row and are not to be edited), and
// a decimal >= 0 validation on the number cells, so that Excel and LibreOffice refuse a slip as it
// is typed. The 来源 column is left empty: a figure typed in a row is not from the report the row's
// older figures came from.
func writeTemplate(parks []Park, from, to int, figures []Figure) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetData); err != nil {
		return nil, err
	}
	sh := SheetData
	last := colSource
	title := fmt.Sprintf("平阳县小微企业园实际数据（%d—%d 年）：填写数值后上传；空格表示本文件不提供该数据", from, to)
	if err := f.SetCellStr(sh, "A1", title); err != nil {
		return nil, err
	}
	if err := f.MergeCell(sh, "A1", cellName(last, 1)); err != nil {
		return nil, err
	}
	head := Headers()
	row := make([]any, len(head))
	for i, h := range head {
		row[i] = h
	}
	if err := f.SetSheetRow(sh, cellName(1, headerRow), &row); err != nil {
		return nil, err
	}
	byKey := map[string]float64{}
	for _, fg := range figures {
		byKey[figureKey(fg.ParkID, fg.Year, fg.Measure)] = fg.Value
	}
	r := firstDataRow
	for _, p := range parks {
		for y := from; y <= to; y++ {
			vals := []any{p.ID, p.Name, y}
			for _, m := range plan.ActualMeasures {
				if v, ok := byKey[figureKey(p.ID, y, m.ID)]; ok {
					vals = append(vals, v)
				} else {
					vals = append(vals, nil)
				}
			}
			if err := f.SetSheetRow(sh, cellName(1, r), &vals); err != nil {
				return nil, err
			}
			r++
		}
	}
	lastRow := r - 1
	if err := styleTemplate(f, lastRow); err != nil {
		return nil, err
	}
	if err := writeHelp(f); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func styleTemplate(f *excelize.File, lastRow int) error {
	sh := SheetData
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	headStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#D9E2F3"}},
		Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	if err != nil {
		return err
	}
	idStyle, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E7E6E6"}},
		Font: &excelize.Font{Color: "#595959"}, Protection: &excelize.Protection{Locked: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", "A1", titleStyle); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cellName(1, headerRow), cellName(colSource, headerRow), headStyle); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "A", "A", 22); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, "B", "B", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, colName(colFirstMeasure), colName(colSource-1), 14); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, colName(colSource), colName(colSource), 30); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: headerRow, TopLeftCell: "D3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if lastRow < firstDataRow {
		return nil
	}
	if err := f.SetCellStyle(sh, cellName(1, firstDataRow), cellName(3, lastRow), idStyle); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = cellName(colFirstMeasure, firstDataRow) + ":" + cellName(colSource-1, lastRow)
	if err := dv.SetRange(0, MaxValue-0.01, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "数值无效", "请填写不小于 0 的数值（不能填文字或公式）")
	return f.AddDataValidation(sh, dv)
}

// writeHelp writes the 说明 sheet: the template's identity in A1, then the units and the rules.
func writeHelp(f *excelize.File) error {
	if _, err := f.NewSheet(SheetHelp); err != nil {
		return err
	}
	lines := []string{
		TemplateID,
		"平阳县小微企业园实际数据填报模板（“实际数据”工作表）。",
		"每行是一个园区的一个年份；园区编号、园区名称、年份（灰色）请勿修改，也不要增删列或改动第 2 行表头。",
		"空格表示本文件不提供该数据（原有数据保持不变），不是零；要删除已有数据，请在网页表单中清除。",
		"请粘贴数值，不要使用公式，不要合并单元格；数值不能为负，入驻企业、规上企业须为整数。",
		"“来源”填写数据出处（如“2023年度统计年报”）；留空时记为“xlsx: 文件名 行号”。",
		"年份从 2018 年起，至今年为止，不能填报未来年份。",
		"单位：",
	}
	for _, m := range plan.ActualMeasures {
		kind := "当年数"
		if m.Stock {
			kind = "年末数"
		}
		lines = append(lines, fmt.Sprintf("  %s：%s，%s（%s）", MeasureHeader(m), m.Unit, kind, m.ID))
	}
	for i, l := range lines {
		if err := f.SetCellStr(SheetHelp, cellName(1, i+1), l); err != nil {
			return err
		}
	}
	return f.SetColWidth(SheetHelp, "A", "A", 100)
}

func colName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

func figureKey(park string, year int, measure string) string {
	return fmt.Sprintf("%s\x00%d\x00%s", park, year, measure)
}
