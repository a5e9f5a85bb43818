package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
)

// migrate, run as the owner with PARKMAP_READER_PASSWORD and PARKMAP_WRITER_PASSWORD set, gives the
// two roles those passwords, quoted safely (the values carry quotes and a backslash), and never
// prints them. The private cluster trusts 127.0.0.1, so a password changes no test's login; the
// stored SCRAM verifier is checked against the password instead.
func TestMigrateSetsRolePasswords(t *testing.T) {
	pgtest.EnsureRole(t, testenv.OwnerRole, "LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS")
	ownerURL := pgtest.NewDatabaseOwnedBy(t, testenv.OwnerRole)
	passwords := map[string]string{
		"parkmap_reader": `r'ea"d; DROP ROLE x; --\`,
		"parkmap_writer": "写入-" + strconv.Itoa(len(t.Name())),
	}
	admin, err := pgx.Connect(context.Background(), pgtest.AdminURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(context.Background()) }) // after the reset below: cleanups run last first
	t.Cleanup(func() {
		for role := range passwords {
			if _, err := admin.Exec(context.Background(), "ALTER ROLE "+role+" PASSWORD NULL"); err != nil {
				t.Errorf("reset password of %s: %v", role, err)
			}
		}
	})
	t.Setenv("PARKMAP_READER_PASSWORD", passwords["parkmap_reader"])
	t.Setenv("PARKMAP_WRITER_PASSWORD", passwords["parkmap_writer"])
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "-db", ownerURL}, &out, &errb); err != nil {
		t.Fatalf("migrate: %v\n%s%s", err, out.String(), errb.String())
	}
	for role, pw := range passwords {
		if strings.Contains(out.String()+errb.String(), pw) {
			t.Errorf("migrate printed the password of %s:\n%s%s", role, out.String(), errb.String())
		}
		if !strings.Contains(out.String(), "set the password of "+role) {
			t.Errorf("migrate does not say it set the password of %s:\n%s", role, out.String())
		}
		var verifier string
		if err := admin.QueryRow(context.Background(), "SELECT rolpassword FROM pg_authid WHERE rolname = $1", role).Scan(&verifier); err != nil {
			t.Fatalf("%s: %v", role, err)
		}
		if !scramMatches(t, verifier, pw) {
			t.Errorf("%s: the stored verifier %.20s… is not of the password migrate was given", role, verifier)
		}
	}
}

var scramVerifier = regexp.MustCompile(`^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$`)

// scramMatches checks a PostgreSQL SCRAM-SHA-256 verifier (RFC 5802 StoredKey) against password.
// The passwords here need no SASLprep: it leaves them unchanged (ASCII, and CJK without
// compatibility forms).
func scramMatches(t *testing.T, verifier, password string) bool {
	t.Helper()
	m := scramVerifier.FindStringSubmatch(verifier)
	if m == nil {
		t.Fatalf("not a SCRAM-SHA-256 verifier: %.20s…", verifier)
	}
	iter, _ := strconv.Atoi(m[1])
	salt, err1 := base64.StdEncoding.DecodeString(m[2])
	stored, err2 := base64.StdEncoding.DecodeString(m[3])
	if err1 != nil || err2 != nil {
		t.Fatalf("verifier: %v %v", err1, err2)
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, iter, sha256.Size)
	if err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, salted)
	mac.Write([]byte("Client Key"))
	sum := sha256.Sum256(mac.Sum(nil))
	return hmac.Equal(sum[:], stored)
}
