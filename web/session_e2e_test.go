package web_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

func TestLoginAnswersAndLockout(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := roleUser(accounts.Planner)
	anon := newClient(t, base)

	// An unknown name and a wrong password get the very same answer.
	unknown := anon.login("nobody-here", "whatever-password")
	wrong := anon.login(planner.Username, "not-the-password")
	if unknown.status != http.StatusUnauthorized || wrong.status != http.StatusUnauthorized || string(unknown.body) != string(wrong.body) {
		t.Fatalf("unknown user %v; wrong password %v", unknown, wrong)
	}
	if strings.Contains(strings.ToLower(string(wrong.body)), "password of") || strings.Contains(string(wrong.body), planner.Password) {
		t.Errorf("the answer says too much: %s", wrong.body)
	}
	for _, bad := range []struct{ body, field string }{
		{`{"username":"","password":"x"}`, "username"},
		{`{"username":"a","password":""}`, "password"},
		{`{"username":"a","password":"b","roles":["admin"]}`, "roles"},
		{`{"username":"a"`, "body"},
		{`[]`, "body"},
	} {
		r := anon.do("POST", "/api/session", bad.body)
		var e struct{ Code, Field string }
		if r.status != http.StatusBadRequest || json.Unmarshal(r.body, &e) != nil || e.Field != bad.field {
			t.Errorf("%s: %v (want 400 naming %s)", bad.body, r, bad.field)
		}
	}
	// Four more wrong passwords (five in all) use up the account's allowance: the next try, even
	// with the right password, is refused with when to come back.
	for i := 0; i < 4; i++ {
		if r := anon.login(planner.Username, "not-the-password"); r.status != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %v", i+2, r)
		}
	}
	r := anon.login(planner.Username, planner.Password)
	secs, err := strconv.Atoi(r.header.Get("Retry-After"))
	if r.status != http.StatusTooManyRequests || err != nil || secs < 1 || secs > 300 || !strings.Contains(string(r.body), "too_many_requests") {
		t.Fatalf("after 5 failures: %v Retry-After %q", r, r.header.Get("Retry-After"))
	}
	// Another account from the same address is not locked by it.
	if r := newClient(t, base).login(roleUser(accounts.Viewer).Username, roleUser(accounts.Viewer).Password); r.status != http.StatusOK {
		t.Errorf("another account: %v", r)
	}
}

func TestCrossSiteWritesAreRefused(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	admin := loggedIn(t, base, roleUser(accounts.Admin))
	newUser := map[string]any{"username": "mallory", "display_name": "外来", "roles": []string{"admin"}, "password": "a-long-password"}
	for _, h := range [][]string{
		{"Origin", "http://evil.example"},
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site", "Origin", "http://other.intranet"},
	} {
		if r := admin.do("POST", "/api/users", newUser, h...); r.status != http.StatusForbidden || !strings.Contains(string(r.body), "cross-origin") {
			t.Errorf("POST with %v: %v", h, r)
		}
	}
	// What a cross-site HTML form can send: text/plain, no preflight.
	r := admin.do("POST", "/api/users", `{"username":"mallory"}`, "Content-Type", "text/plain", "Origin", "http://evil.example")
	if r.status != http.StatusForbidden {
		t.Errorf("text/plain from another origin: %v", r)
	}
	// Same origin, but text/plain: refused as not JSON, so a form can never be a write.
	if r := admin.do("POST", "/api/users", `{}`, "Content-Type", "text/plain"); r.status != http.StatusBadRequest {
		t.Errorf("text/plain: %v", r)
	}
	// Nothing was written: no user, no audit row.
	users := admin.do("GET", "/api/users", nil)
	audit := admin.do("GET", "/api/audit?key=mallory", nil)
	if strings.Contains(string(users.body), "mallory") || !strings.Contains(string(audit.body), `"entries":[]`) {
		t.Errorf("a refused write left a trace: users %s audit %s", users.body, audit.body)
	}
	// The page's own origin passes.
	if r := admin.do("POST", "/api/users", newUser, "Origin", base, "Sec-Fetch-Site", "same-origin"); r.status != http.StatusCreated {
		t.Errorf("same-origin create: %v", r)
	}
}

