// Package web is parkmap's HTTP layer: the gorilla/mux router, one file per resource, middleware and
// the one error writer. It never imports pgx or internal/postgis; it declares the small interfaces it
// needs (Deps) and cmd/parkmap plugs the store in.
package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/actuals"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/cases"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/evaluations"
	"github.com/pingyang/parkmap/parkfacts"
	"github.com/pingyang/parkmap/plan"
	"github.com/pingyang/parkmap/tiles"
)

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Deps is what the HTTP layer needs from the rest of the program.
type Deps struct {
	Log *slog.Logger
	// Catalog is the published collections, built once in main.
	Catalog *catalog.Catalog
	// Tilesets are the vector tile layers derived from Catalog (tiles.NewCatalogue).
	Tilesets *tiles.Catalogue
	Health   Pinger
	Features FeatureStore
	Tiles    TileStore
	// Versions is the dataset version kept in memory, which keys cached tiles and their ETags.
	Versions DatasetVersion
	// Eligibility answers parcel checks with the rules in force.
	Eligibility *eligibility.Service
	Progress    ProgressStore
	// ParkFacts reads and edits the parks' current facts (issue 12); edits need Accounts too.
	ParkFacts *parkfacts.Service
	// Actuals lists and enters the parks' actual yearly figures (issue 12); entry needs Accounts too.
	Actuals *actuals.Service
	// Cases is the land bureau's register of eligibility checks (issue 12); saves need Accounts too.
	Cases *cases.Service
	// Evaluations is the parks' evaluation grades (绩效评价, issue 12); edits need Accounts too.
	Evaluations *evaluations.Service
	// Exports writes a collection as a file for download (issue 10); nil: downloads unavailable.
	Exports LayerExports
	// Imports previews, publishes and rolls back layer imports from the page (issue 10); nil (no
	// write database) answers its routes 503. ImportMaxBytes caps an uploaded file (0, or more than
	// intake's cap: intake.DefaultLimits().MaxFileBytes).
	Imports        LayerImports
	ImportMaxBytes int64
	// TileCacheBytes bounds the tile cache (0: tileCacheBytes; negative: no cache).
	TileCacheBytes int64
	// Briefing is the leadership briefing's story; nil if data/briefing/steps.json failed its checks.
	Briefing *plan.Briefing
	// BaseURL, when set (e.g. "https://gis.example.gov.cn/parkmap"), is used for absolute links;
	// otherwise links are built from the request's scheme and Host.
	BaseURL string
	// Page configures the web map (Tianditu basemap; the assets in tests).
	Page PageOptions
	// Accounts logs users in and keeps their accounts; Sessions is where sessions live (shared by
	// every replica). Both nil: a read-only service where nobody can log in.
	Accounts *accounts.Service
	Sessions scs.Store
	// RequireLogin puts every public route behind the login (serve -require-login).
	RequireLogin bool
	// Now is the clock for what depends on the date (the years progress answers); nil: the system's.
	Now func() time.Time
}

// noVersion is a DatasetVersion that has never read one.
type noVersion struct{}

func (noVersion) Version() (string, bool) { return "", false }

// handlerFunc is a handler that returns its error; adapt writes it with the one error writer.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

type server struct {
	Deps
	router *mux.Router
	page   *page  // the embedded web map; nil if its assets could not be read
	csp    string // the Content-Security-Policy every response carries
	access accessTable
	// sessions is nil when Accounts is: nobody can log in, and no request reads a session.
	sessions *scs.SessionManager
	// tileHandler serves tiles both from the router and ahead of it (tileFastPath).
	tileHandler *tileHandler
}

