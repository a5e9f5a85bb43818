package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

// TestReplicasOnAStreamingStandby is issue 11's scale-out: two stateless servers whose read pool is
// a hot standby and whose write pool is the primary. A change on the primary reaches both through
// streaming replication and their version poll (a standby refuses LISTEN, and the watcher, seeing
// pg_is_in_recovery(), does not try); logging in, a write, works through the primary meanwhile.
func TestReplicasOnAStreamingStandby(t *testing.T) {
	ctx := context.Background()
	rep := pgtest.NewReplica(t)
	admin := connectURL(t, rep.PrimaryURL("postgres", "postgres"))
	for _, sql := range []string{
		"CREATE ROLE " + testenv.OwnerRole + " " + ownerAttributes,
		"CREATE DATABASE parkmap OWNER " + testenv.OwnerRole,
	} {
		if _, err := admin.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	if _, err := connectURL(t, rep.PrimaryURL("postgres", "parkmap")).Exec(ctx, "CREATE EXTENSION postgis"); err != nil {
		t.Fatal(err)
	}
	ownerURL := rep.PrimaryURL(testenv.OwnerRole, "parkmap")
	if err := testenv.MigrateAndLoad(ctx, ownerURL); err != nil {
		t.Fatalf("migrate and load on the primary: %v", err)
	}

	standby := connectURL(t, rep.StandbyURL("postgres", "parkmap"))
	var inRecovery bool
	if err := standby.QueryRow(ctx, "SELECT pg_is_in_recovery()").Scan(&inRecovery); err != nil || !inRecovery {
		t.Fatalf("the standby: in recovery %v, %v; want a standby", inRecovery, err)
	}
	// The standby refuses what the watcher would have done there, and any write.
	for _, sql := range []string{"LISTEN parkmap_versions", "UPDATE parks SET name = name"} {
		if _, err := standby.Exec(ctx, sql); err == nil || !strings.Contains(err.Error(), "read-only transaction") && !strings.Contains(err.Error(), "recovery") {
			t.Errorf("%s on the standby: %v; want a refusal", sql, err)
		}
	}
	// What the watcher asks to decide not to LISTEN: true on the standby, false on the primary.
	for _, tc := range []struct {
		url  string
		want bool
	}{{rep.StandbyURL(testenv.ReaderRole, "parkmap"), true}, {rep.PrimaryURL(testenv.ReaderRole, "parkmap"), false}} {
		store, err := postgis.Open(ctx, tc.url, postgis.Options{AppName: "parkmap-test", ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.InRecovery(ctx)
		store.Close()
		if err != nil || got != tc.want {
			t.Errorf("InRecovery at %s: %v, %v; want %v", tc.url, got, err, tc.want)
		}
	}
	primaryVersion := datasetVersion(t, ownerURL)
	waitFor(t, "the standby to replay the load", func() bool { return datasetVersion(t, rep.StandbyURL("postgres", "parkmap")) == primaryVersion })

	var bases []string
	for range 2 {
		bases = append(bases, testenv.ServeMain(t, app.Config{
			DatabaseURL: rep.StandbyURL(testenv.ReaderRole, "parkmap"),
			WriterURL:   rep.PrimaryURL(testenv.WriterRole, "parkmap"),
			VersionPoll: 100 * time.Millisecond,
		}))
	}
	tile := centreTile(t, bases[0])
	before := make([]string, len(bases))
	for i, b := range bases {
		before[i] = tileETag(t, b+tile)
		if before[i] == "" {
			t.Fatalf("server %d: no ETag on %s", i, tile)
		}
	}
	if before[0] != before[1] {
		t.Errorf("two servers on one standby disagree: %s, %s", before[0], before[1])
	}

	// With the standby's replay paused, a user made on the primary is not on the standby yet: logging
	// in (credentials and attempt on the primary) and then the session's reads of that user (by id,
	// on every request) must still work, because the registers are read on the primary.
	if _, err := standby.Exec(ctx, "SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	testenv.AddUsers(t, ownerURL, testenv.User{Username: "viewer", Password: "password-of-viewer", Roles: []string{accounts.Viewer, accounts.Admin}})
	var onStandby bool
	if err := standby.QueryRow(ctx, "SELECT EXISTS (SELECT FROM app_users WHERE username = 'viewer')").Scan(&onStandby); err != nil || onStandby {
		t.Fatalf("the paused standby already has the new user (%v, %v): the check below would prove nothing", onStandby, err)
	}
	for i, b := range bases {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		res, err := c.Post(b+"/api/session", "application/json", strings.NewReader(`{"username":"viewer","password":"password-of-viewer"}`))
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("server %d: login of a user the standby lacks: %d %s", i, res.StatusCode, msg)
			continue
		}
		res, err = c.Get(b + "/api/me")
		if err != nil {
			t.Fatal(err)
		}
		msg, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(msg), `"viewer"`) {
			t.Errorf("server %d: /api/me right after login: %d %s; want the new user", i, res.StatusCode, msg)
		}
		// The registers' other reads work as the writer on the primary too, and the audit log,
		// which the writer may not read, is still read on the standby.
		for _, path := range []string{"/api/evaluations", "/api/audit", "/api/users"} {
			res, err = c.Get(b + path)
			if err != nil {
				t.Fatal(err)
			}
			msg, _ = io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("server %d: %s on a standby: %d %s", i, path, res.StatusCode, msg)
			}
		}
	}
	if _, err := standby.Exec(ctx, "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}

	// A change on the primary (a park's name, as a load would) bumps the dataset version.
	if _, err := connectURL(t, ownerURL).Exec(ctx, "UPDATE parks SET name = name || '′' WHERE seq = (SELECT min(seq) FROM parks)"); err != nil {
		t.Fatal(err)
	}
	for i, b := range bases {
		waitFor(t, "a server on the standby to serve the new version", func() bool {
			return tileETag(t, b+tile) != before[i]
		})
	}
	if a, b := tileETag(t, bases[0]+tile), tileETag(t, bases[1]+tile); a != b {
		t.Errorf("after the change the servers disagree: %s, %s", a, b)
	}
}

func connectURL(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func datasetVersion(t *testing.T, url string) string {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var v string
	if err := conn.QueryRow(context.Background(), "SELECT parkmap_dataset_version()").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// waitFor polls cond until it holds; the test's own -timeout is the only limit.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		if t.Context().Err() != nil {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// centreTile is the path of the z10 tile at the centre of the all tileset.
func centreTile(t *testing.T, base string) string {
	t.Helper()
	var tj struct{ Center []float64 }
	getJSON(t, base+"/tiles/all.json", &tj)
	if len(tj.Center) < 2 {
		t.Fatalf("all.json has no centre: %v", tj.Center)
	}
	tl := maptile.At(orb.Point{tj.Center[0], tj.Center[1]}, 10)
	return "/tiles/all/10/" + itoa(tl.X) + "/" + itoa(tl.Y) + ".mvt"
}

func tileETag(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNoContent {
		t.Fatalf("%s: %d", url, res.StatusCode)
	}
	return res.Header.Get("ETag")
}
