package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/web"
)

// One account per role, as the route × role test calls every route.
var roleUsers = func() []testenv.User {
	var us []testenv.User
	for _, r := range accounts.Roles {
		name := strings.ReplaceAll(r, "_", "-") + "1"
		us = append(us, testenv.User{Username: name, Password: "password-of-" + name, DisplayName: "测试" + r, Unit: "县经信局", Roles: []string{r}})
	}
	return us
}()

func roleUser(role string) testenv.User {
	for _, u := range roleUsers {
		if u.Roles[0] == role {
			return u
		}
	}
	panic("no user for role " + role)
}

// client is a browser-like HTTP client with its own cookie jar; it sends what a same-origin page
// sends (no Origin header on GET; an Origin of the server itself on writes).
type client struct {
	t    testing.TB
	base string
	http *http.Client
}

func newClient(t testing.TB, base string) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: base, http: &http.Client{Jar: jar}}
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) String() string { return fmt.Sprintf("%d %s", r.status, r.body) }

func (c *client) do(method, path string, body any, headers ...string) reply {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, b}
}

func (c *client) login(name, password string) reply {
	c.t.Helper()
	return c.do("POST", "/api/session", map[string]string{"username": name, "password": password})
}

// loggedIn returns a client logged in as u.
func loggedIn(t testing.TB, base string, u testenv.User) *client {
	t.Helper()
	c := newClient(t, base)
	if r := c.login(u.Username, u.Password); r.status != http.StatusOK {
		t.Fatalf("login %s: %v", u.Username, r)
	}
	return c
}

type meJSON struct {
	Authenticated  bool           `json:"authenticated"`
	RequireLogin   bool           `json:"require_login"`
	LoginAvailable bool           `json:"login_available"`
	User           *accounts.User `json:"user"`
	Can            []string       `json:"can"`
}

func (c *client) me() meJSON {
	c.t.Helper()
	r := c.do("GET", "/api/me", nil)
	var m meJSON
	if r.status != http.StatusOK || json.Unmarshal(r.body, &m) != nil {
		c.t.Fatalf("/api/me: %v", r)
	}
	return m
}

// identity is one caller of the route × role test: anonymous ("") or a role's user.
type identity struct {
	role string
	user testenv.User
}

// sample is a valid request for one route, so that an allowed caller gets a 2xx: the test is about
// who may, not about what is wrong with a body. seq makes names unique across callers.
type sample func(c *client, id identity, seq int) reply

var block = `{"type":"Polygon","coordinates":[[[120.5,27.64],[120.502,27.64],[120.502,27.6418],[120.5,27.6418],[120.5,27.64]]]}`

