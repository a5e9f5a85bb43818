package spreadsheet

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "": "", "2023年统计年报": "2023年统计年报", "a=b": "a=b", "'=1": "'=1",
	} {
		if got := SafeText(in); got != want {
			t.Errorf("SafeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	var b strings.Builder
	err := WriteCSV(&b, []string{"编号", "备注"}, func(put func([]string) error) error {
		return put([]string{"A-1", "含,逗号"})
	})
	if err != nil || b.String() != "\ufeff编号,备注\r\nA-1,\"含,逗号\"\r\n" {
		t.Errorf("BOM and CRLF: %q %v", b.String(), err)
	}
	b.Reset()
	stop := errors.New("stop")
	if err := WriteCSV(&b, []string{"x"}, func(func([]string) error) error { return stop }); err != stop {
		t.Errorf("an error from rows: %v", err)
	}
}

func TestWriteXLSX(t *testing.T) {
	var b bytes.Buffer
	err := WriteXLSX(&b, "表", []string{"编号", "与园区重叠（亩）"}, []float64{20}, func(put func([]any) error) error {
		if err := put([]any{"=1+1", 29.9}); err != nil {
			return err
		}
		return put([]any{"B", nil})
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("表")
	if err != nil || len(rows) != 3 || rows[0][1] != "与园区重叠（亩）" || rows[1][0] != "=1+1" || rows[1][1] != "29.9" || len(rows[2]) != 1 {
		t.Fatalf("rows %q %v", rows, err)
	}
	if typ, _ := f.GetCellType("表", "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("29.9 is of type %v, want a number", typ)
	}
	if formula, _ := f.GetCellFormula("表", "A2"); formula != "" {
		t.Errorf("text became the formula %q", formula)
	}
	style, _ := f.GetCellStyle("表", "B1")
	if s, err := f.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("the header is not bold: %+v %v", s, err)
	}
	if w, _ := f.GetColWidth("表", "A"); w != 20 {
		t.Errorf("column A is %v wide, want 20", w)
	}
	if w, _ := f.GetColWidth("表", "B"); w != 18 {
		t.Errorf("column B is %v wide, want 18 (its header's)", w)
	}
	if panes, err := f.GetPanes("表"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v %v", panes, err)
	}
}
