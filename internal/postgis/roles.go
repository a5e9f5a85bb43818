package postgis

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Guard is what a run-time pool checks about its role once, when it opens (issue 9: nothing at run
// time connects as a superuser, and the serving pool's role cannot write). A misconfigured URL then
// stops the start with a message that says what to use, instead of serving with too much power.
type Guard struct {
	// Command names who refuses, for the message: "parkmap serve".
	Command string
	// Use names the role and the setting to use instead: "parkmap_reader (PARKMAP_READER_URL)".
	Use string
	// ReadOnly also refuses a role that holds any INSERT, UPDATE, DELETE or TRUNCATE privilege on a
	// table or view of schema public (an owner, the writer, a role someone granted too much).
	ReadOnly bool
}

// check runs g's checks on pool.
func (g Guard) check(ctx context.Context, pool *pgxpool.Pool) error {
	if err := CheckNotSuperuser(ctx, pool, g); err != nil {
		return err
	}
	if g.ReadOnly {
		return CheckNoWriteGrants(ctx, pool, g)
	}
	return nil
}

// CheckNotSuperuser fails when pool's role (current_user) is a superuser, with g's words:
// "parkmap serve refuses to connect as superuser postgres: use parkmap_reader (PARKMAP_READER_URL)".
// Open runs it for Options.Guard; the writer pool calls it too.
func CheckNotSuperuser(ctx context.Context, pool *pgxpool.Pool, g Guard) error {
	var role string
	var super bool
	err := pool.QueryRow(ctx, "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&role, &super)
	if err != nil {
		return dbError("check role", err)
	}
	if super {
		return fmt.Errorf("%s refuses to connect as superuser %s: use %s", g.Command, role, g.Use)
	}
	return nil
}

// writeGrants lists the tables and views of schema public on which the current role may write:
// INSERT or UPDATE on the table or any column, DELETE, TRUNCATE. An owner holds them all.
const writeGrants = `
SELECT c.relname, p.priv
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(priv)
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND CASE WHEN p.priv IN ('INSERT', 'UPDATE') THEN has_any_column_privilege(c.oid, p.priv)
           ELSE has_table_privilege(c.oid, p.priv) END
ORDER BY 1, 2`

// CheckNoWriteGrants fails when pool's role may write any table or view of schema public, naming
// the role and a few of them.
func CheckNoWriteGrants(ctx context.Context, pool *pgxpool.Pool, g Guard) error {
	var role string
	if err := pool.QueryRow(ctx, "SELECT current_user").Scan(&role); err != nil {
		return dbError("check role", err)
	}
	rows, err := pool.Query(ctx, writeGrants)
	if err != nil {
		return dbError("check role", err)
	}
	grants, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var rel, priv string
		err := r.Scan(&rel, &priv)
		return priv + " on " + rel, err
	})
	if err != nil {
		return dbError("check role", err)
	}
	if len(grants) == 0 {
		return nil
	}
	shown := grants[:min(len(grants), 3)]
	more := ""
	if len(grants) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(grants)-len(shown))
	}
	return fmt.Errorf("%s refuses to serve as %s, which may write (%s%s): use %s",
		g.Command, role, strings.Join(shown, ", "), more, g.Use)
}

// SetRolePassword sets role's password (ALTER ROLE ... PASSWORD), as `parkmap migrate` does for the
// reader and the writer when PARKMAP_READER_PASSWORD or PARKMAP_WRITER_PASSWORD is set (docker
// compose, where they log in over TCP with a password). ALTER ROLE takes no bind parameters, so the
// server quotes both: format's %I and %L. The password is hashed by the server
// (password_encryption, scram-sha-256 by default) and is in no error this returns; it does cross the
// connection in the statement's text, as every ALTER ROLE PASSWORD does. The store's role needs
// CREATEROLE (parkmap_owner has it).
func (s *Store) SetRolePassword(ctx context.Context, role, password string) error {
	if password == "" {
		return fmt.Errorf("password of %s: empty", role)
	}
	var stmt string
	if err := s.pool.QueryRow(ctx, "SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text)", role, password).Scan(&stmt); err != nil {
		return dbError("set password", err)
	}
	// The simple protocol: no prepared statement keeps the text in the connection's cache.
	if _, err := s.pool.Exec(ctx, stmt, pgx.QueryExecModeSimpleProtocol); err != nil {
		return fmt.Errorf("password of %s: %w", role, dbError("set password", err))
	}
	return nil
}