func TestSessionsEndWhenTheAccountChanges(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	admin := loggedIn(t, base, roleUser(accounts.Admin))
	viewer := roleUser(accounts.Viewer)
	a, b := loggedIn(t, base, viewer), loggedIn(t, base, viewer)
	if m := a.me(); !m.Authenticated || m.User.Username != viewer.Username || m.User.Unit != "县经信局" {
		t.Fatalf("me: %+v", m)
	}
	// A password change ends the account's other sessions and keeps this one.
	if r := a.do("PUT", "/api/me/password", map[string]string{"current_password": viewer.Password, "new_password": "a-new-long-password"}); r.status != http.StatusNoContent {
		t.Fatalf("change password: %v", r)
	}
	if !a.me().Authenticated || b.me().Authenticated {
		t.Errorf("after a password change: this session %v, the other %v (want true, false)", a.me().Authenticated, b.me().Authenticated)
	}
	// A wrong current password, a weak new one, and a field the route does not take.
	for _, bad := range []struct {
		body   map[string]any
		status int
		field  string
	}{
		{map[string]any{"current_password": "wrong-wrong-wrong", "new_password": "another-long-one"}, 401, "current_password"},
		{map[string]any{"current_password": "a-new-long-password", "new_password": "short"}, 400, "new_password"},
		{map[string]any{"current_password": "a-new-long-password", "new_password": viewer.Username}, 400, "new_password"},
		{map[string]any{"current_password": "a-new-long-password", "new_password": "another-long-one", "roles": []string{"admin"}}, 400, "roles"},
	} {
		r := a.do("PUT", "/api/me/password", bad.body)
		var e struct{ Field string }
		if r.status != bad.status || json.Unmarshal(r.body, &e) != nil || e.Field != bad.field {
			t.Errorf("%v: %v (want %d naming %s)", bad.body, r, bad.status, bad.field)
		}
	}
	if m := a.me(); !m.Authenticated || !onlyRole(m.User.Roles, accounts.Viewer) {
		t.Fatalf("roles changed by a self-service body: %+v", m.User)
	}
	// Disabling the account ends its live session at once.
	if r := admin.do("PATCH", "/api/users/"+viewer.Username, map[string]any{"disabled": true}); r.status != http.StatusOK {
		t.Fatalf("disable: %v", r)
	}
	if a.me().Authenticated {
		t.Error("a disabled user's session still works")
	}
	if r := a.do("PUT", "/api/me/password", map[string]string{"current_password": "a-new-long-password", "new_password": "yet-another-one"}); r.status != http.StatusUnauthorized {
		t.Errorf("disabled user's write: %v", r)
	}
	if r := newClient(t, base).login(viewer.Username, "a-new-long-password"); r.status != http.StatusUnauthorized {
		t.Errorf("disabled user's login: %v", r)
	}
	// An administrator cannot disable themselves; the audit log has every change, with request ids.
	if r := admin.do("PATCH", "/api/users/"+roleUser(accounts.Admin).Username, map[string]any{"disabled": true}); r.status != http.StatusBadRequest {
		t.Errorf("self-disable: %v", r)
	}
	var log struct {
		Entries []accounts.AuditEntry `json:"entries"`
	}
	r := admin.do("GET", "/api/audit?table=app_users&key="+viewer.Username, nil)
	if err := json.Unmarshal(r.body, &log); err != nil || len(log.Entries) != 3 {
		t.Fatalf("audit of %s: %v", viewer.Username, r)
	}
	if e := log.Entries[0]; e.Action != accounts.ActionUserUpdate || e.Actor != roleUser(accounts.Admin).Username ||
		!strings.Contains(string(e.After), `"disabled":true`) || !strings.Contains(string(e.Before), `"disabled":false`) || e.RequestID == "" || e.ClientAddr != "127.0.0.1" {
		t.Errorf("disable entry: %+v", e)
	}
	if e := log.Entries[1]; e.Action != accounts.ActionPassword || e.Actor != viewer.Username || !strings.Contains(string(e.After), `"password_changed":true`) ||
		strings.Contains(string(e.After), "argon2") {
		t.Errorf("password entry: %+v", e)
	}
}

func onlyRole(have []string, want string) bool { return len(have) == 1 && have[0] == want }

func TestSessionFixationDoesNotSurviveLogin(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planted := "planted-by-an-attacker-0123456789abcdef"
	victim := newClient(t, base)
	r := victim.do("POST", "/api/session", map[string]string{"username": roleUser(accounts.Planner).Username, "password": roleUser(accounts.Planner).Password},
		"Cookie", "parkmap_session="+planted)
	if r.status != http.StatusOK {
		t.Fatalf("login: %v", r)
	}
	var got string
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == "parkmap_session" {
			got = c.Value
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
				t.Errorf("cookie: %+v", c)
			}
		}
	}
	if got == "" || got == planted {
		t.Fatalf("session cookie after login: %q", got)
	}
	if r := newClient(t, base).do("GET", "/api/me", nil, "Cookie", "parkmap_session="+planted); r.status != http.StatusOK ||
		strings.Contains(string(r.body), `"authenticated":true`) {
		t.Errorf("the planted token: %v", r)
	}
	// The old token of a logged-in session is worthless after logout.
	c := loggedIn(t, base, roleUser(accounts.Land))
	if r := c.do("DELETE", "/api/session", nil); r.status != http.StatusNoContent {
		t.Fatalf("logout: %v", r)
	}
	if c.me().Authenticated {
		t.Error("still logged in after logout")
	}
}

