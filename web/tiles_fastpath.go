package web

import (
	"net/http"
	"strings"
)

// tileRoutePath is the tile route's template, as the router and the access table name it.
const tileRoutePath = "/tiles/{set}/{z}/{x}/{file}"

// tileFastPath serves tile requests ahead of the router and the access middleware. A map asks for
// tiles by the hundred, nearly all of them cache hits, and a hit is cheap enough that the rest of the
// stack was most of its cost: mux matches the path against each route's regexp in turn, and the
// session and access middleware look the route up again (issue 11: a warm tile had to reach 70% of a
// static server's throughput). The fast path takes only what the router would send to the tile
// handler with nothing else to do on the way: GET or HEAD of a clean /tiles/{set}/{z}/{x}/{file},
// while the access table makes that route public without a session. Everything else, a login-only
// server included, goes through the router as before; the outer middleware (security headers, request
// id, cross-origin protection, recovery) wraps both.
func (s *server) tileFastPath(next http.Handler) http.Handler {
	rule, ok := s.access[accessKey{http.MethodGet, tileRoutePath}]
	if s.tileHandler == nil || !ok || s.needsSession(rule) || rule.Access != Public {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, ok := splitTilePath(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		s.corsHeaders(w, r, rule)
		if err := s.tileHandler.serveTile(w, r, req); err != nil {
			writeError(w, r, s.Log, err)
		}
	})
}

// splitTilePath returns the four path elements of a GET or HEAD of /tiles/{set}/{z}/{x}/{file}, as the
// router's route would match them: each element non-empty, and the path clean (no "." or ".."
// element, which the router would redirect first).
func splitTilePath(r *http.Request) (tileRequest, bool) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return tileRequest{}, false
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/tiles/")
	if !ok {
		return tileRequest{}, false
	}
	var parts [4]string
	for i := range parts {
		if i < len(parts)-1 {
			var found bool
			if parts[i], rest, found = strings.Cut(rest, "/"); !found {
				return tileRequest{}, false
			}
		} else if strings.Contains(rest, "/") {
			return tileRequest{}, false
		} else {
			parts[i] = rest
		}
		if p := parts[i]; p == "" || p == "." || p == ".." {
			return tileRequest{}, false
		}
	}
	return tileRequest{set: parts[0], z: parts[1], x: parts[2], file: parts[3]}, true
}
