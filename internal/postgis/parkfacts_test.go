package postgis_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/parkfacts"
)

// factsOn is the park facts service on db as serve has it: reads as parkmap_reader, edits as
// parkmap_writer.
func factsOn(t *testing.T, db string) *parkfacts.Service {
	t.Helper()
	return parkfacts.NewService(postgis.NewParkFacts(openAs(t, db, testenv.ReaderRole), openAs(t, db, testenv.WriterRole)))
}

var planner = accounts.Actor{Username: "zhang.san", Roles: []string{accounts.Planner}, RequestID: "req-7", ClientAddr: "10.0.0.7"}

func patch(t *testing.T, body string) parkfacts.Patch {
	t.Helper()
	var p parkfacts.Patch
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

const factsPark = "xiaojiang-qinggong" // 萧江轻工小微园, 在建 in the plan

// An edit is stored beside the plan, bumps its version and the layer's, and writes one audit row
// with before and after; a reload of the plan (parkmap load's staged swap) keeps it, and the
// published view still shows it over the plan's value.
func TestParkFactsEditSurvivesReload(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc := factsOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()

	rec, err := svc.Facts(ctx, factsPark)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Version != 0 || rec.Plan.Status != "在建" || rec.Facts.Status != nil || rec.UpdatedAt != nil {
		t.Fatalf("before any edit: %+v", rec)
	}
	layer0 := scalar[int64](t, conn, "SELECT version FROM layer_versions WHERE layer = 'park_facts'")
	dataset0 := scalar[string](t, conn, "SELECT parkmap_dataset_version()")

	rec, err = svc.Update(ctx, planner, factsPark, 0, patch(t, `{"status":"已认定","firms_in_residence":57,"industries":["轻工"," 鞋服 "],"operator":"萧江镇资产公司","recognition_year":2021}`))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Version != 1 || *rec.Facts.Status != "已认定" || *rec.Facts.FirmsInResidence != 57 || !slices.Equal(rec.Facts.Industries, []string{"轻工", "鞋服"}) ||
		rec.UpdatedBy != "zhang.san" || rec.UpdatedAt == nil || rec.Plan.Status != "在建" {
		t.Fatalf("after the edit: %+v", rec)
	}
	if rec.DatasetVersion == dataset0 || rec.DatasetVersion != scalar[string](t, conn, "SELECT parkmap_dataset_version()") {
		t.Errorf("the edit's dataset version %q: before %q, now %q", rec.DatasetVersion, dataset0, scalar[string](t, conn, "SELECT parkmap_dataset_version()"))
	}
	if l := scalar[int64](t, conn, "SELECT version FROM layer_versions WHERE layer = 'park_facts'"); l <= layer0 {
		t.Errorf("layer park_facts at %d after the edit, %d before", l, layer0)
	}
	audit := scalar[string](t, conn, `SELECT concat_ws('|', actor, actor_roles::text, request_id, client_addr, action, table_name, row_key,
		before->>'version', coalesce(before->>'status', 'null'), after->>'version', after->>'status', after->>'firms_in_residence')
		FROM audit_log WHERE table_name = 'park_facts'`)
	if audit != "zhang.san|{planner}|req-7|10.0.0.7|park.facts|park_facts|"+factsPark+"|0|null|1|已认定|57" {
		t.Errorf("audit row: %s", audit)
	}

	// A second edit changes one field and keeps the others.
	rec, err = svc.Update(ctx, planner, factsPark, 1, patch(t, `{"operator":null,"notes":"2024 年二期投用"}`))
	if err != nil || rec.Version != 2 || rec.Facts.Operator != nil || *rec.Facts.Notes != "2024 年二期投用" || *rec.Facts.Status != "已认定" {
		t.Fatalf("second edit: %+v, %v", rec, err)
	}

	if err := testenv.MigrateAndLoad(ctx, db); err != nil {
		t.Fatalf("reload: %v", err)
	}
	after, err := svc.Facts(ctx, factsPark)
	if err != nil || after.Version != 2 || *after.Facts.Status != "已认定" || after.Plan.Status != "在建" {
		t.Fatalf("after the reload: %+v, %v", after, err)
	}
	view := scalar[string](t, conn, `SELECT concat_ws('|', status, plan_status, firms, plan_firms, firms_basis, industry_text,
		recognition_year, facts_version) FROM api_parks WHERE id = $1`, factsPark)
	if want := "已认定|在建|57|" + scalar[string](t, conn, "SELECT firms::text FROM parks WHERE id = $1", factsPark) + "|入驻|轻工、鞋服|2021|2"; view != want {
		t.Errorf("api_parks after the reload: %s, want %s", view, want)
	}
	// A park never edited shows the plan's values, and the plan's beside them.
	if v := scalar[string](t, conn, "SELECT concat_ws('|', status = plan_status, firms = plan_firms, facts_version) FROM api_parks WHERE id = 'jinrong-dianzi'"); v != "t|t|0" {
		t.Errorf("an unedited park: %s", v)
	}

	hist, err := svc.History(ctx, factsPark)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history: %+v, %v", hist, err)
	}
	if hist[0].ID < hist[1].ID || hist[0].Actor != "zhang.san" || !strings.Contains(string(hist[0].After), `"notes": "2024 年二期投用"`) {
		t.Errorf("history, newest first: %+v", hist)
	}
}

