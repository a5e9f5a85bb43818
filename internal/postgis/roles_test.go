package postgis_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

// insufficientPrivilege is SQLSTATE 42501: a grant is missing. A read-only transaction's refusal is
// 25006 instead, which is what a setting (default_transaction_read_only) gives and BEGIN READ WRITE
// overrides.
const insufficientPrivilege = "42501"

// execInReadWrite runs sql in an explicit BEGIN READ WRITE transaction, rolled back, and returns its
// error. It fails the test if the transaction is not in fact read-write, so that a refusal can only
// come from the grants.
func execInReadWrite(t *testing.T, conn *pgx.Conn, sql string) error {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadWrite})
	if err != nil {
		t.Fatalf("begin read write: %v", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	var ro string
	if err := tx.QueryRow(ctx, "SHOW transaction_read_only").Scan(&ro); err != nil {
		t.Fatal(err)
	}
	if ro != "off" {
		t.Fatalf("BEGIN READ WRITE gave transaction_read_only = %s", ro)
	}
	_, err = tx.Exec(ctx, sql)
	return err
}

// wantDenied checks that err is 42501 and that its message starts with prefix ("permission denied"
// for a grant, the trigger's own words for audit_log's).
func wantDenied(t *testing.T, who, sql string, err error, prefix string) {
	t.Helper()
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		t.Errorf("%s: %s succeeded; want %s", who, sql, insufficientPrivilege)
	case !errors.As(err, &pgErr) || pgErr.Code != insufficientPrivilege:
		t.Errorf("%s: %s: %v; want SQLSTATE %s (insufficient_privilege)", who, sql, err, insufficientPrivilege)
	case !strings.HasPrefix(pgErr.Message, prefix):
		t.Errorf("%s: %s: %q; want a message starting %q", who, sql, pgErr.Message, prefix)
	}
}

// The serving role cannot write even when it asks for a read-write transaction: grants, not a
// session setting, stop it (issue 9).
func TestReaderCannotWriteEvenInAReadWriteTransaction(t *testing.T) {
	t.Parallel()
	reader := connect(t, testenv.ReaderURL(t))
	// One column each that a constant can be assigned to; WHERE false still checks the grant, which
	// PostgreSQL does when the statement starts, before any row or trigger.
	for table, col := range map[string]string{"parks": "name", "app_users": "display_name", "sessions": "data", "audit_log": "action"} {
		for _, sql := range []string{
			"INSERT INTO " + table + " DEFAULT VALUES",
			"UPDATE " + table + " SET " + col + " = DEFAULT WHERE false",
			"DELETE FROM " + table + " WHERE false",
			"TRUNCATE " + table,
		} {
			wantDenied(t, "parkmap_reader", sql, execInReadWrite(t, reader, sql), "permission denied")
		}
	}
	// It sees who the users are, never their password hashes.
	if _, err := reader.Exec(context.Background(), "SELECT username, display_name, unit, roles FROM app_users"); err != nil {
		t.Errorf("parkmap_reader cannot read app_users' public columns: %v", err)
	}
	for _, sql := range []string{"SELECT password_hash FROM app_users", "SELECT * FROM app_users", "SELECT token FROM sessions"} {
		_, err := reader.Exec(context.Background(), sql)
		wantDenied(t, "parkmap_reader", sql, err, "permission denied")
	}
}

// The writer may only append to the audit log: its UPDATE and DELETE are refused by the grants,
// before the append-only trigger (which stops everyone else, the owner included) is reached.
func TestWriterOnlyAppendsToTheAuditLog(t *testing.T) {
	t.Parallel()
	db := testenv.LoadedDatabase(t)
	writer := connect(t, pgtest.RoleURL(db, testenv.WriterRole))
	for _, sql := range []string{
		"UPDATE audit_log SET action = 'x' WHERE false",
		"DELETE FROM audit_log WHERE false",
		"TRUNCATE audit_log",
	} {
		wantDenied(t, "parkmap_writer", sql, execInReadWrite(t, writer, sql), "permission denied")
		// The database's owner here is the superuser (tests migrate as it): the trigger stops it.
		wantDenied(t, "the owner", sql, execInReadWrite(t, connect(t, db), sql), "audit_log is append-only")
	}
	insert := `INSERT INTO audit_log (actor, action, table_name, row_key) VALUES ('test', 'insert', 'parks', 'P01')`
	if err := execInReadWrite(t, writer, insert); err != nil {
		t.Errorf("parkmap_writer cannot append to the audit log: %v", err)
	}
}

