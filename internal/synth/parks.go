package synth

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/pingyang/parkmap/plan"
)

// placedPark is a park with its illustrative rectangle.
type placedPark struct {
	plan.Park
	Rect rect
}

// placeParks draws one rectangle per park near its town's seat, in the order of the plan's rows, each of
// exactly the plan's area (geodesy.RectAreaM2, the spheroid PostGIS also measures on).
func placeParks(parks []plan.Park, p *placer, rng *rand.Rand) ([]placedPark, error) {
	sorted := append([]plan.Park(nil), parks...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Seq < sorted[j].Seq })
	out := make([]placedPark, 0, len(sorted))
	for _, pk := range sorted {
		if pk.PlanAreaMu <= 0 {
			return nil, fmt.Errorf("park %s: plan area %v 亩", pk.ID, pk.PlanAreaMu)
		}
		r, err := p.place("park "+pk.ID, pk.Town, pk.PlanAreaMu, rng)
		if err != nil {
			return nil, err
		}
		out = append(out, placedPark{Park: pk, Rect: r})
	}
	return out, nil
}

func parksFile(parks []placedPark) []byte {
	var fc featureWriter
	for _, pk := range parks {
		fc.add(props{
			{"id", pk.ID}, {"name", pk.Name}, {"provenance", plan.ProvenanceIllustr}, {"target_area_mu", pk.PlanAreaMu},
		}, multiPolygonJSON(pk.Rect.multiPolygon()))
	}
	return fc.bytes()
}
