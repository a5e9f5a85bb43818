package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/testenv"
)

func runUserCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := runUser(context.Background(), args, userIO{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return out.String() + errb.String(), err
}

// The first admin is made on the command line, and every account change there is audited as cli:<login>.
func TestUserCommands(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	add := []string{"add", "-db", db, "-username", "admin", "-display-name", "管理员", "-unit", "县经信局", "-roles", "admin,viewer", "-password-stdin"}
	if out, err := runUserCmd(t, "a-long-admin-password\n", add...); err != nil || !strings.Contains(out, "added admin (管理员, 县经信局) with roles viewer,admin") {
		t.Fatalf("add: %v %s", err, out)
	}
	if out, err := runUserCmd(t, "another-password\n", add...); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("add twice: %v %s", err, out)
	}
	if out, err := runUserCmd(t, "", append(add, "-if-absent")...); err != nil || !strings.Contains(out, "exists already") {
		t.Errorf("add -if-absent: %v %s", err, out)
	}
	for _, bad := range [][]string{
		{"add", "-db", db, "-username", "Bad Name", "-display-name", "x", "-roles", "viewer", "-password-stdin"},
		{"add", "-db", db, "-username", "ok.name", "-display-name", "x", "-roles", "superuser", "-password-stdin"},
		{"add", "-db", db, "-username", "ok.name", "-display-name", "x", "-roles", "viewer", "-password-stdin"}, // short password
	} {
		if _, err := runUserCmd(t, "short\n", bad...); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
	// Without -password-stdin and without a terminal, it says what to do instead of hanging.
	_, err := runUserCmd(t, "", "passwd", "-db", db, "admin")
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "-password-stdin") {
		t.Errorf("passwd without a terminal: %v", err)
	}
	if out, err := runUserCmd(t, "a-newer-admin-password\n", "passwd", "-db", db, "-password-stdin", "admin"); err != nil || !strings.Contains(out, "sessions have ended") {
		t.Errorf("passwd: %v %s", err, out)
	}
	if out, err := runUserCmd(t, "", "disable", "-db", db, "admin"); err != nil || !strings.Contains(out, "admin disabled") {
		t.Errorf("disable: %v %s", err, out)
	}
	if _, err := runUserCmd(t, "", "disable", "-db", db, "nobody"); err == nil {
		t.Error("disable of an unknown user succeeded")
	}
	if _, err := runUserCmd(t, "", "disable", "-db", db); !errors.As(err, &ue) {
		t.Errorf("disable without a name: %v", err)
	}
	out, err := runUserCmd(t, "", "list", "-db", db, "-json")
	var users []accounts.User
	if err != nil || json.Unmarshal([]byte(out), &users) != nil || len(users) != 1 || !users[0].Disabled || users[0].Unit != "县经信局" {
		t.Fatalf("list: %v %s", err, out)
	}
	if out, err := runUserCmd(t, "", "list", "-db", db); err != nil || !strings.Contains(out, "disabled") || strings.Contains(out, "argon2") {
		t.Errorf("list: %v %s", err, out)
	}
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var actions string
	if err := conn.QueryRow(context.Background(), "SELECT string_agg(action || ' by ' || actor, ', ' ORDER BY id) FROM audit_log").Scan(&actions); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(actions, "user.create by cli:") || !strings.Contains(actions, "user.update by cli:") || strings.Count(actions, ",") != 2 {
		t.Errorf("audit: %s", actions)
	}
}
