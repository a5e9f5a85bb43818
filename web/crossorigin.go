package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
)

// crossOriginProtection refuses a state-changing request (POST, PUT, PATCH, DELETE) that a browser
// marks as coming from another site (Sec-Fetch-Site: cross-site or same-site, or an Origin that is
// neither this Host nor the -base-url's origin), with Go's http.CrossOriginProtection: any web page
// an employee opens cannot drive the intranet API through their browser. Requests without either
// header (curl, GDAL, scripts) carry no browser's cookies and pass. It runs before sessions are
// loaded, so a refused request never reaches a session or a handler.
func (s *server) crossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if u, err := url.Parse(s.BaseURL); err == nil && u.Scheme != "" && u.Host != "" {
		if err := cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			s.Log.Warn("base url is not a valid trusted origin", "base_url", s.BaseURL, "err", err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		writeError(w, r, s.Log, apperr.Errorf(apperr.Forbidden,
			"cross-origin request refused: changes are accepted only from this site's own pages"))
	}))
	return cop.Handler(next)
}

// corsHeaders opens GET and HEAD of public data to every origin (GIS clients, other maps), as the
// plan is published. Nothing else gets CORS: not the account routes (the Open routes that read the
// session: /api/me, /api/session), not writes, and nothing at all behind -require-login, so another
// origin's script can never read a logged-in user's answers.
func (s *server) corsHeaders(w http.ResponseWriter, r *http.Request, rule AccessRule) {
	account := rule.Access == Open && rule.Session
	if s.RequireLogin || account || rule.Access != Public && rule.Access != Open {
		return
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		// A script of another origin may read the CRS of the geometries and the tag to revalidate with.
		w.Header().Set("Access-Control-Expose-Headers", "Content-Crs, ETag")
	}
}

// corsAllowHeaders are the request headers a cross-origin reader may send (conditional requests).
const corsAllowHeaders = "Accept, Accept-Language, If-None-Match, If-Modified-Since"

// probeMethods are the methods OPTIONS reports on.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// handleOptions answers OPTIONS on any path a route serves: 204 with Allow, and for a CORS
// preflight of a public GET/HEAD the CORS answer. A preflight for anything else gets no CORS
// headers, so the browser refuses to send it.
func (s *server) handleOptions(w http.ResponseWriter, r *http.Request) {
	var allow []string
	var getRule AccessRule
	hasGet := false
	for _, m := range probeMethods {
		probe := r.Clone(r.Context())
		probe.Method = m
		var match mux.RouteMatch
		if !s.router.Match(probe, &match) || match.MatchErr != nil {
			continue
		}
		allow = append(allow, m)
		if m == http.MethodGet {
			if path, err := match.Route.GetPathTemplate(); err == nil {
				getRule, hasGet = s.access[accessKey{http.MethodGet, path}]
			}
		}
	}
	allow = append(allow, http.MethodOptions)
	w.Header().Set("Allow", strings.Join(allow, ", "))
	if rm := r.Header.Get("Access-Control-Request-Method"); r.Header.Get("Origin") != "" && rm != "" && hasGet &&
		(rm == http.MethodGet || rm == http.MethodHead) {
		probe := r.Clone(r.Context())
		probe.Method = http.MethodGet
		s.corsHeaders(w, probe, getRule)
		if w.Header().Get("Access-Control-Allow-Origin") != "" {
			w.Header().Set("Access-Control-Allow-Methods", "GET, HEAD")
			w.Header().Set("Access-Control-Allow-Headers", corsAllowHeaders)
			w.Header().Set("Access-Control-Max-Age", "86400")
		}
	}
	w.WriteHeader(http.StatusNoContent)
}