// A stale version, a failing validation and a change that changes nothing write nothing: no facts,
// no audit row, no new layer version. A stale edit answers with the current record.
func TestParkFactsRefusedEditsWriteNothing(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc := factsOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()
	if _, err := svc.Update(ctx, planner, factsPark, 0, patch(t, `{"status":"已竣工"}`)); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		return scalar[string](t, conn, `SELECT (SELECT count(*) FROM audit_log)::text || '|' ||
			(SELECT string_agg(park_id || '@' || version || ':' || status, ',') FROM park_facts) || '|' ||
			(SELECT version FROM layer_versions WHERE layer = 'park_facts')`)
	}
	before := state()

	_, err := svc.Update(ctx, planner, factsPark, 0, patch(t, `{"status":"在建"}`))
	var conflict *parkfacts.ConflictError
	if !errors.As(err, &conflict) || apperr.CodeOf(err) != apperr.Conflict || conflict.Current.Version != 1 || *conflict.Current.Facts.Status != "已竣工" {
		t.Errorf("stale version: %v", err)
	}
	_, err = svc.Update(ctx, planner, factsPark, 1, patch(t, `{"status":"在建","firms_in_residence":-3,"recognition_year":2017}`))
	if ae, ok := apperr.As(err); !ok || ae.Code != apperr.Invalid || len(ae.Fields) != 2 || ae.Fields[0].Field != "firms_in_residence" || ae.Fields[1].Field != "recognition_year" {
		t.Errorf("invalid values: %#v", err)
	}
	if _, err := svc.Update(ctx, planner, "no-such-park", 0, patch(t, `{"status":"在建"}`)); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("unknown park: %v", err)
	}
	if rec, err := svc.Update(ctx, planner, factsPark, 1, patch(t, `{"status":"已竣工"}`)); err != nil || rec.Version != 1 {
		t.Errorf("a change to the same value: %+v, %v", rec, err)
	}
	if got := state(); got != before {
		t.Errorf("refused edits wrote: %s, before %s", got, before)
	}
}

// The facts and their audit row are one transaction: when the audit row cannot be written, the
// facts are not changed either, and the layer version does not move.
func TestParkFactsAuditInTheSameTransaction(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc := factsOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()
	layer := func() int64 {
		return scalar[int64](t, conn, "SELECT version FROM layer_versions WHERE layer = 'park_facts'")
	}
	l0 := layer()
	exec(t, conn, `CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$`)
	exec(t, conn, "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()")
	if _, err := svc.Update(ctx, planner, factsPark, 0, patch(t, `{"status":"已认定"}`)); err == nil {
		t.Fatal("the edit succeeded without its audit row")
	}
	if n := scalar[int](t, conn, "SELECT count(*) FROM park_facts"); n != 0 || layer() != l0 {
		t.Errorf("without its audit row the edit left %d facts rows, layer version %d (was %d)", n, layer(), l0)
	}
	exec(t, conn, "DROP TRIGGER refuse_audit ON audit_log")
	if _, err := svc.Update(ctx, planner, factsPark, 0, patch(t, `{"status":"已认定"}`)); err != nil {
		t.Fatal(err)
	}
	if n := scalar[int](t, conn, "SELECT count(*) FROM audit_log WHERE table_name = 'park_facts'"); n != 1 {
		t.Errorf("%d audit rows", n)
	}
}

// The schema's CHECKs list exactly parkfacts.Statuses and parkfacts.DevModes.
func TestSchemaFactsVocabulary(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))
	for name, want := range map[string][]string{"park_facts_status_known": parkfacts.Statuses, "park_facts_dev_mode_known": parkfacts.DevModes} {
		def := scalar[string](t, conn, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1", name)
		var in []string
		for _, v := range want {
			if strings.Contains(def, "'"+v+"'") {
				in = append(in, v)
			}
		}
		if !slices.Equal(in, want) || strings.Count(def, "::text") != len(want) {
			t.Errorf("%s: %s; service: %v", name, def, want)
		}
	}
}

// The writer may read, add and change facts but not delete them, and has no write grant on the layer
// versions: the SECURITY DEFINER trigger bumps them for it. Nobody may call that function directly.
func TestWriterFactsGrants(t *testing.T) {
	t.Parallel()
	db := testenv.LoadedDatabase(t)
	writer := connect(t, pgtest.RoleURL(db, testenv.WriterRole))
	for _, sql := range []string{
		"DELETE FROM park_facts WHERE false",
		"TRUNCATE park_facts",
		"UPDATE layer_versions SET version = 1 WHERE false",
		"INSERT INTO layer_versions (layer, version) VALUES ('x', 1)",
		"SELECT nextval('layer_version_seq')",
		"SELECT bump_layer_version()",
	} {
		wantDenied(t, "parkmap_writer", sql, execInReadWrite(t, writer, sql), "permission denied")
	}
	insert := `INSERT INTO park_facts (park_id, status, updated_by) VALUES ('` + factsPark + `', '在建', 'test')`
	if err := execInReadWrite(t, writer, insert); err != nil {
		t.Errorf("parkmap_writer cannot add facts: %v", err)
	}
	reader := connect(t, pgtest.RoleURL(db, testenv.ReaderRole))
	if _, err := reader.Exec(context.Background(), "SELECT * FROM park_facts"); err != nil {
		t.Errorf("parkmap_reader cannot read the facts: %v", err)
	}
	wantDenied(t, "parkmap_reader", insert, execInReadWrite(t, reader, insert), "permission denied")
}