// NewHandler builds the HTTP handler with every route and middleware.
func NewHandler(d Deps) http.Handler {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Versions == nil {
		d.Versions = noVersion{} // every tile is rendered (and nothing cached) until one is known
	}
	s := &server{Deps: d, router: mux.NewRouter(), csp: contentSecurityPolicy(d.Page), access: newAccessTable(routeTable)}
	if d.Accounts != nil && d.Sessions != nil {
		s.sessions = newSessionManager(d.Sessions, d.BaseURL, func(w http.ResponseWriter, r *http.Request, err error) {
			writeError(w, r, s.Log, apperr.Wrap("session", apperr.Unavailable, err, "sessions are unavailable; try again shortly"))
		})
	} else {
		s.Accounts = nil
	}
	pg, err := newPage(d.Page)
	if err != nil {
		d.Log.Error("web map unavailable", "err", err)
	} else {
		if len(pg.missing) > 0 {
			d.Log.Warn("web map assets not built: run npm run build (make build) before go build", "missing", pg.missing)
		}
		s.page = pg
	}
	s.router.StrictSlash(false)
	s.routes()
	s.router.NotFoundHandler = s.adapt(func(w http.ResponseWriter, r *http.Request) error {
		return apperr.Errorf(apperr.NotFound, "no resource at %s", r.URL.Path)
	})
	s.router.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			s.handleOptions(w, r)
			return
		}
		writeJSON(w, http.StatusMethodNotAllowed, "application/json",
			errorBody{Code: "method_not_allowed", Description: r.Method + " is not allowed on " + r.URL.Path})
	})
	// After routing: the session is read only where the route's rule needs it, then the rule applied.
	s.router.Use(s.withSession, s.authorize)
	// Compression sits behind the tile fast path: cached tiles are gzip already and need no wrapper.
	var routed http.Handler = s.router
	if gz, err := newCompressor(); err != nil {
		d.Log.Error("responses go uncompressed", "err", err)
	} else {
		routed = gz(s.router)
	}
	return s.recoverer(s.securityHeaders(requestID(s.crossOriginProtection(s.tileFastPath(routed)))))
}

func (s *server) routes() {
	r := s.router
	r.Handle("/healthz", s.adapt(s.handleHealthz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", s.adapt(s.handleReadyz)).Methods(http.MethodGet, http.MethodHead)
	s.featureRoutes(r)
	s.tileRoutes(r)
	s.styleRoutes(r)
	s.eligibilityRoutes(r)
	s.progressRoutes(r)
	s.accountRoutes(r)
	s.parkFactsRoutes(r)
	s.casesRoutes(r)
	s.evaluationRoutes(r)
	s.actualsRoutes(r)
	s.exportRoutes(r)
	s.importRoutes(r)
	s.pageRoutes(r)
}

func (s *server) adapt(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			writeError(w, r, s.Log, err)
		}
	})
}

func (s *server) handleHealthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, "application/json", map[string]string{"status": "ok"})
	return nil
}

func (s *server) handleReadyz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.Health.Ping(ctx); err != nil {
		s.Log.Warn("readiness: database unavailable", "err", err)
		return apperr.Errorf(apperr.Unavailable, "the database is unavailable")
	}
	body := map[string]string{"status": "ok", "database": "ok"}
	// The version the tiles are keyed by, so that an operator (or a test) can see a change arrive.
	if v, ok := s.Versions.Version(); ok {
		body["dataset_version"] = v
	}
	writeJSON(w, http.StatusOK, "application/json", body)
	return nil
}

// recoverer turns a panic into a logged 500 without a stack trace in the response.
func (s *server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.Error("panic", "path", r.URL.Path, "value", v, "stack", string(debug.Stack()))
				writeError(w, r, s.Log, apperr.Errorf(apperr.Internal, "internal error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets headers every response carries. The page's Content-Security-Policy allows
// only this server (and blob: workers, which MapLibre needs; Tianditu's hosts when it is configured).
func (s *server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", s.csp)
		if s.BaseURL == "" {
			// Links are then built from Host and X-Forwarded-Proto: a shared cache must keep one copy
			// per value, or one forged header would poison every user's copy.
			h.Add("Vary", "Host, X-Forwarded-Proto")
		}
		next.ServeHTTP(w, r)
	})
}

// baseURL is the absolute root of this service as the client sees it, without a trailing slash.
func (s *server) baseURL(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimRight(s.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
		scheme = p
	}
	return scheme + "://" + r.Host
}

// writeJSON writes v as JSON with the given status and content type. Chinese stays UTF-8 (no \u
// escapes) so that the responses are readable as they are.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the status is sent; a failed write means the client left
}
