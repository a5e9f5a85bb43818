package synth

import (
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

// Check verifies the generated files against the invariants that nothing downstream verifies. Everything
// the loaded dataset can be asked is checked there instead, on the committed files as PostGIS reads them:
// validity, shapes inside the county, parks inside their zone and clear of each other, parcels inside
// their park and adding up to the plan's supply, areas to 1%, the redevelopment total and its old-factory
// share, provenance, the constraints' overlaps and the eligibility thresholds (internal/postgis
// TestDatasetInvariants, TestEligibility*, TestTileEmptyVersionAndExtent, and the schema's CHECKs). What
// is left is what PostGIS cannot see or no test asks:
//
//   - county rings follow RFC 7946 (exteriors counter-clockwise, holes clockwise): ST_IsValid accepts
//     either way round;
//   - every park and redevelopment area lies in its own town's Voronoi cell, so its town is the one the
//     eligibility check computes: PostGIS checks parks only against their zone, a group of towns;
//   - no two redevelopment areas overlap, so no land counts twice: PostGIS checks park pairs only;
//   - the parcels' land source and plot ratio say what the plan says (§三(一)2, the parks' figures);
//   - every constraint is labelled illustrative and touches no park: the dataset test's provenance
//     query leaves the constraints out, and nothing else looks at constraints and parks together.
func Check(seed *data.Seed, files map[string][]byte) error {
	fcs := map[string]*geojson.FeatureCollection{}
	var errs []error
	for _, n := range FileNames {
		b, ok := files[n]
		if !ok {
			errs = append(errs, fmt.Errorf("missing file %s", n))
			continue
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", n, err))
			continue
		}
		fcs[n] = fc
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	c := &checker{}
	c.countyOrientation(fcs[CountyFile])
	seats := map[string]seat{}
	var all []seat
	for _, f := range fcs[TownsFile].Features {
		p, _ := f.Geometry.(orb.Point)
		s := seat{Code: f.Properties.MustString("code", ""), Name: f.Properties.MustString("name", ""), P: p}
		seats[s.Name] = s
		all = append(all, s)
	}
	parkTown := map[string]string{}
	parks := map[string]plan.Park{}
	for _, p := range seed.Parks {
		parkTown[p.ID], parks[p.ID] = p.Town, p
	}
	var parkBounds []namedBound
	for _, f := range fcs[ParksFile].Features {
		id := f.Properties.MustString("id", "")
		c.inOwnCell("park "+id, f.Geometry, parkTown[id], seats, all)
		parkBounds = append(parkBounds, namedBound{"park " + id, f.Geometry.Bound()})
	}
	var areas []namedBound
	for _, f := range fcs[RedevelopmentFile].Features {
		id := f.Properties.MustString("id", "")
		c.inOwnCell(id, f.Geometry, f.Properties.MustString("town", ""), seats, all)
		b := f.Geometry.Bound()
		for _, o := range areas {
			if interiorsOverlap(b, o.b) {
				c.failf("%s overlaps %s: its land would count twice", id, o.name)
			}
		}
		areas = append(areas, namedBound{id, b})
	}
	c.parcelFacts(fcs[ParcelsFile], parks)
	c.constraints(fcs[ConstraintsFile], parkBounds)
	if len(c.errs) > 40 {
		c.errs = append(c.errs[:40], fmt.Errorf("... and %d more", len(c.errs)-40))
	}
	return errors.Join(c.errs...)
}

// checker collects every violation rather than stopping at the first.
type checker struct{ errs []error }

func (c *checker) failf(format string, a ...any) { c.errs = append(c.errs, fmt.Errorf(format, a...)) }

type namedBound struct {
	name string
	b    orb.Bound
}

func (c *checker) countyOrientation(fc *geojson.FeatureCollection) {
	for _, f := range fc.Features {
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if !ok {
			c.failf("%s: geometry %T, want MultiPolygon", CountyFile, f.Geometry)
			continue
		}
		for i, poly := range mp {
			for j, r := range poly {
				if ccw := r.Orientation() == orb.CCW; ccw != (j == 0) {
					c.failf("%s: part %d ring %d runs the wrong way (RFC 7946: exteriors CCW, holes CW)", CountyFile, i, j)
				}
			}
		}
	}
}

// inOwnCell: every vertex of g is nearer the seat of town than any other seat (the towns PostGIS derives
// are the seats' Voronoi cells in lon/lat degrees, and the cells are convex, so the vertices suffice).
func (c *checker) inOwnCell(what string, g orb.Geometry, town string, seats map[string]seat, all []seat) {
	own, ok := seats[town]
	if !ok {
		c.failf("%s: town %q has no seat", what, town)
		return
	}
	mp, ok := g.(orb.MultiPolygon)
	if !ok {
		c.failf("%s: geometry %T, want MultiPolygon", what, g)
		return
	}
	for _, poly := range mp {
		for _, r := range poly {
			for _, v := range r {
				if voronoiMargin(v, own, all) <= 0 {
					c.failf("%s: vertex %v is nearer another town's seat than %s's", what, v, own.Name)
					return
				}
			}
		}
	}
}

// parcelFacts: the attributes a parcel takes from the plan rather than from the drawing.
func (c *checker) parcelFacts(fc *geojson.FeatureCollection, parks map[string]plan.Park) {
	for _, f := range fc.Features {
		code, parkID := f.Properties.MustString("code", ""), f.Properties.MustString("park_id", "")
		if land := f.Properties.MustString("land_source", ""); parkID == tengjiaoNanxiID && land != tengjiaoNanxiLand {
			c.failf("parcel %s: land_source %q, want %s (§三(一)2)", code, land, tengjiaoNanxiLand)
		}
		pk, ok := parks[parkID]
		if !ok {
			c.failf("parcel %s: unknown park %q", code, parkID)
			continue
		}
		want, err := plotRatio(pk.BuildingAreaWanM2, pk.PlanAreaMu)
		if got := f.Properties.MustFloat64("plot_ratio", -1); err != nil || got != want {
			c.failf("parcel %s: plot_ratio %v, the plan's figures for %s give %v", code, got, parkID, want)
		}
	}
}

func (c *checker) constraints(fc *geojson.FeatureCollection, parks []namedBound) {
	for _, f := range fc.Features {
		id := f.Properties.MustString("id", "")
		if f.Properties.MustString("provenance", "") != plan.ProvenanceIllustr ||
			!strings.Contains(f.Properties.MustString("name", ""), "(示意)") ||
			!containsAll(f.Properties.MustString("source_note", ""), "示意", "Illustrative", "not the land bureau") {
			c.failf("%s: not labelled illustrative in provenance, name and source_note", id)
		}
		b := f.Geometry.Bound()
		for _, p := range parks {
			if b.Intersects(p.b) {
				c.failf("%s touches %s: constraints keep clear of every park", id, p.name)
			}
		}
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
