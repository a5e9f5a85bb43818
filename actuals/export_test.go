package actuals

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestExports(t *testing.T) {
	at := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	figs := []Figure{
		{ParkID: "kunyang-lipin", ParkName: "昆阳礼品园", Year: 2023, Measure: "tax_wan", Value: 120.5, Source: "=HYPERLINK(\"x\")", EnteredAt: at},
		{ParkID: "kunyang-lipin", ParkName: "昆阳礼品园", Year: 2023, Measure: "firms", Value: 40, Source: "@年报", EnteredAt: at},
	}
	var csv bytes.Buffer
	if err := WriteCSV(&csv, figs); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff园区编号,园区名称,年份,指标,数值,单位,来源,录入时间\r\n" +
		"kunyang-lipin,昆阳礼品园,2023,税收,120.5,万元,\"'=HYPERLINK(\"\"x\"\")\",2026-03-01 10:00:00\r\n" +
		"kunyang-lipin,昆阳礼品园,2023,入驻企业,40,家,'@年报,2026-03-01 10:00:00\r\n"
	if csv.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", csv.String(), want)
	}
	var x bytes.Buffer
	if err := WriteXLSX(&x, figs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(SheetData)
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(ExportHeaders, ",") || rows[1][4] != "120.5" || rows[1][6] != `'=HYPERLINK("x")` {
		t.Errorf("xlsx rows: %q", rows)
	}
	if typ, _ := f.GetCellType(SheetData, "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("value cell type %v", typ)
	}
}
