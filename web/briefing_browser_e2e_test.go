package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/pingyang/parkmap/internal/testenv"
)

// TestBriefingInBrowser runs web/ui/test/briefing.mjs: the leadership briefing (issue 5) in headless
// Chromium at 1920×1080 against a real server on a loaded database — the year slider changes the
// parcels rendered and the parks' state, the charts show the plan's cumulative supply, presentation
// mode steps through data/briefing/steps.json (→, ←, Escape), the PNG export has the map's size and is
// not blank, the print table is built; no error, no CSP violation and no request leaving 127.0.0.1.
// Screenshots go to artifacts/screenshots/briefing-*.png. It fails, never skips, without node,
// playwright-core or Chromium.
func TestBriefingInBrowser(t *testing.T) {
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
	base := testenv.Server(t)
	requirePage(t, base)

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("web", "ui", "test", "briefing.mjs"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"PARKMAP_URL="+base,
		"ARTIFACTS_DIR="+filepath.Join(root, "artifacts", "screenshots"),
		"CHROMIUM="+chromiumPath,
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("briefing browser test failed (%v):\n%s", err, out)
	}
	t.Logf("briefing browser test:\n%s", out)
}