func TestRequireLogin(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{RequireLogin: true}, roleUsers...)
	anon := newClient(t, base)
	for _, path := range []string{"/collections", "/collections/parks/items", "/tiles/all/10/856/431.mvt", "/api/progress", "/api/briefing"} {
		if r := anon.do("GET", path, nil); r.status != http.StatusUnauthorized {
			t.Errorf("anonymous %s: %v", path, r)
		}
	}
	if r := anon.do("POST", "/api/eligibility", `{"geometry":`+block+`,"proposal":{"type":"new_park","plot_ratio":2.2}}`); r.status != http.StatusUnauthorized {
		t.Errorf("anonymous check: %v", r)
	}
	for _, path := range []string{"/healthz", "/readyz", "/api/me", "/?f=html", "/ui/config.json"} {
		if r := anon.do("GET", path, nil); r.status != http.StatusOK {
			t.Errorf("anonymous %s: %v", path, r)
		}
	}
	if m := anon.me(); !m.RequireLogin || m.Authenticated {
		t.Errorf("me: %+v", m)
	}
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	r := viewer.do("GET", "/collections", nil)
	if r.status != http.StatusOK || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("viewer /collections: %d, CORS %q (none behind the login)", r.status, r.header.Get("Access-Control-Allow-Origin"))
	}
}

func TestCORSAndOptions(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	c := newClient(t, base)
	if r := c.do("GET", "/collections", nil); r.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("public GET: no CORS")
	}
	for _, p := range []struct{ method, path string }{{"GET", "/api/me"}, {"POST", "/api/eligibility"}, {"POST", "/api/session"}} {
		if r := c.do(p.method, p.path, "{}"); r.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s %s has CORS", p.method, p.path)
		}
	}
	pre := c.do("OPTIONS", "/collections/parks/items", nil, "Origin", "http://gis.example", "Access-Control-Request-Method", "GET")
	if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != "*" || pre.header.Get("Allow") != "GET, HEAD, OPTIONS" {
		t.Errorf("preflight of a public GET: %d %v", pre.status, pre.header)
	}
	pre = c.do("OPTIONS", "/api/users", nil, "Origin", "http://gis.example", "Access-Control-Request-Method", "POST")
	if pre.status != http.StatusNoContent || pre.header.Get("Access-Control-Allow-Origin") != "" || pre.header.Get("Allow") != "GET, HEAD, POST, OPTIONS" {
		t.Errorf("preflight of a write: %d %v", pre.status, pre.header)
	}
	if r := c.do("OPTIONS", "/no/such/path", nil); r.status != http.StatusNotFound {
		t.Errorf("OPTIONS of nothing: %v", r)
	}
}

func TestReadOnlyServerHasNoLogin(t *testing.T) {
	base := testenv.ServeMain(t, app.Config{DatabaseURL: testenv.ReaderURL(t)})
	c := newClient(t, base)
	if m := c.me(); m.LoginAvailable || m.Authenticated {
		t.Errorf("me: %+v", m)
	}
	if r := c.login("admin1", "whatever-password"); r.status != http.StatusServiceUnavailable {
		t.Errorf("login without a write database: %v", r)
	}
}

// The map's bulk traffic is served without reading the session: a logged-in user's tiles and
// features cost what an anonymous user's do, and vary on nothing of the user's (Vary: Cookie is what
// scs adds wherever it reads one). The routes whose answer depends on who asks still read it.
func TestPublicReadsDoNotReadTheSession(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	c := loggedIn(t, base, roleUser(accounts.Planner))
	varies := func(r reply) bool { return strings.Contains(strings.Join(r.header.Values("Vary"), ","), "Cookie") }
	for _, path := range []string{"/collections/parks/items?limit=1", "/tiles/all/10/856/431.mvt", "/tiles/all.json", "/?f=html"} {
		if r := c.do("GET", path, nil); r.status >= 400 || varies(r) {
			t.Errorf("%s: %d, Vary %v (want no Cookie: the session is not read)", path, r.status, r.header.Values("Vary"))
		}
	}
	for _, path := range []string{"/api/me", "/api/parks/wanyang/facts", "/api/parks/wanyang/history"} {
		if r := c.do("GET", path, nil); r.status != http.StatusOK || !varies(r) {
			t.Errorf("%s: %d, Vary %v (want Cookie: the answer depends on who asks)", path, r.status, r.header.Values("Vary"))
		}
	}
	if !c.me().Authenticated {
		t.Error("the session did not survive the public reads")
	}
}
