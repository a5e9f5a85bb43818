package web_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/libreoffice"
	"github.com/pingyang/parkmap/internal/testenv"
)

// The batch check's CSV as the Chinese page downloads it (no lang): Chinese column titles and
// verdicts, a UTF-8 byte-order mark and CRLF rows (what Excel needs, and what LibreOffice's import
// dialog sniffs to preselect UTF-8), and every cell read back whole by LibreOffice Calc.
func TestEligibilityBatchCSVInChineseReadByLibreOffice(t *testing.T) {
	base := testenv.Server(t)
	b, recs := batchCSV(t, base, "", []byte(`{"collection":"redevelopment","proposal":{"plot_ratio":2.2}}`))
	if !bytes.HasSuffix(b, []byte("\r\n")) || bytes.Count(b, []byte("\r\n")) != bytes.Count(b, []byte("\n")) {
		t.Fatal("the CSV's lines do not end in CRLF")
	}
	if want := []string{"编号", "名称", "面积（亩）", "结论", "不占用基本农田"}; len(recs) != 51 || !slices.Equal(recs[0][:5], want) {
		t.Fatalf("%d rows, header %v; want 50 rows under %v", len(recs)-1, recs[0], want)
	}
	verdict := slices.Index(recs[0], "结论")
	for _, r := range recs[1:] {
		if r[0] == "RD-012" && r[verdict] != "不符合准入" || r[0] == "RD-009" && r[verdict] != "尚需补充信息" {
			t.Errorf("%s: verdict %q", r[0], r[verdict])
		}
	}

	lo := libreoffice.ReadCSVAsCalc(t, b)
	if len(lo) != len(recs) {
		t.Fatalf("LibreOffice reads %d rows, the CSV has %d", len(lo), len(recs))
	}
	for i := range recs {
		if !slices.Equal(lo[i], recs[i]) {
			t.Errorf("row %d as LibreOffice reads it:\n%s\nas written:\n%s", i, strings.Join(lo[i], ","), strings.Join(recs[i], ","))
		}
	}
}
