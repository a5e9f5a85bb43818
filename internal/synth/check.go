package synth

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/plan"
)

// What Check expects of the county outline: the published figures for this source (three public
// outlines agree on 979–983 km²; bounding box 120.07–121.13 E, 27.43–27.77 N, 南麂 included).
const (
	CountyMinKm2   = 979.0
	CountyMaxKm2   = 983.0
	CountyParts    = 13
	ParkAreaTol    = 0.001 // parks and redevelopment areas: geometry within 0.1% of the figure
	ParcelAreaTol  = 0.005 // parcels: within 0.5%
	densifyStepM   = 25.0
	minThresholdN  = 3 // "several" on each side of an eligibility threshold
	minFactoryPart = 0.23
	maxFactoryPart = 0.27
)

var countyBoundLimits = orb.Bound{Min: orb.Point{120.06, 27.42}, Max: orb.Point{121.14, 27.775}}

// Report is what Check measured on the files.
type Report struct {
	CountyAreaKm2      float64
	CountyBound        orb.Bound
	CountyParts        int
	CountyHoles        int
	CountyVertices     int
	Towns              int
	Parks              int
	ParkAreaErrMin     float64 // relative (drawn − plan) / plan
	ParkAreaErrMax     float64
	Parcels            int
	ParcelAreaErrMax   float64 // largest |drawn − figure| / figure
	Redevelopment      int
	RedevelopmentMu    float64
	OldFactoryShare    float64
	RedevelopAreaErrMx float64 // largest |drawn − figure| / figure
	Constraints        int
	// ConstraintOverlapMu maps a constraint id to the 亩 of the one redevelopment area it partly covers.
	ConstraintOverlapMu map[string]float64
}

// checker collects every violation rather than stopping at the first.
type checker struct {
	errs []error
}

func (c *checker) failf(format string, a ...any) { c.errs = append(c.errs, fmt.Errorf(format, a...)) }

// Check verifies generated files against every rule the generator promises: the county's area, extent,
// parts and ring orientation; the seats; each park's area, aspect, place inside the county and inside its
// town's Voronoi cell, and its distance from every other shape; parcels that add up to the plan's
// supply figures inside their parks; and the redevelopment areas' total, kinds and thresholds.
func Check(seed *data.Seed, files map[string][]byte) (Report, error) {
	var rep Report
	c := &checker{}
	for _, n := range FileNames {
		if _, ok := files[n]; !ok {
			c.failf("missing file %s", n)
		}
	}
	if len(c.errs) > 0 {
		return rep, errors.Join(c.errs...)
	}
	county, err := c.checkCounty(files[CountyFile], &rep)
	if err != nil {
		return rep, err
	}
	seats, err := c.checkTowns(seed, files[TownsFile], county, &rep)
	if err != nil {
		return rep, err
	}
	parks, err := c.checkParks(seed, files[ParksFile], county, seats, &rep)
	if err != nil {
		return rep, err
	}
	parcels, err := c.checkParcels(seed, files[ParcelsFile], parks, &rep)
	if err != nil {
		return rep, err
	}
	areas, err := c.checkRedevelopment(files[RedevelopmentFile], county, seats, &rep)
	if err != nil {
		return rep, err
	}
	if err := c.checkConstraints(files[ConstraintsFile], county, parks, areas, &rep); err != nil {
		return rep, err
	}
	// Gaps between every pair of drawn shapes (parks and redevelopment areas); parcels lie inside parks
	// and must not reach into an area either.
	var shapes []named
	for _, p := range parks {
		shapes = append(shapes, named{"park " + p.id, p.rect})
	}
	for _, a := range areas {
		shapes = append(shapes, named{a.id, a.rect})
	}
	for i := range shapes {
		for j := i + 1; j < len(shapes); j++ {
			if g := shapes[i].r.gapM(shapes[j].r); g < ShapeGapM {
				c.failf("%s and %s are %.1f m apart, less than %.0f m", shapes[i].name, shapes[j].name, g, ShapeGapM)
			}
		}
	}
	for _, p := range parcels {
		for _, a := range areas {
			if p.rect.interiorsOverlap(a.rect) {
				c.failf("parcel %s overlaps %s", p.code, a.id)
			}
		}
	}
	if len(c.errs) > 0 {
		if len(c.errs) > 40 {
			c.errs = append(c.errs[:40], fmt.Errorf("... and %d more", len(c.errs)-40))
		}
		return rep, errors.Join(c.errs...)
	}
	return rep, nil
}

type named struct {
	name string
	r    rect
}

