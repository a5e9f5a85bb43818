package testenv

import (
	"context"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/postgis"
)

// User is an account a test server starts with.
type User struct {
	Username, Password, DisplayName, Unit string
	Roles                                 []string
}

// ServerWithUsers is ServerWith on a database that holds users, created (and audited, as
// `parkmap user add` does) before the server starts. The server runs as parkmap_reader and
// parkmap_writer, as `parkmap serve` does.
func ServerWithUsers(t testing.TB, c app.Config, users ...User) string {
	t.Helper()
	db := LoadedDatabase(t)
	AddUsers(t, db, users...)
	return ServeDatabase(t, db, c)
}

// AddUsers creates users in the database at url (an owner or superuser URL).
func AddUsers(t testing.TB, db string, users ...User) {
	t.Helper()
	ctx := context.Background()
	store, err := postgis.Open(ctx, db, postgis.Options{AppName: "parkmap-test-users"})
	if err != nil {
		t.Fatalf("open store for users: %v", err)
	}
	defer store.Close()
	svc := accounts.NewService(postgis.NewAccounts(store, store), accounts.DefaultLoginLimits)
	for _, u := range users {
		if u.DisplayName == "" {
			u.DisplayName = u.Username
		}
		_, err := svc.Create(ctx, accounts.CommandLine("test"), accounts.NewUser{Username: u.Username, Password: u.Password,
			DisplayName: u.DisplayName, Unit: u.Unit, Roles: u.Roles})
		if err != nil {
			t.Fatalf("add user %s: %v", u.Username, err)
		}
	}
}
