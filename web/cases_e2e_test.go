package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/plan"
)

// chinaYear is the calendar year in China Standard Time, which numbers the cases.
func chinaYear() int { return plan.CurrentYear(time.Now()) }

type caseJSON struct {
	ID           int64           `json:"id"`
	Number       string          `json:"number"`
	Request      json.RawMessage `json:"request"`
	CRS          string          `json:"crs"`
	Geometry     json.RawMessage `json:"geometry"`
	Answer       json.RawMessage `json:"answer"`
	RulesVersion string          `json:"rules_version"`
	Verdict      string          `json:"verdict"`
	ParcelID     *string         `json:"parcel_id"`
	Note         string          `json:"note"`
	CreatedBy    string          `json:"created_by"`
	CreatedName  string          `json:"created_by_name"`
	Today        *struct {
		Verdict      string `json:"verdict"`
		RulesVersion string `json:"rules_version"`
	} `json:"today"`
}

func decodeCase(t *testing.T, r reply) caseJSON {
	t.Helper()
	var c caseJSON
	if err := json.Unmarshal(r.body, &c); err != nil {
		t.Fatalf("%v: %v", r, err)
	}
	return c
}

func (c *client) caseList(query string) []caseJSON {
	c.t.Helper()
	r := c.do("GET", "/api/eligibility/cases"+query, nil)
	var body struct {
		Cases []caseJSON `json:"cases"`
	}
	if r.status != http.StatusOK || json.Unmarshal(r.body, &body) != nil {
		c.t.Fatalf("cases%s: %v", query, r)
	}
	return body.Cases
}

func caseNumber(seq int) string { return fmt.Sprintf("平阳准入〔%d〕%04d号", chinaYear(), seq) }

// verdictOf is the verdict of a check's answer.
func verdictOf(t *testing.T, answer []byte) (verdict, inside string) {
	t.Helper()
	var a struct {
		Verdict string `json:"verdict"`
		Facts   struct {
			InsideCounty string `json:"inside_county"`
		} `json:"facts"`
	}
	if err := json.Unmarshal(answer, &a); err != nil {
		t.Fatalf("%s: %v", answer, err)
	}
	return a.Verdict, a.Facts.InsideCounty
}

// outside is a parcel drawn in Ningbo, far outside Pingyang County.
const outside = `{"type":"Polygon","coordinates":[[[121.5,29.8],[121.502,29.8],[121.502,29.8018],[121.5,29.8018],[121.5,29.8]]]}`

