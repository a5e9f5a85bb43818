package catalog

import (
	"strings"
	"testing"
)

// Every list or object a feature carries has scalar siblings that exist (issue 13: QGIS and a
// Shapefile keep every figure), so a list added without them fails here rather than in a county's QGIS.
func TestEveryListHasFlatSiblings(t *testing.T) {
	for _, c := range DefaultCollections() {
		for _, p := range c.PublishedProperties() {
			if p.Type != "array" {
				if len(p.Flat) > 0 {
					t.Errorf("%s.%s is a scalar with flat siblings %v", c.ID, p.Name, p.Flat)
				}
				continue
			}
			if len(p.Flat) == 0 {
				t.Errorf("%s.%s is a list without flat siblings", c.ID, p.Name)
			}
			for _, name := range p.Flat {
				f, ok := c.Property(name)
				if !ok || f.Type == "array" {
					t.Errorf("%s.%s: flat sibling %q is not a scalar property of the view", c.ID, p.Name, name)
				}
			}
		}
	}
}

// Shapefile names given by hand fit dBase's 10 bytes and are unique among every name of the
// collection that could appear beside them.
func TestShortNames(t *testing.T) {
	for _, c := range DefaultCollections() {
		seen := map[string]string{}
		for _, p := range c.Properties {
			if p.Short == "" {
				continue
			}
			if len(p.Short) > 10 {
				t.Errorf("%s.%s: short name %q is longer than 10 bytes", c.ID, p.Name, p.Short)
			}
			k := strings.ToLower(p.Short)
			if other, dup := seen[k]; dup {
				t.Errorf("%s: %s and %s share the short name %q", c.ID, other, p.Name, p.Short)
			}
			seen[k] = p.Name
		}
		for _, p := range c.Properties {
			if other, clash := seen[strings.ToLower(p.Name)]; clash && len(p.Name) <= 10 && other != p.Name {
				t.Errorf("%s: the short name of %s is the name of %s", c.ID, other, p.Name)
			}
		}
	}
}

func TestYearlyPlanColumn(t *testing.T) {
	for _, tc := range []struct {
		measure string
		year    int
		want    string
	}{
		{"supply", 2019, "supply_2019_mu"}, {"start", 2018, "start_2018_mu"},
		{"completion", 2022, "completion_2022_wan_m2"}, {"output", 2020, "output_2020_yi_yuan"},
		{"supply", 2022, ""}, {"output", 2017, ""}, {"rent", 2019, ""},
	} {
		got, ok := YearlyPlanColumn(tc.measure, tc.year)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("YearlyPlanColumn(%s, %d) = %q, %v; want %q", tc.measure, tc.year, got, ok, tc.want)
		}
	}
}
