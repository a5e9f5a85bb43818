package actuals

import (
	"context"
	"time"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// Store is what the service needs from the database.
type Store interface {
	// ActualParks returns the plan's parks (id, name, seq) in the plan's order.
	ActualParks(ctx context.Context) ([]Park, error)
	// Actuals returns the figures q selects, in park order, then year, then measure order, with who
	// entered each.
	Actuals(ctx context.Context, q Query) ([]Figure, error)
	// ApplyActuals writes changes in one transaction: for each park-year, the figures set (entered by
	// a) and cleared, and one audit row with the park-year before and after; a park-year the change
	// leaves as it was writes nothing. An unknown park is apperr.NotFound on field "id", and then
	// nothing at all is written. It returns each park-year after its change.
	ApplyActuals(ctx context.Context, a accounts.Actor, changes []Change) ([]ParkYear, error)
}

// Service is the actual figures' use cases: list, a park-year's edit, the xlsx template and an
// upload's preview and apply.
type Service struct {
	store Store
	now   func() time.Time
}

// NewService returns a Service on store; now is the clock that decides the current year (nil:
// time.Now).
func NewService(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// Years returns the first and last year figures may be given for, today.
func (s *Service) Years() (first, last int) { return Years(s.now()) }

// CheckRange checks the years from and to (0: the first, the last year) of a list or template; the
// errors name fromField and toField. It returns the range filled in.
func (s *Service) CheckRange(from, to int) (int, int, error) {
	first, last := s.Years()
	if from == 0 {
		from = first
	}
	if to == 0 {
		to = last
	}
	var errs []apperr.FieldError
	if from < first || from > last {
		errs = append(errs, plan.YearError("from", from, first, last))
	}
	if to < first || to > last {
		errs = append(errs, plan.YearError("to", to, first, last))
	}
	if len(errs) == 0 && from > to {
		errs = append(errs, apperr.FieldError{Field: "to", Message: "to must not be before from", MessageZh: "截止年份不能早于起始年份"})
	}
	if len(errs) > 0 {
		return 0, 0, apperr.Fields(errs)
	}
	return from, to, nil
}

// knownPark returns the park with id, or apperr.NotFound naming field.
func (s *Service) knownPark(ctx context.Context, id, field string) error {
	parks, err := s.store.ActualParks(ctx)
	if err != nil {
		return err
	}
	for _, p := range parks {
		if p.ID == id {
			return nil
		}
	}
	return apperr.FieldErrorf(apperr.NotFound, field, "no park %s", apperr.Quote(id))
}

// List returns the figures q selects (years checked; 0 is the whole range) with the measures and the
// year range.
func (s *Service) List(ctx context.Context, q Query) (List, error) {
	from, to, err := s.CheckRange(q.From, q.To)
	if err != nil {
		return List{}, err
	}
	q.From, q.To = from, to
	if q.ParkID != "" {
		if err := s.knownPark(ctx, q.ParkID, "park"); err != nil {
			return List{}, err
		}
	}
	figs, err := s.store.Actuals(ctx, q)
	if err != nil {
		return List{}, err
	}
	first, last := s.Years()
	return List{FirstYear: first, LastYear: last, Measures: plan.ActualMeasures, Figures: figs}, nil
}

// SetYear checks body for parkID's year and applies it: figures set, figures cleared, audited as
// one park-year. It returns the park-year after the change.
func (s *Service) SetYear(ctx context.Context, a accounts.Actor, parkID string, year int, body SetBody) (ParkYear, error) {
	if err := CheckYear("year", year, s.now()); err != nil {
		return ParkYear{}, err
	}
	c, err := body.Check(parkID, year)
	if err != nil {
		return ParkYear{}, err
	}
	out, err := s.store.ApplyActuals(ctx, a, []Change{c})
	if err != nil {
		return ParkYear{}, err
	}
	return out[0], nil
}

// Template returns the xlsx template for years from to to (checked; 0 is the whole range) with the
// figures there are, and its file name.
func (s *Service) Template(ctx context.Context, from, to int) ([]byte, string, error) {
	from, to, err := s.CheckRange(from, to)
	if err != nil {
		return nil, "", err
	}
	parks, err := s.store.ActualParks(ctx)
	if err != nil {
		return nil, "", err
	}
	figs, err := s.store.Actuals(ctx, Query{From: from, To: to})
	if err != nil {
		return nil, "", err
	}
	b, err := writeTemplate(parks, from, to, figs)
	if err != nil {
		return nil, "", err
	}
	return b, TemplateName(from, to), nil
}

// Import reads an upload (file, named filename if the client said) and previews it cell by cell;
// with apply and no error anywhere, it writes every change in one transaction, entered by a. A
// preview with errors is returned as it is (Applied false): the caller answers it as unprocessable.
// A file that is not the template is an apperr.Invalid naming "file".
func (s *Service) Import(ctx context.Context, a accounts.Actor, file []byte, filename string, apply bool) (Preview, error) {
	rows, err := readWorkbook(file)
	if err != nil {
		return Preview{}, err
	}
	parks, err := s.store.ActualParks(ctx)
	if err != nil {
		return Preview{}, err
	}
	first, last := s.Years()
	figs, err := s.store.Actuals(ctx, Query{From: first, To: last})
	if err != nil {
		return Preview{}, err
	}
	p := preview(rows, parks, figs, filename, s.now())
	if !apply || len(p.Errors) > 0 {
		return p, nil
	}
	if len(p.changes) > 0 {
		if _, err := s.store.ApplyActuals(ctx, a, p.changes); err != nil {
			return Preview{}, err
		}
	}
	p.Applied = true
	return p, nil
}
