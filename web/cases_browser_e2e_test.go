package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// TestEligibilityCasesInBrowser runs web/ui/test/cases.mjs: eligibility cases in the web map (issue
// 12) in headless Chromium — a visitor sees no 案例; a land-bureau user checks RD-012, saves it as a
// case with a note and sees its number, finds it in the register by number and by verdict and reopens
// it with the answer as saved; on a second server over the same database whose rules have a new
// version, a viewer reopens the case and sees today's answer beside the saved one, and is offered no
// 保存为案例. No error, no CSP violation, no request leaving 127.0.0.1. Screenshots go to
// artifacts/screenshots/cases-*.png. It fails, never skips, without node, playwright-core or Chromium.
func TestEligibilityCasesInBrowser(t *testing.T) {
	land := testenv.User{Username: "zhou.qi", Password: "land-password-1", DisplayName: "周七", Unit: "县自然资源和规划局", Roles: []string{"land"}}
	viewer := testenv.User{Username: "wu.ba", Password: "viewer-password-8", DisplayName: "吴八", Unit: "县经信局", Roles: []string{"viewer"}}
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, land, viewer)
	base := testenv.ServeDatabase(t, db, app.Config{})
	rules := strings.Replace(string(data.EligibilityRules()), `"version": "2019-05-v1"`, `"version": "2026-12-v2"`, 1)
	path := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	later := testenv.ServeDatabase(t, db, app.Config{RulesFile: path})
	lj, err := json.Marshal(land)
	if err != nil {
		t.Fatal(err)
	}
	vj, err := json.Marshal(viewer)
	if err != nil {
		t.Fatal(err)
	}
	runBrowserScript(t, "cases.mjs", "PARKMAP_URL="+base, "PARKMAP_LATER_URL="+later, "PARKMAP_LAND="+string(lj), "PARKMAP_VIEWER="+string(vj))
}
