package web

import (
	"net/http"
	"slices"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
)

// Who may call a route. Deny by default: a route missing from routeTable is refused (and the test
// TestEveryRouteHasAnAccessRule fails), so a new route is public only if someone wrote that down.
type Access int

const (
	// Open: anyone, even behind -require-login: what logging in needs (the page shell, its assets,
	// /api/me, the session) and the health checks.
	Open Access = iota + 1
	// Public: anyone, as the plan itself is published (此件公开发布); behind -require-login, any
	// logged-in user.
	Public
	// LoggedIn: any logged-in user (their own account).
	LoggedIn
	// RoleRequired: a logged-in user holding one of the rule's Roles.
	RoleRequired
)

// AccessRule is one row of the route × role table.
type AccessRule struct {
	Method string // GET also covers HEAD
	Path   string // the route's mux path template
	Access Access
	Roles  []string // RoleRequired only
	// Permission names the action for /api/me's "can", which the page reads to show a control.
	Permission string
	// Session: the route reads who is asking although anyone may call it (/api/me, a park's facts,
	// which name their editor to staff only). Every other Open or Public route is served without
	// reading the session at all, unless -require-login is on (see needsSession).
	Session bool
}

// routeTable is the one source of truth of who may call what; the middleware below enforces it,
// /api/me derives "can" from it, and TestRouteRoleTable calls every mutating route as every role
// and expects exactly this table's answer. Reads are public; every state change needs a role.
var routeTable = []AccessRule{
	{Method: "GET", Path: "/healthz", Access: Open},
	{Method: "GET", Path: "/readyz", Access: Open},
	{Method: "GET", Path: "/", Access: Open}, // the page shell (and the OGC landing's links)
	{Method: "GET", Path: "/static/{file:.+}", Access: Open},
	{Method: "GET", Path: "/favicon.ico", Access: Open},
	{Method: "GET", Path: "/ui/config.json", Access: Open},

	{Method: "GET", Path: "/api/me", Access: Open, Session: true},
	{Method: "POST", Path: "/api/session", Access: Open, Session: true},
	{Method: "DELETE", Path: "/api/session", Access: Open, Session: true},
	{Method: "PUT", Path: "/api/me/password", Access: LoggedIn, Permission: "account.password"},

	{Method: "GET", Path: "/conformance", Access: Public},
	{Method: "GET", Path: "/api", Access: Public},
	{Method: "GET", Path: "/collections", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/schema", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/queryables", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/sortables", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/items", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/items/{featureId}", Access: Public},
	// A download is the published collection as a file: public like its items.
	{Method: "GET", Path: "/collections/{collectionId}/download", Access: Public},
	{Method: "GET", Path: "/tiles/{set}/{z}/{x}/{file}", Access: Public},
	{Method: "GET", Path: "/tiles/{file}", Access: Public},
	{Method: "GET", Path: "/styles", Access: Public},
	{Method: "GET", Path: "/styles/{file}", Access: Public},
	// OGC API - Tiles: the documents that describe the tiles, public like them.
	{Method: "GET", Path: "/tileMatrixSets", Access: Public},
	{Method: "GET", Path: "/tileMatrixSets/{tileMatrixSetId}", Access: Public},
	{Method: "GET", Path: "/tiles", Access: Public},
	{Method: "GET", Path: "/tiles/WebMercatorQuad", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/tiles", Access: Public},
	{Method: "GET", Path: "/collections/{collectionId}/tiles/{tileMatrixSetId}", Access: Public},
	{Method: "GET", Path: "/api/progress", Access: Public},
	{Method: "GET", Path: "/api/plan/yearly", Access: Public},
	{Method: "GET", Path: "/api/briefing", Access: Public},
	{Method: "GET", Path: "/api/eligibility/rules", Access: Public},
	// A check computes an answer from the published rules and writes nothing: public, like a read.
	{Method: "POST", Path: "/api/eligibility", Access: Public},
	{Method: "POST", Path: "/api/eligibility/batch", Access: Public},

	// A park's current facts are published like the plan's; editing them is the planner's. Who edited
	// them (the history, and updated_by) is for logged-in users: staff names are not for the public.
	{Method: "GET", Path: "/api/parks/{id}/facts", Access: Public, Session: true},
	{Method: "PATCH", Path: "/api/parks/{id}/facts", Access: RoleRequired, Roles: []string{accounts.Planner}, Permission: "parks.edit"},
	{Method: "GET", Path: "/api/parks/{id}/history", Access: LoggedIn},

	// The parks' evaluation grades (绩效评价, issue 12) are published as the county publishes them;
	// entering or removing one is the planner's. Who entered a grade is for logged-in users only.
	{Method: "GET", Path: "/api/evaluations", Access: Public, Session: true},
	{Method: "GET", Path: "/api/parks/{id}/evaluations", Access: Public, Session: true},
	{Method: "PUT", Path: "/api/parks/{id}/evaluations/{year}", Access: RoleRequired, Roles: []string{accounts.Planner}, Permission: "parks.evaluate"},
	{Method: "DELETE", Path: "/api/parks/{id}/evaluations/{year}", Access: RoleRequired, Roles: []string{accounts.Planner}, Permission: "parks.evaluate"},

	// The land bureau's register of checks (issue 12): saving a case is the land role's; the cases
	// are the bureau's records, for logged-in users only, not the public.
	{Method: "POST", Path: "/api/eligibility/cases", Access: RoleRequired, Roles: []string{accounts.Land}, Permission: "cases.save"},
	{Method: "GET", Path: "/api/eligibility/cases", Access: LoggedIn, Permission: "cases.read"},
	{Method: "GET", Path: "/api/eligibility/cases/{number}", Access: LoggedIn, Permission: "cases.read"},

	// Actual yearly figures (issue 12): published like the plan (who entered them for logged-in users
	// only); entering them, in the form or from the xlsx template, is the planner's.
	{Method: "GET", Path: "/api/actuals", Access: Public, Session: true},
	{Method: "PUT", Path: "/api/parks/{id}/actuals/{year}", Access: RoleRequired, Roles: []string{accounts.Planner}, Permission: "actuals.edit"},
	{Method: "GET", Path: "/api/actuals/template.xlsx", Access: RoleRequired, Roles: []string{accounts.Planner}, Permission: "actuals.edit"},
	{Method: "POST", Path: "/api/actuals/import", Access: RoleRequired, Roles: []string{accounts.Planner}, Permission: "actuals.edit"},

	// Layer imports (issue 10): the importable layers and their versions are for logged-in users;
	// previewing, publishing and rolling back need a role that imports some layer (land, data_admin),
	// and the handler then checks the layer's own roles (layerimport.Target.Roles: parks are data_admin's).
	{Method: "GET", Path: "/api/imports/targets", Access: LoggedIn},
	{Method: "GET", Path: "/api/imports/{layer}/versions", Access: LoggedIn},
	{Method: "POST", Path: "/api/imports/{layer}/preview", Access: RoleRequired, Roles: importRoles, Permission: "layers.import"},
	{Method: "POST", Path: "/api/imports/{layer}/publish", Access: RoleRequired, Roles: importRoles, Permission: "layers.import"},
	{Method: "POST", Path: "/api/imports/{layer}/rollback", Access: RoleRequired, Roles: importRoles, Permission: "layers.import"},

	{Method: "GET", Path: "/api/users", Access: RoleRequired, Roles: []string{accounts.Admin}, Permission: "users.manage"},
	{Method: "POST", Path: "/api/users", Access: RoleRequired, Roles: []string{accounts.Admin}, Permission: "users.manage"},
	{Method: "PATCH", Path: "/api/users/{username}", Access: RoleRequired, Roles: []string{accounts.Admin}, Permission: "users.manage"},
	{Method: "GET", Path: "/api/audit", Access: RoleRequired, Roles: []string{accounts.Admin}, Permission: "audit.read"},
}

// importRoles are the roles that may import at least one layer (the union of layerimport's targets'
// Roles; TestImportRolesCoverTargets keeps the two the same).
var importRoles = []string{accounts.Land, accounts.DataAdmin}

// accessKey indexes routeTable.
type accessKey struct{ method, path string }

type accessTable map[accessKey]AccessRule

func newAccessTable(rules []AccessRule) accessTable {
	t := accessTable{}
	for _, r := range rules {
		t[accessKey{r.Method, r.Path}] = r
	}
	return t
}

// rule returns the rule of the route r matched, if the table has one.
func (t accessTable) rule(r *http.Request) (AccessRule, bool) {
	route := mux.CurrentRoute(r)
	if route == nil {
		return AccessRule{}, false
	}
	path, err := route.GetPathTemplate()
	if err != nil {
		return AccessRule{}, false
	}
	method := r.Method
	if method == http.MethodHead {
		method = http.MethodGet
	}
	rule, ok := t[accessKey{method, path}]
	return rule, ok
}

// allows decides rule for u (nil: anonymous); it returns nil or the 401/403 to answer.
func (rule AccessRule) allows(u *accounts.User, requireLogin bool) error {
	switch rule.Access {
	case Open:
		return nil
	case Public:
		if !requireLogin || u != nil {
			return nil
		}
		return errLoginRequired
	case LoggedIn:
		if u != nil {
			return nil
		}
		return errLoginRequired
	case RoleRequired:
		if u == nil {
			return errLoginRequired
		}
		if u.Has(rule.Roles...) {
			return nil
		}
		return apperr.Errorf(apperr.Forbidden, "your roles %v may not do this; it needs one of %v", u.Roles, rule.Roles)
	}
	return apperr.Errorf(apperr.Forbidden, "this route has no access rule")
}

var errLoginRequired = apperr.Errorf(apperr.Unauthorized, "log in first")

// permissions lists the Permission names u holds, for /api/me.
func permissions(rules []AccessRule, u *accounts.User) []string {
	out := []string{}
	for _, r := range rules {
		if r.Permission != "" && r.allows(u, true) == nil && !slices.Contains(out, r.Permission) {
			out = append(out, r.Permission)
		}
	}
	return out
}

// needsSession reports whether a request for rule must read its session: when the answer depends on
// who asks. The map's bulk traffic (tiles, features, the page's files) does not, so a logged-in user's
// map costs what an anonymous one's does: no session row and no account read per tile.
func (s *server) needsSession(rule AccessRule) bool {
	switch rule.Access {
	case LoggedIn, RoleRequired:
		return true
	case Public:
		return rule.Session || s.RequireLogin
	}
	return rule.Session
}

// withSession is the middleware (after routing) that loads the session and its account for the
// routes that need them (needsSession), and leaves the others alone.
func (s *server) withSession(next http.Handler) http.Handler {
	if s.sessions == nil {
		return next
	}
	loaded := s.sessions.LoadAndSave(s.loadUser(next))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rule, ok := s.access.rule(r); ok && s.needsSession(rule) {
			loaded.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authorize is the middleware (after routing, so that the matched route is known) that applies
// the table to the request's user.
func (s *server) authorize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rule, ok := s.access.rule(r)
		if !ok {
			s.Log.Error("route has no access rule: refused", "method", r.Method, "path", r.URL.Path)
			writeError(w, r, s.Log, apperr.Errorf(apperr.Forbidden, "this route has no access rule"))
			return
		}
		s.corsHeaders(w, r, rule)
		if err := rule.allows(userOf(r.Context()), s.RequireLogin); err != nil {
			writeError(w, r, s.Log, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// AccessRules returns the route × role table (a copy), for the tests that call every route as
// every role and for documentation.
func AccessRules() []AccessRule {
	out := make([]AccessRule, len(routeTable))
	for i, r := range routeTable {
		r.Roles = slices.Clone(r.Roles)
		out[i] = r
	}
	return out
}
