package web_test

import (
	"testing"

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
	runBrowserScript(t, "briefing.mjs", "PARKMAP_URL="+testenv.Server(t))
}
