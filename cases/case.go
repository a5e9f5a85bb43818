// Package cases is the land bureau's register of eligibility checks (issue 12): a check saved as a
// numbered case (平阳准入〔2026〕0001号) with the request as submitted, the shape as checked, the
// proposal and the answer as returned under the rules of the day; listed, searched and reopened
// beside today's answer when the rules have changed since. Cases are never changed or deleted.
package cases

import (
	"encoding/json"
	"time"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/eligibility"
)

// Audit log entries of the register.
const (
	ActionCase = "eligibility.case" // the audit log's action of a saved case
	Table      = "eligibility_cases"
)

// Limits of the register's requests.
const (
	MaxNote      = 2000 // runes of a case's note
	DefaultLimit = 50
	MaxLimit     = 200
	maxSearch    = 64 // runes of a number or parcel search
	// MaxExport is the most cases one CSV or xlsx export holds: a register of a few thousand cases a
	// year fits; more asks for narrower filters rather than a file no one can open.
	MaxExport = 10000
)

// Case is a saved check as the register holds it. A list leaves out the request, geometry and
// answer (empty here) and fills the summary instead.
type Case struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	// Request is the body as submitted (the note taken out): the parcel id or the geometry in its CRS.
	Request json.RawMessage `json:"request,omitempty"`
	CRS     string          `json:"crs"`
	// Geometry is the shape as checked, converted to EPSG:4326 (GeoJSON, lon/lat).
	Geometry     json.RawMessage `json:"geometry,omitempty"`
	Proposal     json.RawMessage `json:"proposal"`
	Answer       json.RawMessage `json:"answer,omitempty"`
	RulesVersion string          `json:"rules_version"`
	Verdict      string          `json:"verdict"`
	ParcelID     *string         `json:"parcel_id"`
	Note         string          `json:"note"`
	CreatedBy    string          `json:"created_by"`
	// CreatedByName and CreatedByUnit are the reviewer's 姓名 and 单位 as their account has them now.
	CreatedByName string    `json:"created_by_name"`
	CreatedByUnit string    `json:"created_by_unit"`
	CreatedAt     time.Time `json:"created_at"`
	// In a list: the answer's summary and the area checked.
	SummaryZh string   `json:"summary_zh,omitempty"`
	SummaryEn string   `json:"summary_en,omitempty"`
	AreaMu    *float64 `json:"area_mu,omitempty"`
}

// NewCase is what a save writes: the service has run the check itself.
type NewCase struct {
	Request      json.RawMessage
	CRS          string
	Geometry     orb.MultiPolygon // WGS84 lon/lat, as the check measured it
	Proposal     json.RawMessage
	Answer       json.RawMessage
	RulesVersion string
	Verdict      string
	ParcelID     string // "" for a drawn geometry
	Note         string
}

// Reopened is a case with, when the rules in force are not those it was checked under, the answer
// the same request gets today (or why it gets none).
type Reopened struct {
	Case
	Today *eligibility.Answer `json:"today,omitempty"`
	// TodayError says why today's rules could not answer the saved request (a proposal type since removed).
	TodayError string `json:"today_error,omitempty"`
}

// Query filters the register; zero values mean "any". Results are newest first.
type Query struct {
	Number  string // a part of the case number, e.g. 0007 or 〔2026〕
	Parcel  string // the parcel id, exactly
	Verdict string
	Since   time.Time // created at or after
	Until   time.Time // created before
	Limit   int
	Before  int64 // a case id: only older cases (the next page)
	// BBox, when set, is minLon, minLat, maxLon, maxLat (WGS84): cases whose shape intersects it.
	BBox []float64
	// Point, when set, is lon, lat (WGS84): cases whose shape contains or touches it.
	Point []float64
}
