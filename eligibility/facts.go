package eligibility

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
)

// FactsInput is what the database gathers facts for: a registered parcel by id, or a geometry with its
// SRID (4326, or 4528/4549 for CGCS2000 Gauss-Krüger; GCJ-02 is converted to 4326 before). Industries,
// when given, pick the nearest park of the same leading industry.
type FactsInput struct {
	ParcelID   string
	Geometry   orb.MultiPolygon
	SRID       int
	Industries []string
}

// ParcelInfo describes the registered parcel a check was asked about.
type ParcelInfo struct {
	ID             string   `json:"id"`
	Collection     string   `json:"collection"` // parcels or redevelopment
	Name           string   `json:"name"`
	Kind           string   `json:"kind"` // redevelopment kind (旧厂房 …) or 供地地块
	RecordedAreaMu float64  `json:"recorded_area_mu"`
	PlotRatio      *float64 `json:"plot_ratio,omitempty"` // current (redevelopment) or planned (parcels)
	ParkID         string   `json:"park_id,omitempty"`
	Town           string   `json:"town,omitempty"`
	Provenance     string   `json:"provenance"`
}

// AreaShare is the part of a checked shape inside one zone or town.
type AreaShare struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	AreaMu float64 `json:"area_mu"`
	Share  float64 `json:"share"` // of the whole shape's area
}

// Overlap is one feature a checked shape overlaps, with the overlap in 亩.
type Overlap struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Status     string  `json:"status,omitempty"` // parks
	Kind       string  `json:"kind,omitempty"`   // redevelopment areas, constraints
	Own        bool    `json:"own,omitempty"`    // the parcel's own park
	OverlapMu  float64 `json:"overlap_mu"`
	Provenance string  `json:"provenance,omitempty"`
}

// ConstraintOverlap sums the overlaps with the constraints of one kind.
type ConstraintOverlap struct {
	Kind      string    `json:"kind"`
	OverlapMu float64   `json:"overlap_mu"`
	Areas     []Overlap `json:"areas"`
}

// NearestPark is the nearest park sharing a leading industry, with its geodesic distance.
type NearestPark struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Status     string   `json:"status"`
	Industries []string `json:"industries"`
	DistanceM  float64  `json:"distance_m"`
}

// Inside-county answers.
const (
	InsideFully   = "fully"
	InsidePartly  = "partly"
	InsideOutside = "outside"
)

// Facts are what is known about a checked shape: the store fills the measured fields (areas on the
// WGS84 spheroid, overlaps, zones, towns), and Service.Facts derives the rest (亩, shares, sums,
// inside_county) with derive.
type Facts struct {
	Parcel                 *ParcelInfo         `json:"parcel,omitempty"`
	AreaM2                 float64             `json:"area_m2"`
	AreaMu                 float64             `json:"area_mu"`
	SiteAreaMu             float64             `json:"site_area_mu"`
	SiteAreaBasis          string              `json:"site_area_basis"` // recorded or measured
	InsideCounty           string              `json:"inside_county"`
	OutsideCountyMu        float64             `json:"outside_county_mu"`
	Zones                  []AreaShare         `json:"zones"`
	Towns                  []AreaShare         `json:"towns"`
	TownsMethod            string              `json:"towns_method"`
	OverlapParksMu         float64             `json:"overlap_parks_mu"`
	OverlapOtherParksMu    float64             `json:"overlap_other_parks_mu"`
	OverlapParks           []Overlap           `json:"overlap_parks"`
	OverlapRedevelopmentMu float64             `json:"overlap_redevelopment_mu"`
	OverlapRedevelopment   []Overlap           `json:"overlap_redevelopment"`
	Constraints            []ConstraintOverlap `json:"constraints"`
	// ConstraintKinds lists the kinds the constraints layer holds: an overlap with a kind it lacks is
	// unknown, not zero.
	ConstraintKinds []string     `json:"constraint_kinds_loaded"`
	Industries      []string     `json:"leading_industries"`
	IndustriesBasis string       `json:"leading_industries_basis,omitempty"` // proposal or park
	NearestPark     *NearestPark `json:"nearest_same_industry_park"`
	Point           [2]float64   `json:"point"` // a point on the surface, lon/lat
	BBox            [4]float64   `json:"bbox"`
	DataVersion     string       `json:"data_version"`
	Note            string       `json:"provenance_note"`

	// Geometry is the checked shape in WGS84 lon/lat (for batch output).
	Geometry orb.MultiPolygon `json:"-"`
}

// TownsMethod says how the towns of a shape are found while no town boundary is imported: towns
// have only seat points.
const TownsMethod = "approximate: each town is the Voronoi cell of its seat (as the zones are derived), clipped to the county"

// TownsMethodFor says how the towns of a shape are found when bounded of the total towns have an
// imported boundary (issue 10): all, some (the others still their seats' Voronoi cells) or none.
func TownsMethodFor(bounded, total int) string {
	switch {
	case bounded == 0:
		return TownsMethod
	case bounded >= total:
		return "real: the imported town boundaries"
	default:
		return fmt.Sprintf("mixed: %d of %d towns by their imported boundaries, the others approximate (the Voronoi cell of their seat)", bounded, total)
	}
}

