package evaluations

import (
	"context"
	"time"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/plan"
)

// Store is what the service needs from the database.
type Store interface {
	// Rounds returns every round, newest first, each with how many of its grades are known.
	Rounds(ctx context.Context) ([]Round, error)
	// Grades returns the known grades of every park, by year (newest first) then the plan's order.
	Grades(ctx context.Context) ([]Grade, error)
	// ParkGrades returns one park's name and grades, newest first; apperr.NotFound (field "id") if
	// the plan has no such park.
	ParkGrades(ctx context.Context, parkID string) (string, []Grade, error)
	// PutGrade sets the park's grade of e.Year, replacing any (the dataset's included), with its audit
	// row in one transaction; apperr.NotFound (field "id") for an unknown park. A grade equal to the
	// one in place changes nothing and writes nothing.
	PutGrade(ctx context.Context, a accounts.Actor, e plan.ParkEvaluation) (Change, error)
	// DeleteGrade removes the park's grade of year, with its audit row, in one transaction;
	// apperr.NotFound for an unknown park (field "id") or a year without a grade (field "year").
	DeleteGrade(ctx context.Context, a accounts.Actor, parkID string, year int) (Change, error)
}

// Service is the evaluations' use cases: the overview, a park's grades, and a planner's edit of one.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service on store; now is the clock that decides the current year (nil:
// time.Now), injected so that a test can stand on 31 December in China.
func NewService(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// Overview returns every round and every known grade.
func (s *Service) Overview(ctx context.Context) (Overview, error) {
	rounds, err := s.store.Rounds(ctx)
	if err != nil {
		return Overview{}, err
	}
	grades, err := s.store.Grades(ctx)
	if err != nil {
		return Overview{}, err
	}
	return Overview{Grades: plan.Grades, Rounds: rounds, Parks: grades}, nil
}

// Park returns a park's grades by year with the rounds.
func (s *Service) Park(ctx context.Context, parkID string) (ParkRecord, error) {
	name, grades, err := s.store.ParkGrades(ctx, parkID)
	if err != nil {
		return ParkRecord{}, err
	}
	rounds, err := s.store.Rounds(ctx)
	if err != nil {
		return ParkRecord{}, err
	}
	return ParkRecord{ParkID: parkID, Name: name, Evaluations: grades, Rounds: rounds}, nil
}

// Put checks p and sets the park's grade of the year named by the path.
func (s *Service) Put(ctx context.Context, a accounts.Actor, parkID, rawYear string, p Put) (Change, error) {
	e, err := p.Check(parkID, rawYear, LastYear(s.now()))
	if err != nil {
		return Change{}, err
	}
	e.EnteredBy = a.Username
	return s.store.PutGrade(ctx, a, e)
}

// Delete removes the park's grade of the year named by the path.
func (s *Service) Delete(ctx context.Context, a accounts.Actor, parkID, rawYear string) (Change, error) {
	y, err := ParseYear(rawYear, LastYear(s.now()))
	if err != nil {
		return Change{}, err
	}
	return s.store.DeleteGrade(ctx, a, parkID, y)
}
