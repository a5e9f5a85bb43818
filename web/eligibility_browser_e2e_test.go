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

// TestEligibilityInBrowser runs web/ui/test/eligibility.mjs: the web map's eligibility tool (issue 4) in
// headless Chromium against a real server on a loaded database — draw a 45 亩 block, fill in a
// low-efficiency-block proposal at plot ratio 2.2, see the verdict POST /api/eligibility gives for the
// same request with every rule's clause, change the facts, select RD-012 on the map, upload a GeoJSON,
// and open the printable report (rules version, a non-blank map image); no error, no CSP violation and
// no request leaving 127.0.0.1. Screenshots go to artifacts/screenshots/eligibility-*.png. Like
// TestWebMapInBrowser it fails, never skips, without node, playwright-core or Chromium.
func TestEligibilityInBrowser(t *testing.T) {
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
	cmd := exec.CommandContext(ctx, node, filepath.Join("web", "ui", "test", "eligibility.mjs"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(),
		"PARKMAP_URL="+base,
		"ARTIFACTS_DIR="+filepath.Join(root, "artifacts", "screenshots"),
		"CHROMIUM="+chromiumPath,
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("eligibility browser test failed (%v):\n%s", err, out)
	}
	t.Logf("eligibility browser test:\n%s", out)
}
