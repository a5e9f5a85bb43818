package eligibility

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

const batchBody = `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},
"proposal":{"type":"low_efficiency_block","plot_ratio":2.2},
"features":[
 {"type":"Feature","id":"A","properties":{"name":"甲","plot_ratio":"1.8","owner":"someone"},"geometry":` + square + `},
 {"type":"Feature","properties":{"id":"B","type":"new_park"},"geometry":{"type":"Polygon","coordinates":[[[120.55,27.66],[120.552,27.66],[120.552,27.662],[120.55,27.662]]]}},
 {"type":"Feature","properties":{"parcel_id":"RD-018"},"geometry":null},
 {"type":"Feature","properties":{"code":"D","plot_ratio":"many"},"geometry":` + square + `}
]}`

func TestParseBatchRequest(t *testing.T) {
	rs := loadRules(t)
	req, err := rs.ParseBatchRequest([]byte(batchBody), BatchOverride{})
	if err != nil {
		t.Fatal(err)
	}
	if req.CRS != geodesy.CRSWGS84 || len(req.Items) != 4 {
		t.Fatalf("crs %s, %d items", req.CRS, len(req.Items))
	}
	a, b, c, d := req.Items[0], req.Items[1], req.Items[2], req.Items[3]
	if a.ID != "A" || a.Name != "甲" || a.Err != nil || a.Proposal.Type != "low_efficiency_block" || a.Proposal.Facts["plot_ratio"] != 1.8 {
		t.Errorf("A: %+v", a)
	}
	if b.ID != "B" || b.Err == nil || b.Err.Field != "features[1].geometry" || !strings.Contains(b.Err.Message, "not closed") {
		t.Errorf("B (unclosed): %+v", b)
	}
	if c.ID != "RD-018" || c.Input.ParcelID != "RD-018" || c.Err != nil || c.Proposal.Facts["plot_ratio"] != 2.2 {
		t.Errorf("C (parcel id): %+v", c)
	}
	if d.ID != "D" || d.Err == nil || d.Err.Field != "features[3].properties.plot_ratio" {
		t.Errorf("D (bad fact): %+v", d)
	}
	// The command line's flags win over the file's defaults.
	req, err = rs.ParseBatchRequest([]byte(batchBody), BatchOverride{Proposal: Proposal{Type: "new_park", Facts: map[string]any{"plot_ratio": 3.0}}})
	if err != nil || req.Items[2].Proposal.Type != "new_park" || req.Items[2].Proposal.Facts["plot_ratio"] != 3.0 || req.Items[0].Proposal.Facts["plot_ratio"] != 1.8 {
		t.Errorf("override: %+v, %v", req.Items[2].Proposal, err)
	}
	if req, err := rs.ParseBatchRequest([]byte(`{"parcel_ids":["RD-001","GD2019-001"],"proposal":{"plot_ratio":2.2}}`), BatchOverride{}); err != nil ||
		len(req.Items) != 2 || req.Items[1].Input.ParcelID != "GD2019-001" || req.Items[1].Proposal.Facts["plot_ratio"] != 2.2 {
		t.Errorf("parcel_ids: %+v, %v", req, err)
	}
	if req, err := rs.ParseBatchRequest([]byte(`{"collection":"redevelopment"}`), BatchOverride{}); err != nil || req.Collection != "redevelopment" {
		t.Errorf("collection: %+v, %v", req, err)
	}
	many := `{"type":"FeatureCollection","features":[` + strings.TrimSuffix(strings.Repeat(`{"type":"Feature","geometry":null},`, MaxBatchFeatures+1), ",") + `]}`
	for _, tc := range []struct{ body, field string }{
		{`{"collection":"parks"}`, "collection"},
		{`{"collection":"redevelopment","parcel_ids":["RD-001"]}`, "features"},
		{`{"parcel_ids":[]}`, "parcel_ids"},
		{`{"parcel_ids":"RD-001"}`, "parcel_ids"},
		{`{"type":"Feature","geometry":` + square + `}`, "type"},
		{`{"type":"FeatureCollection","features":{}}`, "features"},
		{`{"type":"FeatureCollection","features":[]}`, "features"},
		{many, "features"},
		{`{"type":"FeatureCollection","crs":"EPSG:900913","features":[]}`, "crs"},
		{`{"type":"FeatureCollection","proposal":{"type":"factory"},"features":[]}`, "proposal.type"},
		{`{"type":"FeatureCollection","extra":1,"features":[]}`, "extra"},
		{`{"type":"FeatureCollection"`, "body"},
	} {
		t.Run(tc.field, func(t *testing.T) {
			_, err := rs.ParseBatchRequest([]byte(tc.body), BatchOverride{})
			e, ok := err.(*apperr.Error)
			if !ok || e.Field != tc.field || !strings.Contains(e.Message, tc.field) {
				t.Errorf("err = %v; want one naming %s", err, tc.field)
			}
		})
	}
}

