package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/tiles"
)

// TileStore renders vector tiles and says what data they come from.
type TileStore interface {
	// Tile renders a tile (nil when empty) with the version of the data it was made from.
	Tile(ctx context.Context, set string, c tiles.Coord) (version string, mvt []byte, err error)
	// TileExtent returns the data's bounds and a point to open the map at.
	TileExtent(ctx context.Context) (tiles.Extent, error)
}

const (
	tileContentType = "application/vnd.mapbox-vector-tile"
	// Tiles change only when a layer does; five minutes keeps a map smooth and a change visible soon,
	// and the ETag (from the in-memory version) makes a revalidation cost no query at all.
	tileCacheControl = "public, max-age=300"
	// The tile cache holds the tiles a county map asks for many times over: 2000 tiles covers the
	// county from z8 to z14 several times, and 64 MiB (of gzip-compressed tiles) caps it whatever their
	// size.
	tileCacheEntries = 2000
	tileCacheBytes   = 64 << 20
)

type tileHandler struct {
	*server
	catalogue *tiles.Catalogue
	cache     *tiles.Cache
}

// DatasetVersion is the dataset version kept in memory (postgis.Versions), which keys the tile cache
// and ETags. Reading it does no I/O, so a cached tile is served without the database, even while the
// database is down.
type DatasetVersion interface {
	// Version returns the version and whether one has ever been read.
	Version() (string, bool)
}

// tileRoutes serves /tiles/{layer}/{z}/{x}/{y}.mvt and /tiles/{layer}.json, for every collection and
// for "all". The last path element is matched whole and checked here, so that a wrong extension gets a
// clear 404 and a malformed y a 400 naming it.
func (s *server) tileRoutes(r *mux.Router) {
	budget := cmp.Or(s.TileCacheBytes, tileCacheBytes)
	entries := tileCacheEntries
	if budget < 0 {
		entries, budget = 0, 0 // a zero bound caches nothing
	} else {
		// A larger budget holds more tiles: the entry bound grows with it (about 32 KB a tile).
		entries = max(entries, int(budget>>15))
	}
	h := &tileHandler{server: s, catalogue: s.Tilesets, cache: tiles.NewCache(entries, budget)}
	s.tileHandler = h
	r.Handle(tileRoutePath, s.adapt(h.handleTile)).Methods(http.MethodGet, http.MethodHead)
	h.ogcRoutes(r) // before /tiles/{file}, which would take /tiles/WebMercatorQuad
	r.Handle("/tiles/{file}", s.adapt(h.handleTileJSON)).Methods(http.MethodGet, http.MethodHead)
}

func (h *tileHandler) tileset(id string) (tiles.Tileset, error) {
	set, ok := h.catalogue.Tileset(id)
	if !ok {
		var ids []string
		for _, s := range h.catalogue.Tilesets() {
			ids = append(ids, s.ID)
		}
		return tiles.Tileset{}, apperr.Errorf(apperr.NotFound, "no tile layer %.40q; the layers are %s", id, strings.Join(ids, ", "))
	}
	return set, nil
}

func (h *tileHandler) handleTile(w http.ResponseWriter, r *http.Request) error {
	vars := mux.Vars(r)
	return h.serveTile(w, r, tileRequest{set: vars["set"], z: vars["z"], x: vars["x"], file: vars["file"]})
}

// tileRequest is a tile URL's four path elements, /tiles/{set}/{z}/{x}/{file}, as the router or the
// fast path (tileFastPath) split them.
type tileRequest struct{ set, z, x, file string }

