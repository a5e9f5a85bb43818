// Package app wires parkmap's parts into one HTTP handler: the PostGIS store behind the interfaces the
// web layer declares. cmd/parkmap and the end-to-end tests build the service the same way through it.
package app

import (
	"log/slog"
	"net/http"

	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/web"
)

// Options configure the service.
type Options struct {
	Log     *slog.Logger
	BaseURL string
}

// NewHandler returns the full parkmap HTTP handler reading from store.
func NewHandler(store *postgis.Store, o Options) http.Handler {
	return web.NewHandler(web.Deps{
		Log:         o.Log,
		Health:      store,
		Features:    store,
		Tiles:       store,
		Eligibility: store,
		Progress:    store,
		BaseURL:     o.BaseURL,
	})
}
