package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/plan"
)

// ProgressInputs reads what progress against the targets is computed from (plan.ComputeProgress,
// plan.YearlySeries): the targets, the parks' states, the yearly plan cells and the zone names, in one
// read-only transaction so that all four come from the same load.
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
			err := r.Scan(&p.ID, &p.Name, &p.Zone, &status, &p.CountsAsParks)
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
		in = plan.ProgressInputs{Targets: targets, Parks: parks, Cells: cells, ZoneNames: zones}
		return nil
	})
	if err != nil {
		return plan.ProgressInputs{}, fmt.Errorf("progress inputs: %w", err)
	}
	return in, nil
}
