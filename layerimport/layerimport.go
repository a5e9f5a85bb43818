// Package layerimport holds the rules of a layer import's preview (issue 10), pure Go: which
// constraint kinds exist and the names a bureau's file may give them, what each per-feature finding
// means (blocking or a warning), and how a preview is printed. The store measures (internal/postgis);
// this package decides what the measurements mean, so that the command line and, later, the page give
// the same verdict.
package layerimport

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// LayerConstraints is the one layer this slice imports.
const LayerConstraints = "constraints"

// ConstraintKinds are the kinds the eligibility rules read (data/rules: constraint_kind) and 城镇开发边界
// (三区三线), each with the names a file may use for it. The canonical name is the rules file's: a
// file's 永久基本农田 is stored as 基本农田, so that the rule "不占用基本农田" sees it.
var constraintKinds = []struct {
	Kind    string
	Aliases []string
}{
	{"基本农田", []string{"永久基本农田", "基本农田保护区", "JBNT", "YJJBNT"}},
	{"生态保护红线", []string{"生态红线", "STBHHX"}},
	{"城镇开发边界", []string{"城镇开发边界线", "CZKFBJ"}},
	{"洪涝风险区", []string{"洪水风险区", "洪涝风险", "flood", "flood risk"}},
}

// ConstraintKinds returns the canonical kinds, in a fixed order.
func ConstraintKinds() []string {
	out := make([]string, len(constraintKinds))
	for i, k := range constraintKinds {
		out[i] = k.Kind
	}
	return out
}

// KindAliases returns two parallel lists, every accepted spelling (canonical ones included) and the
// canonical kind it stands for, for the store to map a staged field in one statement.
func KindAliases() (aliases, kinds []string) {
	for _, k := range constraintKinds {
		aliases = append(aliases, k.Kind)
		kinds = append(kinds, k.Kind)
		for _, a := range k.Aliases {
			aliases = append(aliases, a)
			kinds = append(kinds, k.Kind)
		}
	}
	return aliases, kinds
}

// NormalizeKind returns the canonical kind of s (trimmed, case-insensitive for Latin spellings), or
// false when s names no known kind.
func NormalizeKind(s string) (string, bool) {
	s = strings.TrimSpace(s)
	aliases, kinds := KindAliases()
	for i, a := range aliases {
		if strings.EqualFold(a, s) {
			return kinds[i], true
		}
	}
	return "", false
}

// Finding codes, one per per-feature check.
const (
	Invalid       = "invalid"        // ST_IsValid false; Detail is ST_IsValidReason
	Empty         = "empty"          // no geometry, or an empty one
	UnknownKind   = "unknown_kind"   // the kind field's value (Detail) names no known kind
	NoID          = "no_id"          // the id field is empty
	DuplicateID   = "duplicate_id"   // the id appears on more than one feature (Detail: how many)
	OutsideCounty = "outside_county" // Mu 亩 lie outside the county; Detail "entirely" or "partly"
	Unmatched     = "unmatched"      // a park or town the file names (Detail) is none of the plan's: a warning
	Merged        = "merged"         // several features make up one park (Detail: how many): a warning
	BadNumber     = "bad_number"     // a number field (Detail: field: value) holds no number, or a year out of range
)

// warnings are the finding codes that never stop a publish.
var warnings = map[string]bool{Unmatched: true, Merged: true}

// redevelopmentKinds are 专栏3's four kinds of low-efficiency land and the names a file may use.
var redevelopmentKinds = []struct {
	Kind    string
	Aliases []string
}{
	{"旧厂房", []string{"老厂房", "旧工业厂房", "old factory"}},
	{"低效工业区块", []string{"低效工业用地", "低效用地", "低效工业区"}},
	{"闲置土地", []string{"闲置地", "闲置用地", "idle land"}},
	{"拆后土地", []string{"拆后地块", "拆后用地", "拆迁后土地"}},
}

// RedevelopmentKindAliases returns, like KindAliases, every accepted spelling of a redevelopment
// kind and the canonical kind it stands for.
func RedevelopmentKindAliases() (aliases, kinds []string) {
	for _, k := range redevelopmentKinds {
		aliases = append(aliases, k.Kind)
		kinds = append(kinds, k.Kind)
		for _, a := range k.Aliases {
			aliases = append(aliases, a)
			kinds = append(kinds, k.Kind)
		}
	}
	return aliases, kinds
}

// Finding is one feature's fault. Fid is GDAL's feature number in the file (from 1 in staging).
type Finding struct {
	Fid    int64   `json:"fid"`
	ID     string  `json:"id"`
	Code   string  `json:"code"`
	Detail string  `json:"detail,omitempty"`
	Mu     float64 `json:"mu,omitempty"`
}

