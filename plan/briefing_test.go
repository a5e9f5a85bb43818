package plan_test

import (
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

var zoneIDs = []string{"coastal", "culture", "equipment"}

func TestBundledBriefingIsValid(t *testing.T) {
	b, err := plan.ParseBriefing(data.BriefingSteps(), zoneIDs, catalog.Default().IDs())
	if err != nil {
		t.Fatal(err)
	}
	// The story: the county, each zone, land supply, redevelopment, the targets.
	var ids []string
	for _, s := range b.Steps {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, ","); got != "overview,zone-coastal,zone-culture,zone-equipment,supply,redevelopment,targets" {
		t.Errorf("steps %s", got)
	}
}

func TestBriefingTyposAreCaught(t *testing.T) {
	step := func(fields string) string {
		return `{"version":"t","steps":[{"id":"a","title_zh":"甲","title_en":"A","view":"county","panel":"overview","year":2019,"layers":["parks"],"text_zh":"","text_en":""` + fields + `}]}`
	}
	for name, c := range map[string]struct{ json, want string }{
		"unknown panel": {strings.Replace(step(""), `"overview"`, `"overveiw"`, 1), "panel"},
		"unknown zone":  {strings.Replace(step(`,"zone":"coast"`), `"overview"`, `"zone"`, 1), "zone"},
		"year":          {strings.Replace(step(""), "2019", "2023", 1), "year"},
		"layer":         {strings.Replace(step(""), `["parks"]`, `["park"]`, 1), "layer"},
		"view":          {strings.Replace(step(""), `"county"`, `"zone:nowhere"`, 1), "view"},
		"view far away": {strings.Replace(step(""), `"county"`, `[0, 0, 5]`, 1), "view"},
		"unknown field": {step(`,"colour":"red"`), "colour"},
		"duplicate id":  {strings.Replace(step(""), `}]}`, `},{"id":"a","title_zh":"乙","title_en":"B","view":"county","panel":"targets","year":2022,"layers":[],"text_zh":"","text_en":""}]}`, 1), "unique"},
		"missing title": {strings.Replace(step(""), `"title_en":"A"`, `"title_en":""`, 1), "title"},
		"no steps":      {`{"version":"t","steps":[]}`, "no steps"},
		"not even JSON": {`{"version":`, "briefing"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := plan.ParseBriefing([]byte(c.json), zoneIDs, catalog.Default().IDs())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want one mentioning %q", err, c.want)
			}
		})
	}
}
