package web_test

import (
	"testing"

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
	runBrowserScript(t, "eligibility.mjs", "PARKMAP_URL="+testenv.Server(t))
}
