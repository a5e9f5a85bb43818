package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/plan"
)

// ProgressInputs reads what progress against the targets is computed from (plan.ComputeProgress,
// plan.YearlySeries): the targets, the parks' states, the yearly plan cells, the zone names and the
// parks' actual figures (of parks the plan knows), in one read-only transaction so that all come from
// the same moment.
func (s *Store) ProgressInputs(ctx context.Context) (plan.ProgressInputs, error) {
	var in plan.ProgressInputs
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, query("progress_targets"))
		targets, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.Target, error) {
			var t plan.Target
			err := r.Scan(&t.ID, &t.NameZh, &t.NameEn, &t.Unit, &t.Comparator, &t.Target, &t.Year, &t.Clause, &t.Text,
				&t.Baseline, &t.BaselineAsOf, &t.BaselineSource, &t.BaselineNote, &t.Path)
			return t, err
		})
		if err != nil {
			return fmt.Errorf("targets: %w", err)
		}
		rows, _ = tx.Query(ctx, query("progress_parks"))
		parks, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.ParkState, error) {
			var p plan.ParkState
			var status string
			err := r.Scan(&p.ID, &p.Name, &p.Zone, &status, &p.CountsAsParks, &p.AreaMu, &p.BuildingWanM2, &p.RecognitionYear)
			p.Status = plan.Status(status)
			return p, err
		})
		if err != nil {
			return fmt.Errorf("parks: %w", err)
		}
		rows, _ = tx.Query(ctx, query("progress_cells"))
		cells, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.YearlyFigure, error) {
			var c plan.YearlyFigure
			err := r.Scan(&c.ParkID, &c.Table, &c.Measure, &c.Unit, &c.Year, &c.Value)
			return c, err
		})
		if err != nil {
			return fmt.Errorf("yearly plan: %w", err)
		}
		rows, _ = tx.Query(ctx, query("progress_zones"))
		zones := map[string]string{}
		var id, name string
		_, err = pgx.ForEachRow(rows, []any{&id, &name}, func() error { zones[id] = name; return nil })
		if err != nil {
			return fmt.Errorf("zones: %w", err)
		}
		rows, _ = tx.Query(ctx, query("progress_actuals"))
		actuals, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.ActualFigure, error) {
			var f plan.ActualFigure
			err := r.Scan(&f.ParkID, &f.Year, &f.Measure, &f.Value, &f.Source, &f.EnteredBy, &f.EnteredAt)
			return f, err
		})
		if err != nil {
			return fmt.Errorf("actuals: %w", err)
		}
		in = plan.ProgressInputs{Targets: targets, Parks: parks, Cells: cells, ZoneNames: zones, Actuals: actuals}
		return nil
	})
	if err != nil {
		return plan.ProgressInputs{}, dbError("progress inputs", err)
	}
	return in, nil
}