var samples = map[string]sample{
	"POST /api/session": func(c *client, id identity, _ int) reply {
		u := id.user
		if id.role == "" {
			u = roleUser(accounts.Viewer) // an anonymous caller logging in is the point of the route
		}
		return newClient(c.t, c.base).login(u.Username, u.Password)
	},
	"DELETE /api/session": func(c *client, id identity, _ int) reply {
		if id.role == "" {
			return c.do("DELETE", "/api/session", nil)
		}
		return loggedIn(c.t, c.base, id.user).do("DELETE", "/api/session", nil) // not c: it is used on
	},
	"PUT /api/me/password": func(c *client, id identity, _ int) reply {
		// To the same password's variant and back, so that the account stays usable.
		u := id.user
		r := c.do("PUT", "/api/me/password", map[string]string{"current_password": u.Password, "new_password": u.Password + "-x"})
		if r.status == http.StatusNoContent {
			if back := c.do("PUT", "/api/me/password", map[string]string{"current_password": u.Password + "-x", "new_password": u.Password}); back.status != http.StatusNoContent {
				c.t.Fatalf("password back: %v", back)
			}
		}
		return r
	},
	"POST /api/eligibility": func(c *client, _ identity, _ int) reply {
		return c.do("POST", "/api/eligibility", `{"geometry":`+block+`,"proposal":{"type":"new_park","plot_ratio":2.2}}`)
	},
	"POST /api/eligibility/batch": func(c *client, _ identity, _ int) reply {
		return c.do("POST", "/api/eligibility/batch", `{"type":"FeatureCollection","proposal":{"type":"new_park","plot_ratio":2.2},"features":[{"type":"Feature","properties":{"id":"a"},"geometry":`+block+`}]}`)
	},
	"GET /api/users": func(c *client, _ identity, _ int) reply { return c.do("GET", "/api/users", nil) },
	"POST /api/users": func(c *client, _ identity, seq int) reply {
		return c.do("POST", "/api/users", map[string]any{"username": fmt.Sprintf("made%d", seq), "display_name": "新用户",
			"unit": "昆阳镇人民政府", "roles": []string{"viewer"}, "password": "a-long-password"})
	},
	"PATCH /api/users/{username}": func(c *client, _ identity, seq int) reply {
		return c.do("PATCH", "/api/users/"+roleUser(accounts.Viewer).Username, map[string]any{"unit": fmt.Sprintf("单位%d", seq)})
	},
	"GET /api/audit": func(c *client, _ identity, _ int) reply { return c.do("GET", "/api/audit?limit=5", nil) },
	"PATCH /api/parks/{id}/facts": func(c *client, _ identity, seq int) reply {
		// The current version first, so that an allowed caller's edit is not a stale one.
		etag := c.do("GET", "/api/parks/kunyang-lipin/facts", nil).header.Get("ETag")
		return c.do("PATCH", "/api/parks/kunyang-lipin/facts", map[string]any{"notes": fmt.Sprintf("备注%d", seq)}, "If-Match", etag)
	},
	"PUT /api/parks/{id}/evaluations/{year}": func(c *client, _ identity, seq int) reply {
		return c.do("PUT", "/api/parks/kunyang-lipin/evaluations/2023", map[string]any{"grade": "B", "source": fmt.Sprintf("通知%d", seq)})
	},
	"DELETE /api/parks/{id}/evaluations/{year}": func(c *client, _ identity, seq int) reply {
		// A grade of the caller's own first (refused alike to whoever may not), so that there is one to
		// remove.
		c.do("PUT", "/api/parks/kunyang-lipin/evaluations/2022", map[string]any{"grade": "C", "source": fmt.Sprintf("通知%d", seq)})
		return c.do("DELETE", "/api/parks/kunyang-lipin/evaluations/2022", nil)
	},
	"GET /api/parks/{id}/history": func(c *client, _ identity, _ int) reply {
		return c.do("GET", "/api/parks/kunyang-lipin/history", nil)
	},
	"POST /api/eligibility/cases": func(c *client, _ identity, seq int) reply {
		return c.do("POST", "/api/eligibility/cases", fmt.Sprintf(`{"parcel_id":"RD-018","note":"案例%d"}`, seq))
	},
	"PUT /api/parks/{id}/actuals/{year}": func(c *client, _ identity, seq int) reply {
		return c.do("PUT", "/api/parks/kunyang-lipin/actuals/2023", fmt.Sprintf(`{"source":"年报%d","figures":{"tax_wan":%d}}`, seq, seq))
	},
	"GET /api/actuals/template.xlsx": func(c *client, _ identity, _ int) reply {
		return c.do("GET", "/api/actuals/template.xlsx?from=2023&to=2023", nil)
	},
	"POST /api/actuals/import": func(c *client, _ identity, _ int) reply {
		// The planner's template, previewed by the caller.
		tpl := loggedIn(c.t, c.base, roleUser(accounts.Planner)).do("GET", "/api/actuals/template.xlsx?from=2023&to=2023", nil)
		return c.do("POST", "/api/actuals/import", string(tpl.body), "Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	},
	// Layer imports (issue 10): a small constraints file, previewed and published by the caller.
	"GET /api/imports/targets": func(c *client, _ identity, _ int) reply { return c.do("GET", "/api/imports/targets", nil) },
	"GET /api/imports/{layer}/versions": func(c *client, _ identity, _ int) reply {
		return c.do("GET", "/api/imports/constraints/versions", nil)
	},
	"POST /api/imports/{layer}/preview": func(c *client, _ identity, seq int) reply {
		return c.importFile("constraints", "preview", "a.geojson", goodConstraints(fmt.Sprint("P", seq)), kindMapping).reply
	},
	"POST /api/imports/{layer}/publish": func(c *client, id identity, seq int) reply {
		file := goodConstraints(fmt.Sprint("P", seq))
		// The sha256 of a preview by someone who may, so that the caller's publish is refused only for
		// who they are.
		sum := loggedIn(c.t, c.base, roleUser(accounts.DataAdmin)).importFile("constraints", "preview", "a.geojson", file, kindMapping).p.SHA256
		return c.importFile("constraints", "publish", "a.geojson", file, map[string]string{"mapping": kindMapping["mapping"], "expect_sha256": sum}).reply
	},
	"POST /api/imports/{layer}/rollback": func(c *client, _ identity, _ int) reply {
		// The publishes above (the table lists publish first) made version 1.
		return c.do("POST", "/api/imports/constraints/rollback", `{"version":1}`)
	},
	"GET /api/eligibility/cases": func(c *client, _ identity, _ int) reply {
		return c.do("GET", "/api/eligibility/cases?limit=5", nil)
	},
	"GET /api/eligibility/cases/{number}": func(c *client, _ identity, _ int) reply {
		// The land user's save (its row comes first in the table) made the year's first case.
		return c.do("GET", "/api/eligibility/cases/"+url.PathEscape(fmt.Sprintf("平阳准入〔%d〕0001号", chinaYear())), nil)
	},
}

// TestRouteRoleTable calls every route that changes state or needs a login, as every role and as
// nobody, and expects exactly the answer web.AccessRules gives: the table is the one source of truth,
// and a route missing a sample here fails.
func TestRouteRoleTable(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	ids := []identity{{}}
	for _, r := range accounts.Roles {
		ids = append(ids, identity{r, roleUser(r)})
	}
	seq := 0
	for _, rule := range web.AccessRules() {
		if rule.Method == http.MethodGet && (rule.Access == web.Open || rule.Access == web.Public) {
			continue // public reads: every other test calls them anonymously
		}
		key := rule.Method + " " + rule.Path
		call, ok := samples[key]
		if !ok {
			t.Errorf("%s: no sample request in this test; add one", key)
			continue
		}
		for _, id := range ids {
			c := newClient(t, base)
			if id.role != "" {
				c = loggedIn(t, base, id.user)
			}
			seq++
			got := call(c, id, seq).status
			want := "2xx"
			switch {
			case rule.Access == web.Open || rule.Access == web.Public:
			case id.role == "":
				want = "401"
			case rule.Access == web.RoleRequired && !slices.Contains(rule.Roles, id.role):
				want = "403"
			}
			if fmt.Sprint(got) != want && !(want == "2xx" && got >= 200 && got < 300) {
				name := id.role
				if name == "" {
					name = "anonymous"
				}
				t.Errorf("%s as %s: %d, the table says %s", key, name, got, want)
			}
		}
	}
}

// The published API says who may call each operation, from the same table the service enforces.
func TestOpenAPIShowsTheRouteTable(t *testing.T) {
	base := testenv.ServerWith(t, app.Config{})
	var doc struct {
		Paths map[string]map[string]struct {
			Access    string           `json:"x-parkmap-access"`
			Security  []map[string]any `json:"security"`
			Responses map[string]any   `json:"responses"`
		} `json:"paths"`
	}
	r := newClient(t, base).do("GET", "/api", nil)
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, rule := range web.AccessRules() {
		path := strings.NewReplacer("{file:.+}", "{file}").Replace(rule.Path)
		op, ok := doc.Paths[path][strings.ToLower(rule.Method)]
		if !ok {
			continue // the page's own files and the health checks are not API operations
		}
		if op.Access == "" {
			t.Errorf("%s %s: no x-parkmap-access", rule.Method, path)
		}
		needsSession := rule.Access == web.LoggedIn || rule.Access == web.RoleRequired
		if needsSession != (len(op.Security) == 1) || needsSession && op.Responses["401"] == nil {
			t.Errorf("%s %s: security %v, responses %v", rule.Method, path, op.Security, op.Responses)
		}
	}
	if got := doc.Paths["/api/users"]["post"].Access; got != "roles: admin" {
		t.Errorf("POST /api/users: %q", got)
	}
}
