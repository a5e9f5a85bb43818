package web_test

import (
	"encoding/json"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// accountCase is one role in the account browser test: a user of it, and the permissions of the page's
// gated controls (data-requires) that user sees. A control gated on a new permission (parks.edit,
// parks.evaluate, actuals.edit, progress.edit, cases.save, layers.import, layers.rollback) changes its
// roles' rows here: one line.
type accountCase struct {
	User  testenv.User
	Gated []string
}

var accountCases = []accountCase{
	{testenv.User{Username: "zhang.san", Password: "viewer-password-1", DisplayName: "张三", Unit: "县经信局", Roles: []string{"viewer"}},
		[]string{"account.password"}},
	{testenv.User{Username: "li.si", Password: "planner-password-1", DisplayName: "李四", Unit: "县小微园办", Roles: []string{"planner"}},
		[]string{"account.password", "parks.edit", "parks.evaluate", "actuals.edit"}},
	{testenv.User{Username: "wang.wu", Password: "admin-password-1", DisplayName: "王五", Unit: "县自然资源和规划局", Roles: []string{"admin"}},
		[]string{"account.password", "audit.read"}},
}

// TestAccountInBrowser runs web/ui/test/account.mjs: accounts in the web map (issue 9) in headless
// Chromium against servers whose users exist in the database — a visitor sees 登录 and no gated
// control; a wrong password is answered in Chinese; each role of accountCases logs in, sees its name
// and unit and exactly its gated controls, and logs out; the admin reads the audit log with its login
// rows, paged by 更多; a password is changed and the new one logs in; under -require-login the login
// comes first, with no data asked for, and the map after it; a service without a write database
// offers no 登录 but says why (只读); the park card's 编辑 is the planner's (parks.edit), and a planner
// edits a park's status in the browser (a bad number caught at its field, a stale save answered
// 「该园区信息已被他人修改」 with both versions, then the save) and sees it on the card, in the list, in
// the status filter and on the map, with the edit in the card's 修改记录. Screenshots at 1366×768 and
// 1920×1080 go to artifacts/screenshots/account-*.png. It fails, never skips, without node,
// playwright-core or Chromium.
func TestAccountInBrowser(t *testing.T) {
	users := make([]testenv.User, 0, len(accountCases)+1)
	for _, c := range accountCases {
		users = append(users, c.User)
	}
	// The password round trip has a user of its own, so that the others keep theirs.
	pwUser := testenv.User{Username: "zhao.liu", Password: "change-me-please-1", DisplayName: "赵六", Unit: "鳌江镇人民政府", Roles: []string{"viewer"}}
	base := testenv.ServerWithUsers(t, app.Config{}, append(users, pwUser)...)
	locked := testenv.ServerWithUsers(t, app.Config{RequireLogin: true}, accountCases[0].User)
	// A read-only service: no write database, so no login.
	readOnly := testenv.ServeMain(t, app.Config{DatabaseURL: testenv.ReaderURL(t)})
	cases, err := json.Marshal(accountCases)
	if err != nil {
		t.Fatal(err)
	}
	pw, err := json.Marshal(pwUser)
	if err != nil {
		t.Fatal(err)
	}
	runBrowserScript(t, "account.mjs", "PARKMAP_URL="+base, "PARKMAP_LOCKED_URL="+locked, "PARKMAP_READONLY_URL="+readOnly,
		"PARKMAP_ACCOUNTS="+string(cases), "PARKMAP_PASSWORD_USER="+string(pw))
}
