package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

const (
	actualsPark = "kunyang-lipin"
	mediaXLSX   = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

type actualsListJSON struct {
	FirstYear int `json:"first_year"`
	LastYear  int `json:"last_year"`
	Measures  []struct {
		ID    string `json:"id"`
		Whole bool   `json:"whole"`
	} `json:"measures"`
	Figures []map[string]any `json:"figures"`
}

func actualsList(t *testing.T, c *client, query string) actualsListJSON {
	t.Helper()
	r := c.do("GET", "/api/actuals"+query, nil)
	var l actualsListJSON
	if r.status != http.StatusOK || json.Unmarshal(r.body, &l) != nil {
		t.Fatalf("GET /api/actuals%s: %v", query, r)
	}
	return l
}

type previewJSON struct {
	Applied  bool   `json:"applied"`
	Template string `json:"template"`
	Sheet    string `json:"sheet"`
	Summary  struct {
		Rows, Changed, Unchanged, Cleared, Errors int
	} `json:"summary"`
	Rows []struct {
		Row      int    `json:"row"`
		ParkID   string `json:"park_id"`
		ParkName string `json:"park_name"`
		Year     int    `json:"year"`
		Cells    []struct {
			Cell, Measure, Raw, Status string
			Value, Before              *float64
			MessageZh                  string `json:"message_zh"`
		} `json:"cells"`
	} `json:"rows"`
	Errors []struct {
		Cell, Field, Message string
		MessageZh            string `json:"message_zh"`
	} `json:"errors"`
}

func (c *client) upload(query string, file []byte) (reply, previewJSON) {
	c.t.Helper()
	r := c.do("POST", "/api/actuals/import"+query, string(file), "Content-Type", mediaXLSX)
	var p previewJSON
	if r.status == http.StatusOK || r.status == http.StatusUnprocessableEntity {
		if err := json.Unmarshal(r.body, &p); err != nil {
			c.t.Fatalf("preview: %v: %v", r, err)
		}
	}
	return r, p
}

// templateFile downloads the template of years from-to and opens it.
func templateFile(t *testing.T, c *client, from, to int) (*excelize.File, reply) {
	t.Helper()
	r := c.do("GET", fmt.Sprintf("/api/actuals/template.xlsx?from=%d&to=%d", from, to), nil)
	if r.status != http.StatusOK {
		t.Fatalf("template: %v", r)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("the template does not open: %v", err)
	}
	return f, r
}

// rowOf is the template row of park and year.
func rowOf(t *testing.T, f *excelize.File, park string, year int) int {
	t.Helper()
	rows, err := f.GetRows("实际数据")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 2 && r[0] == park && r[2] == strconv.Itoa(year) {
			return i + 1
		}
	}
	t.Fatalf("no row for %s %d", park, year)
	return 0
}

