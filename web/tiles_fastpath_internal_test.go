package web

import (
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"

	"github.com/gorilla/mux"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// TestTileFastPathMatchesTheRouter: the fast path takes a request exactly when the router would send
// it to the tile route, with the same four path elements; anything it declines still reaches the
// router, which answers it as before (a redirect for an unclean path, a 404, a 405).
func TestTileFastPathMatchesTheRouter(t *testing.T) {
	cat := catalog.Default()
	s := &server{Deps: Deps{Catalog: cat, Tilesets: tiles.MustCatalogue(cat.Collections())}, router: mux.NewRouter()}
	s.routes()
	cases := []struct{ method, path string }{
		{"GET", "/tiles/all/10/854/430.mvt"},
		{"HEAD", "/tiles/parcels/16/54656/27533.mvt"},
		{"GET", "/tiles/nope/1/2/3.png"},    // the route matches; the handler refuses it (404)
		{"GET", "/tiles/all/x/y/z"},         // likewise (400)
		{"GET", "/tiles/all/10/854/4%2F30"}, // an escaped slash is a slash in URL.Path: not four elements
		{"POST", "/tiles/all/10/854/430.mvt"},
		{"OPTIONS", "/tiles/all/10/854/430.mvt"},
		{"GET", "/tiles/all/10/854/430.mvt/"},
		{"GET", "/tiles/all/10/854/"},
		{"GET", "/tiles/all/10/854"},
		{"GET", "/tiles//10/854/430.mvt"},
		{"GET", "/tiles/all/./854/430.mvt"},
		{"GET", "/tiles/all/../854/430.mvt"},
		{"GET", "/tiles/all/10/854/.."},
		{"GET", "/tiles/all.json"},
		{"GET", "/tiles/all/10/854/430/1.mvt"},
		{"GET", "/tile/all/10/854/430.mvt"},
		{"GET", "/"},
		// OGC API - Tiles: its documents have one, two or five elements, never the tile route's four.
		{"GET", "/tiles"},
		{"GET", "/tiles/WebMercatorQuad"},
		{"GET", "/tiles/WebMercatorQuad/10/854/430.mvt"}, // a tile of a set of that name: the tile route (404)
		{"GET", "/collections/parks/tiles/WebMercatorQuad"},
		{"GET", "/tileMatrixSets/WebMercatorQuad"},
	}
	for _, tc := range cases {
		r := httptest.NewRequest(tc.method, "http://parkmap.test"+tc.path, nil)
		var match mux.RouteMatch
		routed := s.router.Match(r, &match) && match.MatchErr == nil && match.Route != nil
		if routed {
			tmpl, _ := match.Route.GetPathTemplate()
			routed = tmpl == tileRoutePath
		}
		// The router cleans a path before it routes it (a redirect): such a request is not the
		// tile route's, whatever Match says of the raw path.
		if routed && cleanPath(r.URL.Path) != r.URL.Path {
			routed = false
		}
		got, ok := splitTilePath(r)
		if ok != routed {
			t.Errorf("%s %s: fast path %v, router to the tile route %v", tc.method, tc.path, ok, routed)
			continue
		}
		if ok {
			want := tileRequest{set: match.Vars["set"], z: match.Vars["z"], x: match.Vars["x"], file: match.Vars["file"]}
			if got != want {
				t.Errorf("%s %s: fast path %+v, router %+v", tc.method, tc.path, got, want)
			}
		}
	}
}

// TestTileFastPathOnlyWhenPublic: a server that requires login (or a table that made tiles anything
// but public without a session) sends tiles through the router and its access middleware.
func TestTileFastPathOnlyWhenPublic(t *testing.T) {
	cat := catalog.Default()
	// The router's stand-in answers 418; the fast path answers a parks tile below the parks' zooms
	// itself (204, no database).
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	for _, tc := range []struct {
		name         string
		requireLogin bool
		access       accessTable
		want         int
	}{
		{"public", false, newAccessTable(routeTable), http.StatusNoContent},
		{"login required", true, newAccessTable(routeTable), http.StatusTeapot},
		{"logged-in rule", false, newAccessTable([]AccessRule{{Method: "GET", Path: tileRoutePath, Access: LoggedIn}}), http.StatusTeapot},
		{"session rule", false, newAccessTable([]AccessRule{{Method: "GET", Path: tileRoutePath, Access: Public, Session: true}}), http.StatusTeapot},
		{"no rule", false, newAccessTable(nil), http.StatusTeapot},
	} {
		s := &server{Deps: Deps{Catalog: cat, Tilesets: tiles.MustCatalogue(cat.Collections()), RequireLogin: tc.requireLogin},
			router: mux.NewRouter(), access: tc.access}
		s.routes()
		w := httptest.NewRecorder()
		s.tileFastPath(next).ServeHTTP(w, httptest.NewRequest("GET", "/tiles/parks/5/0/0.mvt", nil))
		if w.Code != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, w.Code, tc.want)
		}
		if tc.want == http.StatusNoContent && w.Header().Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: the fast path sent no CORS header for a public tile: %v", tc.name, w.Header())
		}
	}
}

// cleanPath is what gorilla/mux does to a path before it routes it (and redirects when it differs):
// path.Clean, keeping a trailing slash.
func cleanPath(p string) string {
	np := path.Clean(p)
	if strings.HasSuffix(p, "/") && np != "/" {
		np += "/"
	}
	return np
}

// TestOGCTilesRoutes: the OGC API - Tiles documents take their paths, and the tiles and TileJSON keep
// theirs: /tiles/WebMercatorQuad is the dataset tileset, not the TileJSON of a set of that name.
func TestOGCTilesRoutes(t *testing.T) {
	cat := catalog.Default()
	s := &server{Deps: Deps{Catalog: cat, Tilesets: tiles.MustCatalogue(cat.Collections())}, router: mux.NewRouter()}
	s.routes()
	for path, want := range map[string]string{
		"/tiles":                                   "/tiles",
		"/tiles/WebMercatorQuad":                   "/tiles/WebMercatorQuad",
		"/tiles/WebMercatorQuad.json":              "/tiles/{file}",
		"/tiles/parks.json":                        "/tiles/{file}",
		"/tiles/all/10/854/430.mvt":                tileRoutePath,
		"/tileMatrixSets":                          "/tileMatrixSets",
		"/tileMatrixSets/WebMercatorQuad":          "/tileMatrixSets/{tileMatrixSetId}",
		"/collections/parks/tiles":                 "/collections/{collectionId}/tiles",
		"/collections/parks/tiles/WebMercatorQuad": "/collections/{collectionId}/tiles/{tileMatrixSetId}",
		"/collections/parks/items":                 "/collections/{collectionId}/items",
	} {
		var match mux.RouteMatch
		if !s.router.Match(httptest.NewRequest("GET", "http://parkmap.test"+path, nil), &match) || match.Route == nil {
			t.Errorf("%s: no route", path)
			continue
		}
		if got, _ := match.Route.GetPathTemplate(); got != want {
			t.Errorf("%s: route %s, want %s", path, got, want)
		}
	}
}
