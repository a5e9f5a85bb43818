package actuals

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/libreoffice"
)

// LibreOffice reads the template as meant: the title, the headers in row 2, the rows prefilled. And
// a template saved again by LibreOffice (what a planner's "save" does) is still read as the
// template, changing nothing.
func TestTemplateInLibreOffice(t *testing.T) {
	dir := t.TempDir()
	b, err := writeTemplate(testParks, 2023, 2024, testFigures)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "template.xlsx")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	csv := libreoffice.Convert(t, in, "csv:Text - txt - csv (StarCalc):44,34,76", "")
	lines := strings.Split(strings.TrimSpace(string(bytes.TrimPrefix(csv, []byte("\ufeff")))), "\n")
	if len(lines) != 2+4 || !strings.HasPrefix(lines[0], "平阳县小微企业园实际数据") {
		t.Fatalf("LibreOffice's csv:\n%s", csv)
	}
	if got := strings.TrimSpace(lines[1]); got != strings.Join(Headers(), ",") {
		t.Errorf("headers as LibreOffice reads them:\n%s\nwant\n%s", got, strings.Join(Headers(), ","))
	}
	if !strings.HasPrefix(lines[2], "kunyang-lipin,昆阳礼品园,2023,12.5,,,,,40,") {
		t.Errorf("first row as LibreOffice reads it: %s", lines[2])
	}

	resaved := libreoffice.Convert(t, in, "xlsx:Calc MS Excel 2007 XML", "")
	rows, err := readWorkbook(resaved)
	if err != nil {
		t.Fatalf("the template saved by LibreOffice is refused: %v", err)
	}
	p := preview(rows, testParks, testFigures, "resaved.xlsx", now)
	if len(p.Errors) != 0 || p.Summary != (Summary{Rows: 4, Unchanged: 2}) {
		t.Errorf("the template saved by LibreOffice: %+v %+v", p.Summary, p.Errors)
	}
}
