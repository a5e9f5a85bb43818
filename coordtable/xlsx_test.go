package coordtable

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// workbook builds an xlsx with excelize: a 说明 sheet first, then the table on sheet, its rows from
// row first; edit changes it before it is saved.
func workbook(t *testing.T, sheet string, first int, rows [][]any, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "说明"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("说明", "A1", "平阳县地块界址点坐标"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet(sheet); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, first+i)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if edit != nil {
		edit(f)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var sheetRows = [][]any{
	{"宗地编号", "宗地名称", "界址点号", "X坐标", "Y坐标", "面积"},
	{"ZD-1", "工业园一期", "J1", 3061800.0, 40555000.0, 60},
	{"ZD-1", "工业园一期", "J2", 3061800.0, 40555200.0, 60},
	{"ZD-1", "工业园一期", "J3", 3062000.0, 40555200.0, 60},
	{"ZD-1", "工业园一期", "J4", 3062000.0, 40555000.0, 60},
}

func readX(b []byte) (*Table, error) { return ReadXLSX(bytes.NewReader(b), int64(len(b)), Options{}) }

func TestReadXLSX(t *testing.T) {
	b := workbook(t, "坐标", 3, sheetRows, nil)
	tb, err := readX(b)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Sheet != "坐标" || tb.HeaderRow != 3 || tb.CRS.CRS != geodesy.CRSGK40 || len(tb.Parcels) != 1 {
		t.Fatalf("table %+v", tb)
	}
	p := tb.Parcels[0]
	if p.ID != "ZD-1" || p.Name != "工业园一期" || p.Attributes["面积"] != "60" {
		t.Errorf("parcel %+v", p)
	}
	if ring := p.Geometry[0][0]; len(ring) != 5 || !near(ring.Bound().Min, orb.Point{40555000, 3061800}, 1e-6) {
		t.Errorf("ring %v", ring)
	}
	if !warned(tb, "已自动闭合") {
		t.Errorf("no warning for the ring closed: %+v", tb.Warnings)
	}
	// A sheet named by the user.
	b = workbook(t, "地块", 1, sheetRows, nil)
	if tb, err := ReadXLSX(bytes.NewReader(b), int64(len(b)), Options{Sheet: "地块"}); err != nil || tb.Sheet != "地块" {
		t.Errorf("sheet 地块: %v", err)
	}
	if _, err := ReadXLSX(bytes.NewReader(b), int64(len(b)), Options{Sheet: "无"}); err == nil || !strings.Contains(fieldsZh(err), "说明、地块") {
		t.Errorf("a missing sheet: %v", err)
	}
	// Without a sheet named 坐标 or 界址点, the first sheet is read: here the 说明 sheet, no table.
	if _, err := readX(workbook(t, "数据", 1, sheetRows, nil)); err == nil || !strings.Contains(fieldsZh(err), "没有坐标列") {
		t.Errorf("the first sheet: %v", err)
	}
}

func fieldsZh(err error) string {
	e, ok := apperr.As(err)
	if !ok {
		return err.Error()
	}
	var s []string
	for _, f := range e.Fields {
		s = append(s, f.MessageZh)
	}
	return strings.Join(s, "\n")
}

func TestXLSXRefusals(t *testing.T) {
	cases := []struct {
		name string
		edit func(f *excelize.File)
		want string
	}{
		{"merged header cell", func(f *excelize.File) { f.MergeCell("坐标", "D1", "E1") }, "第 1 行：表头（第一个非空行；若为标题行请删除）有合并单元格 D1:E1"},
		{"merged id cells", func(f *excelize.File) { f.MergeCell("坐标", "A2", "A5") }, "第 2 行：数据区有合并单元格 A2:A5"},
		{"formula in a coordinate", func(f *excelize.File) { f.SetCellFormula("坐标", "E3", "E2+200") }, "第 3 行：Y坐标（单元格 E3）是公式，公式不可用，请粘贴数值"},
		{"text in a coordinate", func(f *excelize.File) { f.SetCellValue("坐标", "D4", "三百") }, "第 4 行：X坐标“三百”（单元格 D4）不是有效数字"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readX(workbook(t, "坐标", 1, sheetRows, c.edit))
			if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(fieldsZh(err), c.want) {
				t.Errorf("%v\n%s\nwant %q", err, fieldsZh(err), c.want)
			}
		})
	}
	// A merged title above the header is no part of the table.
	b := workbook(t, "坐标", 2, sheetRows, func(f *excelize.File) {
		f.SetCellValue("坐标", "A1", "界址点坐标表")
		f.MergeCell("坐标", "A1", "F1")
	})
	if _, err := readX(b); err == nil {
		t.Error("a title row was taken as the header")
	}
	// A formula in an attribute is its cached value, not a refusal.
	if _, err := readX(workbook(t, "坐标", 1, sheetRows, func(f *excelize.File) { f.SetCellFormula("坐标", "F2", "30*2") })); err != nil {
		t.Errorf("a formula in 面积: %v", err)
	}
	if _, err := readX([]byte("not a zip")); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("not a zip: %v", err)
	}
}

// A cell in column XFD on every row costs nothing: only the header's columns are kept. Read through
// excelize's row model, each such row would be 16,384 strings (2,000 rows: some 500 MB allocated).
func TestXLSXFarColumn(t *testing.T) {
	rows := [][]any{sheetRows[0]}
	for i := range 2000 {
		r := append([]any{}, sheetRows[1+i%4]...)
		r[0] = "ZD-" + string(rune('A'+i/4%26)) + strings.Repeat("x", i/104)
		rows = append(rows, r)
	}
	// excelize's own writer expands every row to XFD too (minutes for this sheet), so the far cell is
	// put into the sheet's XML directly.
	b := farColumn(t, workbook(t, "坐标", 1, rows, nil))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	tb, err := readX(b)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Parcels) != 500 {
		t.Errorf("%d parcels, want 500", len(tb.Parcels))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 100<<20 {
		t.Errorf("reading 2,000 rows with a cell in XFD allocated %d MiB", got>>20)
	}
}

// farColumn adds an inline-string cell in column XFD to every row of the workbook's second sheet.
func farColumn(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	rowEnd := regexp.MustCompile(`<row r="(\d+)"([^>]*)>(.*?)</row>`)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet2.xml" {
			data = rowEnd.ReplaceAll(data, []byte(`<row r="$1"$2>$3<c r="XFD$1" t="inlineStr"><is><t>远</t></is></c></row>`))
			if !bytes.Contains(data, []byte("XFD2000")) {
				t.Fatalf("no far cells added: %.300s", data)
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data) //nolint:errcheck // a bytes.Buffer
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
