package pgtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// leaseClass is the first key of the advisory locks by which a live test
// process claims its databases ("pgts" in ASCII). Advisory locks belong to
// one database, so every process must use the same admin URL, as `make test`
// does.
const leaseClass int32 = 0x70677473

// clusters holds one cluster per admin URL for the life of the test process.
// It is package state on purpose: templates are built once per process, so
// they cannot belong to any one test.
var clusters = struct {
	mu sync.Mutex
	m  map[string]*cluster
}{m: map[string]*cluster{}}

// cluster is this process's view of one test cluster.
type cluster struct {
	admin *url.URL
	lease uint32
	seq   atomic.Uint64

	// mu guards conn, the admin session that holds the lease and runs every
	// CREATE, ALTER and DROP DATABASE. Holding it also serialises clones:
	// PostgreSQL refuses to copy a template another session is using.
	mu   sync.Mutex
	conn *pgx.Conn

	tplMu sync.Mutex
	tpls  map[string]*template
}

// template is one template database, built once.
type template struct {
	once sync.Once
	name string
	err  error
}

// clusterFor returns the cluster behind AdminURL, connecting on first use.
func clusterFor(t testing.TB) *cluster {
	t.Helper()
	raw := AdminURL(t)
	clusters.mu.Lock()
	defer clusters.mu.Unlock()
	if c, ok := clusters.m[raw]; ok {
		return c
	}
	c, err := openCluster(raw)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	clusters.m[raw] = c
	return c
}

// adminContext is the context of an administrative statement. Admin statements
// run on their own context, not the test's: a test's context is cancelled
// before its cleanups run, and pgx closes a connection whose query context is
// cancelled, which would break the session that holds the lease. It has no
// deadline: a slow or busy machine only makes a statement slower, and a hung
// one is ended by go test's -timeout.
func adminContext() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// openCluster connects the admin session, takes a lease for this process and
// drops what dead processes left behind.
func openCluster(raw string) (*cluster, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("%s must be a postgres:// URL", AdminURLEnv)
	}
	ctx, cancel := adminContext()
	defer cancel()
	conn, err := pgx.Connect(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("connect to the test cluster at %s (is it running? `make test` starts it): %w",
			u.Redacted(), err)
	}
	c := &cluster{admin: u, conn: conn, tpls: map[string]*template{}}
	if err := c.takeLease(ctx); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	if err := c.dropStale(ctx); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return c, nil
}

// takeLease claims a random lease id with a session advisory lock that the
// admin session holds until the process exits. Every database this process
// creates carries the id in its name.
func (c *cluster) takeLease(ctx context.Context) error {
	for range 100 {
		l := rand.Uint32()
		var ok bool
		if err := c.conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1, $2)", leaseClass, int32(l)).Scan(&ok); err != nil {
			return fmt.Errorf("take lease: %w", err)
		}
		if ok {
			c.lease = l
			return nil
		}
	}
	return errors.New("take lease: no free lease id")
}

// dropStale drops databases named by pgtest whose lease nobody holds: their
// process is gone, and t.Cleanup never ran for them.
func (c *cluster) dropStale(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	rows, err := c.conn.Query(ctx, "SELECT datname FROM pg_database WHERE datname ~ $1", ownedPattern)
	if err != nil {
		return fmt.Errorf("list stale databases: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("list stale databases: %w", err)
	}
	byLease := map[uint32][]string{}
	for _, n := range names {
		if l, ok := leaseOf(n); ok && l != c.lease {
			byLease[l] = append(byLease[l], n)
		}
	}
	for l, dbs := range byLease {
		var free bool
		if err := c.conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1, $2)", leaseClass, int32(l)).Scan(&free); err != nil {
			return fmt.Errorf("check lease %08x: %w", l, err)
		}
		if !free {
			continue
		}
		for _, n := range dbs {
			if _, err := c.conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(n)+" WITH (FORCE)"); err != nil {
				return fmt.Errorf("drop stale database %s: %w", n, err)
			}
		}
		if _, err := c.conn.Exec(ctx, "SELECT pg_advisory_unlock($1, $2)", leaseClass, int32(l)); err != nil {
			return fmt.Errorf("release lease %08x: %w", l, err)
		}
	}
	return nil
}

// exec runs one administrative statement on the admin session.
func (c *cluster) exec(sql string, args ...any) error {
	ctx, cancel := adminContext()
	defer cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := c.conn.Exec(ctx, sql, args...)
	return err
}

// urlOf returns the admin URL with the database name replaced.
func (c *cluster) urlOf(db string) string {
	u := *c.admin
	u.Path = "/" + db
	u.RawPath = ""
	return u.String()
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

// createFrom creates database name as a copy of tpl.
func (c *cluster) createFrom(name, tpl string) error {
	if err := c.exec("CREATE DATABASE " + ident(name) + " TEMPLATE " + ident(tpl)); err != nil {
		return fmt.Errorf("create database %s from %s: %w", name, tpl, err)
	}
	return nil
}

func (c *cluster) drop(name string) error {
	if err := c.exec("DROP DATABASE IF EXISTS " + ident(name) + " WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// cloneFor creates a database for t from template tpl and drops it when t ends.
func (c *cluster) cloneFor(t testing.TB, tpl string) string {
	t.Helper()
	name := dbName(clonePrefix, t.Name(), c.lease, c.seq.Add(1))
	if err := c.createFrom(name, tpl); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		if err := c.drop(name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return c.urlOf(name)
}