// checkPlacement applies the placement rules shared by parks and redevelopment areas.
func (c *checker) checkPlacement(what string, r rect, own seat, county *outline, seats []seat) {
	if a := r.aspect(); a < MinAspect || a > MaxAspect {
		c.failf("%s: aspect ratio %.2f outside %.0f–%.0f", what, a, MinAspect, MaxAspect)
	}
	for _, p := range densify(r, densifyStepM) {
		if !county.contains(p) {
			c.failf("%s: edge point %v outside the county", what, p)
			break
		}
	}
	if d := county.clearanceM(r, CountyMarginM); d < CountyMarginM {
		c.failf("%s: %.1f m from the county boundary, less than %.0f m", what, d, CountyMarginM)
	}
	for _, v := range r.corners() {
		if m := voronoiMargin(v, own, seats); m <= 0 {
			c.failf("%s: vertex %v is nearer another town's seat than %s's", what, v, own.Name)
		}
	}
	grown := r.expand(SeatClearanceM)
	for _, s := range seats {
		if grown.contains(s.P) {
			c.failf("%s: within %.0f m of the seat of %s", what, SeatClearanceM, s.Name)
		}
	}
}

func (c *checker) checkCounty(b []byte, rep *Report) (*outline, error) {
	fs, err := readCollection(CountyFile, b, []string{"name", "adcode", "provenance", "source"})
	if err != nil {
		return nil, err
	}
	if len(fs) != 1 {
		return nil, fmt.Errorf("%s: %d features, want 1", CountyFile, len(fs))
	}
	var p struct{ Name, Adcode, Provenance, Source string }
	if err := json.Unmarshal(fs[0].Props, &p); err != nil {
		return nil, fmt.Errorf("%s: properties: %w", CountyFile, err)
	}
	if p.Name != CountyName || p.Adcode != CountyAdcode || p.Provenance != plan.ProvenanceReal {
		c.failf("%s: name %q adcode %q provenance %q", CountyFile, p.Name, p.Adcode, p.Provenance)
	}
	for _, must := range []string{EChartsPackage, EChartsVersion, EChartsFile, "MIT", "GCJ-02", "WGS84"} {
		if !strings.Contains(p.Source, must) {
			c.failf("%s: source %q does not mention %q", CountyFile, p.Source, must)
		}
	}
	mp, ok := fs[0].Geometry.(orb.MultiPolygon)
	if !ok {
		return nil, fmt.Errorf("%s: geometry %T, want MultiPolygon", CountyFile, fs[0].Geometry)
	}
	for i, poly := range mp {
		for j, r := range poly {
			rep.CountyVertices += len(r)
			if len(r) < 4 || r[0] != r[len(r)-1] {
				c.failf("%s: part %d ring %d is not closed or has fewer than 4 points", CountyFile, i, j)
				continue
			}
			if ccw := geodesy.RingAreaM2(r) > 0; ccw != (j == 0) {
				c.failf("%s: part %d ring %d runs the wrong way (exteriors CCW, holes CW)", CountyFile, i, j)
			}
			if j > 0 {
				rep.CountyHoles++
			}
		}
	}
	rep.CountyParts = len(mp)
	rep.CountyAreaKm2 = geodesy.MultiPolygonAreaM2(mp) / 1e6
	rep.CountyBound = mp.Bound()
	if rep.CountyAreaKm2 < CountyMinKm2 || rep.CountyAreaKm2 > CountyMaxKm2 {
		c.failf("%s: area %.2f km², want %.0f–%.0f", CountyFile, rep.CountyAreaKm2, CountyMinKm2, CountyMaxKm2)
	}
	if rep.CountyParts != CountyParts {
		c.failf("%s: %d parts, want %d", CountyFile, rep.CountyParts, CountyParts)
	}
	bd := rep.CountyBound
	if !countyBoundLimits.Contains(bd.Min) || !countyBoundLimits.Contains(bd.Max) ||
		bd.Min[0] > 120.08 || bd.Max[0] < 121.12 || bd.Min[1] > 27.44 || bd.Max[1] < 27.76 {
		c.failf("%s: bounding box %v, want about 120.07–121.13 E, 27.43–27.77 N", CountyFile, bd)
	}
	return newOutline(mp), nil
}

