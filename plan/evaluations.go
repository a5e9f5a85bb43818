package plan

import (
	"fmt"
	"slices"
	"time"
)

// Grades are the four grades (档次) of the county's park evaluation (绩效评价), best first. The schema's
// CHECK on park_evaluations.grade holds the same list; a test compares them.
var Grades = []string{"A", "B", "C", "D"}

// FirstEvaluationYear is the earliest year a grade may be entered for: the plan's first year.
const FirstEvaluationYear = 2018

// EvaluationRound is one year's evaluation notice as the county published it: who issued it and when,
// the method and the dimensions, how many parks it evaluated of how many recognised, and how many got
// each grade. The counts are the notice's; which parks got which grade is known only where the notice
// names them (ParkEvaluation).
type EvaluationRound struct {
	Year            int            `json:"year"`
	Issuer          string         `json:"issuer"`
	Title           string         `json:"title,omitempty"` // empty where the notice's title is not known
	Date            string         `json:"date"`            // YYYY-MM-DD
	Method          string         `json:"method"`
	Dimensions      []string       `json:"dimensions"`
	ParksEvaluated  int            `json:"parks_evaluated"`
	ParksRecognised int            `json:"parks_recognised"`
	GradeCounts     map[string]int `json:"grade_counts"`
	Source          string         `json:"source"`
}

// ParkEvaluation is one park's grade in one year: the park (the plan's id), the grade, the park's name
// as the notice prints it and why that name is this park (an explicit match, never a fuzzy one), and
// the source. Origin is "dataset" for the bundled grades and "planner" for those entered since.
type ParkEvaluation struct {
	ParkID       string    `json:"park_id"`
	Year         int       `json:"year"`
	Grade        string    `json:"grade"`
	NameInNotice string    `json:"name_in_notice,omitempty"`
	MatchNote    string    `json:"match_note,omitempty"`
	Source       string    `json:"source"`
	Origin       string    `json:"origin,omitempty"`
	EnteredBy    string    `json:"entered_by,omitempty"`
	EnteredAt    time.Time `json:"entered_at,omitzero"`
}

// Origins of a park's grade.
const (
	OriginDataset = "dataset"
	OriginPlanner = "planner"
)

// CheckEvaluations checks the bundled rounds and grades against each other and the parks: every
// round's counts add up to the parks it evaluated, no round names more parks of a grade than it
// counted, every grade is A–D for a known park in a year that has a round, and each park-year once.
func CheckEvaluations(rounds []EvaluationRound, grades []ParkEvaluation, parks []Park) error {
	byYear := map[int]EvaluationRound{}
	for _, r := range rounds {
		sum := 0
		for g, n := range r.GradeCounts {
			if !slices.Contains(Grades, g) || n < 0 {
				return fmt.Errorf("round %d: grade count %s=%d", r.Year, g, n)
			}
			sum += n
		}
		if sum != r.ParksEvaluated || r.ParksEvaluated > r.ParksRecognised {
			return fmt.Errorf("round %d: counts add up to %d, evaluated %d of %d", r.Year, sum, r.ParksEvaluated, r.ParksRecognised)
		}
		if _, err := time.Parse(time.DateOnly, r.Date); err != nil || r.Issuer == "" || r.Source == "" || len(r.Dimensions) == 0 {
			return fmt.Errorf("round %d: date %q, issuer, source and dimensions are required", r.Year, r.Date)
		}
		if _, dup := byYear[r.Year]; dup {
			return fmt.Errorf("round %d given twice", r.Year)
		}
		byYear[r.Year] = r
	}
	known := map[string]bool{}
	for _, p := range parks {
		known[p.ID] = true
	}
	seen := map[string]bool{}
	named := map[[2]any]int{}
	for _, e := range grades {
		key := fmt.Sprintf("%s/%d", e.ParkID, e.Year)
		switch r, ok := byYear[e.Year]; {
		case !known[e.ParkID]:
			return fmt.Errorf("grade %s: no such park", key)
		case !slices.Contains(Grades, e.Grade):
			return fmt.Errorf("grade %s: %q is not one of %v", key, e.Grade, Grades)
		case !ok:
			return fmt.Errorf("grade %s: no round for %d", key, e.Year)
		case seen[key]:
			return fmt.Errorf("grade %s given twice", key)
		case e.Source == "" || e.NameInNotice == "" || e.MatchNote == "":
			return fmt.Errorf("grade %s: source, name_in_notice and match_note are required", key)
		default:
			named[[2]any{e.Year, e.Grade}]++
			if named[[2]any{e.Year, e.Grade}] > r.GradeCounts[e.Grade] {
				return fmt.Errorf("grade %s: more parks graded %s than round %d counts", key, e.Grade, e.Year)
			}
		}
		seen[key] = true
	}
	return nil
}
