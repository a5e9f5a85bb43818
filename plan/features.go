package plan

import "github.com/paulmach/orb"

// Land sources of a supply parcel (§四(五)1: 存量和新增土地; 专栏3: 低效用地再开发, 拆后土地).
var LandSources = []string{"新增", "存量", "低效再开发", "拆后"}

// Parcel is an illustrative land-supply parcel that follows a yearly supply figure of 附件6 or 附件7.
type Parcel struct {
	Code        string  `json:"code"`
	ParkID      string  `json:"park_id"`
	Year        int     `json:"year"`
	AreaMu      float64 `json:"area_mu"`
	LandSource  string  `json:"land_source"`
	PlannedUse  string  `json:"planned_use"`
	PlotRatio   float64 `json:"plot_ratio"`
	Status      string  `json:"status"`
	SourceTable string  `json:"source_table"`
	Provenance  string  `json:"provenance"`
	// ProvenanceNote says where this parcel's shape comes from (real with its source, or why it is
	// illustrative); data.LoadDataset fills it from the layer's note when the feature has none.
	ProvenanceNote string           `json:"provenance_note,omitempty"`
	Geometry       orb.MultiPolygon `json:"-"`
}

// Redevelopment kinds: old factories make about a quarter of the area (专栏3).
var RedevelopmentKinds = []string{"旧厂房", "低效工业区块", "闲置土地", "拆后土地"}

// RedevelopmentArea is an illustrative low-efficiency land redevelopment area (专栏3: 3447.19 亩 in all).
type RedevelopmentArea struct {
	ID               string           `json:"id"`
	Name             string           `json:"name"`
	Town             string           `json:"town"`
	Kind             string           `json:"kind"`
	SiteAreaMu       float64          `json:"site_area_mu"`
	CurrentPlotRatio float64          `json:"current_plot_ratio"`
	Provenance       string           `json:"provenance"`
	ProvenanceNote   string           `json:"provenance_note,omitempty"` // as Parcel.ProvenanceNote
	Geometry         orb.MultiPolygon `json:"-"`
}

// Constraint kinds of the conformity overlay (§二(四), §四(一)1): basic farmland and the ecological
// red line rule a park out; a flood risk zone needs a flood assessment first.
const (
	ConstraintFarmland   = "基本农田"
	ConstraintEcoRedLine = "生态保护红线"
	ConstraintFloodZone  = "洪涝风险区"
)

// ConstraintKinds lists the kinds the constraints layer may hold.
var ConstraintKinds = []string{ConstraintFarmland, ConstraintEcoRedLine, ConstraintFloodZone}

// Constraint is one area of the constraints layer. The bundled ones are illustrative, drawn so that the
// conformity rules are exercised; they are not the land bureau's data.
type Constraint struct {
	ID         string           `json:"id"`
	Kind       string           `json:"kind"`
	Name       string           `json:"name"`
	Provenance string           `json:"provenance"`
	SourceNote string           `json:"source_note"`
	Geometry   orb.MultiPolygon `json:"-"`
}

// Dataset is everything parkmap loads: the plan's figures and the drawn geometries.
type Dataset struct {
	County        County
	Towns         []Town
	Zones         []Zone
	Parks         []Park
	Tables        []PlanTable
	Targets       []Target
	Parcels       []Parcel
	Redevelopment []RedevelopmentArea
	Constraints   []Constraint
	// KnownInconsistencies maps a Finding ID to a note on the plan's own inconsistency it records.
	KnownInconsistencies map[string]string
	// EvaluationRounds and Evaluations are the park evaluations already public (issue 12): the
	// rounds' notices and the grades they name, each with its source (seed/evaluations.json).
	EvaluationRounds []EvaluationRound
	Evaluations      []ParkEvaluation
}
