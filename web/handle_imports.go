package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/intake"
	"github.com/pingyang/parkmap/layerimport"
)

// LayerImports is the layer importer (issue 10) as the HTTP layer uses it: internal/importer.Service,
// plugged in by internal/app when the service has a write database. web declares it so that it never
// imports the importer, GDAL or the store.
type LayerImports interface {
	// Import reads, stages and previews r's file; with r.Publish and nothing blocking it becomes the
	// layer's next version. The preview comes back with an error too, once the file was read.
	Import(ctx context.Context, r layerimport.Request) (layerimport.Preview, error)
	// Versions lists a layer's published versions, oldest first.
	Versions(ctx context.Context, layer string) ([]layerimport.Version, error)
	// Rollback makes version the live one again; it returns the version current before.
	Rollback(ctx context.Context, a accounts.Actor, layer string, version int) (before int, err error)
	// Targets are the importable layers, in the page's order.
	Targets() []layerimport.Target
}

const (
	// previewFeatures is how many staged features a preview returns for the page's map.
	previewFeatures = 2000
	// importDeadline replaces the server's 30 s read and 60 s write timeouts for an import's request:
	// an upload of up to a gigabyte over an intranet link, then GDAL and the checks of a county's layer,
	// all inside the request until imports become jobs (issue 15).
	importDeadline = 30 * time.Minute
	// maxRollbackBody bounds a rollback's JSON ({"version": N}).
	maxRollbackBody = 1 << 10
)

// errNoImports answers the import routes of a server without the importer (no write database).
var errNoImports = apperr.Errorf(apperr.Unavailable, "layer imports are unavailable: this server runs without a write database (-write-db)")

