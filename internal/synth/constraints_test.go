package synth

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/plan"
)

// The committed constraints layer: one area of each kind, each partly covering one redevelopment area
// (the farmland a low-efficiency block of at least 30 亩, so that only conformity fails it), none near a
// park, every one labelled illustrative.
func TestCommittedConstraints(t *testing.T) {
	files := committed(t)
	rep, err := Check(loadSeed(t), files)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Constraints != 3 || len(rep.ConstraintOverlapMu) != 3 {
		t.Fatalf("constraints %d, overlaps %v", rep.Constraints, rep.ConstraintOverlapMu)
	}
	for id, mu := range rep.ConstraintOverlapMu {
		if mu < 1 {
			t.Errorf("%s covers only %.3f 亩 of its redevelopment area", id, mu)
		}
	}
	fc := readFC(t, files[ConstraintsFile])
	areas := readFC(t, files[RedevelopmentFile])
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

// Check refuses a constraint moved onto a park, and one that is not labelled illustrative.
func TestCheckRefusesBadConstraints(t *testing.T) {
	files := committed(t)
	seed := loadSeed(t)
	for name, edit := range map[string]func([]byte) []byte{
		"real provenance": func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"provenance":"illustrative"`), []byte(`"provenance":"real"`), 1)
		},
		"on a park": func(b []byte) []byte {
			// CN-001 moved onto 万洋众创城 (120.6205–120.6272 E, 27.5927–27.6006 N).
			lines := strings.Split(string(b), "\n")
			lines[1] = lines[1][:strings.Index(lines[1], `"geometry"`)] +
				`"geometry":{"type":"MultiPolygon","coordinates":[[[[120.62,27.595],[120.625,27.595],[120.625,27.598],[120.62,27.598],[120.62,27.595]]]]}},`
			return []byte(strings.Join(lines, "\n"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			bad := map[string][]byte{}
			for k, v := range files {
				bad[k] = v
			}
			bad[ConstraintsFile] = edit(files[ConstraintsFile])
			if _, err := Check(seed, bad); err == nil {
				t.Error("Check accepted it")
			}
		})
	}
}