func TestEligibilityCasesAPI(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, roleUsers...)
	base := testenv.ServeDatabase(t, db, app.Config{})
	land := loggedIn(t, base, roleUser(accounts.Land))
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	anon := newClient(t, base)
	save := `{"parcel_id":"RD-018","proposal":{"plot_ratio":2.2},"note":"现场踏勘后复核"}`

	// Who may: nobody logged in is 401 (saving and reading), a viewer or planner may not save.
	for _, c := range []struct {
		who    string
		c      *client
		method string
		path   string
		want   int
	}{
		{"anonymous", anon, "POST", "/api/eligibility/cases", http.StatusUnauthorized},
		{"viewer", viewer, "POST", "/api/eligibility/cases", http.StatusForbidden},
		{"planner", planner, "POST", "/api/eligibility/cases", http.StatusForbidden},
		{"anonymous", anon, "GET", "/api/eligibility/cases", http.StatusUnauthorized},
		{"anonymous", anon, "GET", "/api/eligibility/cases/" + url.PathEscape(caseNumber(1)), http.StatusUnauthorized},
	} {
		var body any
		if c.method == "POST" {
			body = save
		}
		if r := c.c.do(c.method, c.path, body); r.status != c.want {
			t.Errorf("%s %s as %s: %v; want %d", c.method, c.path, c.who, r, c.want)
		}
	}

	// Bad input: a 400 naming the field, and nothing saved (the next good save is still 0001).
	for _, c := range []struct{ name, body, field string }{
		{"an answer from the client", `{"parcel_id":"RD-018","verdict":"eligible"}`, "verdict"},
		{"an unknown field", `{"parcel_id":"RD-018","answer":{}}`, "answer"},
		{"a note too long", `{"parcel_id":"RD-018","note":"` + strings.Repeat("长", 2001) + `"}`, "note"},
		{"a note not text", `{"parcel_id":"RD-018","note":7}`, "note"},
		{"no parcel", `{"note":"x"}`, "parcel_id"},
		{"a bow tie", `{"geometry":{"type":"Polygon","coordinates":[[[120.5,27.64],[120.502,27.6418],[120.502,27.64],[120.5,27.6418],[120.5,27.64]]]},"proposal":{"type":"new_park"}}`, "geometry"},
		{"a drawn shape without a type", `{"geometry":` + block + `}`, "proposal.type"},
		{"a bad crs", `{"geometry":` + block + `,"crs":"EPSG:3857","proposal":{"type":"new_park"}}`, "crs"},
		{"not JSON", `{"parcel_id":`, "body"},
		{"not an object", `[1]`, "body"},
	} {
		r := land.do("POST", "/api/eligibility/cases", c.body)
		var e errJSON
		_ = json.Unmarshal(r.body, &e)
		if r.status != http.StatusBadRequest || e.Field != c.field {
			t.Errorf("%s: %v; want 400 naming %s", c.name, r, c.field)
		}
	}
	if r := land.do("POST", "/api/eligibility/cases", `{"parcel_id":"NO-SUCH"}`); r.status != http.StatusNotFound || !bytes.Contains(r.body, []byte(`"parcel_id"`)) {
		t.Errorf("an unknown parcel: %v; want the check's 404 naming parcel_id", r)
	}
	if r := land.do("POST", "/api/eligibility/cases", save, "Content-Type", "text/plain"); r.status != http.StatusBadRequest {
		t.Errorf("text/plain: %v", r)
	}

	// A save: 201, Location, the number, and the answer the check itself gives.
	r := land.do("POST", "/api/eligibility/cases", save)
	first := decodeCase(t, r)
	if r.status != http.StatusCreated || first.Number != caseNumber(1) || first.Note != "现场踏勘后复核" || first.CreatedBy != roleUser(accounts.Land).Username {
		t.Fatalf("save: %v", r)
	}
	if loc := r.header.Get("Location"); loc != base+"/api/eligibility/cases/"+url.PathEscape(first.Number) {
		t.Errorf("Location %q", loc)
	}
	check := anon.do("POST", "/api/eligibility", `{"parcel_id":"RD-018","proposal":{"plot_ratio":2.2}}`)
	wantVerdict, _ := verdictOf(t, check.body)
	if v, _ := verdictOf(t, first.Answer); v != wantVerdict || first.Verdict != wantVerdict || first.ParcelID == nil || *first.ParcelID != "RD-018" {
		t.Errorf("saved verdict %s/%s, the check says %s", first.Verdict, v, wantVerdict)
	}
	if bytes.Contains(first.Request, []byte("note")) || !bytes.Contains(first.Request, []byte("RD-018")) {
		t.Errorf("request as saved: %s", first.Request)
	}

	// A parcel outside the county is saved with the check's own answer.
	r = land.do("POST", "/api/eligibility/cases", `{"geometry":`+outside+`,"crs":"EPSG:4326","proposal":{"type":"new_park","plot_ratio":2.2}}`)
	out := decodeCase(t, r)
	verdict, inside := verdictOf(t, out.Answer)
	if r.status != http.StatusCreated || out.Number != caseNumber(2) || inside != "outside" || verdict != "not_eligible" || out.Verdict != verdict {
		t.Fatalf("outside the county: %v", r)
	}
	if !bytes.Contains(out.Geometry, []byte("MultiPolygon")) || out.CRS != "EPSG:4326" {
		t.Errorf("outside's geometry %s crs %s", out.Geometry, out.CRS)
	}
	// A drawn shape in CGCS2000 / 3-degree GK CM 120E keeps its request as sent and its shape in 4326.
	r = land.do("POST", "/api/eligibility/cases", `{"geometry":{"type":"Polygon","coordinates":[[[549500,3058000],[549700,3058000],[549700,3058200],[549500,3058200],[549500,3058000]]]},"crs":"EPSG:4549","proposal":{"type":"new_park"}}`)
	gk := decodeCase(t, r)
	if r.status != http.StatusCreated || gk.CRS != "EPSG:4549" || !bytes.Contains(gk.Request, []byte("549500")) || !bytes.Contains(gk.Geometry, []byte("120.")) {
		t.Errorf("a projected shape: %v", r)
	}

	// Reopened, by any logged-in user: the case as saved, no "today" under the same rules.
	r = viewer.do("GET", "/api/eligibility/cases/"+url.PathEscape(first.Number), nil)
	again := decodeCase(t, r)
	if r.status != http.StatusOK || again.Number != first.Number || again.Today != nil || !jsonEqual(t, again.Answer, first.Answer) {
		t.Errorf("reopen: %v", r)
	}
	if r := viewer.do("GET", "/api/eligibility/cases/"+url.PathEscape(caseNumber(99)), nil); r.status != http.StatusNotFound {
		t.Errorf("no such case: %v", r)
	}

	// Search: newest first, by number, parcel, verdict and date.
	if all := viewer.caseList(""); len(all) != 3 || all[0].Number != caseNumber(3) || all[2].Number != caseNumber(1) || all[0].Answer != nil {
		t.Errorf("list: %+v", all)
	}
	today := time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
	for q, want := range map[string][]string{
		"?number=0002": {caseNumber(2)},
		"?number=" + url.QueryEscape("〔2019〕"): {},
		"?parcel=RD-018":                      {caseNumber(1)},
		"?verdict=not_eligible&parcel=RD-018": {},
		"?since=" + today + "&until=" + today: {caseNumber(3), caseNumber(2), caseNumber(1)},
		"?until=2020-01-01":                   {},
		"?limit=1":                            {caseNumber(3)},
		"?before=" + fmt.Sprint(out.ID):       {caseNumber(1)},
	} {
		got := []string{}
		for _, c := range viewer.caseList(q) {
			got = append(got, c.Number)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("cases%s: %v; want %v", q, got, want)
		}
	}
	if got := viewer.caseList("?verdict=" + out.Verdict); len(got) == 0 || got[0].Number != caseNumber(3) && got[0].Number != caseNumber(2) {
		t.Errorf("by verdict %s: %+v", out.Verdict, got)
	}
	for q, field := range map[string]string{"?verdict=maybe": "verdict", "?limit=0": "limit", "?limit=201": "limit",
		"?since=yesterday": "since", "?before=-1": "before", "?since=2026-12-02&until=2026-11-01": "until"} {
		r := viewer.do("GET", "/api/eligibility/cases"+q, nil)
		var e errJSON
		_ = json.Unmarshal(r.body, &e)
		if r.status != http.StatusBadRequest || e.Field != field {
			t.Errorf("cases%s: %v; want 400 naming %s", q, r, field)
		}
	}
	if r := viewer.do("GET", "/api/eligibility/cases?colour=red", nil); r.status != http.StatusBadRequest {
		t.Errorf("an unknown parameter: %v", r)
	}

	// The audit log has one row per case, keyed by its number.
	admin := loggedIn(t, base, roleUser(accounts.Admin))
	if r := admin.do("GET", "/api/audit?action=eligibility.case&key="+url.QueryEscape(first.Number), nil); r.status != http.StatusOK || !bytes.Contains(r.body, []byte(`"table":"eligibility_cases"`)) {
		t.Errorf("audit of %s: %v", first.Number, r)
	}

	// Under other rules (a new version), reopening shows the answer as saved and today's beside it.
	rules := strings.Replace(string(data.EligibilityRules()), `"version": "2019-05-v1"`, `"version": "2026-12-v2"`, 1)
	path := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	later := testenv.ServeDatabase(t, db, app.Config{RulesFile: path})
	r = loggedIn(t, later, roleUser(accounts.Viewer)).do("GET", "/api/eligibility/cases/"+url.PathEscape(first.Number), nil)
	reopened := decodeCase(t, r)
	if r.status != http.StatusOK || reopened.RulesVersion != "2019-05-v1" || reopened.Today == nil ||
		reopened.Today.RulesVersion != "2026-12-v2" || reopened.Today.Verdict == "" || !jsonEqual(t, reopened.Answer, first.Answer) {
		t.Errorf("reopened under new rules: %v", r)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}
