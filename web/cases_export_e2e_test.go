package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/libreoffice"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/xuri/excelize/v2"
)

// TestEligibilityCasesByLocationAndExport: the register searched by location (bbox: the shapes
// intersecting a box; point: the shapes containing or touching a point), bad locations refused with
// a 400 naming the parameter in English and Chinese, and the search's cases exported as CSV (UTF-8
// with a BOM) and xlsx with the Chinese headers, a formula-like note defused, decoded here.
func TestEligibilityCasesByLocationAndExport(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, roleUsers...)
	base := testenv.ServeDatabase(t, db, app.Config{})
	land := loggedIn(t, base, roleUser(accounts.Land))
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	anon := newClient(t, base)

	saved := map[string]string{}
	for _, s := range []struct{ name, body string }{
		{"block", `{"geometry":` + block + `,"crs":"EPSG:4326","proposal":{"type":"new_park","plot_ratio":2.2},"note":"=HYPERLINK(\"http://x\")"}`},
		{"outside", `{"geometry":` + outside + `,"crs":"EPSG:4326","proposal":{"type":"new_park"},"note":"宁波，县外"}`},
	} {
		name, body := s.name, s.body
		r := land.do("POST", "/api/eligibility/cases", body)
		if r.status != http.StatusCreated {
			t.Fatalf("save %s: %v", name, r)
		}
		saved[name] = decodeCase(t, r).Number
	}
	numbers := func(query string) string {
		got := []string{}
		for _, c := range viewer.caseList(query) {
			got = append(got, c.Number)
		}
		return strings.Join(got, ",")
	}
	for q, want := range map[string][]string{
		"?point=120.501,27.641":                            {saved["block"]},
		"?point=120.5,27.64":                               {saved["block"]}, // a corner: touches
		"?point=120.51,27.64":                              {},
		"?bbox=121.4,29.7,121.6,29.9":                      {saved["outside"]},
		"?bbox=120.4,27.5,121.6,29.9":                      {saved["outside"], saved["block"]},
		"?bbox=120.502,27.6418,120.6,27.7":                 {saved["block"]}, // the boxes share a corner
		"?bbox=0,0,1,1":                                    {},
		"?bbox=120.4,27.5,121.6,29.9&point=121.501,29.801": {saved["outside"]},
	} {
		if got := numbers(q); got != strings.Join(want, ",") {
			t.Errorf("cases%s: %s; want %v", q, got, want)
		}
	}
	for q, field := range map[string]string{
		"?bbox=1,2,3":           "bbox",
		"?bbox=a,b,c,d":         "bbox",
		"?bbox=121,30,120,29":   "bbox",
		"?bbox=-200,0,0,1":      "bbox",
		"?bbox=NaN,0,1,1":       "bbox",
		"?bbox=":                "bbox",
		"?point=120":            "point",
		"?point=120,95":         "point",
		"?point=Inf,1":          "point",
		"?point=120.5,27.6,3":   "point",
		"?f=pdf":                "f",
		"?f=csv&bbox=9,9,1,1":   "bbox",
		"?f=xlsx&point=1,2,3,4": "point",
	} {
		r := viewer.do("GET", "/api/eligibility/cases"+q, nil)
		var e errJSON
		_ = json.Unmarshal(r.body, &e)
		if r.status != http.StatusBadRequest || e.Field != field || len(e.Errors) != 1 || e.Errors[0].DescriptionZh == "" {
			t.Errorf("cases%s: %v; want 400 naming %s in Chinese too", q, r, field)
		}
	}

	// The exports: the same access as the list, the same filters.
	if r := anon.do("GET", "/api/eligibility/cases?f=csv", nil); r.status != http.StatusUnauthorized {
		t.Errorf("an anonymous export: %v", r)
	}
	header := []string{"案例编号", "日期", "地块", "结论", "规则版本", "审查人", "备注"}
	r := viewer.do("GET", "/api/eligibility/cases?f=csv", nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(r.header.Get("Content-Disposition"), ".csv") || !bytes.HasPrefix(r.body, []byte("\xef\xbb\xbf")) {
		t.Fatalf("csv: %v %v", r.status, r.header)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.body, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, "csv", rows, header, saved)
	if lo := libreoffice.ReadCSVAsCalc(t, r.body); !slices.EqualFunc(lo, rows, slices.Equal) {
		t.Errorf("LibreOffice reads the CSV as\n%v\nwritten\n%v", lo, rows)
	}

	r = viewer.do("GET", "/api/eligibility/cases?f=xlsx", nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("xlsx: %v %v", r.status, r.header)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "准入案例" {
		t.Errorf("sheets %v", sheets)
	}
	xrows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	checkExport(t, "xlsx", xrows, header, saved)
	if formula, err := f.GetCellFormula(sheets[0], "G2"); err != nil || formula != "" {
		t.Errorf("a note became a formula: %q %v", formula, err)
	}

	// Filtered: only the case in the box, in both formats.
	r = viewer.do("GET", "/api/eligibility/cases?f=csv&bbox=121.4,29.7,121.6,29.9&limit=1", nil)
	rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.body, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != saved["outside"] || rows[1][6] != "宁波，县外" || !strings.HasPrefix(rows[1][2], "绘制地块（") {
		t.Errorf("csv in a box: %v %v", rows, err)
	}
	r = viewer.do("GET", "/api/eligibility/cases?f=xlsx&point=0,0", nil)
	if f, err := excelize.OpenReader(bytes.NewReader(r.body)); err != nil {
		t.Errorf("an empty xlsx: %v", err)
	} else if xr, _ := f.GetRows("准入案例"); len(xr) != 1 {
		t.Errorf("an empty xlsx has %d rows", len(xr))
	}
}

// checkExport checks an export's rows: the header, newest first, a Chinese verdict, the reviewer's
// name and unit, and the formula-like note prefixed with an apostrophe.
func checkExport(t *testing.T, format string, rows [][]string, header []string, saved map[string]string) {
	t.Helper()
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(header, ",") {
		t.Fatalf("%s: %d rows, header %v", format, len(rows), rows)
	}
	out, blk := rows[1], rows[2]
	if out[0] != saved["outside"] || blk[0] != saved["block"] {
		t.Errorf("%s: order %s, %s", format, out[0], blk[0])
	}
	if out[3] != "不符合准入" || out[4] != "2019-05-v1" || !strings.Contains(out[5], "（") || len(out[1]) != len("2026-12-02 10:00:00") {
		t.Errorf("%s: row %v", format, out)
	}
	if blk[6] != `'=HYPERLINK("http://x")` || !strings.HasPrefix(blk[2], "绘制地块（") {
		t.Errorf("%s: the block's row %v", format, blk)
	}
}
