package postgis_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
)

// A park's flat attributes (issue 13) say what its lists and derived objects say, figure for figure:
// every yearly figure is in the one column of its measure and year and no column holds a figure the
// list lacks; the phases and inconsistencies are counted and each one is in the text; every list of
// names is its text joined with 、. The lists come from the store's own derived SQL, the flat columns
// from the view, so the two are independent.
func TestParkFlatAttributesCarryEveryFigure(t *testing.T) {
	store, _ := featureDB(t)
	cat := catalog.Default()
	for _, id := range []string{"parks", "zones"} {
		c, _ := cat.Collection(id)
		raw, _, err := featureItems(context.Background(), store, c, nil, nil, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range decodeFeatures(t, raw) {
			p := f.Properties
			for _, prop := range c.Properties {
				if prop.Type != "array" || len(prop.Flat) != 1 {
					continue
				}
				var names []string
				for _, v := range p[prop.Name].([]any) {
					names = append(names, v.(string))
				}
				if got, want := p[prop.Flat[0]], strings.Join(names, "、"); got != want {
					t.Errorf("%s %s: %s = %q, %s joined is %q", id, f.ID, prop.Flat[0], got, prop.Name, want)
				}
			}
			if id == "parks" {
				checkYearlyPlanFlat(t, f)
				checkPhasesFlat(t, f)
				checkInconsistenciesFlat(t, f)
			}
		}
	}
}

func checkYearlyPlanFlat(t *testing.T, f storedFeature) {
	t.Helper()
	p := f.Properties
	given := 0
	for _, e := range p["yearly_plan"].([]any) {
		e := e.(map[string]any)
		measure, year := e["measure"].(string), int(e["year"].(float64))
		col, ok := catalog.YearlyPlanColumn(measure, year)
		if !ok {
			t.Errorf("park %s: %s %d of %s has no flat column", f.ID, measure, year, e["source_table"])
			continue
		}
		if p[col] != e["value"] {
			t.Errorf("park %s: %s = %v, the yearly plan says %v (%v)", f.ID, col, p[col], e["value"], e["raw"])
		}
		if p["yearly_plan_source"] != e["source_table"] {
			t.Errorf("park %s: yearly_plan_source %v, the figure is from %v", f.ID, p["yearly_plan_source"], e["source_table"])
		}
		if e["value"] != nil {
			given++
		}
	}
	held := 0
	for _, name := range mustProperty(t, "parks", "yearly_plan").Flat {
		if name != "yearly_plan_source" && p[name] != nil {
			held++
		}
	}
	if held != given || given == 0 {
		t.Errorf("park %s: the flat columns hold %d figures, the yearly plan gives %d", f.ID, held, given)
	}
}

func checkPhasesFlat(t *testing.T, f storedFeature) {
	t.Helper()
	p := f.Properties
	phases := p["phases"].([]any)
	if n, _ := p["phase_count"].(float64); int(n) != len(phases) {
		t.Errorf("park %s: phase_count %v, %d phases", f.ID, p["phase_count"], len(phases))
	}
	if len(phases) == 0 {
		if p["phases_text"] != nil || p["phases_clause"] != nil {
			t.Errorf("park %s without phases: phases_text %v, phases_clause %v", f.ID, p["phases_text"], p["phases_clause"])
		}
		return
	}
	text, _ := p["phases_text"].(string)
	for _, ph := range phases {
		ph := ph.(map[string]any)
		parts := []string{ph["phase"].(string) + "："}
		if a, ok := ph["area_mu"].(float64); ok {
			parts = append(parts, approx(ph["area_approx"])+strconv.FormatFloat(a, 'f', -1, 64)+"亩")
		}
		if b, ok := ph["building_wan_m2"].(float64); ok {
			parts = append(parts, approx(ph["building_approx"])+strconv.FormatFloat(b, 'f', -1, 64)+"万㎡")
		}
		parts = append(parts, ph["note"].(string))
		for _, s := range parts {
			if !strings.Contains(text, s) {
				t.Errorf("park %s: phases_text %q lacks %q", f.ID, text, s)
			}
		}
		if !strings.Contains(fmt.Sprint(p["phases_clause"]), ph["clause"].(string)) {
			t.Errorf("park %s: phases_clause %v lacks %v", f.ID, p["phases_clause"], ph["clause"])
		}
	}
}

func approx(v any) string {
	if v == true {
		return "约"
	}
	return ""
}

func checkInconsistenciesFlat(t *testing.T, f storedFeature) {
	t.Helper()
	p := f.Properties
	list := p["inconsistencies"].([]any)
	if n, _ := p["inconsistency_count"].(float64); int(n) != len(list) {
		t.Errorf("park %s: inconsistency_count %v, %d inconsistencies", f.ID, p["inconsistency_count"], len(list))
	}
	text, _ := p["inconsistencies_text"].(string)
	for _, e := range list {
		note, _ := e.(map[string]any)["note_zh"].(string)
		if note == "" || !strings.Contains(text, note) {
			t.Errorf("park %s: inconsistencies_text %q lacks %q", f.ID, text, note)
		}
	}
	if len(list) == 0 && p["inconsistencies_text"] != nil {
		t.Errorf("park %s: inconsistencies_text %v without inconsistencies", f.ID, p["inconsistencies_text"])
	}
}

func mustProperty(t *testing.T, collection, name string) catalog.Property {
	t.Helper()
	c, _ := catalog.Default().Collection(collection)
	p, ok := c.Published(name)
	if !ok {
		t.Fatalf("%s has no property %s", collection, name)
	}
	return p
}