func xlsxBytes(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestActualsEntry(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	land := loggedIn(t, base, roleUser(accounts.Land))
	anon := newClient(t, base)
	year := chinaYear()

	l := actualsList(t, anon, "")
	if l.FirstYear != 2018 || l.LastYear != year || len(l.Measures) != 8 || len(l.Figures) != 0 || !l.Measures[5].Whole {
		t.Fatalf("before any entry: %+v", l)
	}
	path := fmt.Sprintf("/api/parks/%s/actuals/2023", actualsPark)
	body := `{"source":"2023年度统计年报","figures":{"land_supplied_mu":12.5,"tax_wan":880,"firms":41}}`

	// Who may.
	for name, c := range map[string]*client{"anonymous": anon, "viewer": viewer, "land": land} {
		want := http.StatusForbidden
		if c == anon {
			want = http.StatusUnauthorized
		}
		if r := c.do("PUT", path, body); r.status != want {
			t.Errorf("PUT as %s: %v", name, r)
		}
	}
	// What is wrong: an unknown park, bad years, bad figures (each named), an unknown measure.
	if r := planner.do("PUT", "/api/parks/no-such-park/actuals/2023", body); r.status != http.StatusNotFound || !strings.Contains(string(r.body), `"field":"id"`) {
		t.Errorf("unknown park: %v", r)
	}
	for _, y := range []string{"2017", strconv.Itoa(year + 1), "twenty", "2023.5"} {
		if r := planner.do("PUT", "/api/parks/"+actualsPark+"/actuals/"+y, body); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"field":"year"`) {
			t.Errorf("year %s: %v", y, r)
		}
	}
	r := planner.do("PUT", path, `{"source":"s","figures":{"tax_wan":-5,"output_yi":"很多","firms":2.5,"floor_started_wan_m2":1e9}}`)
	var e errJSON
	if r.status != http.StatusBadRequest || json.Unmarshal(r.body, &e) != nil || len(e.Errors) != 4 {
		t.Fatalf("bad figures: %v", r)
	}
	for i, want := range []string{"figures.floor_started_wan_m2", "figures.output_yi", "figures.tax_wan", "figures.firms"} {
		if e.Errors[i].Field != want || e.Errors[i].DescriptionZh == "" {
			t.Errorf("bad figures: error %d %+v, want %s", i, e.Errors[i], want)
		}
	}
	for name, b := range map[string]string{
		"unknown measure": `{"source":"s","figures":{"gdp_yi":1}}`, "no source": `{"figures":{"tax_wan":1}}`,
		"unknown field": `{"source":"s","figures":{"tax_wan":1},"year":2023}`, "no figures": `{"source":"s"}`,
	} {
		if r := planner.do("PUT", path, b); r.status != http.StatusBadRequest {
			t.Errorf("%s: %v", name, r)
		}
	}
	if l := actualsList(t, anon, ""); len(l.Figures) != 0 {
		t.Fatalf("a refused PUT wrote: %+v", l.Figures)
	}

	// The planner's entry.
	r = planner.do("PUT", path, body, "X-Request-Id", "actuals-put-1")
	var py struct {
		ParkID  string           `json:"park_id"`
		Year    int              `json:"year"`
		Figures []map[string]any `json:"figures"`
	}
	if r.status != http.StatusOK || json.Unmarshal(r.body, &py) != nil || py.ParkID != actualsPark || py.Year != 2023 || len(py.Figures) != 3 ||
		py.Figures[0]["measure"] != "land_supplied_mu" || py.Figures[0]["value"] != 12.5 || py.Figures[0]["entered_by"] != roleUser(accounts.Planner).Username {
		t.Fatalf("PUT: %v", r)
	}
	// Clear one, keep the others.
	if r := planner.do("PUT", path, `{"figures":{"firms":null}}`); r.status != http.StatusOK || strings.Contains(string(r.body), `"firms"`) {
		t.Errorf("clear: %v", r)
	}
	l = actualsList(t, anon, "?park="+actualsPark+"&from=2023&to=2023")
	if len(l.Figures) != 2 || l.Figures[1]["measure"] != "tax_wan" || l.Figures[0]["source"] != "2023年度统计年报" || l.Figures[0]["park_name"] == "" {
		t.Errorf("list after the PUT: %+v", l.Figures)
	}
	if _, ok := l.Figures[0]["entered_by"]; ok {
		t.Errorf("the public list names who entered: %+v", l.Figures[0])
	}
	if l := actualsList(t, viewer, ""); len(l.Figures) != 2 || l.Figures[0]["entered_by"] != roleUser(accounts.Planner).Username {
		t.Errorf("a viewer's list: %+v", l.Figures)
	}
	for q, field := range map[string]string{"?from=2017": "from", fmt.Sprintf("?to=%d", year+1): "to", "?from=2024&to=2023": "to", "?f=pdf": "f", "?colour=red": "colour"} {
		if r := anon.do("GET", "/api/actuals"+q, nil); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"field":"`+field+`"`) {
			t.Errorf("GET %s: %v", q, r)
		}
	}
	if r := anon.do("GET", "/api/actuals?park=no-such-park", nil); r.status != http.StatusNotFound {
		t.Errorf("unknown park in the list: %v", r)
	}
	// The audit row: the actor and the request id, the park-year's before and after.
	admin := loggedIn(t, base, roleUser(accounts.Admin))
	r = admin.do("GET", "/api/audit?action=park.actuals&key="+url.QueryEscape(actualsPark+"/2023"), nil)
	var audit struct {
		Entries []accounts.AuditEntry `json:"entries"`
	}
	if r.status != http.StatusOK || json.Unmarshal(r.body, &audit) != nil || len(audit.Entries) != 2 {
		t.Fatalf("audit: %v", r)
	}
	first := audit.Entries[1]
	if first.Actor != roleUser(accounts.Planner).Username || first.RequestID != "actuals-put-1" || first.Table != "park_actuals" ||
		string(first.Before) != "{}" || !strings.Contains(string(first.After), `"tax_wan":{"value":880,"source":"2023年度统计年报"}`) {
		t.Errorf("audit entry: %+v (after %s)", first, first.After)
	}
}