// fakeStore stands in for the store in these pure tests: the store itself is tested against PostGIS.
type fakeStore struct{}

func (fakeStore) EligibilityParcels(context.Context, string) ([]string, []string, error) {
	return []string{"RD-018"}, []string{"萧江镇区块"}, nil
}

func (fakeStore) EligibilityFacts(_ context.Context, in FactsInput) (*Facts, error) {
	switch in.ParcelID {
	case "":
		f := cleanFacts()
		f.Geometry = in.Geometry
		return f, nil
	case "RD-018":
		f := cleanFacts()
		f.Parcel = &ParcelInfo{ID: "RD-018", Name: "萧江镇区块", Kind: "旧厂房", RecordedAreaMu: 80}
		f.SiteAreaMu = 80
		return f, nil
	case "boom":
		return nil, errors.New("connection refused")
	}
	return nil, apperr.FieldErrorf(apperr.NotFound, "parcel_id", "no parcel %q", in.ParcelID)
}

func runBatch(t *testing.T, rs *RuleSet, body string) []BatchRow {
	t.Helper()
	req, err := rs.ParseBatchRequest([]byte(body), BatchOverride{})
	if err != nil {
		t.Fatal(err)
	}
	var calls []int
	rows, err := NewService(rs, fakeStore{}, 3).Batch(context.Background(), req, func(done, total int) { calls = append(calls, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != len(req.Items) || (len(calls) > 0 && calls[len(calls)-1] != len(calls)) {
		t.Errorf("progress calls %v for %d items", calls, len(req.Items))
	}
	return rows
}

func TestRunBatch(t *testing.T) {
	rs := loadRules(t)
	rows := runBatch(t, rs, batchBody)
	if len(rows) != 4 || rows[0].Answer == nil || rows[1].Err == nil || rows[2].Answer == nil || rows[3].Err == nil {
		t.Fatalf("rows %+v", rows)
	}
	if v := resultOf(t, *rows[0].Answer, "park_plot_ratio"); v.Result != ResultFail {
		t.Errorf("A at plot ratio 1.8: %s", v.Result)
	}
	if rows[2].Item.Name != "萧江镇区块" {
		t.Errorf("a parcel row takes its parcel's name: %q", rows[2].Item.Name)
	}
	rows = runBatch(t, rs, `{"parcel_ids":["RD-018","RD-999"]}`)
	if rows[0].Answer == nil || rows[0].Answer.Proposal.Type != "old_factory_redevelopment" || rows[1].Err == nil || rows[1].Err.Code != apperr.NotFound {
		t.Errorf("an unknown id is its row's error: %+v", rows)
	}
	req, _ := rs.ParseBatchRequest([]byte(`{"parcel_ids":["RD-018","boom","RD-018"]}`), BatchOverride{})
	if _, err := NewService(rs, fakeStore{}, 2).Batch(context.Background(), req, nil); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("a database failure must stop the batch: %v", err)
	}
}

func TestBatchOfACollectionListsItFromTheStore(t *testing.T) {
	rs := loadRules(t)
	rows, err := NewService(rs, fakeStore{}, 2).Batch(context.Background(), BatchRequest{Collection: "redevelopment"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Item.ID != "RD-018" || rows[0].Item.Name != "萧江镇区块" || rows[0].Answer == nil {
		t.Errorf("rows %+v", rows)
	}
}