func (c *checker) checkTowns(seed *data.Seed, b []byte, county *outline, rep *Report) ([]seat, error) {
	fs, err := readCollection(TownsFile, b, []string{"code", "name", "seat_provenance"})
	if err != nil {
		return nil, err
	}
	want := append([]data.SeedTown(nil), seed.Towns...)
	sort.Slice(want, func(i, j int) bool { return want[i].Code < want[j].Code })
	if len(fs) != len(want) {
		return nil, fmt.Errorf("%s: %d towns, want %d", TownsFile, len(fs), len(want))
	}
	rep.Towns = len(fs)
	seats := make([]seat, len(fs))
	for i, f := range fs {
		var p struct {
			Code           string `json:"code"`
			Name           string `json:"name"`
			SeatProvenance string `json:"seat_provenance"`
		}
		if err := json.Unmarshal(f.Props, &p); err != nil {
			return nil, fmt.Errorf("%s feature %d: %w", TownsFile, i, err)
		}
		pt, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("%s feature %d: geometry %T, want Point", TownsFile, i, f.Geometry)
		}
		w := want[i]
		if p.Code != w.Code || p.Name != w.Name || p.SeatProvenance != w.SeatProvenance {
			c.failf("%s feature %d: %s %s %s, want %s %s %s (sorted by code)", TownsFile, i,
				p.Code, p.Name, p.SeatProvenance, w.Code, w.Name, w.SeatProvenance)
		}
		if w.SeatLonLat != nil && pt != roundPoint(orb.Point(*w.SeatLonLat)) {
			c.failf("%s: seat of %s is %v, the seed gives %v", TownsFile, p.Name, pt, *w.SeatLonLat)
		}
		if !county.contains(pt) {
			c.failf("%s: seat of %s %v lies outside the county", TownsFile, p.Name, pt)
		}
		if p.SeatProvenance == plan.ProvenanceIllustr {
			if d := county.pointClearanceM(pt, SeatMinClearanceM); d < SeatMinClearanceM {
				c.failf("%s: illustrative seat of %s is %.0f m from the boundary, want ≥ %.0f m", TownsFile, p.Name, d, SeatMinClearanceM)
			}
		}
		seats[i] = seat{Code: p.Code, Name: p.Name, P: pt}
	}
	return seats, nil
}

type checkedPark struct {
	id   string
	seq  int
	rect rect
	park plan.Park
}

func (c *checker) checkParks(seed *data.Seed, b []byte, county *outline, seats []seat, rep *Report) ([]checkedPark, error) {
	fs, err := readCollection(ParksFile, b, []string{"id", "name", "provenance", "target_area_mu"})
	if err != nil {
		return nil, err
	}
	want := append([]plan.Park(nil), seed.Parks...)
	sort.Slice(want, func(i, j int) bool { return want[i].Seq < want[j].Seq })
	if len(fs) != len(want) {
		return nil, fmt.Errorf("%s: %d parks, want %d", ParksFile, len(fs), len(want))
	}
	rep.Parks = len(fs)
	rep.ParkAreaErrMin, rep.ParkAreaErrMax = math.Inf(1), math.Inf(-1)
	var out []checkedPark
	for i, f := range fs {
		var p struct {
			ID           string  `json:"id"`
			Name         string  `json:"name"`
			Provenance   string  `json:"provenance"`
			TargetAreaMu float64 `json:"target_area_mu"`
		}
		if err := json.Unmarshal(f.Props, &p); err != nil {
			return nil, fmt.Errorf("%s feature %d: %w", ParksFile, i, err)
		}
		w := want[i]
		what := "park " + p.ID
		if p.ID != w.ID || p.Name != w.Name || p.Provenance != plan.ProvenanceIllustr || p.TargetAreaMu != w.PlanAreaMu {
			c.failf("%s feature %d: %s %s %s %v, want %s %s illustrative %v (sorted by seq)", ParksFile, i,
				p.ID, p.Name, p.Provenance, p.TargetAreaMu, w.ID, w.Name, w.PlanAreaMu)
		}
		r, err := rectFromGeometry(f.Geometry)
		if err != nil {
			c.failf("%s: %v", what, err)
			continue
		}
		e := (r.areaMu() - w.PlanAreaMu) / w.PlanAreaMu
		rep.ParkAreaErrMin, rep.ParkAreaErrMax = math.Min(rep.ParkAreaErrMin, e), math.Max(rep.ParkAreaErrMax, e)
		if math.Abs(e) > ParkAreaTol {
			c.failf("%s: drawn %.3f 亩 for the plan's %v (%.3f%%)", what, r.areaMu(), w.PlanAreaMu, 100*e)
		}
		own, ok := seatNamed(seats, w.Town)
		if !ok {
			c.failf("%s: town %s has no seat", what, w.Town)
			continue
		}
		c.checkPlacement(what, r, own, county, seats)
		out = append(out, checkedPark{id: w.ID, seq: w.Seq, rect: r, park: w})
	}
	return out, nil
}

func seatNamed(seats []seat, town string) (seat, bool) {
	for _, s := range seats {
		if s.Name == town {
			return s, true
		}
	}
	return seat{}, false
}
