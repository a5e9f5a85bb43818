// Package geo is parkmap's domain: the plan's parks, zones, towns, tables and targets, the illustrative
// geometries drawn for them, units, and the checks that need no database. It imports the standard
// library, orb and go-geom only.
package plan

import "github.com/paulmach/orb"

// Status is a park's construction status in the plan's own words (as of 2018-10).
type Status string

// The four statuses the plan uses: 附件3 (已竣工), 附件4 (在建), 附件5 (新建 / 拟建).
const (
	StatusCompleted   Status = "已竣工"
	StatusUnderway    Status = "在建"
	StatusNew         Status = "新建"
	StatusProposed    Status = "拟建"
	ProvenanceReal           = "real"
	ProvenanceIllustr        = "illustrative"
)

// Statuses lists the statuses in the order the plan presents them.
var Statuses = []Status{StatusCompleted, StatusUnderway, StatusNew, StatusProposed}

// Valid reports whether s is one of the plan's four statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// Phase is one construction phase of a park as §三 describes it.
type Phase struct {
	Phase          string   `json:"phase"`
	AreaMu         *float64 `json:"area_mu"`
	AreaApprox     bool     `json:"area_approx,omitempty"`
	BuildingWanM2  *float64 `json:"building_wan_m2"`
	BuildingApprox bool     `json:"building_approx,omitempty"`
	Note           string   `json:"note"`
	Clause         string   `json:"clause"`
}

// Park is one of the plan's 20 park rows. Figures are the plan's; Geometry is illustrative.
type Park struct {
	ID                    string   `json:"id"`
	Seq                   int      `json:"seq"`
	Name                  string   `json:"name"`
	Aliases               []string `json:"aliases"`
	NameAlt               string   `json:"name_alt,omitempty"` // another name the plan uses for the same row
	NameAltSource         string   `json:"name_alt_source,omitempty"`
	Town                  string   `json:"town"`
	Zone                  string   `json:"zone"`
	ZoneBasis             string   `json:"zone_basis"` // "named" in §二(四) or "inferred" from the town
	ZoneClause            string   `json:"zone_clause"`
	Status                Status   `json:"status"`
	PlanAreaMu            float64  `json:"plan_area_mu"`
	EnterpriseLandMu      *float64 `json:"enterprise_land_mu"`
	EnterpriseLandAlt     string   `json:"enterprise_land_alt,omitempty"`
	EnterpriseLandAltSrc  string   `json:"enterprise_land_alt_source,omitempty"`
	BuildingAreaWanM2     float64  `json:"building_area_wan_m2"`
	BuildingAreaAltWanM2  *float64 `json:"building_area_alt_wan_m2,omitempty"`
	BuildingAreaAltSource string   `json:"building_area_alt_source,omitempty"`
	Industries            []string `json:"industries"`
	Firms                 int      `json:"firms"`
	FirmsBasis            string   `json:"firms_basis"` // "入驻" (in the park, 2018-10) or "计划" (planned)
	DevMode               string   `json:"dev_mode"`
	DevModeNote           string   `json:"dev_mode_note,omitempty"`
	ParkType              string   `json:"park_type"`
	Construction          string   `json:"construction"`
	CountsAsParks         int      `json:"counts_as_parks,omitempty"`
	CountsAsParksNote     string   `json:"counts_as_parks_note,omitempty"`
	Sources               []string `json:"sources"`
	Phases                []Phase  `json:"phases"`

	// Provenance and ProvenanceNote are the shape's: "real" with its source, or "illustrative" and why.
	Provenance     string           `json:"provenance,omitempty"`
	ProvenanceNote string           `json:"provenance_note,omitempty"`
	Geometry       orb.MultiPolygon `json:"-"`
}

// Town is a township-level unit with its seat point.
type Town struct {
	Code           string    `json:"code"`
	Name           string    `json:"name"`
	Kind           string    `json:"kind"`
	Seat           orb.Point `json:"-"`
	SeatProvenance string    `json:"seat_provenance"` // "real" or "illustrative"
	SeatSource     string    `json:"seat_source"`
	Zone           string    `json:"zone"`
	ZoneBasis      string    `json:"zone_basis"`
}

// Zone is one of the three spatial zones of §二(四). Its polygon is derived at load time.
type Zone struct {
	ID          string   `json:"id"`
	NameZh      string   `json:"name_zh"`
	NameEn      string   `json:"name_en"`
	Clause      string   `json:"clause"`
	Description string   `json:"description"`
	Industries  []string `json:"industries"`
	Color       string   `json:"color"`
	// Provenance and ProvenanceNote are the derived polygon's (see Park).
	Provenance     string `json:"provenance,omitempty"`
	ProvenanceNote string `json:"provenance_note,omitempty"`
}

// Target is one quantified 2022 target of §二(五), with its baseline where the plan states one and
// the path the plan's yearly tables give towards it, where they give one.
type Target struct {
	ID             string      `json:"id"`
	NameZh         string      `json:"name_zh"`
	NameEn         string      `json:"name_en"`
	Unit           string      `json:"unit"`
	Comparator     string      `json:"comparator"`
	Target         float64     `json:"target"`
	Year           int         `json:"year"`
	Clause         string      `json:"clause"`
	Text           string      `json:"text"`
	Baseline       *float64    `json:"baseline,omitempty"`
	BaselineAsOf   string      `json:"baseline_as_of,omitempty"`
	BaselineSource string      `json:"baseline_source,omitempty"`
	BaselineNote   string      `json:"baseline_note,omitempty"`
	Path           *TargetPath `json:"path,omitempty"`
}

// TargetPath says how the plan's yearly tables trace a target year by year.
type TargetPath struct {
	// Kind is "cumulative" (a measure added up from 2018), "annual" (the year's own figure) or
	// "parks_in_use" (parks counted from the first year a completion is planned for them).
	Kind     string   `json:"kind"`
	Measure  string   `json:"measure,omitempty"`
	Tables   []string `json:"tables,omitempty"`
	Statuses []Status `json:"statuses,omitempty"`
	Partial  bool     `json:"partial,omitempty"` // the tables cover only part of what the target counts
	Note     string   `json:"note"`
}

// County is the county outline with its attribution.
type County struct {
	Name           string
	Adcode         string
	Source         string
	Provenance     string
	ProvenanceNote string
	Geometry       orb.MultiPolygon
}
