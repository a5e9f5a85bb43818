package web

import (
	"net/http"
	"slices"
	"testing"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// TestEveryRouteHasAnAccessRule: the router and the route × role table name the same routes, so a
// route added without a rule (refused at run time, deny by default) or a rule left behind by a
// removed route fails here first.
func TestEveryRouteHasAnAccessRule(t *testing.T) {
	cat := catalog.Default()
	s := &server{Deps: Deps{Catalog: cat, Tilesets: tiles.MustCatalogue(cat.Collections())}, router: mux.NewRouter()}
	s.routes()
	routed := map[accessKey]bool{}
	err := s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil {
			return err
		}
		methods, err := route.GetMethods()
		if err != nil {
			t.Errorf("route %s has no methods", path)
			return nil
		}
		for _, m := range methods {
			if m == http.MethodHead {
				if !slices.Contains(methods, http.MethodGet) {
					t.Errorf("route %s serves HEAD without GET", path)
				}
				continue
			}
			routed[accessKey{m, path}] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	table := newAccessTable(routeTable)
	if len(table) != len(routeTable) {
		t.Errorf("routeTable repeats a route: %d rows, %d distinct", len(routeTable), len(table))
	}
	for k := range routed {
		if _, ok := table[k]; !ok {
			t.Errorf("%s %s has no row in routeTable: it is refused to everyone", k.method, k.path)
		}
	}
	perms := map[string][]string{}
	for k, rule := range table {
		if !routed[k] {
			t.Errorf("routeTable has %s %s, which no route serves", k.method, k.path)
		}
		if rule.Access == RoleRequired && len(rule.Roles) == 0 {
			t.Errorf("%s %s needs a role but names none", k.method, k.path)
		}
		for _, r := range rule.Roles {
			if !slices.Contains(accounts.Roles, r) {
				t.Errorf("%s %s names unknown role %q", k.method, k.path, r)
			}
		}
		if k.method != http.MethodGet && rule.Access == Open && k.path != "/api/session" {
			t.Errorf("%s %s changes state and is open to anyone", k.method, k.path)
		}
		if rule.Permission != "" {
			if prev, ok := perms[rule.Permission]; ok && !slices.Equal(prev, rule.Roles) {
				t.Errorf("permission %s has roles %v on one route and %v on another", rule.Permission, prev, rule.Roles)
			}
			perms[rule.Permission] = rule.Roles
		}
	}
}

func TestPermissionsByRole(t *testing.T) {
	admin := &accounts.User{Roles: []string{accounts.Admin}}
	planner := &accounts.User{Roles: []string{accounts.Planner}}
	land := &accounts.User{Roles: []string{accounts.Land}}
	// Every logged-in user reads the eligibility cases (cases.read); only the land bureau saves them.
	if got := permissions(routeTable, admin); !slices.Equal(got, []string{"account.password", "cases.read", "users.manage", "audit.read"}) {
		t.Errorf("admin: %v", got)
	}
	if got := permissions(routeTable, planner); !slices.Equal(got, []string{"account.password", "parks.edit", "parks.evaluate", "cases.read", "actuals.edit"}) {
		t.Errorf("planner: %v", got)
	}
	if got := permissions(routeTable, land); !slices.Equal(got, []string{"account.password", "cases.save", "cases.read", "layers.import"}) {
		t.Errorf("land: %v", got)
	}
	// The layer imports (issue 10) are land's and data_admin's; which layer, the handler decides.
	if got := permissions(routeTable, &accounts.User{Roles: []string{accounts.DataAdmin}}); !slices.Equal(got, []string{"account.password", "cases.read", "layers.import"}) {
		t.Errorf("data_admin: %v", got)
	}
	if got := permissions(routeTable, nil); len(got) != 0 {
		t.Errorf("anonymous: %v", got)
	}
}
