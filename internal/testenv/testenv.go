// Package testenv gives tests a loaded parkmap database and a running service on it, against the real
// PostGIS cluster that `make test` starts. There is no fallback: without the cluster, tests fail.
package testenv

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/tiles"
)

// The database roles (migration 0007, scripts/docker-initdb.sh). Tests migrate and load as the
// superuser (test setup, not run time), and serve and read as the reader and writer, as production.
const (
	OwnerRole  = "parkmap_owner"
	ReaderRole = "parkmap_reader"
	WriterRole = "parkmap_writer"
)

// LoadedDatabase returns the superuser's URL of a fresh database holding the schema and the bundled
// dataset. The dataset is loaded once per test binary into a template; each caller gets its own clone.
func LoadedDatabase(t testing.TB) string {
	t.Helper()
	return pgtest.NewDatabaseFrom(t, "parkmap_loaded", func(ctx context.Context, url string) error {
		return MigrateAndLoad(ctx, url)
	})
}

// MigrateAndLoad migrates and loads the bundled dataset into the database at url, as `parkmap load`
// does (app.LoadBundled).
func MigrateAndLoad(ctx context.Context, url string) error {
	ds, err := data.LoadDataset()
	if err != nil {
		return err
	}
	_, err = app.LoadBundled(ctx, url, ds)
	return err
}

// ReaderURL is the URL of a freshly loaded database as parkmap_reader: what serve's -db is.
func ReaderURL(t testing.TB) string {
	t.Helper()
	return pgtest.RoleURL(LoadedDatabase(t), ReaderRole)
}

// Store opens a read-only store as parkmap_reader on a freshly loaded database, as serve does, and
// closes it with the test.
func Store(t testing.TB) *postgis.Store {
	t.Helper()
	return StoreOf(t, LoadedDatabase(t))
}

// StoreOf opens a read-only store as parkmap_reader on the database at db (a test's own, which it
// may have written to as the owner first), and closes it with the test.
func StoreOf(t testing.TB, db string) *postgis.Store {
	t.Helper()
	url := pgtest.RoleURL(db, ReaderRole)
	store, err := postgis.Open(context.Background(), url, postgis.Options{AppName: "parkmap-test", ReadOnly: true, Tilesets: tiles.MustCatalogue(catalog.DefaultCollections())})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	return store
}

// Server starts the whole service (app.Main, as `parkmap serve` does) on a freshly loaded database and
// returns its base URL (http://127.0.0.1:port).
func Server(t testing.TB) string {
	t.Helper()
	return ServerWith(t, app.Config{})
}

// ServerWith is Server with configuration, such as the web map's Tianditu basemap.
func ServerWith(t testing.TB, c app.Config) string {
	t.Helper()
	return ServeDatabase(t, LoadedDatabase(t), c)
}

// ServeDatabase starts the service (ServeMain) on the database at dbURL (any user's URL of it, such
// as LoadedDatabase's), connecting as parkmap_reader and parkmap_writer.
func ServeDatabase(t testing.TB, dbURL string, c app.Config) string {
	t.Helper()
	c.DatabaseURL = pgtest.RoleURL(dbURL, ReaderRole)
	c.WriterURL = pgtest.RoleURL(dbURL, WriterRole)
	return ServeMain(t, c)
}

// ServeMain starts app.Main with c on 127.0.0.1:0 (c.DatabaseURL must be set, to a reader's URL:
// serve refuses a superuser) and stops it with the test. Its log goes nowhere unless the test is verbose.
func ServeMain(t testing.TB, c app.Config) string {
	t.Helper()
	var logw io.Writer = io.Discard
	if testing.Verbose() {
		logw = os.Stderr
	}
	m := app.NewMain(logw)
	c.Addr = "127.0.0.1:0"
	if c.TiandituReviewNumber == "" {
		c.TiandituReviewNumber = m.Config.TiandituReviewNumber
	}
	m.Config = c
	if err := m.Run(context.Background()); err != nil {
		t.Fatalf("start parkmap: %v", err)
	}
	t.Cleanup(func() {
		if err := m.Close(context.Background()); err != nil {
			t.Errorf("stop parkmap: %v", err)
		}
	})
	return m.URL()
}