func TestActualsExports(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	anon := newClient(t, base)
	if r := planner.do("PUT", "/api/parks/"+actualsPark+"/actuals/2022", `{"source":"=cmd|' /C calc'!A0","figures":{"output_yi":3.75,"firms":12}}`); r.status != http.StatusOK {
		t.Fatalf("PUT: %v", r)
	}
	r := anon.do("GET", "/api/actuals?f=csv", nil)
	// Issue 13: CRLF line ends (RFC 4180), as a spreadsheet's default import expects.
	lines := strings.Split(strings.TrimSuffix(string(r.body), "\r\n"), "\r\n")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") || len(lines) != 3 ||
		lines[0] != "\ufeff园区编号,园区名称,年份,指标,数值,单位,来源,录入时间" ||
		!strings.HasPrefix(lines[1], actualsPark+",") || !strings.Contains(lines[1], ",2022,产值,3.75,亿元,'=cmd|' /C calc'!A0,") ||
		!strings.Contains(lines[2], ",入驻企业,12,家,") || !strings.Contains(r.header.Get("Content-Disposition"), "filename*=UTF-8''") {
		t.Errorf("csv: %v %q", r.header, lines)
	}
	r = anon.do("GET", "/api/actuals?f=xlsx&park="+actualsPark, nil)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != mediaXLSX {
		t.Fatalf("xlsx: %v", r.status)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("实际数据")
	if err != nil || len(rows) != 3 || strings.Join(rows[0], ",") != "园区编号,园区名称,年份,指标,数值,单位,来源,录入时间" ||
		rows[1][3] != "产值" || rows[1][4] != "3.75" || rows[1][6] != "'=cmd|' /C calc'!A0" || rows[2][4] != "12" {
		t.Errorf("xlsx rows: %q %v", rows, err)
	}
}

func TestActualsTemplateAndImport(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	land := loggedIn(t, base, roleUser(accounts.Land))
	anon := newClient(t, base)
	year := chinaYear()
	if r := planner.do("PUT", "/api/parks/"+actualsPark+"/actuals/2023", `{"source":"2023年报","figures":{"land_supplied_mu":12.5}}`); r.status != http.StatusOK {
		t.Fatalf("PUT: %v", r)
	}

	// The template: for planners only; the years checked; named in Chinese; prefilled.
	tpl := "/api/actuals/template.xlsx?from=2023&to=2024"
	for name, c := range map[string]*client{"anonymous": anon, "viewer": viewer, "land": land} {
		if r := c.do("GET", tpl, nil); r.status != http.StatusUnauthorized && r.status != http.StatusForbidden || c == anon && r.status != http.StatusUnauthorized {
			t.Errorf("template as %s: %v", name, r.status)
		}
	}
	for _, q := range []string{"?from=2017&to=2020", fmt.Sprintf("?from=2023&to=%d", year+1), "?from=2024&to=2023", "?from=x"} {
		if r := planner.do("GET", "/api/actuals/template.xlsx"+q, nil); r.status != http.StatusBadRequest {
			t.Errorf("template %s: %v", q, r)
		}
	}
	f, r := templateFile(t, planner, 2023, 2024)
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") ||
		!strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("平阳县小微园实际数据_2023-2024.xlsx")) || r.header.Get("Content-Type") != mediaXLSX {
		t.Errorf("template headers: %v", r.header)
	}
	rows, _ := f.GetRows("实际数据")
	if strings.Join(rows[1], "|") != "园区编号|园区名称|年份|供地（亩）|开工面积（万㎡）|竣工面积（万㎡）|产值（亿元）|税收（万元）|入驻企业（家）|规上企业（家）|投资（亿元）|来源" {
		t.Errorf("template headers: %q", rows[1])
	}
	parks := len(rows) - 2
	if parks%2 != 0 || parks < 20 {
		t.Errorf("template rows: %d", parks)
	}
	r23 := rowOf(t, f, actualsPark, 2023)
	if v, _ := f.GetCellValue("实际数据", fmt.Sprintf("D%d", r23)); v != "12.5" {
		t.Errorf("prefilled D%d: %q", r23, v)
	}
	if id, _ := f.GetCellValue("说明", "A1"); id != "parkmap actuals template v1" {
		t.Errorf("说明!A1 %q", id)
	}

	// Uploaded unchanged: nothing to do.
	_, p := planner.upload("", xlsxBytes(t, f))
	if p.Applied || p.Template != "v1" || p.Sheet != "实际数据" || p.Summary.Rows != parks || p.Summary.Changed != 0 || p.Summary.Unchanged != 1 || p.Summary.Errors != 0 {
		t.Fatalf("unchanged upload: %+v", p.Summary)
	}
	for _, row := range p.Rows {
		for _, c := range row.Cells {
			if c.Status != "same" && c.Status != "empty" {
				t.Errorf("unchanged upload: %s is %s", c.Cell, c.Status)
			}
		}
	}

	// Two years filled: the preview writes nothing; the apply writes both, with source and uploader.
	r24 := rowOf(t, f, actualsPark, 2024)
	set := func(f *excelize.File, cell string, v any) {
		if err := f.SetCellValue("实际数据", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set(f, fmt.Sprintf("D%d", r23), 13)
	set(f, fmt.Sprintf("H%d", r23), 880.5)
	set(f, fmt.Sprintf("L%d", r23), "2023年度统计年报")
	set(f, fmt.Sprintf("I%d", r24), 45)
	filled := xlsxBytes(t, f)
	for name, c := range map[string]*client{"anonymous": anon, "viewer": viewer, "land": land} {
		if r, _ := c.upload("?apply=true", filled); r.status != http.StatusUnauthorized && r.status != http.StatusForbidden {
			t.Errorf("upload as %s: %v", name, r)
		}
	}
	r, p = planner.upload("?filename="+url.QueryEscape("年报.xlsx"), filled)
	if r.status != http.StatusOK || p.Applied || p.Summary.Changed != 3 || p.Summary.Errors != 0 || p.Summary.Rows != parks {
		t.Fatalf("preview: %v", r)
	}
	// The same as a file of those two rows only (the other parks' rows deleted): the same changes.
	two, _ := excelize.OpenReader(bytes.NewReader(filled))
	for row := len(rows); row >= 3; row-- {
		if row != r23 && row != r24 {
			if err := two.RemoveRow("实际数据", row); err != nil {
				t.Fatal(err)
			}
		}
	}
	r, p = planner.upload("?filename="+url.QueryEscape("年报.xlsx"), xlsxBytes(t, two))
	if r.status != http.StatusOK || p.Applied || p.Summary.Rows != 2 || p.Summary.Changed != 3 || p.Summary.Errors != 0 || len(p.Rows) != 2 {
		t.Fatalf("preview of the two rows: %v", r)
	}
	t.Logf("preview of a 2-row upload: %s", r.body)
	if l := actualsList(t, anon, "?from=2024"); len(l.Figures) != 0 {
		t.Fatalf("the preview wrote: %+v", l.Figures)
	}
	r = planner.do("POST", "/api/actuals/import?apply=true&filename="+url.QueryEscape("年报.xlsx"), string(filled),
		"Content-Type", mediaXLSX, "X-Request-Id", "actuals-import-1")
	if r.status != http.StatusOK || json.Unmarshal(r.body, &p) != nil || !p.Applied || p.Summary.Changed != 3 {
		t.Fatalf("apply: %v", r)
	}
	// One audit row per park-year changed, with the uploader and the request.
	admin := loggedIn(t, base, roleUser(accounts.Admin))
	for key, n := range map[string]int{actualsPark + "/2023": 2, actualsPark + "/2024": 1} {
		r := admin.do("GET", "/api/audit?action=park.actuals&key="+url.QueryEscape(key), nil)
		var audit struct {
			Entries []accounts.AuditEntry `json:"entries"`
		}
		if r.status != http.StatusOK || json.Unmarshal(r.body, &audit) != nil || len(audit.Entries) != n ||
			audit.Entries[0].Actor != roleUser(accounts.Planner).Username || audit.Entries[0].RequestID != "actuals-import-1" {
			t.Errorf("audit of %s: %v", key, r)
		}
	}
	l := actualsList(t, viewer, "?park="+actualsPark)
	want := []string{
		"2023 land_supplied_mu 13 2023年度统计年报", "2023 tax_wan 880.5 2023年度统计年报",
		fmt.Sprintf("2024 firms 45 xlsx: 年报.xlsx 行%d", r24),
	}
	if len(l.Figures) != len(want) {
		t.Fatalf("after the apply: %+v", l.Figures)
	}
	for i, w := range want {
		g := l.Figures[i]
		if got := fmt.Sprintf("%v %v %v %v", g["year"], g["measure"], g["value"], g["source"]); got != w || g["entered_by"] != roleUser(accounts.Planner).Username {
			t.Errorf("figure %d: %s by %v, want %s", i, got, g["entered_by"], w)
		}
	}

	// One bad cell: the apply is refused (422, the preview says where) and writes nothing.
	set(f, fmt.Sprintf("E%d", r24), 7)
	set(f, fmt.Sprintf("F%d", r24), "七")
	r, p = planner.upload("?apply=true", xlsxBytes(t, f))
	if r.status != http.StatusUnprocessableEntity || p.Applied || len(p.Errors) != 1 || p.Errors[0].Cell != fmt.Sprintf("F%d", r24) ||
		p.Errors[0].Field != "floor_completed_wan_m2" || p.Errors[0].MessageZh == "" {
		t.Fatalf("a bad cell: %v", r)
	}
	if l := actualsList(t, anon, "?park="+actualsPark); len(l.Figures) != 3 {
		t.Fatalf("a refused apply wrote: %+v", l.Figures)
	}

	// Not the template, not an xlsx, not declared as one, too big.
	other := excelize.NewFile()
	for name, b := range map[string][]byte{"another workbook": xlsxBytes(t, other), "csv": []byte("园区编号,年份\n"), "empty": nil} {
		if r, _ := planner.upload("", b); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"field":"file"`) {
			t.Errorf("%s: %v", name, r)
		}
	}
	if r := planner.do("POST", "/api/actuals/import", string(filled), "Content-Type", "text/csv"); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"field":"Content-Type"`) {
		t.Errorf("wrong Content-Type: %v", r)
	}
	if r, _ := planner.upload("", bytes.Repeat([]byte("PK"), 3<<20)); r.status != http.StatusRequestEntityTooLarge {
		t.Errorf("6 MiB: %v", r.status)
	}
	if r, _ := planner.upload("?apply=yes", filled); r.status != http.StatusBadRequest {
		t.Errorf("apply=yes: %v", r)
	}
}
