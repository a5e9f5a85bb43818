package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/web"
)

// block45 is a 45-亩 block in 昆阳镇 (on the WGS84 spheroid), clear of every park, redevelopment area
// and constraint: the land bureau's question is whether it can be redeveloped into a park at plot ratio 2.2.
func block45() string {
	minLon, minLat := 120.50, 27.64
	_, ky := geodesy.MetresPerDegree(minLat)
	maxLat := minLat + 200/ky
	maxLon := minLon + geodesy.LonSpanForArea(minLat, maxLat, geodesy.SquareMetresFromMu(45))
	return fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%[1]v,%[2]v],[%[3]v,%[2]v],[%[3]v,%[4]v],[%[1]v,%[4]v],[%[1]v,%[2]v]]]}`,
		minLon, minLat, maxLon, maxLat)
}

type ruleJSON struct {
	ID        string `json:"id"`
	Result    string `json:"result"`
	Value     any    `json:"value"`
	Threshold any    `json:"threshold"`
	Clause    string `json:"clause"`
	QuoteZh   string `json:"quote_zh"`
	ReasonZh  string `json:"reason_zh"`
	ReasonEn  string `json:"reason_en"`
}

type answerJSON struct {
	Verdict      string         `json:"verdict"`
	RulesVersion string         `json:"rules_version"`
	SummaryZh    string         `json:"summary_zh"`
	Proposal     map[string]any `json:"proposal"`
	Facts        struct {
		AreaMu                 float64 `json:"area_mu"`
		AreaM2                 float64 `json:"area_m2"`
		SiteAreaMu             float64 `json:"site_area_mu"`
		InsideCounty           string  `json:"inside_county"`
		OverlapParksMu         float64 `json:"overlap_parks_mu"`
		OverlapRedevelopmentMu float64 `json:"overlap_redevelopment_mu"`
		Zones                  []struct {
			ID    string  `json:"id"`
			Share float64 `json:"share"`
		} `json:"zones"`
		Towns []struct {
			Name  string  `json:"name"`
			Share float64 `json:"share"`
		} `json:"towns"`
		NearestPark *struct {
			ID        string  `json:"id"`
			DistanceM float64 `json:"distance_m"`
		} `json:"nearest_same_industry_park"`
	} `json:"facts"`
	Rules        []ruleJSON `json:"rules"`
	MissingFacts []string   `json:"missing_facts"`
}

func (a answerJSON) rule(t *testing.T, id string) ruleJSON {
	t.Helper()
	for _, r := range a.Rules {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s", id)
	return ruleJSON{}
}

func post(t testing.TB, url, contentType string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Post(url, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

func check(t *testing.T, base, body string) answerJSON {
	t.Helper()
	status, h, b := post(t, base+"/api/eligibility", "application/json", []byte(body))
	if status != http.StatusOK || h.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d %s: %s", status, h.Get("Content-Type"), b)
	}
	var a answerJSON
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// "Can this 45-亩 low-efficiency block be redeveloped into a park at plot ratio 2.2?" — with the clause
// for every answer.
func TestEligibilityTheLandBureausQuestion(t *testing.T) {
	base := testenv.Server(t)
	a := check(t, base, `{"geometry":`+block45()+`,"proposal":{"type":"low_efficiency_block","plot_ratio":2.2}}`)
	if a.RulesVersion != "2019-05-v1" || math.Abs(a.Facts.AreaMu-45) > 0.01 || a.Facts.SiteAreaMu != 45 || a.Facts.InsideCounty != "fully" ||
		a.Facts.OverlapParksMu != 0 || len(a.Facts.Towns) != 1 || a.Facts.Towns[0].Name != "昆阳镇" {
		t.Fatalf("facts: %+v (rules %s)", a.Facts, a.RulesVersion)
	}
	for id, want := range map[string]string{
		"block_site_area": "pass", "park_plot_ratio": "pass", "no_basic_farmland": "pass", "no_ecological_red_line": "pass",
		"flood_zone_assessed": "pass", "within_county": "pass", "no_overlap_other_park": "pass",
		"block_joint_confirmation": "needs_information", "block_county_approval": "needs_information",
		"redevelopment_site_area": "not_applicable", "custom_plot_exits": "not_applicable",
	} {
		if r := a.rule(t, id); r.Result != want {
			t.Errorf("%s: %s, want %s (%s)", id, r.Result, want, r.ReasonZh)
		}
	}
	for _, r := range a.Rules {
		if r.Clause == "" || r.QuoteZh == "" || r.ReasonZh == "" || r.ReasonEn == "" {
			t.Errorf("%s has no clause, quote or reason: %+v", r.ID, r)
		}
	}
	if r := a.rule(t, "block_site_area"); r.Value != 45.0 || r.Threshold != 30.0 || r.Clause != "专栏3" || r.ReasonZh != "整宗土地面积45亩，达到30亩以上" {
		t.Errorf("block_site_area: %+v", r)
	}
	if r := a.rule(t, "park_plot_ratio"); r.Value != 2.2 || r.Clause != "§四(一)2" {
		t.Errorf("park_plot_ratio: %+v", r)
	}
	if a.Verdict != "needs_information" || !slices.Contains(a.MissingFacts, "jointly_confirmed") || !slices.Contains(a.MissingFacts, "county_approved") {
		t.Errorf("verdict %s, missing %v", a.Verdict, a.MissingFacts)
	}

	// With the joint confirmation, the county's approval and the sale terms it is eligible …
	full := `"leading_industry":"塑包","leading_industry_share":0.75,"jointly_confirmed":true,"county_approved":true,` +
		`"land_premium_ratio":0.3,"sale_price_production":2550,"sale_price_other":2850,"max_unit_price_ratio":1.3,` +
		`"smallest_unit_m2":500,"rent_per_m2_month":22`
	a = check(t, base, `{"geometry":`+block45()+`,"proposal":{"type":"low_efficiency_block","plot_ratio":2.2,`+full+`}}`)
	if a.Verdict != "eligible" || len(a.MissingFacts) != 0 || !strings.Contains(a.SummaryZh, "符合准入条件") {
		t.Errorf("with every fact: %s %v %s", a.Verdict, a.MissingFacts, a.SummaryZh)
	}
	if a.Facts.NearestPark == nil || a.Facts.NearestPark.DistanceM <= 0 {
		t.Errorf("nearest 塑包 park: %+v", a.Facts.NearestPark)
	}
	// … and at plot ratio 1.9 it is not.
	a = check(t, base, `{"geometry":`+block45()+`,"proposal":{"type":"low_efficiency_block","plot_ratio":1.9,`+full+`}}`)
	if a.Verdict != "not_eligible" || a.rule(t, "park_plot_ratio").Result != "fail" {
		t.Errorf("at plot ratio 1.9: %s", a.Verdict)
	}
}

func TestEligibilityByParcelID(t *testing.T) {
	base := testenv.Server(t)
	a := check(t, base, `{"parcel_id":"RD-012","proposal":{"plot_ratio":2.2}}`)
	if a.Proposal["type"] != "low_efficiency_block" || a.Proposal["type_source"] != "parcel_kind" || a.Verdict != "not_eligible" ||
		a.rule(t, "block_site_area").Result != "fail" || a.rule(t, "block_site_area").Value != 29.9 {
		t.Errorf("RD-012 (29.9 亩): %s %v %+v", a.Verdict, a.Proposal, a.rule(t, "block_site_area"))
	}
	a = check(t, base, `{"parcel_id":"RD-018","proposal":{"type":"old_factory_redevelopment","plot_ratio":2.0}}`)
	if r := a.rule(t, "redevelopment_site_area"); r.Result != "pass" || r.Value != 80.0 {
		t.Errorf("RD-018 (80 亩): %+v", r)
	}
	a = check(t, base, `{"parcel_id":"RD-040"}`)
	if r := a.rule(t, "no_basic_farmland"); r.Result != "fail" || !strings.Contains(r.ReasonZh, "基本农田") {
		t.Errorf("RD-040 under illustrative farmland: %+v", r)
	}
}

func TestEligibilityBadInput(t *testing.T) {
	base := testenv.Server(t)
	sq := `{"type":"Polygon","coordinates":[[[120.5,27.64],[120.502,27.64],[120.502,27.642],[120.5,27.642],[120.5,27.64]]]}`
	ring := make([]string, 0, 10002)
	for i := 0; i <= 10001; i++ {
		a := 2 * math.Pi * float64(i%10001) / 10001
		ring = append(ring, fmt.Sprintf("[%.7f,%.7f]", 120.5+0.001*math.Cos(a), 27.64+0.001*math.Sin(a)))
	}
	many := `{"type":"Polygon","coordinates":[[` + strings.Join(ring, ",") + `]]}`
	huge := `{"parcel_id":"RD-001","pad":"` + strings.Repeat("x", web.MaxCheckBytes) + `"}`
	tests := []struct {
		name, body string
		status     int
		code       string
		field      string
		says       string
	}{
		{"invalid JSON", `{"parcel_id":`, 400, "invalid", "body", "JSON"},
		{"empty body", ``, 400, "invalid", "body", "empty"},
		{"not an object", `["RD-001"]`, 400, "invalid", "body", "object"},
		{"wrong geometry type", `{"geometry":{"type":"LineString","coordinates":[[120.5,27.64],[120.6,27.7]]},"proposal":{"type":"new_park"}}`, 400, "invalid", "geometry", "LineString"},
		{"unclosed ring", `{"geometry":{"type":"Polygon","coordinates":[[[120.5,27.64],[120.502,27.64],[120.502,27.642],[120.5,27.642]]]},"proposal":{"type":"new_park"}}`, 400, "invalid", "geometry", "not closed"},
		{"self-intersection", `{"geometry":{"type":"Polygon","coordinates":[[[120.5,27.64],[120.51,27.65],[120.51,27.64],[120.5,27.65],[120.5,27.64]]]},"proposal":{"type":"new_park"}}`, 400, "invalid", "geometry", "Self-intersection"},
		{"over 10,000 vertices", `{"geometry":` + many + `,"proposal":{"type":"new_park"}}`, 400, "invalid", "geometry", "10000"},
		{"latitude out of range", `{"geometry":{"type":"Polygon","coordinates":[[[27.64,120.5],[27.642,120.5],[27.642,120.502],[27.64,120.5]]]},"proposal":{"type":"new_park"}}`, 400, "invalid", "geometry", "out of range"},
		{"Gauss-Krüger out of range", `{"crs":"EPSG:4528","geometry":{"type":"Polygon","coordinates":[[[554666,3062218],[554766,3062218],[554766,3062318],[554666,3062218]]]},"proposal":{"type":"new_park"}}`, 400, "invalid", "geometry", "out of range"},
		{"body over 1 MB", huge, 413, "too_large", "body", "1 MB"},
		{"unknown parcel id", `{"parcel_id":"RD-999"}`, 404, "not_found", "parcel_id", "RD-999"},
		{"injection as parcel id", `{"parcel_id":"'; DROP TABLE parcels; --"}`, 404, "not_found", "parcel_id", "DROP TABLE"},
		{"unknown crs", `{"crs":"EPSG:3857","geometry":` + sq + `,"proposal":{"type":"new_park"}}`, 400, "invalid", "crs", "EPSG:3857"},
		{"unknown proposal type", `{"geometry":` + sq + `,"proposal":{"type":"shopping_mall"}}`, 400, "invalid", "proposal.type", "shopping_mall"},
		{"no proposal type for a drawn shape", `{"geometry":` + sq + `}`, 400, "invalid", "proposal.type", "required"},
		{"unknown fact", `{"parcel_id":"RD-001","proposal":{"plot_ration":2.2}}`, 400, "invalid", "proposal.plot_ration", "plot_ratio"},
		{"share as a percentage", `{"parcel_id":"RD-001","proposal":{"leading_industry_share":70}}`, 400, "invalid", "proposal.leading_industry_share", "0.7"},
		{"unknown field", `{"parcel":"RD-001"}`, 400, "invalid", "parcel", "parcel_id"},
		{"both parcel and geometry", `{"parcel_id":"RD-001","geometry":` + sq + `}`, 400, "invalid", "parcel_id", "not both"},
		{"neither", `{"proposal":{"type":"new_park"}}`, 400, "invalid", "parcel_id", "geometry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := post(t, base+"/api/eligibility", "application/json", []byte(tt.body))
			if status != tt.status || h.Get("Content-Type") != "application/json" {
				t.Fatalf("status %d (%s), want %d: %.300s", status, h.Get("Content-Type"), tt.status, body)
			}
			var e struct{ Code, Description, Field string }
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("body is not JSON: %s", body)
			}
			if e.Code != tt.code || e.Field != tt.field || !strings.Contains(e.Description, tt.field) || !strings.Contains(e.Description, tt.says) {
				t.Errorf("code %q field %q description %q; want %s naming %s and saying %q", e.Code, e.Field, e.Description, tt.code, tt.field, tt.says)
			}
			for _, leak := range []string{"ERROR:", "SQLSTATE", "pq:", "pgx", "internal error", "postgres"} {
				if bytes.Contains(body, []byte(leak)) {
					t.Errorf("body carries %q: %s", leak, body)
				}
			}
		})
	}
	if status, _, _ := get(t, base+"/api/eligibility"); status != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/eligibility: %d", status)
	}
}

func get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

func TestEligibilityRules(t *testing.T) {
	base := testenv.Server(t)
	var rs struct {
		Version string `json:"version"`
		Rules   []struct {
			ID, Clause string
		} `json:"rules"`
	}
	ogcGetOK(t, base+"/api/eligibility/rules", "application/json", &rs)
	if rs.Version != "2019-05-v1" || len(rs.Rules) < 15 {
		t.Errorf("rules %s: %d", rs.Version, len(rs.Rules))
	}
}
