// Package evaluations is the county's park evaluation (绩效评价, issue 12): each year's notice (a Round:
// issuer, date, method, the nine dimensions, how many parks it graded and how many got each grade) and
// the parks' grades where they are known. It is pure Go above apperr, accounts and plan: the values,
// the validation of a planner's grade, and a Service that web calls; the database side is
// internal/postgis (Store). A round's counts and its known grades are kept apart on purpose: the
// 2025 notice graded 11 parks and names 4, and the product says so rather than guess the other 7.
package evaluations

import (
	"time"

	"github.com/pingyang/parkmap/apperr"

	"github.com/pingyang/parkmap/plan"
)

// Limits of a grade's texts, in characters (the schema's CHECKs hold the same).
const (
	MaxSource       = 300
	MaxNameInNotice = 100
	// ActionEvaluation is the audit log's action of a grade set or removed, Table its table.
	ActionEvaluation = "park.evaluation"
	Table            = "park_evaluations"
)

// Round is one year's evaluation notice as the API answers it: the notice (plan.EvaluationRound) and
// GradesKnown, how many of the parks it graded have a grade here. ParksEvaluated − GradesKnown parks
// were graded by the notice but are not known to parkmap: "no data", never guessed.
type Round struct {
	plan.EvaluationRound
	GradesKnown int `json:"grades_known"`
}

// Grade is one park's grade in one year as the API answers it: the grade (plan.ParkEvaluation) and
// the plan's name of the park beside the notice's.
type Grade struct {
	plan.ParkEvaluation
	ParkName string `json:"park_name"`
}

// Overview is GET /api/evaluations: every round with its counts and every known grade.
type Overview struct {
	Grades []string `json:"grade_scale"` // A, B, C, D
	Rounds []Round  `json:"rounds"`
	Parks  []Grade  `json:"grades"`
}

// ParkRecord is GET /api/parks/{id}/evaluations: the park's grades by year, newest first, and the
// rounds (so that a card can say how many parks each year's notice graded and how many are known).
type ParkRecord struct {
	ParkID      string  `json:"park_id"`
	Name        string  `json:"name"`
	Evaluations []Grade `json:"evaluations"`
	Rounds      []Round `json:"rounds"`
}

// Change is a grade set or removed, as PUT and DELETE answer: the grade as it is now (nil after a
// DELETE), as it was (nil if the park had none that year), and the dataset version the change made
// (the version that keys tiles from now on, so that the map can show the new colour at once).
type Change struct {
	ParkID         string `json:"park_id"`
	Year           int    `json:"year"`
	Grade          *Grade `json:"evaluation"`
	Before         *Grade `json:"before"`
	DatasetVersion string `json:"dataset_version,omitempty"`
}

// LastYear is the latest year a grade may be given for at now: the current year in China. A grade is
// the result of a notice already published, so no later year.
func LastYear(now time.Time) int { return plan.CurrentYear(now) }

// NotFound is a 404 naming the field at fault (the park's "id", or the "year" without a grade), with
// its message in English and Chinese, as a form's errors are.
func NotFound(field, en, zh string) error {
	return &apperr.Error{Code: apperr.NotFound, Field: field, Message: en,
		Fields: []apperr.FieldError{{Field: field, Message: en, MessageZh: zh}}}
}
