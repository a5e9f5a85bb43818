package synth

import (
	"fmt"
	"sort"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

// No public source gives a seat for 凤卧镇. The town lies north of 腾蛟镇 towards the county's northern
// edge; this illustrative point sits in those hills, about 4.5 km north-north-east of 腾蛟's seat and
// some 2 km inside the outline (SeatMinClearanceM is what Generate and Check demand of it).
var fengwoIllustrativeSeat = orb.Point{120.35, 27.715}

// Towns the generator treats specially: 凤卧镇 has no public seat, and nothing is drawn on the 南麂 islands.
const (
	FengwoTown        = "凤卧镇"
	NanjiTown         = "南麂镇"
	SeatMinClearanceM = 1000.0
)

// buildSeats returns the 17 seats sorted by code: the seed's points as given, and the illustrative point
// for 凤卧镇, which the seed leaves empty. Every seat must lie inside the county, the illustrative ones
// at least SeatMinClearanceM from its boundary.
func buildSeats(s *data.Seed, county *outline) ([]seat, []string, error) {
	towns := append([]data.SeedTown(nil), s.Towns...)
	sort.Slice(towns, func(i, j int) bool { return towns[i].Code < towns[j].Code })
	seats := make([]seat, 0, len(towns))
	prov := make([]string, 0, len(towns))
	for _, t := range towns {
		p := orb.Point{t.Seat[0], t.Seat[1]}
		switch {
		case t.SeatLonLat == nil && t.Name == FengwoTown:
			p = fengwoIllustrativeSeat
		case t.SeatLonLat == nil:
			return nil, nil, fmt.Errorf("town %s has no seat and no illustrative stand-in", t.Name)
		}
		if t.SeatProvenance != plan.ProvenanceReal && t.SeatProvenance != plan.ProvenanceIllustr {
			return nil, nil, fmt.Errorf("town %s: seat_provenance %q", t.Name, t.SeatProvenance)
		}
		if !county.contains(p) {
			return nil, nil, fmt.Errorf("seat of %s %v lies outside the county outline", t.Name, p)
		}
		if t.SeatProvenance == plan.ProvenanceIllustr {
			if c := county.pointClearanceM(p, SeatMinClearanceM); c < SeatMinClearanceM {
				return nil, nil, fmt.Errorf("illustrative seat of %s %v is only %.0f m inside the county", t.Name, p, c)
			}
		}
		seats = append(seats, seat{Code: t.Code, Name: t.Name, P: roundPoint(p)})
		prov = append(prov, t.SeatProvenance)
	}
	return seats, prov, nil
}

func townsFile(seats []seat, prov []string) []byte {
	var fc featureWriter
	for i, s := range seats {
		fc.add(props{{"code", s.Code}, {"name", s.Name}, {"seat_provenance", prov[i]}}, pointJSON(s.P))
	}
	return fc.bytes()
}
