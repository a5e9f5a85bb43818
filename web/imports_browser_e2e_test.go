package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// TestImportsInBrowser runs web/ui/test/imports.mjs: the 图层导入 panel (issue 10) in headless Chromium.
// A viewer has no 导入; a data_admin picks a constraints file with an invalid geometry through the
// page's file input and sees its 错误 (几何无效) with 发布 disabled; a zip of two datasets, offered to
// choose from; the good file: its count, no finding, the diff, its staged features rendered on the map
// (queried from the staged layers) with the map fitted to them and the panel clear of the map's
// controls at 1366×768; 发布 shows 已发布为第 1 版; a second version, then 回滚到此版本 to the first.
// The API is then asked what is live. Screenshots go to artifacts/screenshots/imports-*.png. It fails,
// never skips, without node, playwright-core or Chromium.
func TestImportsInBrowser(t *testing.T) {
	admin := testenv.User{Username: "chen.ba", Password: "data-admin-password-8", DisplayName: "陈八", Unit: "县自然资源和规划局", Roles: []string{"data_admin"}}
	viewer := testenv.User{Username: "wei.jiu", Password: "viewer-password-9", DisplayName: "卫九", Unit: "县统计局", Roles: []string{"viewer"}}
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, admin, viewer)
	base := testenv.ServeDatabase(t, db, app.Config{})

	dir := t.TempDir()
	bad := filepath.Join(dir, "管控图层（有误）.geojson")
	good := filepath.Join(dir, "管控图层.geojson")
	if err := os.WriteFile(bad, constraintFile(constraintSquare("OK-1", "生态保护红线", 120.50, 27.64, 0.002), bowtie), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, goodConstraints("WEB"), 0o600); err != nil {
		t.Fatal(err)
	}
	two := filepath.Join(dir, "两个数据集.zip")
	if err := os.WriteFile(two, zipOf2(t, goodConstraints("TWO")), 0o600); err != nil {
		t.Fatal(err)
	}
	aj, err := json.Marshal(admin)
	if err != nil {
		t.Fatal(err)
	}
	vj, err := json.Marshal(viewer)
	if err != nil {
		t.Fatal(err)
	}
	runBrowserScript(t, "imports.mjs", "PARKMAP_URL="+base, "PARKMAP_ADMIN="+string(aj), "PARKMAP_VIEWER="+string(vj),
		"PARKMAP_BAD="+bad, "PARKMAP_GOOD="+good, "PARKMAP_TWO="+two)

	// What the page published and rolled back to is what the service serves: the good file's three
	// features, real, version 1 current of 2.
	live := liveConstraints(t, base)
	if len(live) != 3 || live["WEB-1"] != "real" || live["WEB-3"] != "real" {
		t.Errorf("live constraints after the page's publish: %v", live)
	}
	c := loggedIn(t, base, admin)
	v := c.importVersions("constraints")
	if len(v.Versions) != 2 || v.Versions[0].File != "管控图层.geojson" || v.Versions[0].ImportedBy != admin.Username || !v.Versions[0].Current || v.Versions[1].Current {
		t.Errorf("versions: %+v", v)
	}
	if r := c.do("GET", "/api/imports/targets", nil); r.status != http.StatusOK {
		t.Errorf("targets: %v", r)
	}
}
