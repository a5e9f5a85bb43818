package postgis_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/tiles"
)

// openServing opens a store on url as the server does: read-only, with the tile catalogue.
func openServing(t *testing.T, url string) *postgis.Store {
	t.Helper()
	store, err := postgis.Open(context.Background(), url, postgis.Options{AppName: "parkmap-versions-test", ReadOnly: true,
		Tilesets: tiles.MustCatalogue(catalog.DefaultCollections())})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	return store
}

// superuser is a plain connection as the cluster's superuser: the writer that is not the service.
func superuser(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func exec(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func startVersions(t *testing.T, store *postgis.Store, o postgis.VersionOptions) *postgis.Versions {
	t.Helper()
	w := store.Versions(o)
	if v, ok := w.Version(); ok || v != "" {
		t.Errorf("before Start: %q, %v", v, ok)
	}
	if err := w.Start(t.Context()); err != nil {
		t.Fatalf("start versions: %v", err)
	}
	t.Cleanup(w.Close)
	return w
}

func current(w *postgis.Versions) string {
	v, _ := w.Version()
	return v
}

const touchPark = "UPDATE parks SET name = name || '′' WHERE seq = (SELECT min(seq) FROM parks)"

// TestVersionsFollowNotify: with the poll off, a write by another session reaches the watcher by
// NOTIFY alone, without any request, and the watcher then holds what the database says.
func TestVersionsFollowNotify(t *testing.T) {
	url := testenv.LoadedDatabase(t)
	store := openServing(t, url)
	w := startVersions(t, store, postgis.VersionOptions{Poll: -1})
	before, ok := w.Version()
	if !ok || before == "" {
		t.Fatalf("after Start: %q, %v", before, ok)
	}
	exec(t, superuser(t, url), touchPark)
	testenv.WaitFor(t, "the notified version", func() bool { return current(w) != before })
	want, err := store.DatasetVersion(context.Background())
	if err != nil || current(w) != want {
		t.Errorf("watcher %q, database %q (%v)", current(w), want, err)
	}
}

// TestVersionsPollAlone: with LISTEN off, as against a read replica, the poll picks a write up.
func TestVersionsPollAlone(t *testing.T) {
	url := testenv.LoadedDatabase(t)
	w := startVersions(t, openServing(t, url), postgis.VersionOptions{NoListen: true, Poll: 20 * time.Millisecond})
	before := current(w)
	exec(t, superuser(t, url), "DELETE FROM constraints WHERE id = (SELECT min(id) FROM constraints)")
	testenv.WaitFor(t, "the polled version", func() bool { return current(w) != before })
}

// TestVersionsReconnect: the LISTEN connection is lost when the database goes away; once it is back
// the watcher listens again, catches up with a change made meanwhile, and hears later ones.
func TestVersionsReconnect(t *testing.T) {
	direct := testenv.LoadedDatabase(t)
	proxy := testenv.NewCutProxy(t, direct)
	store := openServing(t, proxy.URL(direct))
	w := startVersions(t, store, postgis.VersionOptions{Poll: -1})
	admin := superuser(t, direct)
	before := current(w)

	proxy.Cut()
	exec(t, admin, touchPark)
	if _, err := store.DatasetVersion(context.Background()); err == nil {
		t.Error("the store still reads through a cut proxy")
	}
	if v, ok := w.Version(); !ok || v != before {
		t.Errorf("while cut the watcher has %q, %v; want the last version read, %q", v, ok, before)
	}
	proxy.Restore()
	testenv.WaitFor(t, "the change made while cut", func() bool { return current(w) != before })
	caught := current(w)
	exec(t, admin, "UPDATE towns SET name = name WHERE false")
	testenv.WaitFor(t, "a change after the reconnect", func() bool { return current(w) != caught })
}

// TestLayerVersions checks the triggers of 0005_layer_versions.sql: each layer's writes bump only
// that layer, statement-level triggers fire for TRUNCATE and for statements that touch no row, a
// transaction bumps once however many statements it runs, and a rollback changes nothing.
func TestLayerVersions(t *testing.T) {
	url := testenv.LoadedDatabase(t)
	conn := superuser(t, url)
	ctx := context.Background()
	versions := func() map[string]int64 {
		rows, _ := conn.Query(ctx, "SELECT layer, version FROM layer_versions")
		m := map[string]int64{}
		var layer string
		var v int64
		if _, err := pgx.ForEachRow(rows, []any{&layer, &v}, func() error { m[layer] = v; return nil }); err != nil {
			t.Fatal(err)
		}
		return m
	}
	changed := func(a, b map[string]int64) []string {
		var out []string
		for l, v := range b {
			if a[l] != v {
				out = append(out, l)
			}
		}
		return out
	}
	v0 := versions()
	for _, l := range []string{"county", "zones", "towns", "parks", "park_phases", "parcels", "redevelopment",
		"constraints", "plan_tables", "plan_cells", "plan_findings", "targets"} {
		if v0[l] == 0 {
			t.Errorf("layer %s has no version", l)
		}
	}
	exec(t, conn, "BEGIN")
	exec(t, conn, touchPark)
	exec(t, conn, touchPark)
	exec(t, conn, "UPDATE parcels SET code = code WHERE false")
	exec(t, conn, "ROLLBACK")
	if c := changed(v0, versions()); len(c) != 0 {
		t.Errorf("a rolled-back write changed %v", c)
	}
	exec(t, conn, "BEGIN")
	exec(t, conn, touchPark)
	var mid int64
	if err := conn.QueryRow(ctx, "SELECT version FROM layer_versions WHERE layer = 'parks'").Scan(&mid); err != nil {
		t.Fatal(err)
	}
	exec(t, conn, touchPark)
	exec(t, conn, "UPDATE parcels SET code = code WHERE false")
	exec(t, conn, "COMMIT")
	v1 := versions()
	if c := changed(v0, v1); len(c) != 2 || v1["parks"] == v0["parks"] || v1["parcels"] == v0["parcels"] {
		t.Errorf("a write to parks and parcels changed %v", c)
	}
	if v1["parks"] != mid {
		t.Errorf("the second statement of the transaction bumped parks again: %d, then %d", mid, v1["parks"])
	}
	exec(t, conn, "TRUNCATE plan_findings")
	if c := changed(v1, versions()); len(c) != 1 || c[0] != "plan_findings" {
		t.Errorf("TRUNCATE plan_findings changed %v", c)
	}
}
