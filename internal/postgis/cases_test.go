package postgis_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/cases"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/plan"
)

// casesOn is the register on db as serve has it: reads as parkmap_reader, saves as parkmap_writer,
// checks on the bundled rules.
func casesOn(t *testing.T, db string) (*cases.Service, *postgis.Cases) {
	t.Helper()
	reader := openAs(t, db, testenv.ReaderRole)
	store := postgis.NewCases(reader, openAs(t, db, testenv.WriterRole))
	return cases.NewService(store, eligibility.NewService(eligibilityRules(t), reader, 1)), store
}

var landUser = accounts.Actor{Username: "li.si", Roles: []string{accounts.Land}, RequestID: "req-9", ClientAddr: "10.0.0.9"}

// chinaYear is the calendar year in China Standard Time, which numbers the cases.
func chinaYear() int { return plan.CurrentYear(time.Now()) }

// Cases are numbered 0001, 0002 … per year; a save that fails after taking its number (here the
// database's own CHECK on the note, which the service would have refused first) gives it back, so the
// register has no gap. Each save writes its audit row in its own transaction, and nothing else.
func TestCaseNumbersAreGaplessPerYear(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc, store := casesOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()
	year := chinaYear()

	first, err := svc.Save(ctx, landUser, []byte(`{"parcel_id":"RD-018","note":"  首个案例  "}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("平阳准入〔%d〕0001号", year); first.Number != want || first.Note != "首个案例" || first.CreatedBy != landUser.Username {
		t.Fatalf("first case: %+v; want number %s", first, want)
	}
	if first.ParcelID == nil || *first.ParcelID != "RD-018" || first.CRS != "EPSG:4326" || len(first.Answer) == 0 || len(first.Geometry) == 0 {
		t.Errorf("first case as saved: %+v", first)
	}

	// A failing save: the counter was incremented in its transaction, and rolled back with it.
	bad := cases.NewCase{Request: first.Request, CRS: "EPSG:4326", Geometry: orbSquare(), Proposal: first.Proposal,
		Answer: first.Answer, RulesVersion: first.RulesVersion, Verdict: first.Verdict, Note: strings.Repeat("长", cases.MaxNote+1)}
	if _, err := store.SaveCase(ctx, landUser, bad); err == nil {
		t.Fatal("a note over 2000 characters was saved by the store")
	}
	// A bad request never reaches the store.
	if _, err := svc.Save(ctx, landUser, []byte(`{"parcel_id":"RD-018","note":"`+strings.Repeat("x", cases.MaxNote+1)+`"}`)); err == nil {
		t.Fatal("a note over 2000 characters was accepted by the service")
	}

	second, err := svc.Save(ctx, landUser, []byte(`{"geometry":{"type":"Polygon","coordinates":[[[120.5,27.64],[120.502,27.64],[120.502,27.6418],[120.5,27.6418],[120.5,27.64]]]},"proposal":{"type":"new_park","plot_ratio":2.2}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("平阳准入〔%d〕0002号", year); second.Number != want || second.ParcelID != nil {
		t.Fatalf("second case after a failed save: %s (parcel %v); want %s", second.Number, second.ParcelID, want)
	}
	if n := scalar[int](t, conn, "SELECT last FROM eligibility_case_counters WHERE year = $1", year); n != 2 {
		t.Errorf("counter of %d: %d; want 2", year, n)
	}

	// One audit row per saved case, keyed by its number; none for the failed save.
	if n := scalar[int](t, conn, "SELECT count(*) FROM audit_log WHERE action = $1 AND table_name = $2", cases.ActionCase, cases.Table); n != 2 {
		t.Errorf("%d audit rows of saved cases; want 2", n)
	}
	var actor, reqID, verdict string
	if err := conn.QueryRow(ctx, "SELECT actor, request_id, after->>'verdict' FROM audit_log WHERE action = $1 AND row_key = $2",
		cases.ActionCase, second.Number).Scan(&actor, &reqID, &verdict); err != nil {
		t.Fatal(err)
	}
	if actor != landUser.Username || reqID != landUser.RequestID || verdict != second.Verdict {
		t.Errorf("audit row of %s: %s %s %s", second.Number, actor, reqID, verdict)
	}
	// The geometry is kept in EPSG:4326 for search by location.
	if srid := scalar[int](t, conn, "SELECT ST_SRID(geom) FROM eligibility_cases WHERE number = $1", second.Number); srid != 4326 {
		t.Errorf("SRID %d", srid)
	}
}

// Concurrent saves take distinct consecutive numbers.
func TestConcurrentCasesTakeConsecutiveNumbers(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc, _ := casesOn(t, db)
	const n = 6
	numbers := make(chan string, n)
	errs := make(chan error, n)
	for range n {
		go func() {
			c, err := svc.Save(context.Background(), landUser, []byte(`{"parcel_id":"RD-018"}`))
			errs <- err
			numbers <- c.Number
		}()
	}
	seen := map[string]bool{}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		seen[<-numbers] = true
	}
	for i := 1; i <= n; i++ {
		if want := fmt.Sprintf("平阳准入〔%d〕%04d号", chinaYear(), i); !seen[want] {
			t.Errorf("no case %s among %v", want, seen)
		}
	}
}

// The register is append-only: the writer may not change or delete a case (its grants), nor may
// the owner (the trigger); the reader may only read it.
func TestCasesAreAppendOnly(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	writer := connect(t, pgtest.RoleURL(db, testenv.WriterRole))
	reader := connect(t, pgtest.RoleURL(db, testenv.ReaderRole))
	for _, sql := range []string{
		"UPDATE eligibility_cases SET note = 'x' WHERE false",
		"DELETE FROM eligibility_cases WHERE false",
		"TRUNCATE eligibility_cases",
		"DELETE FROM eligibility_case_counters WHERE false",
	} {
		wantDenied(t, "parkmap_writer", sql, execInReadWrite(t, writer, sql), "permission denied")
		wantDenied(t, "parkmap_reader", sql, execInReadWrite(t, reader, sql), "permission denied")
		if !strings.Contains(sql, "counters") {
			wantDenied(t, "the owner", sql, execInReadWrite(t, connect(t, db), sql), "eligibility_cases is append-only")
		}
	}
	for _, sql := range []string{"INSERT INTO eligibility_cases DEFAULT VALUES", "UPDATE eligibility_case_counters SET last = 1 WHERE false"} {
		wantDenied(t, "parkmap_reader", sql, execInReadWrite(t, reader, sql), "permission denied")
	}
	if _, err := reader.Exec(context.Background(), "SELECT number, answer FROM eligibility_cases"); err != nil {
		t.Errorf("the reader cannot read cases: %v", err)
	}
}

func orbSquare() orb.MultiPolygon {
	return orb.MultiPolygon{{{{120.5, 27.64}, {120.502, 27.64}, {120.502, 27.6418}, {120.5, 27.6418}, {120.5, 27.64}}}}
}
