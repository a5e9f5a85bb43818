package pgtest

import (
	"errors"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// RoleURL returns dbURL with its user replaced by role and no password: the test cluster trusts
// 127.0.0.1 (scripts/pgcluster.sh), so a role's URL differs from the superuser's only in the name.
// Tests serve with parkmap_reader and parkmap_writer this way, as production does.
func RoleURL(dbURL, role string) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		panic("pgtest: RoleURL: " + err.Error()) // every URL here comes from AdminURL, already parsed
	}
	u.User = url.User(role)
	return u.String()
}

// EnsureRole creates the cluster role name with the role options attributes (SQL keywords written
// by the test, such as "LOGIN CREATEROLE NOSUPERUSER", never a value) unless it exists. Roles
// belong to the whole cluster and outlive the test: scripts/pgcluster.sh makes parkmap_owner the
// same way, and two test processes racing to create one are both fine.
func EnsureRole(t testing.TB, name, attributes string) {
	t.Helper()
	c := clusterFor(t)
	err := c.exec("CREATE ROLE " + ident(name) + " " + attributes)
	var pgErr *pgconn.PgError
	// 42710 duplicate_object: it exists; 23505: created meanwhile by another test process.
	if errors.As(err, &pgErr) && (pgErr.Code == "42710" || pgErr.Code == "23505") {
		return
	}
	if err != nil {
		t.Fatalf("pgtest: create role %s: %v", name, err)
	}
}

// NewDatabaseOwnedBy creates an empty database with postgis, as NewDatabase does, but owned by the
// existing role owner, as scripts/pgcluster.sh and scripts/docker-initdb.sh make parkmap's: the
// extension is the superuser's, everything else is for owner to create. It returns owner's URL of
// the database, which is dropped when the test ends.
func NewDatabaseOwnedBy(t testing.TB, owner string) string {
	t.Helper()
	c := clusterFor(t)
	db := NewDatabase(t)
	u, err := url.Parse(db)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if err := c.exec("ALTER DATABASE " + ident(u.Path[1:]) + " OWNER TO " + ident(owner)); err != nil {
		t.Fatalf("pgtest: give database to %s: %v", owner, err)
	}
	return RoleURL(db, owner)
}