// Neither run-time role has a power beyond its grants.
func TestRunTimeRolesHaveNoRoleAttributes(t *testing.T) {
	t.Parallel()
	conn := connect(t, testenv.LoadedDatabase(t))
	for _, role := range []string{testenv.ReaderRole, testenv.WriterRole} {
		var super, createRole, createDB, replication, bypassRLS, login bool
		err := conn.QueryRow(context.Background(),
			"SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1",
			role).Scan(&super, &createRole, &createDB, &replication, &bypassRLS, &login)
		if err != nil {
			t.Fatalf("%s: %v", role, err)
		}
		if super || createRole || createDB || replication || bypassRLS || !login {
			t.Errorf("%s: superuser %v, createrole %v, createdb %v, replication %v, bypassrls %v, login %v; want only login",
				role, super, createRole, createDB, replication, bypassRLS, login)
		}
	}
}

// readerWrites lists every write privilege parkmap_reader holds in schema public, enumerated from
// the catalogue so that a table a later migration adds cannot escape: INSERT or UPDATE on a table,
// view or any of their columns, DELETE, TRUNCATE, nextval/setval on a sequence, and any SECURITY
// DEFINER function of ours it may call (which would write with its owner's grants; PostGIS's own,
// ST_EstimatedExtent reading the planner's statistics, are the extension's business).
const readerWrites = `
SELECT c.relname || ': ' || p.priv
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(priv)
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND CASE WHEN p.priv IN ('INSERT', 'UPDATE') THEN has_any_column_privilege($1, c.oid, p.priv)
           ELSE has_table_privilege($1, c.oid, p.priv) END
UNION ALL
SELECT c.relname || ': ' || p.priv
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN unnest(ARRAY['USAGE', 'UPDATE']) AS p(priv)
WHERE n.nspname = 'public' AND c.relkind = 'S' AND has_sequence_privilege($1, c.oid, p.priv)
UNION ALL
SELECT p.oid::regprocedure::text || ': SECURITY DEFINER'
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND p.prosecdef AND has_function_privilege($1, p.oid, 'EXECUTE')
  AND NOT EXISTS (SELECT FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1`

func TestReaderHoldsNoWritePrivilege(t *testing.T) {
	t.Parallel()
	db := testenv.LoadedDatabase(t)
	conn := connect(t, db)
	rows, err := conn.Query(context.Background(), readerWrites, testenv.ReaderRole)
	if err != nil {
		t.Fatal(err)
	}
	writes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(writes) > 0 {
		t.Errorf("parkmap_reader may write: %v", writes)
	}
	// The enumeration must see the schema at all (a wrong schema name would pass vacuously), and the
	// same check as the writer must find what the writer may do.
	if n := scalar[int](t, conn, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v')"); n < 20 {
		t.Errorf("schema public has %d tables and views; the check looked in the wrong place", n)
	}
	rows, err = conn.Query(context.Background(), readerWrites, testenv.WriterRole)
	if err != nil {
		t.Fatal(err)
	}
	writerWrites, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(writerWrites, ","), "audit_log: INSERT") {
		t.Errorf("the same check finds no INSERT on audit_log for parkmap_writer: %v", writerWrites)
	}
}

// Open with a Guard refuses a superuser and, when the pool must only read, a role that may write;
// it accepts the reader.
func TestOpenGuardRefusesSuperuserAndWriters(t *testing.T) {
	t.Parallel()
	db := testenv.LoadedDatabase(t)
	g := &postgis.Guard{Command: "parkmap serve", Use: "parkmap_reader (PARKMAP_READER_URL)", ReadOnly: true}
	open := func(url string) error {
		st, err := postgis.Open(context.Background(), url, postgis.Options{ReadOnly: true, Guard: g})
		if err == nil {
			st.Close()
		}
		return err
	}
	if err := open(pgtest.RoleURL(db, testenv.ReaderRole)); err != nil {
		t.Errorf("the reader is refused: %v", err)
	}
	err := open(db)
	if err == nil || !strings.Contains(err.Error(), "refuses to connect as superuser") ||
		!strings.Contains(err.Error(), "use parkmap_reader (PARKMAP_READER_URL)") {
		t.Errorf("a superuser: %v; want a refusal naming parkmap_reader", err)
	}
	err = open(pgtest.RoleURL(db, testenv.WriterRole))
	if err == nil || !strings.Contains(err.Error(), "parkmap serve refuses to serve as parkmap_writer, which may write (") {
		t.Errorf("the writer: %v; want a refusal naming its write grants", err)
	}
	// The writer pool checks only for a superuser: the writer passes.
	st, err := postgis.Open(context.Background(), pgtest.RoleURL(db, testenv.WriterRole),
		postgis.Options{Guard: &postgis.Guard{Command: "parkmap serve", Use: "parkmap_writer (PARKMAP_WRITER_URL)"}})
	if err != nil {
		t.Errorf("the writer with a superuser-only guard: %v", err)
	} else {
		st.Close()
	}
}
