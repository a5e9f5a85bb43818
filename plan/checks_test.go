package plan_test

import (
	"strings"
	"testing"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

// The bundled transcription must disagree with itself exactly where the plan does, and nowhere else.
func TestCheckPlanFindsExactlyTheKnownInconsistencies(t *testing.T) {
	seed, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	findings := plan.CheckAll(seed.Parks, seed.Tables, seed.Targets)
	failed := map[string]plan.Finding{}
	for _, f := range findings {
		if !f.OK {
			failed[f.ID] = f
		}
	}
	for id := range seed.Known {
		if _, ok := failed[id]; !ok {
			t.Errorf("known inconsistency %s is no longer found", id)
		}
	}
	for id, f := range failed {
		if _, ok := seed.Known[id]; !ok {
			t.Errorf("unexpected disagreement %s: %s", id, f.Message)
		}
	}
	// DOMAIN.md lists four inconsistencies (one with two parks); each must be among them.
	for _, id := range []string{"附件3/building_wan_m2/total", "text/tengjiao-nanxi/enterprise_land_mu", "targets/parks_total",
		"phases/xiaojiang-qinggong/area_mu", "phases/wanyang/area_mu", "text/wanquan-jiankang/name"} {
		if _, ok := failed[id]; !ok {
			t.Errorf("%s not reported", id)
		}
	}
	// Both figures are kept in the finding, never one picked.
	f := failed["附件3/building_wan_m2/total"]
	if len(f.Figures) != 2 || f.Figures[0] != "67.69" || f.Figures[1] != "70.29" {
		t.Errorf("附件3 total figures = %v, want [67.69 70.29]", f.Figures)
	}
}

// A transcription error — one cell off — must show up as a failed total.
func TestCheckPlanCatchesATranscriptionError(t *testing.T) {
	seed, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	for ti, tb := range seed.Tables {
		if tb.ID != "附件7" {
			continue
		}
		cells := map[string]string{}
		for k, v := range tb.Rows[1].Cells {
			cells[k] = v
		}
		cells["supply_2018"] = "36" // 紫来: printed 63
		seed.Tables[ti].Rows[1].Cells = cells
	}
	var got []string
	for _, f := range plan.CheckPlan(seed.Parks, seed.Tables) {
		if !f.OK && strings.HasPrefix(f.ID, "附件7/") {
			got = append(got, f.ID)
		}
	}
	want := map[string]bool{"附件7/supply_2018/total": true, "附件7/zilai/supply_vs_area": true}
	for _, id := range got {
		delete(want, id)
	}
	if len(want) > 0 {
		t.Errorf("missing findings %v (got %v)", want, got)
	}
}

func TestCheckPlanTotalsWithNoFigure(t *testing.T) {
	tb := plan.PlanTable{ID: "T", Columns: []plan.PlanColumn{{Key: "a", Label: "A", Sum: true}},
		Rows:  []plan.PlanRow{{Label: "r1", Cells: map[string]string{"a": "—"}}, {Label: "r2", Cells: map[string]string{"a": "—"}}},
		Total: map[string]string{"a": "—"}}
	fs := plan.CheckPlan(nil, []plan.PlanTable{tb})
	if len(fs) != 1 || !fs[0].OK {
		t.Fatalf("a column of dashes with a dash total should agree: %+v", fs)
	}
	tb.Rows[0].Cells = map[string]string{"a": "5"}
	fs = plan.CheckPlan(nil, []plan.PlanTable{tb})
	if len(fs) != 1 || fs[0].OK {
		t.Fatalf("a figure under a dash total should be flagged: %+v", fs)
	}
}
