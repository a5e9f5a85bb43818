package cases_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/cases"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/eligibility"
)

func service(t *testing.T) *cases.Service {
	t.Helper()
	rs, err := eligibility.ParseRules(data.EligibilityRules())
	if err != nil {
		t.Fatal(err)
	}
	return cases.NewService(nil, eligibility.NewService(rs, nil, 1))
}

// A save's body is a check request and a note: the note is taken out of the request as saved, and
// anything else (an answer, a verdict) is refused by name, so that a client can never supply one.
func TestParseSave(t *testing.T) {
	s := service(t)
	req, raw, note, err := s.ParseSave([]byte(`{"parcel_id":"RD-018","proposal":{"plot_ratio":2.2},"note":"  复核  "}`))
	if err != nil {
		t.Fatal(err)
	}
	if req.Input.ParcelID != "RD-018" || note != "复核" || strings.Contains(string(raw), "note") || !strings.Contains(string(raw), "plot_ratio") {
		t.Errorf("parsed %+v, raw %s, note %q", req.Input, raw, note)
	}
	for _, c := range []struct{ body, field string }{
		{`{"parcel_id":"RD-018","answer":{"verdict":"eligible"}}`, "answer"},
		{`{"parcel_id":"RD-018","verdict":"eligible"}`, "verdict"},
		{`{"parcel_id":"RD-018","note":["x"]}`, "note"},
		{`{"parcel_id":"RD-018","note":"` + strings.Repeat("长", cases.MaxNote+1) + `"}`, "note"},
		{`{"note":"x"}`, "parcel_id"},
		{`{"parcel_id":"RD-018","crs":"EPSG:4326"}`, "crs"},
		{`not json`, "body"},
		{`null`, "body"},
		{`{"parcel_id":"RD-018"} {}`, "body"},
	} {
		_, _, _, err := s.ParseSave([]byte(c.body))
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.Invalid || e.Field != c.field {
			t.Errorf("%s: %v; want invalid %s", c.body, err, c.field)
		}
	}
	if _, _, note, err := s.ParseSave([]byte(`{"parcel_id":"RD-018","note":"` + strings.Repeat("长", cases.MaxNote) + `"}`)); err != nil || len([]rune(note)) != cases.MaxNote {
		t.Errorf("a note of exactly %d characters: %v", cases.MaxNote, err)
	}
}

func TestQueryCheck(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		q     cases.Query
		field string
	}{
		{cases.Query{}, ""},
		{cases.Query{Verdict: "not_eligible", Number: "0001", Parcel: "RD-018", Limit: cases.MaxLimit}, ""},
		{cases.Query{Verdict: "maybe"}, "verdict"},
		{cases.Query{Limit: cases.MaxLimit + 1}, "limit"},
		{cases.Query{Number: strings.Repeat("1", 65)}, "number"},
		{cases.Query{Parcel: "RD\x00"}, "parcel"},
		{cases.Query{Since: day, Until: day}, "until"},
		{cases.Query{BBox: []float64{120.3, 27.5, 120.9, 27.8}, Point: []float64{120.5, 27.6}}, ""},
		{cases.Query{BBox: []float64{120.3, 27.5, 120.9}}, "bbox"},
		{cases.Query{BBox: []float64{120.9, 27.5, 120.3, 27.8}}, "bbox"},
		{cases.Query{BBox: []float64{120.3, 27.8, 120.9, 27.5}}, "bbox"},
		{cases.Query{BBox: []float64{-181, 27.5, 120.9, 27.8}}, "bbox"},
		{cases.Query{BBox: []float64{120.3, 27.5, 120.9, math.NaN()}}, "bbox"},
		{cases.Query{Point: []float64{120.5}}, "point"},
		{cases.Query{Point: []float64{120.5, 91}}, "point"},
		{cases.Query{Point: []float64{math.Inf(1), 27}}, "point"},
	} {
		err := c.q.Check()
		if c.field == "" && err != nil || c.field != "" && (err == nil || err.(*apperr.Error).Field != c.field) {
			t.Errorf("%+v: %v; want field %q", c.q, err, c.field)
		}
	}
}
