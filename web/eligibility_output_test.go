package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/plan"
)

// batchRows is a checked row (45 亩 drawn at plot ratio 1.8: not eligible) and an error row.
func batchRows(t *testing.T) (*eligibility.RuleSet, []eligibility.BatchRow) {
	t.Helper()
	rs, err := eligibility.ParseRules(data.EligibilityRules())
	if err != nil {
		t.Fatal(err)
	}
	f := &eligibility.Facts{AreaM2: 30000, AreaMu: 45, SiteAreaMu: 45, SiteAreaBasis: "measured", InsideCounty: eligibility.InsideFully,
		ConstraintKinds: []string{plan.ConstraintFarmland, plan.ConstraintFloodZone, plan.ConstraintEcoRedLine},
		Zones:           []eligibility.AreaShare{{ID: "culture", Name: "文化时尚智造区", AreaMu: 45, Share: 1}},
		Geometry:        orb.MultiPolygon{{{{120.55, 27.66}, {120.552, 27.66}, {120.552, 27.662}, {120.55, 27.66}}}}}
	a, err := rs.Evaluate(f, eligibility.Proposal{Type: "low_efficiency_block", Facts: map[string]any{"plot_ratio": 1.8}})
	if err != nil {
		t.Fatal(err)
	}
	return rs, []eligibility.BatchRow{
		{Item: eligibility.BatchItem{ID: "A", Name: "甲"}, Answer: &a},
		{Item: eligibility.BatchItem{ID: "B"}, Err: apperr.FieldErrorf(apperr.Invalid, "features[1].geometry", "ring 1 is not closed")},
	}
}

// lang=en: the identifiers, as scripts read them since issue 4.
func TestBatchCSV(t *testing.T) {
	rs, rows := batchRows(t)
	var b bytes.Buffer
	if err := WriteBatchCSV(&b, rs, rows, BatchEn); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	// Issue 13: every line ends in CRLF (RFC 4180), as LibreOffice's and Excel's default import expect.
	if n := bytes.Count(b.Bytes(), []byte("\n")); n != 3 || bytes.Count(b.Bytes(), []byte("\r\n")) != n {
		t.Errorf("line ends: %d LF, %d CRLF; want 3 CRLF", n, bytes.Count(b.Bytes(), []byte("\r\n")))
	}
	recs, err := csv.NewReader(bytes.NewReader(b.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], BatchColumns(rs)) || len(recs) != 3 {
		t.Fatalf("header %v, %d records", recs[0], len(recs))
	}
	head := recs[0][:4+len(rs.Rules)]
	if !slices.Equal(head[:4], []string{"id", "name", "area_mu", "verdict"}) || !slices.Equal(head[4:], rs.RuleIDs()) {
		t.Errorf("columns %v", head)
	}
	col := func(name string) int { return slices.Index(recs[0], name) }
	if r := recs[1]; r[0] != "A" || r[1] != "甲" || r[2] != "45" || r[3] != eligibility.VerdictNotEligible ||
		r[col("park_plot_ratio")] != eligibility.ResultFail || r[col("zones")] != "文化时尚智造区 100%" {
		t.Errorf("row A: %v", r)
	}
	if r := recs[2]; r[3] != "error" || !strings.Contains(r[col("error")], "not closed") || r[col("park_plot_ratio")] != "" {
		t.Errorf("row B: %v", r)
	}
}

// The default, for people (issue 13): the headers and values in Chinese as the page says them, the
// xlsx the same cells with the areas as numbers.
func TestBatchSpreadsheetInChinese(t *testing.T) {
	rs, rows := batchRows(t)
	rows[0].Item.Name = "=HYPERLINK(\"x\")"
	var b bytes.Buffer
	if err := WriteBatchCSV(&b, rs, rows, BatchZh); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("%v, %d records", err, len(recs))
	}
	header := recs[0]
	if !slices.Equal(header, BatchHeader(rs, BatchZh)) || !slices.Equal(header[:4], []string{"编号", "名称", "面积（亩）", "结论"}) ||
		header[4] != rs.Rules[0].TitleZh || !slices.Equal(header[len(header)-3:], []string{"规则版本", "结论说明", "错误"}) {
		t.Fatalf("header %v", header)
	}
	col := func(name string) int { return slices.Index(header, name) }
	plotRatio := col("小微园容积率")
	if r := recs[1]; r[1] != "'=HYPERLINK(\"x\")" || r[2] != "45" || r[3] != "不符合准入" || r[plotRatio] != "不满足" ||
		r[col("类型")] != "低效工业区块由市场主体开发建设小微园" || r[col("是否在县域内")] != "全部在县域内" || r[col("所在功能区")] != "文化时尚智造区 100%" {
		t.Errorf("row A: %v", r)
	}
	if r := recs[1]; !slices.Contains(r, "满足") || !slices.Contains(r, "不适用") {
		t.Errorf("row A has no 满足 or no 不适用: %v", r)
	}
	if r := recs[2]; r[3] != "无法检查" || !strings.Contains(r[col("错误")], "not closed") || r[plotRatio] != "" {
		t.Errorf("row B: %v", r)
	}

	b.Reset()
	if err := WriteBatchXLSX(&b, rs, rows, BatchZh); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("准入检查")
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		// GetRows leaves off a row's empty cells at its end.
		if got := xrows[i]; !slices.Equal(got, recs[i][:len(got)]) || slices.ContainsFunc(recs[i][len(got):], func(s string) bool { return s != "" }) {
			t.Errorf("xlsx row %d: %q\nwant %q", i+1, got, recs[i])
		}
	}
	if typ, _ := f.GetCellType("准入检查", "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("面积 is of type %v, want a number", typ)
	}
}

func TestBatchLang(t *testing.T) {
	for in, want := range map[string]BatchLang{"": BatchZh, "zh": BatchZh, "en": BatchEn} {
		if got, err := ParseBatchLang("lang", in); err != nil || got != want {
			t.Errorf("lang=%q: %v %v", in, got, err)
		}
	}
	_, err := ParseBatchLang("lang", "fr")
	ae, ok := apperr.As(err)
	if !ok || ae.Code != apperr.Invalid || ae.Field != "lang" || len(ae.Fields) != 1 || !strings.Contains(ae.Fields[0].MessageZh, "lang") {
		t.Errorf("lang=fr: %#v", err)
	}
}

func TestBatchGeoJSON(t *testing.T) {
	rs, rows := batchRows(t)
	var b bytes.Buffer
	if err := WriteBatchGeoJSON(&b, rs, rows); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type         string         `json:"type"`
		RulesVersion string         `json:"rules_version"`
		Summary      map[string]int `json:"summary"`
		Features     []struct {
			ID         string          `json:"id"`
			Geometry   json.RawMessage `json:"geometry"`
			Properties json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if fc.Type != "FeatureCollection" || fc.RulesVersion != rs.Version || len(fc.Features) != 2 || fc.Summary["error"] != 1 {
		t.Fatalf("%+v", fc)
	}
	if string(fc.Features[1].Geometry) != "null" || !strings.Contains(string(fc.Features[0].Geometry), `"MultiPolygon"`) {
		t.Errorf("geometries %s / %s", fc.Features[0].Geometry, fc.Features[1].Geometry)
	}
	// Properties come in column order, each once.
	dec := json.NewDecoder(bytes.NewReader(fc.Features[0].Properties))
	var keys []string
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, fmt.Sprint(k))
		var v any
		dec.Decode(&v)
	}
	if !slices.Equal(keys, BatchColumns(rs)) {
		t.Errorf("properties %v\nwant %v", keys, BatchColumns(rs))
	}
}
