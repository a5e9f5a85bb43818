package postgis_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/pingyang/parkmap/actuals"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

const actualsPark = "kunyang-lipin"

// Figures are set and cleared per park-year, each change one transaction with one audit row
// (before and after as {measure: {value, source}}), entered_by the actor; a change that changes
// nothing writes nothing.
func TestActualsSetClearAudit(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	store := postgis.NewActuals(openAs(t, db, testenv.ReaderRole), openAs(t, db, testenv.WriterRole))
	conn := connect(t, db)
	ctx := context.Background()

	parks, err := store.ActualParks(ctx)
	if err != nil || len(parks) == 0 || parks[0].Seq != 1 {
		t.Fatalf("parks: %v %v", parks, err)
	}
	set := actuals.Change{ParkID: actualsPark, Year: 2023, Set: map[string]actuals.Entry{
		"tax_wan": {Value: 120.5, Source: "2023年报"}, "firms": {Value: 40, Source: "2023年报"}}}
	out, err := store.ApplyActuals(ctx, planner, []actuals.Change{set})
	if err != nil || len(out) != 1 || len(out[0].Figures) != 2 {
		t.Fatalf("set: %+v %v", out, err)
	}
	// In measure order: tax_wan before firms.
	if f := out[0].Figures; f[0].Measure != "tax_wan" || f[0].Value != 120.5 || f[0].EnteredBy != "zhang.san" || f[1].Measure != "firms" || f[1].EnteredAt.IsZero() {
		t.Errorf("figures: %+v", f)
	}
	row := func() string {
		return scalar[string](t, conn, `SELECT concat_ws('|', count(*), string_agg(concat_ws(',', actor, actor_roles::text, request_id, client_addr,
			action, table_name, row_key, coalesce(before::text, 'null'), after::text), ';' ORDER BY id)) FROM audit_log WHERE table_name = 'park_actuals'`)
	}
	want := `1|zhang.san,{planner},req-7,10.0.0.7,park.actuals,park_actuals,kunyang-lipin/2023,{},{"firms": {"value": 40, "source": "2023年报"}, "tax_wan": {"value": 120.5, "source": "2023年报"}}`
	if got := row(); got != want {
		t.Errorf("audit after the set:\n%s\nwant\n%s", got, want)
	}
	// The same again: nothing written, no audit row.
	if _, err := store.ApplyActuals(ctx, planner, []actuals.Change{set}); err != nil {
		t.Fatal(err)
	}
	if n := scalar[int](t, conn, "SELECT count(*) FROM audit_log WHERE table_name = 'park_actuals'"); n != 1 {
		t.Errorf("an unchanged set wrote %d audit rows in all", n)
	}
	// Clear one, change the other.
	out, err = store.ApplyActuals(ctx, planner, []actuals.Change{{ParkID: actualsPark, Year: 2023, Clear: []string{"firms", "output_yi"},
		Set: map[string]actuals.Entry{"tax_wan": {Value: 130, Source: "更正"}}}})
	if err != nil || len(out[0].Figures) != 1 || out[0].Figures[0].Value != 130 {
		t.Fatalf("clear: %+v %v", out, err)
	}
	last := scalar[string](t, conn, `SELECT concat_ws('|', before::text, after::text) FROM audit_log WHERE table_name = 'park_actuals' ORDER BY id DESC LIMIT 1`)
	if last != `{"firms": {"value": 40, "source": "2023年报"}, "tax_wan": {"value": 120.5, "source": "2023年报"}}|{"tax_wan": {"value": 130, "source": "更正"}}` {
		t.Errorf("audit of the clear: %s", last)
	}
	list, err := store.Actuals(ctx, actuals.Query{From: 2018, To: 2030})
	if err != nil || len(list) != 1 || list[0].ParkName == "" || list[0].Source != "更正" {
		t.Errorf("list: %+v %v", list, err)
	}
	if list, err := store.Actuals(ctx, actuals.Query{ParkID: "jinrong-dianzi", From: 2018, To: 2030}); err != nil || len(list) != 0 {
		t.Errorf("another park's list: %+v %v", list, err)
	}
}