// Blocking says whether the finding stops a publish. An unmatched park or town and a park in parts
// are warnings (the feature is left out, or merged, and the preview lists it). A feature partly
// outside the county is a warning (a bureau's layer often runs a little past the county line); one
// wholly outside is an error (the wrong file, or the wrong CRS).
func (f Finding) Blocking() bool {
	if warnings[f.Code] {
		return false
	}
	return f.Code != OutsideCounty || f.Detail == "entirely"
}

// Repair is what ST_MakeValid did to one invalid feature under -repair.
type Repair struct {
	Fid      int64   `json:"fid"`
	ID       string  `json:"id"`
	Reason   string  `json:"reason"`
	BeforeMu float64 `json:"before_mu"`
	AfterMu  float64 `json:"after_mu"`
}

// Change is one feature of the diff against the current version.
type Change struct {
	Change   string   `json:"change"` // added, removed, changed
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	BeforeMu *float64 `json:"before_mu,omitempty"`
	AfterMu  *float64 `json:"after_mu,omitempty"`
}

// KindTotal is one kind's count and area in the staged file.
type KindTotal struct {
	Kind  string  `json:"kind"`
	Count int     `json:"count"`
	Mu    float64 `json:"mu"`
}

// Preview is everything an import shows before anything changes.
type Preview struct {
	Layer    string            `json:"layer"`
	File     string            `json:"file"`
	SHA256   string            `json:"sha256"`
	Count    int               `json:"count"`
	Extent   [4]float64        `json:"extent"` // min lon, min lat, max lon, max lat
	CRSRead  string            `json:"crs_read"`
	CRSUsed  string            `json:"crs_used"`
	Encoding string            `json:"encoding"`
	Mapping  map[string]string `json:"mapping"`
	TotalMu  float64           `json:"total_mu"`
	Kinds    []KindTotal       `json:"kinds"`
	Findings []Finding         `json:"findings"`
	Repairs  []Repair          `json:"repairs"`
	// Current is the version the diff is against (0: the bundled illustrative layer).
	Current int `json:"current_version"`
	// Diff lists the changes, at most MaxDiffListed of them (a county's first cadastre adds 200,000
	// parcels); DiffTotals counts them all.
	Diff          []Change   `json:"diff"`
	DiffTotals    DiffTotals `json:"diff_totals"`
	DiffTruncated bool       `json:"diff_truncated,omitempty"`
	// Published is the version this import became (0: a dry run, or refused).
	Published int `json:"published_version,omitempty"`
	// Timings are the milliseconds of each step (stage, check, publish), for the progress report.
	Timings map[string]float64 `json:"timings_ms,omitempty"`
	// Source is how the file was read (dataset, CRS and encoding reasons, its fields).
	Source Source `json:"source"`
	// Suggested is the mapping the importer proposes from the file's field names and values (layer
	// field -> file field, with why), whether or not the request used it.
	Suggested []Suggestion `json:"suggested,omitempty"`
	// Area compares the mapped area field with the drawn areas (nil: no area field mapped).
	Area *AreaCheck `json:"area_check,omitempty"`
	// Staged is a GeoJSON FeatureCollection (lon/lat) of the first Request.PreviewFeatures staged
	// features, for the page's map; StagedTruncated says the file has more.
	Staged          json.RawMessage `json:"staged,omitempty"`
	StagedTruncated bool            `json:"staged_truncated,omitempty"`
}

// MaxDiffListed is how many changes a preview lists; the totals count every one.
const MaxDiffListed = 2000

// DiffTotals counts a diff's changes and their 亩 (after for added and changed, before for removed).
type DiffTotals struct {
	Added     int     `json:"added"`
	Removed   int     `json:"removed"`
	Changed   int     `json:"changed"`
	AddedMu   float64 `json:"added_mu"`
	RemovedMu float64 `json:"removed_mu"`
}

// Count adds one change to the totals.
func (t *DiffTotals) Count(c Change) {
	switch c.Change {
	case "added":
		t.Added++
		if c.AfterMu != nil {
			t.AddedMu += *c.AfterMu
		}
	case "removed":
		t.Removed++
		if c.BeforeMu != nil {
			t.RemovedMu += *c.BeforeMu
		}
	case "changed":
		t.Changed++
	}
}

// Suggestion is one proposed mapping of a layer field to a file field.
type Suggestion struct {
	Field    string `json:"field"`  // the layer's
	Source   string `json:"source"` // the file's
	Reason   string `json:"reason"`
	ReasonZh string `json:"reason_zh"`
}

// AreaCheck is the file's own area field against the drawn areas (spheroid): the unit it is in (told
// from the ratio of the two, or given), the sums in 亩 and the features that disagree.
type AreaCheck struct {
	Field      string  `json:"field"`
	Unit       string  `json:"unit"` // 公顷, 亩 or ㎡
	UnitReason string  `json:"unit_reason"`
	UnitZh     string  `json:"unit_reason_zh"`
	FileMu     float64 `json:"file_mu"`  // the field's values summed, in 亩
	DrawnMu    float64 `json:"drawn_mu"` // the same features' drawn 亩
	Features   int     `json:"features"` // features with a value
	// Disagree lists features whose field and drawn area differ by more than DisagreeShare (at most
	// MaxDiffListed of them); DisagreeCount counts them all.
	Disagree      []AreaDisagreement `json:"disagree,omitempty"`
	DisagreeCount int                `json:"disagree_count"`
}

// AreaDisagreement is one feature whose area field and drawn area differ.
type AreaDisagreement struct {
	Fid     int64   `json:"fid"`
	ID      string  `json:"id"`
	FileMu  float64 `json:"file_mu"`
	DrawnMu float64 `json:"drawn_mu"`
}

// Blocking returns the findings that stop a publish.
func (p Preview) Blocking() []Finding {
	var out []Finding
	for _, f := range p.Findings {
		if f.Blocking() {
			out = append(out, f)
		}
	}
	return out
}

// DiffCounts returns how many features the diff adds, removes and changes.
func (p Preview) DiffCounts() (added, removed, changed int) {
	t := p.DiffTotals
	if t == (DiffTotals{}) {
		for _, c := range p.Diff {
			t.Count(c)
		}
	}
	return t.Added, t.Removed, t.Changed
}

// WriteText prints the preview for a person: the summary, every finding, every repair and the diff.
func (p Preview) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "layer:    %s\nfile:     %s\nsha256:   %s\n", p.Layer, p.File, p.SHA256)
	fmt.Fprintf(&b, "features: %d, %.2f 亩 (on the spheroid)\n", p.Count, p.TotalMu)
	fmt.Fprintf(&b, "extent:   %.6f,%.6f %.6f,%.6f (lon/lat)\n", p.Extent[0], p.Extent[1], p.Extent[2], p.Extent[3])
	read := p.CRSRead
	if read == "" {
		read = "none in the file"
	}
	fmt.Fprintf(&b, "crs:      read %s; used %s\n", read, p.CRSUsed)
	enc := p.Encoding
	if enc == "" {
		enc = "GDAL's default (.cpg where present, else UTF-8)"
	}
	fmt.Fprintf(&b, "encoding: %s\n", enc)
	keys := make([]string, 0, len(p.Mapping))
	for k := range p.Mapping {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "mapping:  %s <- %s\n", k, p.Mapping[k])
	}
	for _, k := range p.Kinds {
		fmt.Fprintf(&b, "kind:     %s: %d features, %.2f 亩\n", k.Kind, k.Count, k.Mu)
	}
	for _, f := range p.Findings {
		level := "warning"
		if f.Blocking() {
			level = "ERROR"
		}
		fmt.Fprintf(&b, "%s fid %d id %q: %s", level, f.Fid, f.ID, f.Code)
		if f.Detail != "" {
			fmt.Fprintf(&b, ": %s", f.Detail)
		}
		if f.Mu != 0 {
			fmt.Fprintf(&b, " (%.2f 亩)", f.Mu)
		}
		b.WriteByte('\n')
	}
	for _, r := range p.Repairs {
		fmt.Fprintf(&b, "repaired fid %d id %q: %s; %.2f 亩 -> %.2f 亩 (%+.2f)\n", r.Fid, r.ID, r.Reason, r.BeforeMu, r.AfterMu, r.AfterMu-r.BeforeMu)
	}
	added, removed, changed := p.DiffCounts()
	fmt.Fprintf(&b, "diff against version %d: %d added, %d removed, %d changed\n", p.Current, added, removed, changed)
	for _, c := range p.Diff {
		fmt.Fprintf(&b, "  %-7s %s (%s)%s\n", c.Change, c.ID, c.Kind, muChange(c.BeforeMu, c.AfterMu))
	}
	if p.DiffTruncated {
		fmt.Fprintf(&b, "  … %d more not listed\n", added+removed+changed-len(p.Diff))
	}
	switch {
	case p.Published > 0:
		fmt.Fprintf(&b, "published as version %d\n", p.Published)
	case len(p.Blocking()) > 0:
		fmt.Fprintf(&b, "not published: %d blocking findings\n", len(p.Blocking()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func muChange(before, after *float64) string {
	switch {
	case before != nil && after != nil:
		return fmt.Sprintf(" %.2f 亩 -> %.2f 亩", *before, *after)
	case after != nil:
		return fmt.Sprintf(" %.2f 亩", *after)
	case before != nil:
		return fmt.Sprintf(" %.2f 亩", *before)
	}
	return ""
}
