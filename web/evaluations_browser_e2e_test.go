package web_test

import (
	"encoding/json"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// TestEvaluationsInBrowser runs web/ui/test/evaluations.mjs: park evaluations in the web map (issue
// 12) in headless Chromium — 按评价 draws 万洋众创城 in the A colour and a park without a grade in the
// no-data grey (queryRenderedFeatures and the pixel), the legend and the card say 2025年共评价11个园区，
// 本系统有其中4个的档次, the card shows the 2025 grade with its source notice, and a planner, refused an
// empty source, sets a 2026 grade that the card and the map show at once. No error, no CSP violation,
// no request leaving 127.0.0.1. Screenshots go to artifacts/screenshots/evaluations-*.png. It fails,
// never skips, without node, playwright-core or Chromium.
func TestEvaluationsInBrowser(t *testing.T) {
	planner := testenv.User{Username: "qian.wu", Password: "planner-password-5", DisplayName: "钱五", Unit: "县经信局", Roles: []string{"planner"}}
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, planner)
	base := testenv.ServeDatabase(t, db, app.Config{})
	pj, err := json.Marshal(planner)
	if err != nil {
		t.Fatal(err)
	}
	runBrowserScript(t, "evaluations.mjs", "PARKMAP_URL="+base, "PARKMAP_PLANNER="+string(pj))
}
