package postgis_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

// openAs opens a store on db as role (parkmap_reader, parkmap_writer), as serve's pools are, and
// closes it with the test.
func openAs(t *testing.T, db, role string) *postgis.Store {
	t.Helper()
	st, err := postgis.Open(context.Background(), pgtest.RoleURL(db, role), postgis.Options{AppName: "parkmap-test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

func accountsOn(t *testing.T, url string) *accounts.Service {
	t.Helper()
	st, err := postgis.Open(context.Background(), url, postgis.Options{AppName: "parkmap-test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return accounts.NewService(postgis.NewAccounts(st, st), accounts.DefaultLoginLimits)
}

// The schema's CHECK on roles lists exactly accounts.Roles.
func TestSchemaRolesAreTheServicesRoles(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))
	def := scalar[string](t, conn, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'app_users_roles_known'")
	var inSchema []string
	for _, r := range accounts.Roles {
		if strings.Contains(def, "'"+r+"'") {
			inSchema = append(inSchema, r)
		}
	}
	if !slices.Equal(inSchema, accounts.Roles) || strings.Count(def, "::text") != len(accounts.Roles) {
		t.Errorf("schema: %s; service: %v", def, accounts.Roles)
	}
}

// A change and its audit row are one transaction: a refused change leaves no row, and the audit log
// refuses updates and deletes even from its owner.
func TestAuditIsWrittenWithTheChangeOnly(t *testing.T) {
	url := testenv.LoadedDatabase(t)
	svc := accountsOn(t, url)
	conn := connect(t, url)
	ctx := context.Background()
	actor := accounts.Actor{Username: "admin", Roles: []string{accounts.Admin}, RequestID: "req-1", ClientAddr: "10.1.2.3"}
	n := accounts.NewUser{Username: "li.si", DisplayName: "李四", Unit: "萧江镇人民政府", Roles: []string{accounts.Planner}, Password: "a-long-password"}
	if _, err := svc.Create(ctx, actor, n); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Create(ctx, actor, n); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("duplicate: %v", err)
	}
	off := true
	if _, err := svc.Update(ctx, actor, "no.such.user", accounts.Change{Disabled: &off}); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("unknown user: %v", err)
	}
	if got := scalar[int](t, conn, "SELECT count(*) FROM audit_log"); got != 1 {
		t.Errorf("%d audit rows, want 1 (the one create)", got)
	}
	row := scalar[string](t, conn, "SELECT concat_ws('|', actor, actor_roles::text, request_id, client_addr, action, table_name, row_key, after->>'display_name', coalesce(before::text, 'null')) FROM audit_log")
	if row != "admin|{admin}|req-1|10.1.2.3|user.create|app_users|li.si|李四|null" {
		t.Errorf("audit row: %s", row)
	}
	if strings.Contains(scalar[string](t, conn, "SELECT after::text FROM audit_log"), "argon2") {
		t.Error("the audit row holds the password hash")
	}
	for _, sql := range []string{"UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"} {
		if _, err := conn.Exec(ctx, sql); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", sql, err)
		}
	}
	// The hash is argon2id in the PHC format.
	if h := scalar[string](t, conn, "SELECT password_hash FROM app_users WHERE username = 'li.si'"); !strings.HasPrefix(h, "$argon2id$v=19$") {
		t.Errorf("hash %q", h)
	}
}
