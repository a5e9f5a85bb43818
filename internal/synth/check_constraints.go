package synth

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pingyang/parkmap/plan"
)

// checkConstraints: one illustrative area of each kind, in kind order, ids CN-001…; each inside the
// county, clear of every park (and so of every supply parcel) and of the other constraints, and partly
// covering exactly one redevelopment area, so that the conformity rules have a known parcel to fail.
func (c *checker) checkConstraints(b []byte, county *outline, parks []checkedPark, areas []checkedArea, rep *Report) error {
	fs, err := readCollection(ConstraintsFile, b, []string{"id", "kind", "name", "provenance", "source_note"})
	if err != nil {
		return err
	}
	rep.Constraints = len(fs)
	rep.ConstraintOverlapMu = map[string]float64{}
	if len(fs) != len(plan.ConstraintKinds) {
		c.failf("%s: %d areas, want one of each kind (%d)", ConstraintsFile, len(fs), len(plan.ConstraintKinds))
	}
	var rects []named
	for i, f := range fs {
		var p plan.Constraint
		if err := json.Unmarshal(f.Props, &p); err != nil {
			return fmt.Errorf("%s feature %d: %w", ConstraintsFile, i, err)
		}
		what := p.ID
		if want := fmt.Sprintf("CN-%03d", i+1); p.ID != want {
			c.failf("%s feature %d: id %s, want %s", ConstraintsFile, i, p.ID, want)
		}
		if i < len(plan.ConstraintKinds) && p.Kind != plan.ConstraintKinds[i] {
			c.failf("%s: kind %q, want %q", what, p.Kind, plan.ConstraintKinds[i])
		}
		if p.Provenance != plan.ProvenanceIllustr || !strings.Contains(p.Name, "(示意)") ||
			!containsAll(p.SourceNote, "示意", "Illustrative", "not the land bureau") {
			c.failf("%s: provenance %q name %q source_note %q: must be labelled illustrative", what, p.Provenance, p.Name, p.SourceNote)
		}
		r, err := rectFromGeometry(f.Geometry)
		if err != nil {
			c.failf("%s: %v", what, err)
			continue
		}
		for _, pt := range densify(r, densifyStepM) {
			if !county.contains(pt) {
				c.failf("%s: edge point %v outside the county", what, pt)
				break
			}
		}
		if d := county.clearanceM(r, CountyMarginM); d < CountyMarginM {
			c.failf("%s: %.1f m from the county boundary, less than %.0f m", what, d, CountyMarginM)
		}
		for _, pk := range parks {
			if g := r.gapM(pk.rect); g < ShapeGapM {
				c.failf("%s is %.1f m from park %s, less than %.0f m", what, g, pk.id, ShapeGapM)
			}
		}
		var covers []string
		for _, a := range areas {
			if !r.interiorsOverlap(a.rect) {
				continue
			}
			covers = append(covers, a.id)
			ov := rect{max(r.MinLon, a.rect.MinLon), max(r.MinLat, a.rect.MinLat), min(r.MaxLon, a.rect.MaxLon), min(r.MaxLat, a.rect.MaxLat)}
			rep.ConstraintOverlapMu[p.ID] = ov.areaMu()
			if a.rect.within(r) {
				c.failf("%s covers all of %s; it must cover part of it", what, a.id)
			}
		}
		if len(covers) != 1 {
			c.failf("%s overlaps redevelopment areas %v; it must partly cover exactly one", what, covers)
		}
		for _, o := range rects {
			if g := r.gapM(o.r); g < ShapeGapM {
				c.failf("%s is %.1f m from %s, less than %.0f m", what, g, o.name, ShapeGapM)
			}
		}
		rects = append(rects, named{what, r})
	}
	return nil
}