// FactsNote says which of the layers behind the facts are illustrative.
const FactsNote = "示意数据：园区、地块、再开发区块、空间分区与约束图层（基本农田、生态保护红线、洪涝风险区）均为示意图形，仅县界与15个乡镇驻地为真实位置 / " +
	"Illustrative data: parks, parcels, redevelopment areas, zones and the constraints layer are schematic; only the county outline and 15 town seats are real"

// ConstraintMu returns the overlap with constraints of kind, and whether the layer holds that kind at all.
func (f *Facts) ConstraintMu(kind string) (float64, bool) {
	if !slices.Contains(f.ConstraintKinds, kind) {
		return 0, false
	}
	for _, c := range f.Constraints {
		if c.Kind == kind {
			return c.OverlapMu, true
		}
	}
	return 0, true
}

// geometryFact returns a geometry fact by its declaration.
func (f *Facts) geometryFact(d FactDecl) (float64, bool) {
	if d.ConstraintKind != "" {
		return f.ConstraintMu(d.ConstraintKind)
	}
	switch d.Name {
	case "site_area_mu":
		return f.SiteAreaMu, true
	case "area_mu":
		return f.AreaMu, true
	case "outside_county_mu":
		return f.OutsideCountyMu, true
	case "overlap_parks_mu":
		return f.OverlapParksMu, true
	case "overlap_other_parks_mu":
		return f.OverlapOtherParksMu, true
	case "overlap_redevelopment_mu":
		return f.OverlapRedevelopmentMu, true
	}
	return 0, false
}

// derive computes the summary facts from the measured ones: areas in 亩, the site area and its basis,
// inside_county, overlap sums. The Service calls it on what the store measured.
func (f *Facts) derive() {
	totalMu := geodesy.MuFromSquareMetres(f.AreaM2)
	for _, s := range [][]AreaShare{f.Zones, f.Towns} {
		for i := range s {
			if totalMu > 0 {
				s[i].Share = geodesy.Round(s[i].AreaMu/totalMu, 4)
			}
			s[i].AreaMu = geodesy.Round(s[i].AreaMu, 4)
		}
	}
	for _, l := range [][]Overlap{f.OverlapParks, f.OverlapRedevelopment} {
		for i := range l {
			l[i].OverlapMu = geodesy.Round(l[i].OverlapMu, 4)
		}
	}
	for _, c := range f.Constraints {
		for i := range c.Areas {
			c.Areas[i].OverlapMu = geodesy.Round(c.Areas[i].OverlapMu, 4)
		}
	}
	if f.NearestPark != nil {
		f.NearestPark.DistanceM = geodesy.Round(f.NearestPark.DistanceM, 1)
	}
	f.AreaMu = geodesy.Round(geodesy.MuFromSquareMetres(f.AreaM2), 4)
	f.AreaM2 = geodesy.Round(f.AreaM2, 2)
	f.SiteAreaMu, f.SiteAreaBasis = geodesy.Round(f.AreaMu, 2), "measured"
	if f.Parcel != nil {
		f.SiteAreaMu, f.SiteAreaBasis = f.Parcel.RecordedAreaMu, "recorded"
	}
	f.OutsideCountyMu = geodesy.Round(f.OutsideCountyMu, 4)
	switch {
	case f.OutsideCountyMu < 0.005:
		f.InsideCounty, f.OutsideCountyMu = InsideFully, 0
	case f.OutsideCountyMu >= f.AreaMu-0.005:
		f.InsideCounty = InsideOutside
	default:
		f.InsideCounty = InsidePartly
	}
	f.OverlapParksMu, f.OverlapOtherParksMu = 0, 0
	for _, o := range f.OverlapParks {
		f.OverlapParksMu += o.OverlapMu
		if !o.Own {
			f.OverlapOtherParksMu += o.OverlapMu
		}
	}
	f.OverlapParksMu, f.OverlapOtherParksMu = geodesy.Round(f.OverlapParksMu, 4), geodesy.Round(f.OverlapOtherParksMu, 4)
	f.OverlapRedevelopmentMu = 0
	for _, o := range f.OverlapRedevelopment {
		f.OverlapRedevelopmentMu += o.OverlapMu
	}
	f.OverlapRedevelopmentMu = geodesy.Round(f.OverlapRedevelopmentMu, 4)
	for i := range f.Constraints {
		var s float64
		for _, a := range f.Constraints[i].Areas {
			s += a.OverlapMu
		}
		f.Constraints[i].OverlapMu = geodesy.Round(s, 4)
	}
	f.Point = [2]float64{geodesy.Round(f.Point[0], 7), geodesy.Round(f.Point[1], 7)}
	for i := range f.BBox {
		f.BBox[i] = geodesy.Round(f.BBox[i], 7)
	}
	if f.TownsMethod == "" {
		f.TownsMethod = TownsMethod
	}
	f.Note = FactsNote
}
