package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// scripts/env.sh, which the README gives for a developer's own shell, sourced by bash as the README
// says: it exports the URL of each role as scripts/pgcluster.sh gives it, the owner's URL reaches the
// cluster as parkmap_owner, PARKMAP_REQUIRE_DB is 1 and the pinned tools come first on PATH. Run as a
// script instead of sourced, it changes nothing and exits 2 saying how to use it.
//
// It needs the private cluster running (make test starts it), so that sourcing the script here starts
// nothing this test would have to stop.
func TestEnvScriptExportsTheClusterURLs(t *testing.T) {
	if err := exec.Command("../../scripts/pgcluster.sh", "status").Run(); err != nil {
		t.Fatalf("the private cluster is not running (%v): make db-start, or source scripts/env.sh", err)
	}
	want := map[string]string{"PARKMAP_REQUIRE_DB": "1"}
	for name, args := range map[string][]string{
		"DATABASE_URL":           {"url"},
		"PARKMAP_READER_URL":     {"url", "reader"},
		"PARKMAP_WRITER_URL":     {"url", "writer"},
		"PARKMAP_TEST_ADMIN_URL": {"admin-url"},
	} {
		out, err := exec.Command("../../scripts/pgcluster.sh", args...).Output()
		if err != nil {
			t.Fatalf("pgcluster.sh %v: %v", args, err)
		}
		want[name] = strings.TrimSpace(string(out))
	}

	script, err := filepath.Abs("../../scripts/env.sh")
	if err != nil {
		t.Fatal(err)
	}
	tools := filepath.Join(filepath.Dir(filepath.Dir(script)), ".tools", "bin")
	var path []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir != tools {
			path = append(path, dir)
		}
	}
	// From another directory, with none of the variables set and the tools not on PATH: the script
	// finds the repository itself.
	cmd := exec.CommandContext(t.Context(), "bash", "-c", `source "$1" && env -0`, "bash", script)
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=" + strings.Join(path, string(filepath.ListSeparator)), "HOME=" + os.Getenv("HOME")}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("source scripts/env.sh: %v\n%s", err, stderr.String())
	}
	got := map[string]string{}
	for _, kv := range strings.Split(stdout.String(), "\x00") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			got[k] = v
		}
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("after source scripts/env.sh, %s = %q, want %q", name, got[name], v)
		}
	}
	if first, _, _ := strings.Cut(got["PATH"], ":"); first != tools {
		t.Errorf("PATH starts with %q, want %q", first, tools)
	}
	conn, err := pgx.Connect(t.Context(), got["DATABASE_URL"])
	if err != nil {
		t.Fatalf("DATABASE_URL from env.sh: %v", err)
	}
	defer conn.Close(t.Context())
	var user string
	if err := conn.QueryRow(t.Context(), "SELECT current_user").Scan(&user); err != nil || user != "parkmap_owner" {
		t.Errorf("DATABASE_URL connects as %q (%v), want parkmap_owner", user, err)
	}

	run := exec.CommandContext(t.Context(), "bash", "../../scripts/env.sh")
	out, err := run.CombinedOutput()
	if code := run.ProcessState.ExitCode(); code != 2 || !strings.Contains(string(out), "source scripts/env.sh") {
		t.Errorf("bash scripts/env.sh: exit %d (%v), %q; want exit 2 saying to source it", code, err, out)
	}
}
