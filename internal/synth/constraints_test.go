package synth

import (
	"testing"

	"github.com/pingyang/parkmap/plan"
)

// The committed constraints layer: one area of each kind, the farmland over part of a low-efficiency
// block of at least 30 亩 (so that only conformity fails it), every one labelled illustrative. How much
// of its redevelopment area each covers is TestEligibilityOverlapsInMu's (internal/postgis).
func TestCommittedConstraints(t *testing.T) {
	files := committed(t)
	fc := readFC(t, files[ConstraintsFile])
	areas := readFC(t, files[RedevelopmentFile])
	if len(fc.Features) != len(plan.ConstraintKinds) {
		t.Fatalf("%d constraints, want one of each of %v", len(fc.Features), plan.ConstraintKinds)
	}
	for i, f := range fc.Features {
		if k := f.Properties.MustString("kind"); k != plan.ConstraintKinds[i] {
			t.Errorf("feature %d kind %s", i, k)
		}
		if f.Properties.MustString("provenance") != plan.ProvenanceIllustr {
			t.Errorf("%s is not labelled illustrative", f.Properties.MustString("id"))
		}
		if f.Properties.MustString("kind") != plan.ConstraintFarmland {
			continue
		}
		cb := f.Geometry.Bound()
		found := false
		for _, a := range areas.Features {
			if a.Geometry.Bound().Intersects(cb) {
				found = true
				if a.Properties.MustString("kind") != LowEfficiencyBlock || a.Properties.MustFloat64("site_area_mu") < BlockThresholdMu {
					t.Errorf("farmland covers %v, want a low-efficiency block of at least 30 亩", a.Properties)
				}
			}
		}
		if !found {
			t.Error("the farmland block covers no redevelopment area")
		}
	}
}
