package synth

import (
	"fmt"
	"math"

	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/plan"
)

// The constraints layer (basic farmland, ecological red line, flood risk zones) is what the eligibility
// check overlays a parcel with (§二(四), §四(一)1). No public source gives it at parcel scale, so the
// bundled layer is a few illustrative areas, labelled so, drawn only to exercise the rules: each partly
// covers one redevelopment area (so that a known parcel fails or is flagged) and keeps clear of every
// park. They are placed deterministically from the redevelopment areas, without a random stream.

// ConstraintsFile is the generated constraints layer.
const ConstraintsFile = "constraints.geojson"

const (
	constraintOverlapPart = 0.4 // how deep into its redevelopment area a constraint reaches
	constraintSourceNote  = "示意图形：用于演示合规性叠加规则，并非自然资源和规划部门的基本农田、生态保护红线或洪涝风险区数据 / " +
		"Illustrative shape drawn to exercise the conformity rules; not the land bureau's farmland, red-line or flood-risk data"
)

// constraintSpec says where a constraint goes: over part of a redevelopment area of one of towns (in
// order of preference), of one of kinds (any when empty) and at least minMu 亩.
type constraintSpec struct {
	kind   string
	name   string // %s is the town
	towns  []string
	kinds  []string
	minMu  float64
	areaMu float64
}

// constraintSpecs: a farmland block over part of a low-efficiency block of at least 30 亩 in the
// plains (so that the block passes its size rule and fails on conformity), an ecological red line in
// the western hills, and a flood risk zone along the 鳌江 near its estuary.
var constraintSpecs = []constraintSpec{
	{plan.ConstraintFarmland, "%s基本农田保护区块 (示意)", []string{"麻步镇", "萧江镇", "昆阳镇"}, []string{LowEfficiencyBlock}, BlockThresholdMu, 200},
	{plan.ConstraintEcoRedLine, "%s山区生态保护红线 (示意)", []string{"怀溪镇", "青街畲族乡", "顺溪镇", "山门镇", "南雁镇"}, nil, 0, 1500},
	{plan.ConstraintFloodZone, "%s鳌江沿岸洪涝风险区 (示意)", []string{"鳌江镇"}, nil, 0, 600},
}

type placedConstraint struct {
	plan.Constraint
	Rect   rect
	Target string // the redevelopment area it partly covers
}

// buildConstraints places each constraint over part of the first redevelopment area (by town preference,
// then id) where a candidate fits: inside the county, clear of every park, town seat, other
// redevelopment area and constraint.
func buildConstraints(p *placer, parks []placedPark, areas []placedArea) ([]placedConstraint, error) {
	var out []placedConstraint
	for i, sp := range constraintSpecs {
		id := fmt.Sprintf("CN-%03d", i+1)
		c, err := placeConstraint(sp, p, parks, areas, out)
		if err != nil {
			return nil, fmt.Errorf("constraint %s (%s): %w", id, sp.kind, err)
		}
		c.ID = id
		out = append(out, c)
	}
	return out, nil
}

func placeConstraint(sp constraintSpec, p *placer, parks []placedPark, areas []placedArea, placed []placedConstraint) (placedConstraint, error) {
	for _, town := range sp.towns {
		for _, a := range areas {
			if a.Town != town || a.SiteAreaMu < sp.minMu || (len(sp.kinds) > 0 && !contains(sp.kinds, a.Kind)) {
				continue
			}
			for _, r := range constraintCandidates(a.Rect, sp.areaMu) {
				if constraintFits(r, a.ID, p, parks, areas, placed) {
					return placedConstraint{
						Constraint: plan.Constraint{Kind: sp.kind, Name: fmt.Sprintf(sp.name, town),
							Provenance: plan.ProvenanceIllustr, SourceNote: constraintSourceNote},
						Rect: r, Target: a.ID,
					}, nil
				}
			}
		}
	}
	return placedConstraint{}, fmt.Errorf("no redevelopment area in %v leaves room for %.0f 亩", sp.towns, sp.areaMu)
}

// constraintCandidates are rectangles of about areaMu 亩 that reach constraintOverlapPart into t from
// its east, west, north or south side, in a few shapes and offsets, in a fixed order.
func constraintCandidates(t rect, areaMu float64) []rect {
	c := t.center()
	kx, ky := geodesy.MetresPerDegree(c[1])
	tw, th := t.sizeM()
	a := geodesy.SquareMetresFromMu(areaMu)
	var out []rect
	for _, side := range []string{"E", "W", "N", "S"} {
		for _, aspect := range []float64{1, 1.5, 0.67} {
			for _, shift := range []float64{0, 0.35, -0.35} {
				along := math.Sqrt(a * aspect) // extent away from t
				across := a / along
				var r rect
				switch side {
				case "E", "W":
					depth := constraintOverlapPart * tw
					minLat := c[1] + (shift*across-across/2)/ky
					r.MinLat, r.MaxLat = minLat, minLat+across/ky
					if side == "E" {
						r.MinLon = t.MaxLon - depth/kx
						r.MaxLon = r.MinLon + along/kx
					} else {
						r.MaxLon = t.MinLon + depth/kx
						r.MinLon = r.MaxLon - along/kx
					}
				default:
					depth := constraintOverlapPart * th
					minLon := c[0] + (shift*across-across/2)/kx
					r.MinLon, r.MaxLon = minLon, minLon+across/kx
					if side == "N" {
						r.MinLat = t.MaxLat - depth/ky
						r.MaxLat = r.MinLat + along/ky
					} else {
						r.MaxLat = t.MinLat + depth/ky
						r.MinLat = r.MaxLat - along/ky
					}
				}
				out = append(out, rect{round7(r.MinLon), round7(r.MinLat), round7(r.MaxLon), round7(r.MaxLat)})
			}
		}
	}
	return out
}

func constraintFits(r rect, target string, p *placer, parks []placedPark, areas []placedArea, placed []placedConstraint) bool {
	if !p.county.rectInside(r, placeMarginM) {
		return false
	}
	grown := r.expand(placeSeatClearM)
	for _, s := range p.seats {
		if grown.contains(s.P) {
			return false
		}
	}
	for _, pk := range parks {
		if r.gapM(pk.Rect) < placeGapM {
			return false
		}
	}
	for _, a := range areas {
		if a.ID == target {
			if !r.interiorsOverlap(a.Rect) || a.Rect.within(r) {
				return false
			}
		} else if r.gapM(a.Rect) < placeGapM {
			return false
		}
	}
	for _, c := range placed {
		if r.gapM(c.Rect) < placeGapM {
			return false
		}
	}
	return true
}

func constraintsFile(cs []placedConstraint) []byte {
	var fc featureWriter
	for _, c := range cs {
		fc.add(props{
			{"id", c.ID}, {"kind", c.Kind}, {"name", c.Name}, {"provenance", c.Provenance}, {"source_note", c.SourceNote},
		}, multiPolygonJSON(c.Rect.multiPolygon()))
	}
	return fc.bytes()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
