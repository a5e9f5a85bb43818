package web

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/gorilla/mux"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/layerexport"
)

// LayerExports writes a published collection as a file (internal/exporter: GDAL's ogr2ogr as the
// read-only role); dir is the request's own temporary directory, which the handler removes.
type LayerExports interface {
	Export(ctx context.Context, collection string, o layerexport.Options, dir string, progress io.Writer) (layerexport.File, error)
}

// exportSlots bounds the exports running at once: each is an ogr2ogr process reading a whole layer
// (about 6 s for 200,000 parcels), and a flood of them must not starve the map's tiles.
const exportSlots = 2

var errNoExports = apperr.Errorf(apperr.Unavailable, "exports are unavailable")

// exportRoutes registers the downloads of the published collections (issue 10).
func (s *server) exportRoutes(r *mux.Router) {
	slots := make(chan struct{}, exportSlots)
	r.Handle("/collections/{collectionId}/download", s.adapt(func(w http.ResponseWriter, r *http.Request) error {
		return s.handleExport(w, r, slots)
	})).Methods(http.MethodGet, http.MethodHead)
}

// handleExport answers GET /collections/{id}/download?format=&crs=&encoding= with the file, named
// for a person (平阳县_<title>.<ext>) and for old clients (the id). A bad format, CRS or encoding is a
// 400 naming it; all slots busy is a 503 with Retry-After.
func (s *server) handleExport(w http.ResponseWriter, r *http.Request, slots chan struct{}) error {
	if s.Exports == nil {
		return errNoExports
	}
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	for name := range q {
		if name != "format" && name != "crs" && name != "encoding" {
			return apperr.Fields([]apperr.FieldError{{Field: name, Message: "unknown query parameter " + apperr.Quote(name) + " (format, crs, encoding)",
				MessageZh: "未知参数 " + apperr.Quote(name) + "（可用：format、crs、encoding）"}})
		}
	}
	o := layerexport.Options{Format: q.Get("format"), CRS: q.Get("crs"), Encoding: q.Get("encoding")}
	if o.Format == "" {
		o.Format = "gpkg"
	}
	f, _, err := layerexport.Check(o)
	if err != nil {
		return err
	}
	select {
	case slots <- struct{}{}:
		defer func() { <-slots }()
	default:
		e := apperr.Errorf(apperr.Unavailable, "every export slot is busy; try again shortly")
		e.RetryAfter = 10 * time.Second
		return e
	}
	dir, err := os.MkdirTemp("", "parkmap-download-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file, err := s.Exports.Export(r.Context(), c.ID, o, dir, nil)
	if err != nil {
		return err
	}
	fh, err := os.Open(file.Path)
	if err != nil {
		return err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", file.MediaType)
	w.Header().Set("Content-Disposition", attachment(file.Name, "平阳县_"+c.TitleZh+f.Ext))
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", st.ModTime(), fh)
	return nil
}
