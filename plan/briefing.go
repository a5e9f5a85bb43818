package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Briefing is the leadership briefing's story: steps that staff edit in data/briefing/steps.json.
type Briefing struct {
	Version string         `json:"version"`
	Steps   []BriefingStep `json:"steps"`
}

// BriefingStep is one step: where the map goes, what it shows, which panel and year.
type BriefingStep struct {
	ID      string          `json:"id"`
	TitleZh string          `json:"title_zh"`
	TitleEn string          `json:"title_en"`
	View    json.RawMessage `json:"view"` // "county", "zone:<id>" or [lon, lat, zoom]
	Panel   string          `json:"panel"`
	Zone    string          `json:"zone,omitempty"`
	Year    int             `json:"year"`
	Layers  []string        `json:"layers"`
	TextZh  string          `json:"text_zh"`
	TextEn  string          `json:"text_en"`
}

// BriefingPanels are the panels the page knows how to draw.
var BriefingPanels = []string{"overview", "zone", "supply", "redevelopment", "targets"}

// ParseBriefing reads and checks a briefing against the zones and map layers (collection ids) that
// exist, so that a typo in the file is found when the service starts, with the step and field named,
// not in front of the leadership.
func ParseBriefing(b []byte, zones, layers []string) (*Briefing, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var br struct {
		Briefing
		Note string `json:"note"`
	}
	if err := dec.Decode(&br); err != nil {
		return nil, fmt.Errorf("briefing: %w", err)
	}
	if len(br.Steps) == 0 {
		return nil, fmt.Errorf("briefing: no steps")
	}
	seen := map[string]bool{}
	for i, s := range br.Steps {
		where := fmt.Sprintf("briefing step %d (%s)", i+1, s.ID)
		switch {
		case s.ID == "" || seen[s.ID]:
			return nil, fmt.Errorf("%s: id must be present and unique", where)
		case s.TitleZh == "" || s.TitleEn == "":
			return nil, fmt.Errorf("%s: title_zh and title_en are required", where)
		case !contains(BriefingPanels, s.Panel):
			return nil, fmt.Errorf("%s: panel %q is not one of %v", where, s.Panel, BriefingPanels)
		case s.Panel == "zone" && !contains(zones, s.Zone):
			return nil, fmt.Errorf("%s: zone %q is not one of %v", where, s.Zone, zones)
		case s.Year < FirstPlanYear || s.Year > LastPlanYear:
			return nil, fmt.Errorf("%s: year %d is outside %d–%d", where, s.Year, FirstPlanYear, LastPlanYear)
		}
		seen[s.ID] = true
		for _, l := range s.Layers {
			if !contains(layers, l) {
				return nil, fmt.Errorf("%s: unknown layer %q", where, l)
			}
		}
		if err := checkView(s.View, zones); err != nil {
			return nil, fmt.Errorf("%s: view: %w", where, err)
		}
	}
	return &br.Briefing, nil
}

func checkView(v json.RawMessage, zones []string) error {
	var name string
	if json.Unmarshal(v, &name) == nil {
		if name == "county" {
			return nil
		}
		if z, ok := strings.CutPrefix(name, "zone:"); ok && contains(zones, z) {
			return nil
		}
		return fmt.Errorf("%q is not county, or zone: and one of %v", name, zones)
	}
	var c []float64
	if err := json.Unmarshal(v, &c); err != nil || len(c) != 3 {
		return fmt.Errorf("want \"county\", \"zone:<id>\" or [lon, lat, zoom]")
	}
	if c[0] < 119.5 || c[0] > 121.5 || c[1] < 27 || c[1] > 28.2 || c[2] < 0 || c[2] > 20 {
		return fmt.Errorf("[%g, %g, %g] is not a view of Pingyang (lon 119.5–121.5, lat 27–28.2, zoom 0–20)", c[0], c[1], c[2])
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
