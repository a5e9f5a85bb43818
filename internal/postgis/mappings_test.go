package postgis_test

import (
	"context"
	"fmt"
	stdmaps "maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerimport"
)

// writerStore opens a store as parkmap_writer on db, as the service's write pool.
func writerStore(t *testing.T, db string) *postgis.Store {
	t.Helper()
	st, err := postgis.Open(context.Background(), pgtest.RoleURL(db, testenv.WriterRole), postgis.Options{AppName: "parkmap-mappings-test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// Saved mappings through the writer, as the page saves them: save, replace, list, read, delete, each
// change with its audit row, and every mistake a field error in both languages.
func TestSavedMappings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testenv.LoadedDatabase(t)
	st := writerStore(t, db)
	land := accounts.Actor{Username: "zhang", Roles: []string{accounts.Land}, RequestID: "r1"}
	const name = "县自然资源局供地台账"
	m := layerimport.SavedMapping{Mapping: map[string]string{"id": "DKBH", "area": "YDMJ", "year": "GDNF"}, AreaUnit: "ha", Encoding: "GBK"}
	saved, err := st.SaveMapping(ctx, land, layerimport.LayerParcels, " "+name, m)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Name != name || saved.Layer != layerimport.LayerParcels || saved.AreaUnit != layerimport.UnitHectare ||
		saved.SavedBy != "zhang" || saved.SavedAt.IsZero() {
		t.Errorf("saved: %+v", saved)
	}
	got, err := st.Mapping(ctx, layerimport.LayerParcels, name)
	if err != nil || !stdmaps.Equal(got.Mapping, m.Mapping) || got.AreaUnit != layerimport.UnitHectare || got.Encoding != "GBK" ||
		got.CRS != "" || !got.SavedAt.Equal(saved.SavedAt) {
		t.Fatalf("read back: %v %+v", err, got)
	}
	// The next quarter's ledger is in ㎡ and has a .prj no more: the same name is replaced.
	m2 := layerimport.SavedMapping{Mapping: map[string]string{"id": "DKBH", "area": "YDMJ"}, AreaUnit: "㎡", CRS: "EPSG:4528"}
	if _, err := st.SaveMapping(ctx, land, layerimport.LayerParcels, name, m2); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveMapping(ctx, land, layerimport.LayerParcels, "乡镇报送", layerimport.SavedMapping{Mapping: map[string]string{"id": "编号"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveMapping(ctx, land, layerimport.LayerConstraints, "县林业局", layerimport.SavedMapping{Mapping: map[string]string{"kind": "LX"}}); err != nil {
		t.Fatal(err)
	}
	list, err := st.Mappings(ctx, layerimport.LayerParcels)
	if err != nil || len(list) != 2 || list[0].Name != "乡镇报送" || list[1].Name != name ||
		list[1].AreaUnit != layerimport.UnitSquareMetre || list[1].CRS != "EPSG:4528" || list[1].Encoding != "" || len(list[1].Mapping) != 2 {
		t.Fatalf("list: %v %+v", err, list)
	}
	if list, err := st.Mappings(ctx, layerimport.LayerRedevelopment); err != nil || list == nil || len(list) != 0 {
		t.Errorf("no mappings: %v %#v", err, list)
	}
	if err := st.DeleteMapping(ctx, land, layerimport.LayerParcels, "乡镇报送"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		func() error { _, err := st.Mapping(ctx, layerimport.LayerParcels, "乡镇报送"); return err }(),
		st.DeleteMapping(ctx, land, layerimport.LayerParcels, "乡镇报送"),
		func() error { _, err := st.Mapping(ctx, layerimport.LayerParks, name); return err }(),
	} {
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.NotFound || ae.Field != "mapping" || len(ae.Fields) != 1 || !strings.Contains(ae.Fields[0].MessageZh, "没有名为") {
			t.Errorf("not found: %#v", err)
		}
	}
	// Mistakes: a field error each, nothing saved.
	for _, c := range []struct {
		layer, name string
		m           layerimport.SavedMapping
		field       string
	}{
		{"roads", "x", layerimport.SavedMapping{}, "layer"},
		{layerimport.LayerParcels, "", layerimport.SavedMapping{}, "name"},
		{layerimport.LayerParcels, strings.Repeat("账", 101), layerimport.SavedMapping{}, "name"},
		{layerimport.LayerParcels, "x", layerimport.SavedMapping{Mapping: map[string]string{"kind": "LX"}}, "mapping.kind"},
		{layerimport.LayerParcels, "x", layerimport.SavedMapping{AreaUnit: "英亩"}, "area_unit"},
	} {
		_, err := st.SaveMapping(ctx, land, c.layer, c.name, c.m)
		if ae, ok := apperr.As(err); !ok || ae.Code != apperr.Invalid || ae.Field != c.field || ae.Fields[0].MessageZh == "" {
			t.Errorf("%s %q %+v: %v", c.layer, c.name, c.m, err)
		}
	}
	if _, err := st.Mappings(ctx, "roads"); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("mappings of an unknown layer: %v", err)
	}

	// The audit log: two saves of the ledger (the second with the first as before), the delete.
	conn := superuser(t, db)
	rows, err := conn.Query(ctx, `SELECT action, actor, actor_roles, row_key, coalesce(before::text, ''), coalesce(after::text, '')
		FROM audit_log WHERE table_name = 'import_mappings' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct{ action, actor, roles, key, before, after string }
	var log []entry
	for rows.Next() {
		var e entry
		var roles []string
		if err := rows.Scan(&e.action, &e.actor, &roles, &e.key, &e.before, &e.after); err != nil {
			t.Fatal(err)
		}
		e.roles = strings.Join(roles, ",")
		log = append(log, e)
	}
	if rows.Err() != nil || len(log) != 5 {
		t.Fatalf("audit: %v %+v", rows.Err(), log)
	}
	first, second, del := log[0], log[1], log[4]
	if first.action != postgis.ActionMappingSave || first.actor != "zhang" || first.roles != accounts.Land ||
		first.key != "parcels/"+name || first.before != "" || !strings.Contains(first.after, `"公顷"`) {
		t.Errorf("first save: %+v", first)
	}
	if !strings.Contains(second.before, `"GDNF"`) || strings.Contains(second.after, `"GDNF"`) || !strings.Contains(second.after, "EPSG:4528") {
		t.Errorf("replace: %+v", second)
	}
	if del.action != postgis.ActionMappingDelete || del.key != "parcels/乡镇报送" || !strings.Contains(del.before, "编号") || del.after != "" {
		t.Errorf("delete: %+v", del)
	}
}

// Saves of one new name at once: each replaces the one before it, so exactly one audits no
// "before". The saves are made to overlap for certain: a superuser's SHARE lock on the table lets a
// save read (FOR UPDATE finds no row) but holds its INSERT, until every save is waiting; without the
// per-name lock, all of them would then insert as the first.
func TestSavedMappingConcurrentFirstSaves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testenv.LoadedDatabase(t)
	st := writerStore(t, db)
	su := superuser(t, db)
	tx, err := su.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE import_mappings IN SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	const n = 4
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = st.SaveMapping(ctx, accounts.Actor{Username: fmt.Sprintf("u%d", i)}, layerimport.LayerParcels, "并发",
				layerimport.SavedMapping{CRS: fmt.Sprintf("EPSG:%d", 4500+i)})
		}()
	}
	watch := superuser(t, db)
	testenv.WaitFor(t, "every save waiting on a lock", func() bool {
		var waiting int
		err := watch.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND application_name = 'parkmap-mappings-test' AND wait_event_type = 'Lock'`).Scan(&waiting)
		return err == nil && waiting == n
	})
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var saves, firsts int
	if err := watch.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE before IS NULL) FROM audit_log
		WHERE table_name = 'import_mappings' AND row_key = 'parcels/并发'`).Scan(&saves, &firsts); err != nil {
		t.Fatal(err)
	}
	if saves != n || firsts != 1 {
		t.Errorf("%d saves audited, %d of them as the first; want %d and 1", saves, firsts, n)
	}
}

// The reader may read saved mappings and change none; the writer's grants are its own table's.
func TestSavedMappingGrants(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testenv.LoadedDatabase(t)
	if _, err := writerStore(t, db).SaveMapping(ctx, accounts.Actor{Username: "li"}, layerimport.LayerParks, "园区办",
		layerimport.SavedMapping{Mapping: map[string]string{"park": "YQMC"}}); err != nil {
		t.Fatal(err)
	}
	reader := testenv.StoreOf(t, db)
	if list, err := reader.Mappings(ctx, layerimport.LayerParks); err != nil || len(list) != 1 || list[0].Mapping["park"] != "YQMC" {
		t.Fatalf("reader lists: %v %+v", err, list)
	}
	// The reader gives the suggestion its park names: ids, names and aliases.
	h, err := reader.MappingHints(ctx)
	if err != nil || !slices.Contains(h.ParkNames, "binhai-yinshua") || !slices.Contains(h.ParkNames, "滨海新区印刷小微园") ||
		!slices.Contains(h.ParkNames, "平阳印刷小微园") || len(h.ParkNames) < 40 {
		t.Errorf("hints: %v %v", err, h.ParkNames)
	}
	parks, _ := layerimport.TargetOf(layerimport.LayerParks)
	got := layerimport.SuggestWith(parks, []string{"XMC"}, map[string][]string{"XMC": {"平阳印刷小微园", "水头皮革皮件小微园"}}, h)
	if len(got) != 1 || got[0].Field != "park" {
		t.Errorf("park by its values: %+v", got)
	}
	rconn, err := pgx.Connect(ctx, pgtest.RoleURL(db, testenv.ReaderRole))
	if err != nil {
		t.Fatal(err)
	}
	defer rconn.Close(ctx)
	for _, sql := range []string{
		`INSERT INTO import_mappings (layer, name, mapping, saved_by) VALUES ('parks', 'x', '{}', 'r')`,
		`UPDATE import_mappings SET crs = 'EPSG:4326'`,
		`DELETE FROM import_mappings`,
	} {
		if err := execInReadWrite(t, rconn, sql); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("reader: %s: %v", sql, err)
		}
	}
	// The table's own checks hold a row from any writer to the shape the service writes.
	wconn, err := pgx.Connect(ctx, pgtest.RoleURL(db, testenv.WriterRole))
	if err != nil {
		t.Fatal(err)
	}
	defer wconn.Close(ctx)
	for _, sql := range []string{
		`INSERT INTO import_mappings (layer, name, mapping, saved_by) VALUES ('roads', 'x', '{}', 'w')`,
		`INSERT INTO import_mappings (layer, name, mapping, saved_by) VALUES ('parks', '', '{}', 'w')`,
		`INSERT INTO import_mappings (layer, name, mapping, saved_by) VALUES ('parks', 'x', '[]', 'w')`,
		`INSERT INTO import_mappings (layer, name, mapping, area_unit, saved_by) VALUES ('parks', 'x', '{}', 'acre', 'w')`,
	} {
		if _, err := wconn.Exec(ctx, sql); err == nil || !strings.Contains(err.Error(), "violates check constraint") {
			t.Errorf("writer: %s: %v", sql, err)
		}
	}
}
