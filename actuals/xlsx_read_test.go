package actuals

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/xuri/excelize/v2"
)

// now is 2026-06-01 in China: figures may be given for 2018 to 2026.
var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var testParks = []Park{{ID: "kunyang-lipin", Name: "昆阳礼品园", Seq: 1}, {ID: "aojiang-a", Name: "鳌江甲园", Seq: 2}}

var testFigures = []Figure{
	{ParkID: "kunyang-lipin", ParkName: "昆阳礼品园", Year: 2023, Measure: "land_supplied_mu", Value: 12.5, Source: "2023年报"},
	{ParkID: "kunyang-lipin", ParkName: "昆阳礼品园", Year: 2023, Measure: "firms", Value: 40, Source: "2023年报"},
}

// template returns the template of 2023–2024 for testParks with testFigures, opened for editing.
func template(t *testing.T) *excelize.File {
	t.Helper()
	b, err := writeTemplate(testParks, 2023, 2024, testFigures)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func bytesOf(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func previewOf(t *testing.T, f *excelize.File) Preview {
	t.Helper()
	rows, err := readWorkbook(bytesOf(t, f))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return preview(rows, testParks, testFigures, "年报.xlsx", now)
}

func set(t *testing.T, f *excelize.File, cell string, v any) {
	t.Helper()
	if err := f.SetCellValue(SheetData, cell, v); err != nil {
		t.Fatal(err)
	}
}

func TestTemplateLayout(t *testing.T) {
	f := template(t)
	head, _ := f.GetRows(SheetData)
	if got := strings.Join(head[1], "|"); got != "园区编号|园区名称|年份|供地（亩）|开工面积（万㎡）|竣工面积（万㎡）|产值（亿元）|税收（万元）|入驻企业（家）|规上企业（家）|投资（亿元）|来源" {
		t.Errorf("headers: %s", got)
	}
	if len(head) != 2+len(testParks)*2 || head[2][0] != "kunyang-lipin" || head[2][2] != "2023" || head[2][3] != "12.5" || head[2][8] != "40" || head[5][1] != "鳌江甲园" {
		t.Errorf("rows: %q", head)
	}
	if id, _ := f.GetCellValue(SheetHelp, "A1"); id != TemplateID {
		t.Errorf("说明!A1 = %q", id)
	}
	dvs, err := f.GetDataValidations(SheetData)
	if err != nil || len(dvs) != 1 || dvs[0].Sqref != "D3:K6" || dvs[0].Type != "decimal" {
		t.Errorf("validation: %+v %v", dvs, err)
	}
	st, _ := f.GetCellStyle(SheetData, "A3")
	if style, err := f.GetStyle(st); err != nil || len(style.Fill.Color) == 0 {
		t.Errorf("id cells are not grey: %+v %v", style, err)
	}
	if name := TemplateName(2023, 2024); name != "平阳县小微园实际数据_2023-2024.xlsx" {
		t.Errorf("name %s", name)
	}
}

// The template uploaded unchanged changes nothing: prefilled figures are "same", the rest "empty".
func TestTemplateUnchanged(t *testing.T) {
	p := previewOf(t, template(t))
	if len(p.Errors) != 0 || p.Summary != (Summary{Rows: 4, Unchanged: 2}) || len(p.changes) != 0 {
		t.Fatalf("unchanged template: %+v %+v", p.Summary, p.Errors)
	}
	for _, r := range p.Rows {
		for _, c := range r.Cells {
			want := StatusEmpty
			if r.Row == 3 && (c.Measure == "land_supplied_mu" || c.Measure == "firms") {
				want = StatusSame
			}
			if c.Status != want {
				t.Errorf("%s: %s, want %s", c.Cell, c.Status, want)
			}
		}
	}
}

func TestTwoYearsFilled(t *testing.T) {
	f := template(t)
	set(t, f, "D3", 13)   // changed: was 12.5
	set(t, f, "H3", 3.25) // new
	set(t, f, "L3", "2023年度统计年报")
	set(t, f, "D4", 8) // 2024, new, no source: the file's
	p := previewOf(t, f)
	if len(p.Errors) != 0 || p.Summary != (Summary{Rows: 4, Changed: 3, Unchanged: 1}) {
		t.Fatalf("%+v %+v", p.Summary, p.Errors)
	}
	d3 := p.Rows[0].Cells[0]
	if d3.Status != StatusChanged || *d3.Before != 12.5 || *d3.Value != 13 || d3.Raw != "13" {
		t.Errorf("D3: %+v", d3)
	}
	if len(p.changes) != 2 || p.changes[0].Set["tax_wan"] != (Entry{3.25, "2023年度统计年报"}) ||
		p.changes[1].Year != 2024 || p.changes[1].Set["land_supplied_mu"] != (Entry{8, "xlsx: 年报.xlsx 行4"}) {
		t.Errorf("changes: %+v", p.changes)
	}
}

// Each mistake of a cell is its own error naming the cell and the measure.
func TestCellErrors(t *testing.T) {
	cases := []struct {
		name, cell string
		edit       func(f *excelize.File)
		field, zh  string
	}{
		{"text", "E3", func(f *excelize.File) { set(t, f, "E3", "十二") }, "floor_started_wan_m2", "应为数值"},
		{"text with unit", "E3", func(f *excelize.File) { set(t, f, "E3", "12万") }, "floor_started_wan_m2", "应为数值"},
		{"negative", "G3", func(f *excelize.File) { set(t, f, "G3", -1) }, "output_yi", "不能为负数"},
		{"fractional count", "I4", func(f *excelize.File) { set(t, f, "I4", 2.5) }, "firms", "应为整数"},
		{"too large", "H3", func(f *excelize.File) { set(t, f, "H3", 1e9) }, "tax_wan", "过大"},
		{"formula", "E3", func(f *excelize.File) { _ = f.SetCellFormula(SheetData, "E3", "D3*2") }, "floor_started_wan_m2", "公式不可用，请粘贴数值"},
		{"merged", "E4", func(f *excelize.File) { _ = f.MergeCell(SheetData, "E4", "F4") }, "floor_started_wan_m2", "合并单元格"},
		{"unknown park", "A5", func(f *excelize.File) { set(t, f, "A5", "no-such-park") }, "park_id", "未知园区编号"},
		{"id and name disagree", "B5", func(f *excelize.File) { set(t, f, "B5", "昆阳礼品园") }, "park_name", "不一致"},
		{"future year", "C4", func(f *excelize.File) { set(t, f, "C4", 2027) }, "year", "未来"},
		{"before 2018", "C4", func(f *excelize.File) { set(t, f, "C4", 2017) }, "year", "2018"},
		{"year as text", "C4", func(f *excelize.File) { set(t, f, "C4", "明年") }, "year", "整数"},
		{"duplicate park-year", "A4", func(f *excelize.File) { set(t, f, "C4", 2023) }, "park_id", "与第 3 行重复"},
		{"formula in the year", "C3", func(f *excelize.File) { _ = f.SetCellFormula(SheetData, "C3", "2020+3") }, "year", "公式不可用"},
		{"source too long", "L3", func(f *excelize.File) { set(t, f, "L3", strings.Repeat("长", 301)) }, "source", "300"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := template(t)
			c.edit(f)
			p := previewOf(t, f)
			want := 1
			if c.name == "merged" {
				want = 2 // E4 and F4, each a cell that cannot be taken
			}
			if len(p.Errors) != want || p.Summary.Errors != want {
				t.Fatalf("errors: %+v", p.Errors)
			}
			e := p.Errors[0]
			if e.Cell != c.cell || e.Field != c.field || !strings.Contains(e.MessageZh, c.zh) || e.Message == "" {
				t.Errorf("error %+v, want %s %s %q", e, c.cell, c.field, c.zh)
			}
			for _, r := range p.Rows {
				for _, pc := range r.Cells {
					if pc.Cell == c.cell && (pc.Status != StatusError || pc.MessageZh == "") {
						t.Errorf("cell %s: %+v", c.cell, pc)
					}
				}
			}
		})
	}
}

// A workbook that is not the template is refused as a whole, naming "file".
func TestWrongWorkbook(t *testing.T) {
	other := excelize.NewFile()
	renamed := template(t)
	_ = renamed.SetSheetName(SheetData, "数据")
	wrongID := template(t)
	_ = wrongID.SetCellValue(SheetHelp, "A1", "parkmap actuals template v0")
	noHelp := template(t)
	_ = noHelp.DeleteSheet(SheetHelp)
	header := template(t)
	_ = header.SetCellValue(SheetData, "D2", "供地（公顷）")
	extra := template(t)
	_ = extra.SetCellValue(SheetData, "M2", "备注")
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("hello.txt")
	_, _ = w.Write([]byte("not a workbook"))
	_ = zw.Close()
	for name, b := range map[string][]byte{
		"another workbook": bytesOf(t, other), "data sheet renamed": bytesOf(t, renamed), "identity changed": bytesOf(t, wrongID),
		"no 说明 sheet": bytesOf(t, noHelp), "header changed": bytesOf(t, header), "extra column": bytesOf(t, extra),
		"csv": []byte("园区编号,园区名称\n"), "empty": nil, "a zip": zipped.Bytes(),
	} {
		_, err := readWorkbook(b)
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.Invalid || ae.Field != "file" || len(ae.Fields) != 1 || ae.Fields[0].MessageZh == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestCheckYearUsesChinaTime(t *testing.T) {
	newYearInChina := time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC) // 2027-01-01 01:00 CST
	if err := CheckYear("year", 2027, newYearInChina); err != nil {
		t.Errorf("2027 on 1 January in China: %v", err)
	}
	if err := CheckYear("year", 2027, newYearInChina.Add(-2*time.Hour)); err == nil || apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("2027 on 31 December: %v", err)
	}
	if err := CheckYear("year", 2017, now); err == nil {
		t.Error("2017 accepted")
	}
}

// Formulas and merges are read from the sheet's XML as written, by Excel (r on every cell) or by
// writers that leave r out.
func TestScanShapes(t *testing.T) {
	xml := `<worksheet><sheetData><row r="3"><c r="D3"><f>1+1</f><v>2</v></c><c><v>1</v></c><c><f t="shared" si="0"/></c></row>` +
		`<row><c><f>A1</f></c></row></sheetData><mergeCells count="1"><mergeCell ref="D5:E6"/><mergeCell ref="A1:L1"/></mergeCells></worksheet>`
	s, err := scanShapes(strings.NewReader(xml))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.formulas) != 3 || !s.formulas["D3"] || !s.formulas["F3"] || !s.formulas["A4"] {
		t.Errorf("formulas: %v", s.formulas)
	}
	m, err := s.mergedCells()
	if err != nil || len(m) != 4 || !m["D5"] || !m["E6"] || m["A1"] {
		t.Errorf("merged: %v %v", m, err)
	}
	if _, err := (shapes{merges: []string{"D3:E1048576"}}).mergedCells(); err == nil {
		t.Error("a merge of a million rows accepted")
	}
}
