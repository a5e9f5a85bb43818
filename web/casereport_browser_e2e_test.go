package web_test

import (
	"encoding/json"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// TestCaseReportInBrowser runs web/ui/test/casereport.mjs: a saved case's A4 report (issue 12) in
// headless Chromium — its location map has drawn the shape with labels, a scale bar, a north arrow
// and the county inset; 导出PDF prints; the PDF printed at the CSS page size is one A4 portrait page —
// and the register's search by the map's view and by a click, with its CSV and Excel links.
// Screenshots and the PDF go to artifacts/screenshots/casereport*. It fails, never skips, without
// node, playwright-core or Chromium.
func TestCaseReportInBrowser(t *testing.T) {
	land := testenv.User{Username: "zhou.qi", Password: "land-password-1", DisplayName: "周七", Unit: "县自然资源和规划局", Roles: []string{"land"}}
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, land)
	base := testenv.ServeDatabase(t, db, app.Config{})
	lj, err := json.Marshal(land)
	if err != nil {
		t.Fatal(err)
	}
	runBrowserScript(t, "casereport.mjs", "PARKMAP_URL="+base, "PARKMAP_LAND="+string(lj))
}
