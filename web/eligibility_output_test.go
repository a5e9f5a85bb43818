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

func TestBatchCSV(t *testing.T) {
	rs, rows := batchRows(t)
	var b bytes.Buffer
	if err := WriteBatchCSV(&b, rs, rows); err != nil {
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
