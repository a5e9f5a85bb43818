package pgtest

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestDropStaleKeepsLiveLeases(t *testing.T) {
	c := clusterFor(t)
	admin, err := pgx.Connect(t.Context(), AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())

	// Another live process: a session holding lease l.
	var l uint32
	for held := false; !held; {
		l = rand.Uint32()
		if err := admin.QueryRow(t.Context(), "SELECT pg_try_advisory_lock($1, $2)", leaseClass, int32(l)).Scan(&held); err != nil {
			t.Fatal(err)
		}
	}
	name := dbName(clonePrefix, t.Name(), l, 1)
	if err := c.exec("CREATE DATABASE " + ident(name)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.drop(name); err != nil {
			t.Error(err)
		}
	})
	exists := func() bool {
		t.Helper()
		var ok bool
		err := admin.QueryRow(t.Context(), "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&ok)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}

	if err := c.dropStale(t.Context()); err != nil {
		t.Fatal(err)
	}
	if !exists() {
		t.Fatalf("dropStale dropped %s while its lease was held", name)
	}

	// The process dies: its lease is free and its database goes. Another test
	// process starting now may hold the lease for a moment while it drops the
	// database itself, so look again until it is gone. There is no wall-clock
	// limit: if dropStale never drops it, go test's -timeout ends the test
	// with this loop on the stack.
	if _, err := admin.Exec(t.Context(), "SELECT pg_advisory_unlock($1, $2)", leaseClass, int32(l)); err != nil {
		t.Fatal(err)
	}
	for tries := 1; ; tries++ {
		if err := c.dropStale(t.Context()); err != nil {
			t.Fatal(err)
		}
		if !exists() {
			return
		}
		if tries%100 == 0 {
			t.Logf("dropStale still keeps %s after its lease was released (%d tries)", name, tries)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
