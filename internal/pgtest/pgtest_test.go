package pgtest_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/internal/pgtest"
)

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func currentDatabase(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var name string
	if err := conn.QueryRow(t.Context(), "SELECT current_database()").Scan(&name); err != nil {
		t.Fatalf("current_database: %v", err)
	}
	return name
}

func TestNewDatabaseHasPostGIS(t *testing.T) {
	t.Parallel()
	conn := connect(t, pgtest.NewDatabase(t))
	var version string
	if err := conn.QueryRow(t.Context(), "SELECT postgis_version()").Scan(&version); err != nil {
		t.Fatalf("postgis_version: %v", err)
	}
	if version == "" {
		t.Fatal("postgis_version() is empty")
	}
	var tables int
	err := conn.QueryRow(t.Context(),
		"SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'").Scan(&tables)
	if err != nil {
		t.Fatalf("count tables: %v", err)
	}
	if tables != 0 {
		t.Errorf("new database has %d tables of its own, want 0", tables)
	}
}

func TestNewDatabaseIsFreshEachCall(t *testing.T) {
	t.Parallel()
	a, b := connect(t, pgtest.NewDatabase(t)), connect(t, pgtest.NewDatabase(t))
	nameA, nameB := currentDatabase(t, a), currentDatabase(t, b)
	if nameA == nameB {
		t.Fatalf("two calls gave the same database %q", nameA)
	}
	if _, err := a.Exec(t.Context(), "CREATE TABLE only_in_a (id int)"); err != nil {
		t.Fatal(err)
	}
	var missing bool
	if err := b.QueryRow(t.Context(), "SELECT to_regclass('only_in_a') IS NULL").Scan(&missing); err != nil {
		t.Fatal(err)
	}
	if !missing {
		t.Errorf("table created in %s is visible in %s", nameA, nameB)
	}
}

func TestNewDatabaseIsDroppedAfterTest(t *testing.T) {
	var name string
	t.Run("user", func(t *testing.T) {
		name = currentDatabase(t, connect(t, pgtest.NewDatabase(t)))
	})
	var exists bool
	err := connect(t, pgtest.AdminURL(t)).QueryRow(t.Context(),
		"SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&exists)
	if err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after its test ended", name)
	}
}

func TestNewDatabaseFromClonesTemplate(t *testing.T) {
	key := fmt.Sprintf("parks-%d", time.Now().UnixNano())
	var builds atomic.Int32
	init := func(ctx context.Context, url string) error {
		builds.Add(1)
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, `CREATE TABLE parks (id int PRIMARY KEY, name text NOT NULL, geom geometry(Point, 4326));
			INSERT INTO parks VALUES (1, '平阳经济开发区', ST_SetSRID(ST_MakePoint(120.57, 27.66), 4326))`)
		return err
	}
	t.Run("clones", func(t *testing.T) {
		for i := range 4 {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				conn := connect(t, pgtest.NewDatabaseFrom(t, key, init))
				var name string
				if err := conn.QueryRow(t.Context(), "SELECT name FROM parks WHERE id = 1").Scan(&name); err != nil {
					t.Fatalf("template's row: %v", err)
				}
				if name != "平阳经济开发区" {
					t.Errorf("name = %q", name)
				}
				// A write stays in its own clone: every clone starts with one row.
				if _, err := conn.Exec(t.Context(), "INSERT INTO parks (id, name) VALUES ($1, 'x')", 100+i); err != nil {
					t.Fatal(err)
				}
				var n int
				if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM parks").Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 2 {
					t.Errorf("clone has %d rows, want 2", n)
				}
			})
		}
	})
	if got := builds.Load(); got != 1 {
		t.Errorf("init ran %d times for one key, want 1", got)
	}
}

func TestNewDatabaseFromInitErrorFailsEveryCaller(t *testing.T) {
	key := fmt.Sprintf("broken-%d", time.Now().UnixNano())
	var builds atomic.Int32
	boom := errors.New("boom")
	init := func(context.Context, string) error {
		builds.Add(1)
		return boom
	}
	for range 2 {
		msg := fatalOf(t, func(tb testing.TB) { pgtest.NewDatabaseFrom(tb, key, init) })
		if !strings.Contains(msg, "boom") {
			t.Errorf("fatal message %q does not carry the init error", msg)
		}
	}
	if got := builds.Load(); got != 1 {
		t.Errorf("init ran %d times, want 1", got)
	}
}

func TestAdminURLUnsetFails(t *testing.T) {
	t.Setenv(pgtest.AdminURLEnv, "")
	msg := fatalOf(t, func(tb testing.TB) { pgtest.AdminURL(tb) })
	if !strings.Contains(msg, "make test") {
		t.Errorf("fatal message %q does not say to run make test", msg)
	}
	msg = fatalOf(t, func(tb testing.TB) { pgtest.NewDatabase(tb) })
	if msg == "" {
		t.Error("NewDatabase without an admin URL did not fail the test")
	}
}

// recorder stands in for a test to catch its fatal failure.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatal(args ...any) { r.msg = fmt.Sprint(args...); runtime.Goexit() }

func (r *recorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// fatalOf runs f in a goroutine of its own and returns the message f failed
// with, or "" if it returned normally.
func fatalOf(t *testing.T, f func(testing.TB)) string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
	return r.msg
}
