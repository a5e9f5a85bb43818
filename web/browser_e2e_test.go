package web_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// chromiumPath is Debian's Chromium, which scripts/install-deps.sh installs; playwright-core drives
// it and never downloads a browser of its own.
const chromiumPath = "/usr/bin/chromium"

// TestWebMapInBrowser runs web/ui/test/browser.mjs: the web map in headless Chromium against a real
// server on a loaded database, asserting what a planner would see (every zone colour, all 20 parks,
// a park's card, filters on the map and in the list, the statistics, the URL restoring the view, the
// keyboard, no error and no request leaving 127.0.0.1), and a second server with Tianditu configured
// whose tiles fail. Screenshots are kept in artifacts/screenshots (git-ignored). Without node, its
// node_modules or Chromium the test fails: it never skips.
func TestWebMapInBrowser(t *testing.T) {
	base := testenv.Server(t)
	tdt := testenv.ServerWith(t, app.Config{TiandituKey: "parkmap-test-key", TiandituReviewNumber: "GS(2024)0568号"})
	runBrowserScript(t, "browser.mjs", "PARKMAP_URL="+base, "PARKMAP_TIANDITU_URL="+tdt)
}

// runBrowserScript runs web/ui/test/<script> with node against the servers named in env, with the
// screenshots directory and Chromium set, and fails the test with the script's output if it fails.
// Without node, playwright-core or Chromium it fails: it never skips. It has no time limit of its own
// (nor have the scripts: they wait for conditions): the script is killed only when the test's context
// ends, shortly before go test's -timeout, so that its output is still reported.
func runBrowserScript(t *testing.T, script string, env ...string) {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed (Node.js 20+ is needed for the browser tests): %v", err)
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("no Chromium at %s (scripts/install-deps.sh installs Debian's chromium): %v", chromiumPath, err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "playwright-core", "package.json")); err != nil {
		t.Fatalf("playwright-core is not installed: run npm ci (make test does): %v", err)
	}
	for _, e := range env {
		if u, ok := strings.CutPrefix(e, "PARKMAP_URL="); ok {
			requirePage(t, u)
		}
	}
	ctx := t.Context()
	if deadline, ok := t.Deadline(); ok {
		// Leave a moment before go test's own timeout panics, so the failure shows the script's output.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-30*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, node, filepath.Join("web", "ui", "test", script))
	cmd.Dir = root
	// Stopped, the script gets SIGTERM first: playwright then closes the Chromium it launched.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Env = append(append(os.Environ(), env...),
		"ARTIFACTS_DIR="+filepath.Join(root, "artifacts", "screenshots"),
		"CHROMIUM="+chromiumPath,
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s failed (%v):\n%s", script, err, out)
	}
	t.Logf("%s:\n%s", script, out)
}

// requirePage fails at once, with the server's own explanation, when the page's assets were not
// built into this binary.
func requirePage(t *testing.T, base string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / as a browser: %s\n%s", resp.Status, body)
	}
}