func (h *tileHandler) serveTile(w http.ResponseWriter, r *http.Request, req tileRequest) error {
	set, err := h.tileset(req.set)
	if err != nil {
		return err
	}
	ys, err := tiles.SplitTileName(req.file)
	if err != nil {
		return err
	}
	c, err := set.ParseCoord(req.z, req.x, ys)
	if err != nil {
		return err
	}
	hdr := w.Header()
	if !set.DrawsAt(c.Z) {
		// Outside every layer's zooms: a map asks for these as it zooms, so it is an empty tile, and
		// one that needs no database.
		hdr.Set("Cache-Control", tileCacheControl)
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	key := tiles.Key{Tileset: set.ID, Coord: c}
	// The cache holds tiles gzip-compressed (tiles.Compress) with their ETag: a hit is written as it
	// is stored, with no hashing and no compressor.
	var tile tiles.Entry
	cached := false
	// A tile URL may name the dataset version it wants (?v=, as the page asks after an edit, from the
	// edit's answer): until this server has heard of that version, its cached tiles are older than
	// what the client knows exists, so the tile is rendered.
	want := ""
	if r.URL.RawQuery != "" {
		want = r.URL.Query().Get("v")
	}
	if v, ok := h.Versions.Version(); ok && (want == "" || want == v) {
		key.Version = v
		if tile, cached = h.cache.Get(key); !cached {
			tile.ETag = tiles.ETag(key)
		}
		if etagMatches(r.Header.Get("If-None-Match"), tile.ETag) {
			return notModified(w, tile.ETag)
		}
	}
	if !cached {
		// The tile carries the version it was rendered from, which is what it is tagged under. It is
		// cached only if that is the version the server holds as current: a render racing a reload,
		// before the watcher has heard of it or after, must not evict the tiles of the other version.
		var mvt []byte
		key.Version, mvt, err = h.Tiles.Tile(r.Context(), set.ID, c)
		if err != nil {
			return err
		}
		if tile.Data, err = tiles.Compress(mvt); err != nil {
			return err
		}
		tile.ETag = tiles.ETag(key)
		if v, _ := h.Versions.Version(); v == key.Version {
			h.cache.Add(key, tile.Data)
		}
		if etagMatches(r.Header.Get("If-None-Match"), tile.ETag) {
			return notModified(w, tile.ETag)
		}
	}
	hdr.Set("ETag", tile.ETag)
	hdr.Set("Cache-Control", tileCacheControl)
	hdr.Add("Vary", "Accept-Encoding")
	if len(tile.Data) == 0 {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	body := tile.Data
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		hdr.Set("Content-Encoding", "gzip")
	} else if body, err = tiles.Decompress(tile.Data); err != nil {
		return err
	}
	hdr.Set("Content-Type", tileContentType)
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // the status is sent; a failed write means the client left
	}
	return nil
}

func notModified(w http.ResponseWriter, etag string) error {
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", tileCacheControl)
	w.WriteHeader(http.StatusNotModified)
	return nil
}

func (h *tileHandler) handleTileJSON(w http.ResponseWriter, r *http.Request) error {
	name := mux.Vars(r)["file"]
	id, ok := strings.CutSuffix(name, ".json")
	if !ok {
		return apperr.Errorf(apperr.NotFound, "no resource at %s: a tileset is described at /tiles/{layer}.json", r.URL.Path)
	}
	doc, err := h.tileJSON(r, id)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", tileCacheControl)
	writeJSON(w, http.StatusOK, "application/json", doc)
	return nil
}

// tileJSON is the TileJSON document of tileset id, with absolute tile URLs for the request's origin;
// the published style (handle_styles.go) takes its vector source from it.
func (h *tileHandler) tileJSON(r *http.Request, id string) (tiles.TileJSON, error) {
	set, err := h.tileset(id)
	if err != nil {
		return tiles.TileJSON{}, err
	}
	extent, err := h.Tiles.TileExtent(r.Context())
	if err != nil {
		return tiles.TileJSON{}, fmt.Errorf("tilejson %s: %w", set.ID, err)
	}
	doc := set.TileJSON(h.baseURL(r)+"/tiles/"+set.ID+"/{z}/{x}/{y}."+tiles.Format, extent)
	// The attribution says which layers are illustrative as their features say now: an import makes
	// a layer real without a restart.
	cols := h.Catalog.Collections()
	prov, err := h.Features.CollectionProvenance(r.Context(), cols)
	if err != nil {
		return tiles.TileJSON{}, fmt.Errorf("tilejson %s: %w", set.ID, err)
	}
	doc.Attribution = tiles.AttributionFor(cols, prov)
	return doc, nil
}

// etagMatches implements If-None-Match's weak comparison (RFC 9110 §13.1.2): "*" or any listed tag
// equal to etag once W/ prefixes are ignored.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
