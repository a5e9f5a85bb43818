package web_test

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
)

type progressBody struct {
	Year    int `json:"year"`
	Targets []struct {
		ID          string   `json:"id"`
		Baseline    *float64 `json:"baseline"`
		Target      float64  `json:"target"`
		Planned     *float64 `json:"planned"`
		Actual      *float64 `json:"actual"`
		ActualNote  string   `json:"actual_note"`
		PlannedNote string   `json:"planned_note"`
		Clause      string   `json:"clause"`
	} `json:"targets"`
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return resp.StatusCode
}

func TestProgressAPI(t *testing.T) {
	base := testenv.Server(t)
	// Worked out by hand from the plan's printed column totals.
	want := map[int]map[string]float64{
		2019: {"land_supply_mu": 47 + 127.9 + 94.5 + 224, "new_floor_area": 136.7 + 57.1 + 22.3, "parks_total": 13, "new_parks": 3, "output": 51},
		2022: {"land_supply_mu": 47 + 127.9 + 94.5 + 224 + 460 + 594.5, "new_floor_area": 136.7 + 57.1 + 21 + 22.3 + 58.9 + 74.6 + 100.1,
			"parks_total": 21, "new_parks": 11, "output": 90},
	}
	for year, figures := range want {
		var body progressBody
		if code := getJSON(t, base+"/api/progress?year="+strconv.Itoa(year), &body); code != 200 {
			t.Fatalf("year %d: status %d", year, code)
		}
		if body.Year != year || len(body.Targets) != 27 {
			t.Fatalf("year %d: got year %d with %d targets", year, body.Year, len(body.Targets))
		}
		for _, tg := range body.Targets {
			if tg.Actual != nil || !strings.Contains(tg.ActualNote, "no data") {
				t.Errorf("%s: actual %v (%q): parkmap has no figures of execution", tg.ID, tg.Actual, tg.ActualNote)
			}
			if tg.Clause == "" {
				t.Errorf("%s has no clause", tg.ID)
			}
			w, ok := figures[tg.ID]
			switch {
			case ok && (tg.Planned == nil || math.Abs(*tg.Planned-w) > 1e-6):
				t.Errorf("%d %s: planned %v, want %v", year, tg.ID, tg.Planned, w)
			case tg.ID == "tax_per_mu" && tg.Planned != nil:
				t.Errorf("%d tax_per_mu: planned %v, the plan gives no path", year, *tg.Planned)
			}
		}
	}
}

func TestYearlyPlanAPI(t *testing.T) {
	base := testenv.Server(t)
	var body struct {
		Group  string `json:"group"`
		Series []struct {
			Key        string     `json:"key"`
			Measure    string     `json:"measure"`
			Years      []int      `json:"years"`
			Planned    []*float64 `json:"planned"`
			Cumulative []*float64 `json:"cumulative"`
		} `json:"series"`
	}
	if code := getJSON(t, base+"/api/plan/yearly?group=zone", &body); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(body.Series) != 3*4 {
		t.Fatalf("%d series, want 3 zones × 4 measures", len(body.Series))
	}
	var supply2021 float64
	for _, s := range body.Series {
		if s.Measure == "supply" {
			supply2021 += *s.Cumulative[3]
		}
	}
	if math.Abs(supply2021-1547.9) > 1e-6 {
		t.Errorf("cumulative supply by 2021 over the zones = %v, want 1547.9 (附件6 + 附件7 totals)", supply2021)
	}
}

func TestProgressBadInput(t *testing.T) {
	base := testenv.Server(t)
	for _, c := range []struct{ path, field string }{
		{"/api/progress?year=2017", "year"},
		{"/api/progress?year=2099", "year"},
		{"/api/progress?year=abc", "year"},
		{"/api/progress?year=2019&year=2020", "year"},
		{"/api/progress?colour=red", "colour"},
		{"/api/plan/yearly?group=town", "group"},
		{"/api/plan/yearly?group=", "group"},
	} {
		var body struct {
			Code        string `json:"code"`
			Description string `json:"description"`
			Field       string `json:"field"`
		}
		if code := getJSON(t, base+c.path, &body); code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", c.path, code)
		}
		if body.Code != "invalid" || body.Field != c.field || !strings.Contains(body.Description, c.field) {
			t.Errorf("%s: %+v, want an invalid error naming %s", c.path, body, c.field)
		}
	}
}

func TestBriefingAPI(t *testing.T) {
	base := testenv.Server(t)
	var body struct {
		Version string `json:"version"`
		Steps   []struct {
			ID    string          `json:"id"`
			View  json.RawMessage `json:"view"`
			Panel string          `json:"panel"`
		} `json:"steps"`
	}
	if code := getJSON(t, base+"/api/briefing", &body); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(body.Steps) != 7 || body.Steps[0].ID != "overview" || body.Steps[6].Panel != "targets" {
		t.Errorf("steps %+v", body.Steps)
	}
	var bad struct{ Code, Field string }
	if code := getJSON(t, base+"/api/briefing?step=2", &bad); code != 400 || bad.Field != "step" {
		t.Errorf("unknown parameter: status %d %+v", code, bad)
	}
}
