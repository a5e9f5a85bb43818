package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// OGC API - Tiles (OGC 20-057, Part 1: Core) over the tiles already served: the documents that let a
// GIS client (GDAL's OGCAPI driver, QGIS, ogc-client) find /tiles/{set}/{z}/{x}/{y}.mvt by itself.
//
//	/tileMatrixSets, /tileMatrixSets/WebMercatorQuad    the one tile matrix set (TMS 2.0)
//	/tiles, /tiles/WebMercatorQuad                       the dataset tileset: every layer ("all")
//	/collections/{id}/tiles, .../tiles/WebMercatorQuad   a collection's tileset
//
// The tiles themselves stay where they are: each tileset's rel=item link is a template of the existing
// URL, {tileMatrix}/{tileCol}/{tileRow} in the place of {z}/{x}/{y}. /tiles/WebMercatorQuad has two
// path elements, so it never meets the tile route or its fast path (four), and it is routed before
// /tiles/{file}, whose files all end in .json.
const (
	datasetTilesetPath = "/tiles/" + tiles.WebMercatorQuadID
	tmsPath            = "/tileMatrixSets/{tileMatrixSetId}"
)

func (h *tileHandler) ogcRoutes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle("/tileMatrixSets", h.adapt(h.handleTileMatrixSets)).Methods(get...)
	r.Handle(tmsPath, h.adapt(h.handleTileMatrixSet)).Methods(get...)
	r.Handle("/tiles", h.adapt(h.handleDatasetTilesets)).Methods(get...)
	r.Handle(datasetTilesetPath, h.adapt(h.handleDatasetTileset)).Methods(get...)
	r.Handle("/collections/{collectionId}/tiles", h.adapt(h.handleCollectionTilesets)).Methods(get...)
	r.Handle("/collections/{collectionId}/tiles/{tileMatrixSetId}", h.adapt(h.handleCollectionTileset)).Methods(get...)
}

// tmsMaxZoom is the highest zoom of the tile matrix set: the highest any tileset's layers are drawn at
// (the all-layers tileset answers above it, but only with empty tiles).
func (h *tileHandler) tmsMaxZoom() int {
	z := 0
	for _, s := range h.catalogue.Tilesets() {
		z = max(z, s.MaxZoom)
	}
	return z
}

type tileMatrixSetRef struct {
	ID    string       `json:"id"`
	Title string       `json:"title"`
	URI   string       `json:"uri"`
	CRS   string       `json:"crs"`
	Links []tiles.Link `json:"links"`
}

type tileMatrixSetList struct {
	TileMatrixSets []tileMatrixSetRef `json:"tileMatrixSets"`
	Links          []tiles.Link       `json:"links"`
}

func (h *tileHandler) handleTileMatrixSets(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	base := h.baseURL(r)
	tms := tiles.WebMercatorQuad(0)
	writeTilesDoc(w, tileMatrixSetList{
		TileMatrixSets: []tileMatrixSetRef{{ID: tms.ID, Title: tms.Title, URI: tms.URI, CRS: tms.CRS, Links: []tiles.Link{
			{Href: tmsURL(base), Rel: "self", Type: mediaJSON, Title: "the definition of " + tms.ID},
		}}},
		Links: []tiles.Link{{Href: base + "/tileMatrixSets", Rel: "self", Type: mediaJSON, Title: "this document"}},
	})
	return nil
}

func (h *tileHandler) handleTileMatrixSet(w http.ResponseWriter, r *http.Request) error {
	if err := checkTileMatrixSet(mux.Vars(r)["tileMatrixSetId"]); err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	writeTilesDoc(w, tiles.WebMercatorQuad(h.tmsMaxZoom()))
	return nil
}

type tileSetList struct {
	Links    []tiles.Link        `json:"links"`
	Tilesets []tiles.TileSetItem `json:"tilesets"`
}

func (h *tileHandler) handleDatasetTilesets(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	return h.writeTilesetList(w, r, tiles.AllID, h.baseURL(r)+"/tiles")
}

func (h *tileHandler) handleCollectionTilesets(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	return h.writeTilesetList(w, r, c.ID, collectionURL(h.baseURL(r), c, "/tiles"))
}

