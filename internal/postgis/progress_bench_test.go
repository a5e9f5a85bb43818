package postgis_test

import (
	"context"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/plan"
)

// BenchmarkProgress is /api/progress without HTTP: the one read of the inputs and the computation,
// with every park's eight measures entered for every year 2018–2026 (1,440 figures: what a county
// that entered everything would hold).
func BenchmarkProgress(b *testing.B) {
	ctx := context.Background()
	db := testenv.LoadedDatabase(b)
	conn := connect(b, db)
	if _, err := conn.Exec(ctx, `INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by)
		SELECT p.id, y, m, 10 + y - 2018, '基准测试', 'bench'
		FROM parks p, generate_series(2018, 2026) y,
		     unnest(ARRAY['land_supplied_mu','floor_started_wan_m2','floor_completed_wan_m2','output_yi','tax_wan',
		                  'firms','firms_above_scale','investment_yi']) m`); err != nil {
		b.Fatal(err)
	}
	store := testenv.StoreOf(b, db)
	b.ResetTimer()
	for b.Loop() {
		in, err := store.ProgressInputs(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := plan.ComputeProgress(2022, 2026, in); err != nil {
			b.Fatal(err)
		}
		_ = plan.DerivedIndicators(2022, in)
	}
}
