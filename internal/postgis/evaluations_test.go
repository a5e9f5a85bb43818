package postgis_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/evaluations"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/plan"
)

// evaluationsOn is the evaluations service on db as serve has it (reader and writer roles), its clock
// standing on a day of 2026.
func evaluationsOn(t *testing.T, db string) *evaluations.Service {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC) }
	return evaluations.NewService(postgis.NewEvaluations(openAs(t, db, testenv.ReaderRole), openAs(t, db, testenv.WriterRole)), now)
}

func put(t *testing.T, body string) evaluations.Put {
	t.Helper()
	var p evaluations.Put
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// The load brings the 2025 round (11 of 13 parks graded, A3 B4 C3 D1) and the four grades the notice
// names, each with its notice name and match reason; the view carries each park's latest grade.
func TestEvaluationsLoaded(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc := evaluationsOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()
	o, err := svc.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Rounds) != 1 {
		t.Fatalf("rounds: %+v", o.Rounds)
	}
	r := o.Rounds[0]
	if r.Year != 2025 || r.Date != "2025-08-05" || r.ParksEvaluated != 11 || r.ParksRecognised != 13 || r.GradesKnown != 4 ||
		r.GradeCounts["A"] != 3 || r.GradeCounts["B"] != 4 || r.GradeCounts["C"] != 3 || r.GradeCounts["D"] != 1 || len(r.Dimensions) != 9 {
		t.Errorf("round 2025: %+v", r)
	}
	got := map[string]string{}
	for _, g := range o.Parks {
		got[g.ParkID] = g.Grade + "|" + g.NameInNotice + "|" + g.Origin
		if g.Source == "" || g.MatchNote == "" || g.EnteredBy != "parkmap load" {
			t.Errorf("grade %+v: source, match note and loader expected", g)
		}
	}
	want := map[string]string{"wanyang": "A|平阳万洋众创城|dataset", "nansheng-ounan": "B|楠盛瓯南产业城|dataset",
		"xiaojiang-subao": "C|萧江镇塑包科创园|dataset", "xiaojiang-shipin": "D|萧江镇食品科创园|dataset"}
	if len(got) != len(want) {
		t.Errorf("grades: %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if v := scalar[string](t, conn, `SELECT concat_ws('|', evaluation_grade, evaluation_year) FROM api_parks WHERE id = 'wanyang'`); v != "A|2025" {
		t.Errorf("api_parks wanyang: %s", v)
	}
	if v := scalar[bool](t, conn, `SELECT evaluation_grade IS NULL AND evaluation_year IS NULL FROM api_parks WHERE id = 'jinrong-dianzi'`); !v {
		t.Error("a park without a grade should have none in api_parks")
	}
}

// A planner's grade is stored (one audit row, the layer bumped), its latest year reaches the view,
// and a reload of the dataset keeps it: a planner's correction of a bundled grade stands, a grade
// of another year stays, and the dataset's other grades are loaded again.
func TestEvaluationPutSurvivesReload(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc := evaluationsOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()
	layer0 := scalar[int64](t, conn, "SELECT version FROM layer_versions WHERE layer = 'park_evaluations'")

	c, err := svc.Put(ctx, planner, "wanyang", "2026", put(t, `{"grade":"B","source":"2026年县小微园办通知"}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Grade == nil || c.Grade.Grade != "B" || c.Grade.Origin != "planner" || c.Grade.ParkName != "万洋众创城" || c.Before != nil ||
		c.DatasetVersion != scalar[string](t, conn, "SELECT parkmap_dataset_version()") {
		t.Fatalf("put 2026: %+v", c)
	}
	if l := scalar[int64](t, conn, "SELECT version FROM layer_versions WHERE layer = 'park_evaluations'"); l <= layer0 {
		t.Errorf("layer at %d after the put, %d before", l, layer0)
	}
	if v := scalar[string](t, conn, `SELECT concat_ws('|', evaluation_grade, evaluation_year) FROM api_parks WHERE id = 'wanyang'`); v != "B|2026" {
		t.Errorf("api_parks wanyang after 2026: %s", v)
	}
	// The planner corrects the bundled 2025 grade of 楠盛: the dataset's row is replaced by theirs.
	c, err = svc.Put(ctx, planner, "nansheng-ounan", "2025", put(t, `{"grade":"A","source":"更正：县小微园办复核函","name_in_notice":"楠盛瓯南产业城"}`))
	if err != nil || c.Before == nil || c.Before.Grade != "B" || c.Before.Origin != "dataset" || c.Grade.Origin != "planner" {
		t.Fatalf("correct 2025: %+v, %v", c, err)
	}
	audit := scalar[string](t, conn, `SELECT string_agg(concat_ws('|', actor, action, table_name, row_key, coalesce(before->>'grade', 'null'),
		after->>'grade'), ',' ORDER BY id) FROM audit_log WHERE table_name = 'park_evaluations'`)
	if audit != "zhang.san|park.evaluation|park_evaluations|wanyang/2026|null|B,zhang.san|park.evaluation|park_evaluations|nansheng-ounan/2025|B|A" {
		t.Errorf("audit rows: %s", audit)
	}
	// The same grade again changes nothing and writes nothing.
	n := scalar[int](t, conn, "SELECT count(*) FROM audit_log")
	if _, err := svc.Put(ctx, planner, "wanyang", "2026", put(t, `{"grade":"B","source":"2026年县小微园办通知"}`)); err != nil {
		t.Fatal(err)
	}
	if m := scalar[int](t, conn, "SELECT count(*) FROM audit_log"); m != n {
		t.Errorf("an unchanged put wrote %d audit rows", m-n)
	}

	if err := testenv.MigrateAndLoad(ctx, db); err != nil {
		t.Fatalf("reload: %v", err)
	}
	rows := scalar[string](t, conn, `SELECT string_agg(park_id || '/' || year || '=' || grade || ':' || origin, ',' ORDER BY park_id, year) FROM park_evaluations`)
	if rows != "nansheng-ounan/2025=A:planner,wanyang/2025=A:dataset,wanyang/2026=B:planner,xiaojiang-shipin/2025=D:dataset,xiaojiang-subao/2025=C:dataset" {
		t.Errorf("after the reload: %s", rows)
	}

	// A removal is audited with the grade it removed; a second one is a 404 naming the year.
	c, err = svc.Delete(ctx, planner, "wanyang", "2026")
	if err != nil || c.Before == nil || c.Before.Grade != "B" || c.Grade != nil {
		t.Fatalf("delete: %+v, %v", c, err)
	}
	if v := scalar[string](t, conn, `SELECT concat_ws('|', evaluation_grade, evaluation_year) FROM api_parks WHERE id = 'wanyang'`); v != "A|2025" {
		t.Errorf("api_parks wanyang after the delete: %s", v)
	}
	if _, err := svc.Delete(ctx, planner, "wanyang", "2026"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("second delete: %v", err)
	} else if ae, _ := apperr.As(err); ae.Field != "year" {
		t.Errorf("second delete names %q", ae.Field)
	}
}

// Refused edits write nothing: a bad grade, a year out of range, a missing source (400 listing each
// field), an unknown park (404 naming id). No row, no audit row, no new layer version.
func TestEvaluationRefusedEditsWriteNothing(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	svc := evaluationsOn(t, db)
	conn := connect(t, db)
	ctx := context.Background()
	state := func() string {
		return scalar[string](t, conn, `SELECT (SELECT count(*) FROM park_evaluations) || '|' || (SELECT count(*) FROM audit_log) || '|' ||
			(SELECT version FROM layer_versions WHERE layer = 'park_evaluations')`)
	}
	s0 := state()
	for _, c := range []struct {
		park, year, body string
		code             string
		fields           []string
	}{
		{"wanyang", "2026", `{"grade":"E","source":"x"}`, apperr.Invalid, []string{"grade"}},
		{"wanyang", "2027", `{"grade":"A","source":"x"}`, apperr.Invalid, []string{"year"}},
		{"wanyang", "2017", `{"grade":"a","source":" "}`, apperr.Invalid, []string{"year", "grade", "source"}},
		{"wanyang", "二〇二五", `{"grade":"A"}`, apperr.Invalid, []string{"year", "source"}},
		{"no-such-park", "2025", `{"grade":"A","source":"x"}`, apperr.NotFound, []string{"id"}},
	} {
		_, err := svc.Put(ctx, planner, c.park, c.year, put(t, c.body))
		ae, ok := apperr.As(err)
		if !ok || ae.Code != c.code || len(ae.Fields) != len(c.fields) {
			t.Errorf("%s/%s %s: %v", c.park, c.year, c.body, err)
			continue
		}
		for i, f := range c.fields {
			if ae.Fields[i].Field != f || ae.Fields[i].MessageZh == "" {
				t.Errorf("%s/%s %s: field %d is %+v, want %s", c.park, c.year, c.body, i, ae.Fields[i], f)
			}
		}
	}
	if _, err := svc.Delete(ctx, planner, "no-such-park", "2025"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("delete of an unknown park: %v", err)
	}
	if s := state(); s != s0 {
		t.Errorf("refused edits wrote: %s, before %s", s, s0)
	}
}

// The schema's CHECK lists exactly plan.Grades.
func TestSchemaGrades(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))
	def := scalar[string](t, conn, `SELECT pg_get_constraintdef(oid) FROM pg_constraint
		WHERE conrelid = 'park_evaluations'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%grade%'`)
	var in []string
	for _, g := range plan.Grades {
		if strings.Contains(def, "'"+g+"'") {
			in = append(in, g)
		}
	}
	if !slices.Equal(in, plan.Grades) || strings.Count(def, "::text") != len(plan.Grades) {
		t.Errorf("grade CHECK: %s; plan: %v", def, plan.Grades)
	}
}

// The writer may read, add and remove grades, never update one, never set a row's origin (so it
// cannot pass a grade off as the dataset's), and may not write the rounds. The reader reads both.
func TestWriterEvaluationGrants(t *testing.T) {
	t.Parallel()
	db := testenv.LoadedDatabase(t)
	writer := connect(t, pgtest.RoleURL(db, testenv.WriterRole))
	for _, sql := range []string{
		"UPDATE park_evaluations SET grade = 'A' WHERE false",
		"TRUNCATE park_evaluations",
		"INSERT INTO park_evaluations (park_id, year, grade, source, origin, entered_by) VALUES ('wanyang', 2026, 'A', 's', 'dataset', 't')",
		"INSERT INTO evaluation_rounds (year, issuer, notice_date, method, dimensions, parks_evaluated, parks_recognised, count_a, count_b, count_c, count_d, source) VALUES (2026, 'i', '2026-01-01', 'm', '{x}', 0, 0, 0, 0, 0, 0, 's')",
		"DELETE FROM evaluation_rounds WHERE false",
	} {
		wantDenied(t, "parkmap_writer", sql, execInReadWrite(t, writer, sql), "permission denied")
	}
	for _, sql := range []string{
		"INSERT INTO park_evaluations (park_id, year, grade, source, entered_by) VALUES ('wanyang', 2026, 'A', 's', 't')",
		"DELETE FROM park_evaluations WHERE false",
	} {
		if err := execInReadWrite(t, writer, sql); err != nil {
			t.Errorf("parkmap_writer: %s: %v", sql, err)
		}
	}
	reader := connect(t, pgtest.RoleURL(db, testenv.ReaderRole))
	for _, sql := range []string{"SELECT * FROM park_evaluations", "SELECT * FROM evaluation_rounds"} {
		if _, err := reader.Exec(context.Background(), sql); err != nil {
			t.Errorf("parkmap_reader: %s: %v", sql, err)
		}
	}
}
