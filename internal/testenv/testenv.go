// Package testenv gives tests a loaded parkmap database and a running service on it, against the real
// PostGIS cluster that `make test` starts. There is no fallback: without the cluster, tests fail.
package testenv

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
)

// LoadedDatabase returns the URL of a fresh database holding the schema and the bundled dataset. The
// dataset is loaded once per test binary into a template; each caller gets its own clone.
func LoadedDatabase(t testing.TB) string {
	t.Helper()
	return pgtest.NewDatabaseFrom(t, "parkmap_loaded", func(ctx context.Context, url string) error {
		return MigrateAndLoad(ctx, url)
	})
}

// MigrateAndLoad applies the migrations and loads the bundled dataset into the database at url.
func MigrateAndLoad(ctx context.Context, url string) error {
	store, err := postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-test-load"})
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := store.Migrate(ctx, data.Migrations()); err != nil {
		return err
	}
	ds, err := data.LoadDataset()
	if err != nil {
		return err
	}
	version, err := data.Version()
	if err != nil {
		return err
	}
	_, err = store.Load(ctx, ds, version, "bundled dataset")
	return err
}

// Store opens a read-only store on a freshly loaded database and closes it with the test.
func Store(t testing.TB) *postgis.Store {
	t.Helper()
	url := LoadedDatabase(t)
	store, err := postgis.Open(context.Background(), url, postgis.Options{AppName: "parkmap-test", ReadOnly: true})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	return store
}

// Server starts the whole service on a loaded database and returns its base URL (http://127.0.0.1:port).
func Server(t testing.TB) string {
	t.Helper()
	return ServerWith(t, app.Options{})
}

// ServerWith is Server with options, such as the web map's Tianditu basemap; o.Log defaults to the
// test's verbosity.
func ServerWith(t testing.TB, o app.Options) string {
	t.Helper()
	store := Store(t)
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
		if testing.Verbose() {
			o.Log = slog.Default()
		}
	}
	srv := httptest.NewServer(app.NewHandler(store, o))
	t.Cleanup(srv.Close)
	return srv.URL
}
