package e2e

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
)

// ownerAttributes are parkmap_owner's, as scripts/docker-initdb.sh creates it.
const ownerAttributes = "LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS"

// TestProductionShapedRoles runs parkmap as it is deployed (issue 9): a database owned by
// parkmap_owner with postgis made by the superuser, migrated and loaded as the owner, and served
// through app.Main as parkmap_reader and parkmap_writer. Nothing after the database's creation runs
// as a superuser. Serving as the superuser or as the owner is refused at start.
func TestProductionShapedRoles(t *testing.T) {
	ctx := context.Background()
	pgtest.EnsureRole(t, testenv.OwnerRole, ownerAttributes)
	ownerURL := pgtest.NewDatabaseOwnedBy(t, testenv.OwnerRole)
	if err := testenv.MigrateAndLoad(ctx, ownerURL); err != nil {
		t.Fatalf("migrate and load as %s: %v", testenv.OwnerRole, err)
	}

	owner, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close(ctx)
	var who, parksOwner string
	if err := owner.QueryRow(ctx, "SELECT current_user, pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'parks'::regclass").Scan(&who, &parksOwner); err != nil {
		t.Fatal(err)
	}
	if who != testenv.OwnerRole || parksOwner != testenv.OwnerRole {
		t.Errorf("connected as %s, parks owned by %s; want both %s", who, parksOwner, testenv.OwnerRole)
	}
	// Even the owner cannot rewrite history: the audit log's trigger refuses it.
	_, err = owner.Exec(ctx, "DELETE FROM audit_log")
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "42501" || !strings.Contains(pgErr.Message, "append-only") {
		t.Errorf("the owner's DELETE FROM audit_log: %v; want the append-only trigger's 42501", err)
	}

	base := testenv.ServeDatabase(t, ownerURL, app.Config{})
	res, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("/readyz as parkmap_reader: %d %s", res.StatusCode, body)
	}
	var items struct {
		Features []struct {
			ID         string         `json:"id"`
			Properties map[string]any `json:"properties"`
		}
	}
	getJSON(t, base+"/collections/parks/items?limit=1", &items)
	if len(items.Features) != 1 || items.Features[0].ID == "" {
		t.Errorf("/collections/parks/items?limit=1 as parkmap_reader: %+v; want one park", items.Features)
	}

	// The superuser and the owner as -db: the start stops with the role to use instead.
	for _, tc := range []struct{ name, url, want string }{
		{"superuser", pgtest.RoleURL(ownerURL, superuser(t)), "parkmap serve refuses to connect as superuser " + superuser(t) + ": use parkmap_reader (PARKMAP_READER_URL)"},
		{"owner", ownerURL, "parkmap serve refuses to serve as parkmap_owner, which may write ("},
	} {
		m := app.NewMain(io.Discard)
		m.Config.Addr = "127.0.0.1:0"
		m.Config.DatabaseURL = tc.url
		err := m.Run(ctx)
		if err == nil {
			_ = m.Close(ctx)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("serve as the %s: %v; want %q", tc.name, err, tc.want)
		}
	}
}

// superuser is the test cluster's superuser, the user of PARKMAP_TEST_ADMIN_URL.
func superuser(t *testing.T) string {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), pgtest.AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var name string
	if err := conn.QueryRow(context.Background(), "SELECT current_user").Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}
