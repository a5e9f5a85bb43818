package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/internal/testenv"
)

// asCommandEnv, when set in the environment, makes the test binary run as the parkmap command with
// the JSON list of arguments it holds, so that a test can kill a real import process with SIGKILL.
const asCommandEnv = "PARKMAP_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if raw := os.Getenv(asCommandEnv); raw != "" {
		var args []string
		if err := json.Unmarshal([]byte(raw), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		if err := run(context.Background(), args, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "parkmap:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// kill -9 of an import in the middle of its publish (held at the swap lock, after staging, every
// check and the preparation of its rows) leaves the previous version whole and current: no new
// version, the live parcels those of version 1, and the next import publishes as version 2. (The
// prepared rows stay unnumbered and unseen until the next import sweeps them, after an hour.)
func TestKilledPublishKeepsThePreviousVersion(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name string, codes ...string) string {
		var fs []string
		for i, c := range codes {
			x := 120.39 + float64(i)*0.002
			fs = append(fs, `{"type":"Feature","properties":{"DKBH":"`+c+`"},"geometry":{"type":"Polygon","coordinates":[[[`+
				ff(x)+`,27.64],[`+ff(x+0.001)+`,27.64],[`+ff(x+0.001)+`,27.641],[`+ff(x)+`,27.641],[`+ff(x)+`,27.64]]]}}`)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(`{"type":"FeatureCollection","features":[`+strings.Join(fs, ",")+`]}`), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	v1 := write("v1.geojson", "K-1", "K-2")
	if _, _, err := runCmd(t, "import", "parcels", v1, "-db", db, "-map", "id=DKBH"); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	// Hold the load's swap lock (load_swap_lock.sql), so the publish waits inside its transaction.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtext('parkmap.load'))"); err != nil {
		t.Fatal(err)
	}
	v2 := write("v2.geojson", "K-3", "K-4", "K-5")
	args, _ := json.Marshal([]string{"import", "parcels", v2, "-db", db, "-map", "id=DKBH"})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), asCommandEnv+"="+string(args))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait (no deadline: a condition) until the import's session waits on the advisory lock.
	for {
		var waiting bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_stat_activity
			WHERE application_name = 'parkmap-import' AND wait_event_type = 'Lock' AND wait_event = 'advisory')`).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting {
			break
		}
		if cmd.ProcessState != nil {
			t.Fatalf("the import ended before its publish: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock(hashtext('parkmap.load'))"); err != nil {
		t.Fatal(err)
	}
	// The killed session's backend finds its client gone and rolls back; wait until it has left.
	for {
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'parkmap-import'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	var versions int
	var codes string
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM layer_imports WHERE layer = 'parcels' AND version IS NOT NULL),
		(SELECT string_agg(code, ',' ORDER BY code) FROM api_parcels)`).Scan(&versions, &codes); err != nil {
		t.Fatal(err)
	}
	if versions != 1 || codes != "K-1,K-2" {
		t.Errorf("after kill -9 of a publish: %d versions, live parcels %s; want version 1's K-1,K-2", versions, codes)
	}
	if out, _, err := runCmd(t, "import", "parcels", v2, "-db", db, "-map", "id=DKBH"); err != nil || !strings.Contains(out, "published as version 2") {
		t.Errorf("the next import: %v\n%s", err, out)
	}
}