// importRoutes registers the layer imports (issue 10).
func (s *server) importRoutes(r *mux.Router) {
	r.Handle("/api/imports/targets", s.adapt(s.handleImportTargets)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/imports/{layer}/preview", s.adapt(s.handleImport(false))).Methods(http.MethodPost)
	r.Handle("/api/imports/{layer}/publish", s.adapt(s.handleImport(true))).Methods(http.MethodPost)
	r.Handle("/api/imports/{layer}/versions", s.adapt(s.handleImportVersions)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/imports/{layer}/rollback", s.adapt(s.handleImportRollback)).Methods(http.MethodPost)
}

// importTarget is a target as GET /api/imports/targets lists it: with whether the caller may import it.
type importTarget struct {
	layerimport.Target
	MayImport bool `json:"may_import"`
}

func (s *server) handleImportTargets(w http.ResponseWriter, r *http.Request) error {
	if s.Imports == nil {
		return errNoImports
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	var roles []string
	if u := userOf(r.Context()); u != nil {
		roles = u.Roles
	}
	out := []importTarget{}
	for _, t := range s.Imports.Targets() {
		out = append(out, importTarget{Target: t, MayImport: t.MayImport(roles)})
	}
	writePrivate(w, http.StatusOK, map[string]any{"targets": out, "max_file_bytes": s.importLimit()})
	return nil
}

// importTargetOf is the path's layer, 404 when no such layer can be imported; mayImport also checks
// that the caller holds one of its roles (403), beyond the route's own rule (any importing role).
func (s *server) importTargetOf(r *http.Request, mayImport bool) (layerimport.Target, error) {
	if s.Imports == nil {
		return layerimport.Target{}, errNoImports
	}
	layer := mux.Vars(r)["layer"]
	var names []string
	for _, t := range s.Imports.Targets() {
		if t.Layer != layer {
			names = append(names, t.Layer)
			continue
		}
		if mayImport {
			var roles []string
			if u := userOf(r.Context()); u != nil {
				roles = u.Roles
			}
			if !t.MayImport(roles) {
				return t, apperr.Errorf(apperr.Forbidden, "your roles %v may not import %s; it needs one of %v", roles, layer, t.Roles)
			}
		}
		return t, nil
	}
	return layerimport.Target{}, &apperr.Error{Code: apperr.NotFound, Field: "layer",
		Message: "no importable layer " + quoteShort(layer) + "; the layers are " + strings.Join(names, ", "),
		Fields: []apperr.FieldError{{Field: "layer", Message: "no importable layer " + quoteShort(layer),
			MessageZh: "没有可导入的图层“" + layer + "”，可导入的图层为 " + strings.Join(names, "、")}}}
}

// importErrorBody is a refused import whose file was read: the error, and the preview that says why
// (the findings of a publish that could not go ahead), so that the page can list them.
type importErrorBody struct {
	errorBody
	Preview layerimport.Preview `json:"preview"`
}

// handleImport previews (publish false) or publishes an uploaded file as the next version of the
// path's layer. The body is multipart/form-data (importForm); the answer is the preview.
func (s *server) handleImport(publish bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		target, err := s.importTargetOf(r, true)
		if err != nil {
			return err
		}
		if err := checkNoParams(r); err != nil {
			return err
		}
		// The server's timeouts are a normal request's; an import's is longer (see importDeadline). A
		// writer that cannot extend them (none in this server) leaves the server's in force.
		rc := http.NewResponseController(w)
		deadline := time.Now().Add(importDeadline)
		if err := errors.Join(rc.SetReadDeadline(deadline), rc.SetWriteDeadline(deadline)); err != nil {
			s.Log.Warn("import: cannot extend the request's deadlines", "err", err)
		}
		form, err := readImportForm(w, r, target, publish, s.importLimit())
		defer form.cleanup()
		if err != nil {
			return err
		}
		req := form.request
		req.Layer, req.Publish, req.PreviewFeatures, req.Actor = target.Layer, publish, previewFeatures, actorOf(r)
		p, err := s.Imports.Import(r.Context(), req)
		if err == nil {
			writePrivate(w, http.StatusOK, p)
			return nil
		}
		// The preview goes with the error when it says something: the features read (the findings of
		// a refused publish), or the datasets of an upload holding several, to choose from.
		ae, ok := apperr.As(err)
		if !ok || p.Count == 0 && len(p.Source.Datasets) < 2 || r.Context().Err() != nil {
			return err
		}
		status, known := statusOf[ae.Code]
		if !known || status >= 500 {
			return err
		}
		writePrivate(w, status, importErrorBody{
			errorBody: errorBody{Code: ae.Code, Description: ae.Message, Field: ae.Field, Errors: ae.Fields},
			Preview:   p,
		})
		return nil
	}
}

// importLimit is the cap on an uploaded file: Deps.ImportMaxBytes when set and smaller, else intake's.
func (s *server) importLimit() int64 {
	limit := intake.DefaultLimits().MaxFileBytes
	if s.ImportMaxBytes > 0 && s.ImportMaxBytes < limit {
		limit = s.ImportMaxBytes
	}
	return limit
}

// importVersions is GET /api/imports/{layer}/versions.
type importVersions struct {
	Layer    string                `json:"layer"`
	Versions []layerimport.Version `json:"versions"`
}

func (s *server) handleImportVersions(w http.ResponseWriter, r *http.Request) error {
	target, err := s.importTargetOf(r, false)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	list, err := s.Imports.Versions(r.Context(), target.Layer)
	if err != nil {
		return err
	}
	if list == nil {
		list = []layerimport.Version{}
	}
	writePrivate(w, http.StatusOK, importVersions{Layer: target.Layer, Versions: list})
	return nil
}

// rollbackBody is POST /api/imports/{layer}/rollback's body.
type rollbackBody struct {
	Version *int `json:"version"`
}

// rollbackAnswer says what a rollback did.
type rollbackAnswer struct {
	Layer   string `json:"layer"`
	Version int    `json:"version"`
	Before  int    `json:"before"`
}

func (s *server) handleImportRollback(w http.ResponseWriter, r *http.Request) error {
	target, err := s.importTargetOf(r, true)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	var body rollbackBody
	if err := decodeStrict(w, r, maxRollbackBody, &body); err != nil {
		return err
	}
	if body.Version == nil || *body.Version < 1 {
		return apperr.Fields([]apperr.FieldError{{Field: "version", Message: "version must be a published version number (1 or more)",
			MessageZh: "请给出要回滚到的版本号（从 1 起）"}})
	}
	before, err := s.Imports.Rollback(r.Context(), actorOf(r), target.Layer, *body.Version)
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, rollbackAnswer{Layer: target.Layer, Version: *body.Version, Before: before})
	return nil
}