func (h *tileHandler) writeTilesetList(w http.ResponseWriter, r *http.Request, set, self string) error {
	ts, err := h.tileset(set)
	if err != nil {
		return err
	}
	writeTilesDoc(w, tileSetList{
		Links:    []tiles.Link{{Href: self, Rel: "self", Type: mediaJSON, Title: "this document"}},
		Tilesets: []tiles.TileSetItem{ts.Item(h.tilesetURLs(r, ts))},
	})
	return nil
}

func (h *tileHandler) handleDatasetTileset(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	return h.writeTileset(w, r, tiles.AllID, h.Catalog.Collections())
}

func (h *tileHandler) handleCollectionTileset(w http.ResponseWriter, r *http.Request) error {
	c, err := h.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkTileMatrixSet(mux.Vars(r)["tileMatrixSetId"]); err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	return h.writeTileset(w, r, c.ID, []catalog.Collection{c})
}

// writeTileset writes the metadata of tileset set, whose data is that of the collections cols: their
// extent (one query for all) bounds the tile matrix limits.
func (h *tileHandler) writeTileset(w http.ResponseWriter, r *http.Request, set string, cols []catalog.Collection) error {
	ts, err := h.tileset(set)
	if err != nil {
		return err
	}
	extents, err := h.Features.CollectionExtents(r.Context(), cols)
	if err != nil {
		return fmt.Errorf("tileset %s: %w", set, err)
	}
	var bounds *[4]float64
	for _, c := range cols {
		e := extents[c.ID].BBox
		if len(e) != 4 {
			continue // no features
		}
		if bounds == nil {
			bounds = &[4]float64{e[0], e[1], e[2], e[3]}
			continue
		}
		bounds[0], bounds[1] = min(bounds[0], e[0]), min(bounds[1], e[1])
		bounds[2], bounds[3] = max(bounds[2], e[2]), max(bounds[3], e[3])
	}
	// The attribution as TileJSON's: which layers are illustrative as their features say now.
	all := h.Catalog.Collections()
	prov, err := h.Features.CollectionProvenance(r.Context(), all)
	if err != nil {
		return fmt.Errorf("tileset %s: %w", set, err)
	}
	writeTilesDoc(w, ts.Metadata(h.tilesetURLs(r, ts), bounds, tiles.AttributionFor(all, prov)))
	return nil
}

// tilesetURLs lays out the URLs a tileset's documents link to.
func (h *tileHandler) tilesetURLs(r *http.Request, ts tiles.Tileset) tiles.TileSetURLs {
	base := h.baseURL(r)
	self := base + datasetTilesetPath
	if ts.ID != tiles.AllID {
		self = base + "/collections/" + url.PathEscape(ts.ID) + "/tiles/" + tiles.WebMercatorQuadID
	}
	return tiles.TileSetURLs{
		Self:         self,
		Tiles:        base + "/tiles/" + url.PathEscape(ts.ID) + "/{tileMatrix}/{tileCol}/{tileRow}." + tiles.Format,
		TileJSON:     base + "/tiles/" + url.PathEscape(ts.ID) + ".json",
		TilingScheme: tmsURL(base),
		Geodata:      func(id string) string { return base + "/collections/" + url.PathEscape(id) },
		Dataset:      base + "/",
	}
}

func tmsURL(base string) string { return base + "/tileMatrixSets/" + tiles.WebMercatorQuadID }

// checkTileMatrixSet accepts the one tile matrix set served.
func checkTileMatrixSet(id string) error {
	if id != tiles.WebMercatorQuadID {
		return apperr.Errorf(apperr.NotFound, "no tile matrix set %s: the tiles are served on %s only (没有此瓦片矩阵集，仅提供 %s)",
			quoteShort(id), tiles.WebMercatorQuadID, tiles.WebMercatorQuadID)
	}
	return nil
}

// writeTilesDoc writes an OGC API - Tiles document. It changes only with the catalogue and the data's
// extent, as TileJSON does, and is cached as long.
func writeTilesDoc(w http.ResponseWriter, doc any) {
	w.Header().Set("Cache-Control", tileCacheControl)
	writeJSON(w, http.StatusOK, mediaJSON, doc)
}
