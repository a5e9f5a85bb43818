package postgis_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/plan"
)

// The actual figures reach progress from the same read as the plan: a park's figures, its
// recognition year, and only figures of parks the plan knows (a figure kept for a park a later
// dataset dropped is not counted).
func TestProgressInputsReadActuals(t *testing.T) {
	ctx := context.Background()
	db := testenv.LoadedDatabase(t)
	conn := connect(t, db)
	for _, sql := range []string{
		`INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by) VALUES
			('wanyang', 2022, 'land_supplied_mu', 500, '2022年统计年报', 'planner'),
			('zilai', 2022, 'land_supplied_mu', 250.5, '紫来园区报送', 'planner'),
			('gone-park', 2022, 'land_supplied_mu', 999, 'x', 'planner')`,
		`INSERT INTO park_facts (park_id, recognition_year, updated_by) VALUES ('zilai', 2021, 'planner')`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	in, err := testenv.StoreOf(t, db).ProgressInputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Actuals) != 2 || in.Actuals[0].ParkID != "wanyang" || in.Actuals[1].Value != 250.5 || in.Actuals[1].Source != "紫来园区报送" {
		t.Errorf("actuals %+v", in.Actuals)
	}
	for _, p := range in.Parks {
		if p.ID == "zilai" && (p.RecognitionYear == nil || *p.RecognitionYear != 2021 || p.AreaMu != 233) {
			t.Errorf("zilai: %+v", p)
		}
	}
	ps, err := plan.ComputeProgress(2022, 2026, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == "land_supply_mu" && (p.Actual == nil || *p.Actual != 750.5 || p.ActualParks != 2) {
			t.Errorf("land supply actual %v from %d parks, want 750.5 from 2", p.Actual, p.ActualParks)
		}
	}
}

// The schema's CHECK lists exactly plan.ActualMeasures, and a count must be whole, a value not negative.
func TestSchemaActualMeasures(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))
	def := scalar[string](t, conn, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'park_actuals_measure_known'")
	var in, want []string
	for _, m := range plan.ActualMeasures {
		want = append(want, m.ID)
		if strings.Contains(def, "'"+m.ID+"'") {
			in = append(in, m.ID)
		}
	}
	if !slices.Equal(in, want) || strings.Count(def, "::text") != len(want) {
		t.Errorf("park_actuals_measure_known: %s; plan: %v", def, want)
	}
	for _, sql := range []string{
		`INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by) VALUES ('wanyang', 2022, 'firms', 1.5, 's', 'p')`,
		`INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by) VALUES ('wanyang', 2022, 'tax_wan', -1, 's', 'p')`,
		`INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by) VALUES ('wanyang', 2017, 'tax_wan', 1, 's', 'p')`,
		`INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by) VALUES ('wanyang', 2022, 'sales', 1, 's', 'p')`,
		`INSERT INTO park_actuals (park_id, year, measure, value, source, entered_by) VALUES ('wanyang', 2022, 'tax_wan', 1, '', 'p')`,
	} {
		if _, err := conn.Exec(context.Background(), sql); err == nil || !strings.Contains(err.Error(), "check constraint") {
			t.Errorf("%s: %v, want a check violation", sql, err)
		}
	}
}
