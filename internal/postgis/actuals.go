package postgis

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/actuals"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// Actuals is actuals.Store on two pools: the list and the parks are read on the reader; a change of
// many park-years, with one audit row per park-year, is one transaction on the writer. writer may be
// nil: a read-only service, whose entry is unavailable.
type Actuals struct {
	reader, writer *Store
}

// NewActuals returns the actual figures' store on reader and writer.
func NewActuals(reader, writer *Store) *Actuals { return &Actuals{reader: reader, writer: writer} }

// ActualParks implements actuals.Store.
func (s *Actuals) ActualParks(ctx context.Context) ([]actuals.Park, error) {
	rows, err := s.reader.pool.Query(ctx, query("actuals_parks"))
	if err != nil {
		return nil, dbError("actuals parks", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (actuals.Park, error) {
		var p actuals.Park
		return p, r.Scan(&p.ID, &p.Name, &p.Seq)
	})
	return out, dbError("actuals parks", err)
}

// Actuals implements actuals.Store.
func (s *Actuals) Actuals(ctx context.Context, q actuals.Query) ([]actuals.Figure, error) {
	rows, err := s.reader.pool.Query(ctx, query("actuals_list"), q.ParkID, q.From, q.To, actuals.MeasureIDs())
	if err != nil {
		return nil, dbError("actuals", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (actuals.Figure, error) {
		var f actuals.Figure
		return f, r.Scan(&f.ParkID, &f.ParkName, &f.Year, &f.Measure, &f.Value, &f.Source, &f.EnteredBy, &f.EnteredAt)
	})
	if out == nil {
		out = []actuals.Figure{}
	}
	return out, dbError("actuals", err)
}

// ApplyActuals implements actuals.Store. Each park-year's rows are locked before they are read, so
// the audit's "before" is what the change replaces; a figure set to the value and source it has is
// not rewritten (its entered_by and entered_at stay those of who entered it).
func (s *Actuals) ApplyActuals(ctx context.Context, a accounts.Actor, changes []actuals.Change) ([]actuals.ParkYear, error) {
	if s.writer == nil {
		return nil, apperr.Errorf(apperr.Unavailable, "entering figures is unavailable: the service runs without a write database")
	}
	// Park-years are locked in one order (by key) whatever the order of changes, so that two uploads
	// touching the same park-years wait for each other instead of deadlocking.
	order := make([]int, len(changes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		return strings.Compare(parkYearKey(changes[i].ParkID, changes[i].Year), parkYearKey(changes[j].ParkID, changes[j].Year))
	})
	out := make([]actuals.ParkYear, len(changes))
	err := pgx.BeginFunc(ctx, s.writer.pool, func(tx pgx.Tx) error {
		for _, i := range order {
			py, err := applyParkYear(ctx, tx, a, changes[i])
			if err != nil {
				return err
			}
			out[i] = py
		}
		return nil
	})
	if err != nil {
		return nil, dbError("apply actuals", err)
	}
	return out, nil
}

func applyParkYear(ctx context.Context, tx pgx.Tx, a accounts.Actor, c actuals.Change) (actuals.ParkYear, error) {
	var exists bool
	if err := tx.QueryRow(ctx, query("actuals_park_exists"), c.ParkID).Scan(&exists); err != nil {
		return actuals.ParkYear{}, err
	}
	if !exists {
		return actuals.ParkYear{}, apperr.FieldErrorf(apperr.NotFound, "id", "no park %s", apperr.Quote(c.ParkID))
	}
	if _, err := tx.Exec(ctx, query("actuals_lock_key"), parkYearKey(c.ParkID, c.Year)); err != nil {
		return actuals.ParkYear{}, err
	}
	rows, err := tx.Query(ctx, query("actuals_lock"), c.ParkID, c.Year)
	if err != nil {
		return actuals.ParkYear{}, err
	}
	before := actuals.Audited{}
	var m string
	var e actuals.Entry
	_, err = pgx.ForEachRow(rows, []any{&m, &e.Value, &e.Source}, func() error {
		before[m] = e
		return nil
	})
	if err != nil {
		return actuals.ParkYear{}, err
	}
	after := maps.Clone(before)
	changed := false
	for _, id := range actuals.MeasureIDs() {
		if slices.Contains(c.Clear, id) {
			if _, had := after[id]; had {
				if _, err := tx.Exec(ctx, query("actuals_delete"), c.ParkID, c.Year, id); err != nil {
					return actuals.ParkYear{}, err
				}
				delete(after, id)
				changed = true
			}
			continue
		}
		next, set := c.Set[id]
		if !set || after[id] == next && hasKey(after, id) {
			continue
		}
		if _, err := tx.Exec(ctx, query("actuals_upsert"), c.ParkID, c.Year, id, next.Value, next.Source, a.Username); err != nil {
			return actuals.ParkYear{}, err
		}
		after[id] = next
		changed = true
	}
	if changed {
		if err := audit(ctx, tx, a, actuals.ActionActuals, actuals.Table, parkYearKey(c.ParkID, c.Year), before, after); err != nil {
			return actuals.ParkYear{}, err
		}
	}
	figs, err := tx.Query(ctx, query("actuals_park_year"), c.ParkID, c.Year, actuals.MeasureIDs())
	if err != nil {
		return actuals.ParkYear{}, err
	}
	list, err := pgx.CollectRows(figs, func(r pgx.CollectableRow) (plan.ActualFigure, error) {
		var f plan.ActualFigure
		return f, r.Scan(&f.ParkID, &f.Year, &f.Measure, &f.Value, &f.Source, &f.EnteredBy, &f.EnteredAt)
	})
	if err != nil {
		return actuals.ParkYear{}, err
	}
	if list == nil {
		list = []plan.ActualFigure{}
	}
	return actuals.ParkYear{ParkID: c.ParkID, Year: c.Year, Figures: list}, nil
}

func hasKey(m actuals.Audited, k string) bool { _, ok := m[k]; return ok }

// parkYearKey is a park-year's audit row key: "<park_id>/<year>".
func parkYearKey(park string, year int) string { return park + "/" + strconv.Itoa(year) }
