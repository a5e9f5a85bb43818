// Package parkfacts is what a planner knows now about a park, beside what the plan printed (issue 12):
// status, firms in residence, industries, development mode, operator, contact, notes and the year the
// county recognised (认定) the park. It is pure Go above apperr and accounts: the facts, their
// validation, the change a PATCH asks for, and a Service that web calls; the database side is
// internal/postgis (Store), which keeps the facts apart from the plan's figures so that a reload of
// the plan never touches them.
package parkfacts

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/pingyang/parkmap/plan"
)

// StatusRecognised is the status of a park the county has recognised (认定) as a small and micro
// enterprise park, the programme's word after the plan's four.
const StatusRecognised = "已认定"

// Statuses are the statuses a park may have now: the plan's four (plan.Statuses) and 已认定. The
// schema's CHECK park_facts_status_known holds the same list; a test compares them.
var Statuses = func() []string {
	var out []string
	for _, s := range plan.Statuses {
		out = append(out, string(s))
	}
	return append(out, StatusRecognised)
}()

// DevModes are the development modes (开发模式) as the plan names them (表2, 附件3–5); the schema's
// CHECK park_facts_dev_mode_known holds the same list. A closed list, so that the map's filter keeps
// one value per mode.
var DevModes = []string{"工业地产", "龙头企业开发", "政府主导企业自建", "国资公司代建", "待定"}

// FirstRecognitionYear is the earliest recognition year: the plan's first year.
const FirstRecognitionYear = 2018

// Limits of the free-text facts, in characters, and of the industries list.
const (
	MaxOperator     = 100
	MaxContact      = 100
	MaxNotes        = 2000
	MaxIndustries   = 12
	MaxIndustry     = 20
	MaxFirms        = 100000
	ActionParkFacts = "park.facts" // the audit log's action of an edit
	Table           = "park_facts" // the audit log's table of an edit
)

// Facts are a park's current facts. A nil field has no current value: the plan's stands.
type Facts struct {
	Status           *string  `json:"status"`
	FirmsInResidence *int     `json:"firms_in_residence"`
	Industries       []string `json:"industries"`
	DevelopmentMode  *string  `json:"development_mode"`
	Operator         *string  `json:"operator"`
	Contact          *string  `json:"contact"`
	Notes            *string  `json:"notes"`
	RecognitionYear  *int     `json:"recognition_year"`
}

// Equal reports whether f and g hold the same facts.
func (f Facts) Equal(g Facts) bool {
	eqS := func(a, b *string) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	eqI := func(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	return eqS(f.Status, g.Status) && eqI(f.FirmsInResidence, g.FirmsInResidence) &&
		(f.Industries == nil) == (g.Industries == nil) && slices.Equal(f.Industries, g.Industries) &&
		eqS(f.DevelopmentMode, g.DevelopmentMode) && eqS(f.Operator, g.Operator) && eqS(f.Contact, g.Contact) &&
		eqS(f.Notes, g.Notes) && eqI(f.RecognitionYear, g.RecognitionYear)
}

// Plan is what the plan printed for the facts that can change: what an edit never rewrites.
type Plan struct {
	Status          string   `json:"status"`
	Firms           int      `json:"firms"`
	FirmsBasis      string   `json:"firms_basis"` // 入驻 (in residence) or 计划 (planned)
	Industries      []string `json:"industries"`
	DevelopmentMode string   `json:"development_mode"`
}

// Record is one park's facts as GET /api/parks/{id}/facts answers: the current facts, the plan's
// beside them, and the version an edit must name (0: never edited).
type Record struct {
	ParkID    string     `json:"park_id"`
	Name      string     `json:"name"`
	Facts     Facts      `json:"facts"`
	Plan      Plan       `json:"plan"`
	Version   int64      `json:"version"`
	UpdatedAt *time.Time `json:"updated_at"`
	// UpdatedBy is the user name of the last editor; web shows it to logged-in users only.
	UpdatedBy string `json:"updated_by,omitempty"`
	// DatasetVersion, in an edit's answer, is the dataset version the edit made: the version that
	// keys tiles and ETags from now on (a client asks for tiles at it to see the edit at once).
	DatasetVersion string `json:"dataset_version,omitempty"`
}

// Audited is the facts as an audit row's before and after hold them: the facts and their version.
type Audited struct {
	Facts
	Version int64 `json:"version"`
}

// HistoryEntry is one edit of a park's facts, from the audit log: who (the user name, and their
// display name and unit where the account exists), when, and the facts before and after.
type HistoryEntry struct {
	ID          int64           `json:"id"`
	At          time.Time       `json:"at"`
	Actor       string          `json:"actor"`
	DisplayName string          `json:"display_name"`
	Unit        string          `json:"unit"`
	Before      json.RawMessage `json:"before"`
	After       json.RawMessage `json:"after"`
}

// MaxHistory bounds one answer of a park's history.
const MaxHistory = 200
