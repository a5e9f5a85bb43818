// Package pgtest gives each test its own PostGIS database in a real cluster:
// the private one that `make test` starts with scripts/pgcluster.sh, found
// through PARKMAP_TEST_ADMIN_URL. There is no shared global database, and a
// missing cluster fails the test; it never skips.
//
// Every database it creates is dropped in t.Cleanup. Templates built by
// NewDatabaseFrom live as long as the test process; databases left behind by a
// process that died (a test timeout, a kill) are dropped by the next process
// that uses the same cluster, so nothing piles up between `make db-reset`s.
package pgtest

import (
	"context"
	"os"
	"testing"
)

// AdminURLEnv names the environment variable holding a superuser URL of the
// test cluster's maintenance database.
const AdminURLEnv = "PARKMAP_TEST_ADMIN_URL"

// AdminURL returns PARKMAP_TEST_ADMIN_URL, a superuser URL such as
// postgres://postgres@127.0.0.1:55432/postgres?sslmode=disable. When it is
// unset it fails the test, telling to run the tests with `make test`.
func AdminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(AdminURLEnv)
	if u == "" {
		t.Fatalf("pgtest: %s is not set: run the tests with `make test`, which starts the "+
			"private PostGIS cluster (scripts/pgcluster.sh) and sets it; to run `go test` by hand: "+
			"scripts/pgcluster.sh start && export %s=$(scripts/pgcluster.sh admin-url)",
			AdminURLEnv, AdminURLEnv)
	}
	return u
}

// NewDatabase creates an empty database with the postgis extension, named
// after the test, and drops it when the test ends. It returns the database's
// URL (the admin URL with another database name).
func NewDatabase(t testing.TB) string {
	t.Helper()
	c := clusterFor(t)
	tpl, err := c.base()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return c.cloneFor(t, tpl)
}

// NewDatabaseFrom returns a fresh database cloned from a template that init
// fills. The template is built once per test process for each key: the first
// caller runs init(ctx, templateURL) on a database that already has postgis,
// concurrent callers wait for that build, and later callers reuse it. init must
// close every connection it opened before it returns (any left are
// terminated). An init error fails every test that asks for that key. One key
// must always go with the same init.
func NewDatabaseFrom(t testing.TB, key string, init func(ctx context.Context, url string) error) string {
	t.Helper()
	c := clusterFor(t)
	tpl, err := c.template(t.Context(), key, init)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return c.cloneFor(t, tpl)
}
