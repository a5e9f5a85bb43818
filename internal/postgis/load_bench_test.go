package postgis_test

import (
	"context"
	"testing"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

// BenchmarkLoad replaces the bundled dataset in a loaded database, as `parkmap load` does on a live one:
// every iteration is a whole load (staging, checks, swap, ANALYZE).
func BenchmarkLoad(b *testing.B) {
	url := testenv.LoadedDatabase(b)
	store, err := postgis.Open(context.Background(), url, postgis.Options{AppName: "parkmap-bench-load"})
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ds, err := data.LoadDataset()
	if err != nil {
		b.Fatal(err)
	}
	var sum postgis.LoadSummary
	for b.Loop() {
		if sum, err = store.Load(context.Background(), ds, "bench", "benchmark"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sum.Parks+sum.Towns+sum.Zones+sum.Parcels+sum.Redevelopment+sum.Constraints+sum.PlanCells), "rows/load")
}