// Many park-years are one transaction: a failing second park-year (an unknown park, or a value the
// schema refuses) leaves nothing of the first, and no audit row.
func TestActualsApplyIsOneTransaction(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	store := postgis.NewActuals(openAs(t, db, testenv.ReaderRole), openAs(t, db, testenv.WriterRole))
	conn := connect(t, db)
	ctx := context.Background()
	first := actuals.Change{ParkID: actualsPark, Year: 2022, Set: map[string]actuals.Entry{"land_supplied_mu": {Value: 12, Source: "s"}}}
	for name, second := range map[string]actuals.Change{
		"unknown park":        {ParkID: "no-such-park", Year: 2022, Set: map[string]actuals.Entry{"tax_wan": {Value: 1, Source: "s"}}},
		"negative (schema)":   {ParkID: "jinrong-dianzi", Year: 2022, Set: map[string]actuals.Entry{"tax_wan": {Value: -1, Source: "s"}}},
		"fractional (schema)": {ParkID: "jinrong-dianzi", Year: 2022, Set: map[string]actuals.Entry{"firms": {Value: 2.5, Source: "s"}}},
	} {
		_, err := store.ApplyActuals(ctx, planner, []actuals.Change{first, second})
		if err == nil {
			t.Errorf("%s: applied", name)
		}
		if name == "unknown park" {
			if ae, ok := apperr.As(err); !ok || ae.Code != apperr.NotFound || ae.Field != "id" {
				t.Errorf("unknown park: %v", err)
			}
		}
		if n := scalar[int](t, conn, "SELECT (SELECT count(*) FROM park_actuals) + (SELECT count(*) FROM audit_log WHERE table_name = 'park_actuals')"); n != 0 {
			t.Errorf("%s: %d rows written", name, n)
		}
	}
}

// Two first entries of one park-year at once: one waits for the other, so exactly one audits an
// empty "before" and the other audits the first's figure.
func TestActualsConcurrentFirstEntries(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	store := postgis.NewActuals(openAs(t, db, testenv.ReaderRole), openAs(t, db, testenv.WriterRole))
	conn := connect(t, db)
	errs := make(chan error, 2)
	for _, v := range []float64{1, 2} {
		go func() {
			_, err := store.ApplyActuals(context.Background(), planner, []actuals.Change{{ParkID: actualsPark, Year: 2021,
				Set: map[string]actuals.Entry{"tax_wan": {Value: v, Source: "s"}}}})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got := scalar[string](t, conn, `SELECT string_agg(CASE WHEN before = '{}' THEN 'empty' ELSE 'figure' END, ',' ORDER BY id) FROM audit_log WHERE table_name = 'park_actuals'`)
	if got != "empty,figure" {
		t.Errorf("audit befores: %s", got)
	}
}

// The current year comes from the service's clock: in mid-2019 (China Standard Time), 2020 is the
// future, and the list ends at 2019.
func TestActualsServiceClock(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	store := postgis.NewActuals(openAs(t, db, testenv.ReaderRole), openAs(t, db, testenv.WriterRole))
	svc := actuals.NewService(store, func() time.Time { return time.Date(2019, 12, 31, 16, 30, 0, 0, time.UTC) }) // 2020-01-01 00:30 CST
	ctx := context.Background()
	body := actuals.SetBody{Source: ptr("年报"), Figures: map[string]json.RawMessage{"tax_wan": json.RawMessage("5")}}
	if _, err := svc.SetYear(ctx, planner, actualsPark, 2021, body); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("2021 in 2020: %v", err)
	}
	if py, err := svc.SetYear(ctx, planner, actualsPark, 2020, body); err != nil || len(py.Figures) != 1 {
		t.Errorf("2020 on its first day in China: %+v %v", py, err)
	}
	l, err := svc.List(ctx, actuals.Query{})
	if err != nil || l.FirstYear != 2018 || l.LastYear != 2020 || len(l.Figures) != 1 || l.Figures[0].ParkName == "" {
		t.Errorf("list: %+v %v", l, err)
	}
	if _, err := svc.SetYear(ctx, planner, "no-such-park", 2019, body); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("unknown park: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }
