package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

const (
	relTilesetsVector = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
	relTilingScheme   = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
)

type tilesLink struct {
	Href      string `json:"href"`
	Rel       string `json:"rel"`
	Type      string `json:"type"`
	Templated bool   `json:"templated"`
}

func linkOf(t testing.TB, where string, links []tilesLink, rel, media string) tilesLink {
	t.Helper()
	for _, l := range links {
		if l.Rel == rel && l.Type == media {
			return l
		}
	}
	t.Fatalf("%s has no %s link of type %s: %+v", where, rel, media, links)
	return tilesLink{}
}

type tileMatrixSetDoc struct {
	ID           string `json:"id"`
	CRS          string `json:"crs"`
	TileMatrices []struct {
		ID           string `json:"id"`
		MatrixWidth  int    `json:"matrixWidth"`
		MatrixHeight int    `json:"matrixHeight"`
	} `json:"tileMatrices"`
}

type tileLimits struct {
	TileMatrix string `json:"tileMatrix"`
	MinTileRow int    `json:"minTileRow"`
	MaxTileRow int    `json:"maxTileRow"`
	MinTileCol int    `json:"minTileCol"`
	MaxTileCol int    `json:"maxTileCol"`
}

type tilesetDoc struct {
	DataType         string       `json:"dataType"`
	CRS              string       `json:"crs"`
	TileMatrixSetURI string       `json:"tileMatrixSetURI"`
	Limits           []tileLimits `json:"tileMatrixSetLimits"`
	Layers           []struct {
		ID               string `json:"id"`
		MinTileMatrix    string `json:"minTileMatrix"`
		PropertiesSchema struct {
			Properties map[string]struct {
				Type string `json:"type"`
			} `json:"properties"`
		} `json:"propertiesSchema"`
	} `json:"layers"`
	Links []tilesLink `json:"links"`
}

// labelPoints returns the westernmost and easternmost label points of each collection, read from the
// database: points that lie in the data whatever the server says of it.
func labelPoints(t *testing.T, db string) map[string][]orb.Point {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	out := map[string][]orb.Point{}
	for _, c := range catalog.DefaultCollections() {
		view := pgx.Identifier{c.View}.Sanitize()
		for _, order := range []string{"ASC", "DESC"} {
			var p orb.Point
			err := conn.QueryRow(context.Background(),
				"SELECT ST_X(label_point), ST_Y(label_point) FROM "+view+" ORDER BY ST_X(label_point) "+order+" LIMIT 1").Scan(&p[0], &p[1])
			if err != nil {
				t.Fatalf("label point of %s: %v", c.ID, err)
			}
			out[c.ID] = append(out[c.ID], p)
		}
	}
	return out
}

// Every OGC API - Tiles document a client follows, from the landing page and from each collection,
// agrees with the others and with the tiles: the templated links expand to the existing tile URLs,
// which answer with MVT; the limits hold the tiles of features' label points; the tile matrix set
// defines every zoom the limits name; TileJSON stays the alternate with the same template.
func TestOGCAPITilesDocuments(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	base := testenv.ServeDatabase(t, db, app.Config{})
	points := labelPoints(t, db)

	var conf struct {
		ConformsTo []string `json:"conformsTo"`
	}
	ogcGetOK(t, base+"/conformance", "application/json", &conf)
	for _, c := range []string{"core", "tileset", "tilesets-list", "geodata-tilesets", "dataset-tilesets", "mvt"} {
		if !slices.Contains(conf.ConformsTo, "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/"+c) {
			t.Errorf("conformance lacks tiles %s", c)
		}
	}

	var landing struct {
		Links []tilesLink `json:"links"`
	}
	ogcGetOK(t, base+"/", "application/json", &landing)
	datasetTiles := linkOf(t, "the landing page", landing.Links, relTilesetsVector, "application/json").Href

	// The dataset's tiles: every collection's points lie in them.
	var all []orb.Point
	for _, ps := range points {
		all = append(all, ps...)
	}
	checkTilesets(t, base, datasetTiles, "all", all)

	for _, c := range catalog.DefaultCollections() {
		var col struct {
			Links []tilesLink `json:"links"`
		}
		ogcGetOK(t, base+"/collections/"+c.ID, "application/json", &col)
		checkTilesets(t, base, linkOf(t, c.ID, col.Links, relTilesetsVector, "application/json").Href, c.ID, points[c.ID])
	}
}

// checkTilesets follows a list of tilesets to its one tileset and checks it against the tiles of set.
func checkTilesets(t *testing.T, base, listURL, set string, points []orb.Point) {
	t.Helper()
	var list struct {
		Tilesets []struct {
			DataType         string      `json:"dataType"`
			TileMatrixSetURI string      `json:"tileMatrixSetURI"`
			Links            []tilesLink `json:"links"`
		} `json:"tilesets"`
	}
	ogcGetOK(t, listURL, "application/json", &list)
	if len(list.Tilesets) != 1 || list.Tilesets[0].DataType != "vector" ||
		list.Tilesets[0].TileMatrixSetURI != "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad" {
		t.Fatalf("%s: %+v", listURL, list)
	}
	selfURL := linkOf(t, listURL, list.Tilesets[0].Links, "self", "application/json").Href

	var ts tilesetDoc
	ogcGetOK(t, selfURL, "application/json", &ts)
	if ts.DataType != "vector" || ts.CRS != "http://www.opengis.net/def/crs/EPSG/0/3857" || ts.TileMatrixSetURI != list.Tilesets[0].TileMatrixSetURI {
		t.Errorf("%s: %s %s %s", selfURL, ts.DataType, ts.CRS, ts.TileMatrixSetURI)
	}
	if got := linkOf(t, selfURL, ts.Links, "self", "application/json").Href; got != selfURL {
		t.Errorf("%s names itself %s", selfURL, got)
	}

	var tms tileMatrixSetDoc
	ogcGetOK(t, linkOf(t, selfURL, ts.Links, relTilingScheme, "application/json").Href, "application/json", &tms)
	if tms.ID != "WebMercatorQuad" || tms.CRS != ts.CRS {
		t.Errorf("tiling scheme %s %s", tms.ID, tms.CRS)
	}
	matrices := map[string]int{}
	for _, m := range tms.TileMatrices {
		matrices[m.ID] = m.MatrixWidth
	}

	item := linkOf(t, selfURL, ts.Links, "item", "application/vnd.mapbox-vector-tile")
	if !item.Templated {
		t.Errorf("%s: the item link is not marked templated", selfURL)
	}
	expand := func(z, x, y int) string {
		return strings.NewReplacer("{tileMatrix}", strconv.Itoa(z), "{tileCol}", strconv.Itoa(x), "{tileRow}", strconv.Itoa(y)).Replace(item.Href)
	}
	// The template names the tiles' own URLs: column is x and row is y.
	if got, want := expand(8, 213, 107), base+"/tiles/"+set+"/8/213/107.mvt"; got != want {
		t.Fatalf("%s: the item template expands to %s, want %s", selfURL, got, want)
	}
	tj := getTileJSON(t, linkOf(t, selfURL, ts.Links, "alternate", "application/json").Href)
	if want := strings.NewReplacer("{tileMatrix}", "{z}", "{tileCol}", "{x}", "{tileRow}", "{y}").Replace(item.Href); len(tj.Tiles) != 1 || tj.Tiles[0] != want {
		t.Errorf("TileJSON tiles %v, OGC template %s", tj.Tiles, item.Href)
	}
	if len(tj.VectorLayers) != len(ts.Layers) {
		t.Fatalf("%d TileJSON layers, %d OGC layers", len(tj.VectorLayers), len(ts.Layers))
	}
	for i, l := range ts.Layers {
		if tj.VectorLayers[i].ID != l.ID || len(tj.VectorLayers[i].Fields) != len(l.PropertiesSchema.Properties) ||
			l.MinTileMatrix != strconv.Itoa(*tj.VectorLayers[i].MinZoom) {
			t.Errorf("layer %d: TileJSON %+v, OGC %+v", i, tj.VectorLayers[i], l)
		}
	}

	if len(ts.Limits) == 0 {
		t.Fatalf("%s has no tileMatrixSetLimits", selfURL)
	}
	for _, lim := range ts.Limits {
		width, ok := matrices[lim.TileMatrix]
		if !ok || lim.MinTileCol < 0 || lim.MinTileRow < 0 || lim.MaxTileCol >= width || lim.MaxTileRow >= width ||
			lim.MinTileCol > lim.MaxTileCol || lim.MinTileRow > lim.MaxTileRow {
			t.Errorf("%s: limits %+v do not fit the tile matrix (width %d, defined %v)", selfURL, lim, width, ok)
			continue
		}
		z, _ := strconv.Atoi(lim.TileMatrix)
		for _, p := range points {
			tile := maptile.At(p, maptile.Zoom(z))
			if int(tile.X) < lim.MinTileCol || int(tile.X) > lim.MaxTileCol || int(tile.Y) < lim.MinTileRow || int(tile.Y) > lim.MaxTileRow {
				t.Errorf("%s z%d: the tile %d/%d of the label point %v is outside the limits %+v", set, z, tile.X, tile.Y, p, lim)
			}
		}
		// The corner tiles of the limits answer as tiles do: 200 with MVT, or 204.
		for _, xy := range [][2]int{{lim.MinTileCol, lim.MinTileRow}, {lim.MaxTileCol, lim.MaxTileRow}} {
			res := fetch(t, http.MethodGet, expand(z, xy[0], xy[1]))
			if res.status == http.StatusOK && res.header.Get("Content-Type") == "application/vnd.mapbox-vector-tile" || res.status == http.StatusNoContent {
				continue
			}
			t.Errorf("%s: %d %s", expand(z, xy[0], xy[1]), res.status, res.header.Get("Content-Type"))
		}
	}
	// The tile of a label point, at the lowest zoom of the limits, holds data.
	lim := ts.Limits[0]
	z, _ := strconv.Atoi(lim.TileMatrix)
	tile := maptile.At(points[0], maptile.Zoom(z))
	res := fetch(t, http.MethodGet, expand(z, int(tile.X), int(tile.Y)))
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "application/vnd.mapbox-vector-tile" {
		t.Fatalf("%s: %d %s", expand(z, int(tile.X), int(tile.Y)), res.status, res.header.Get("Content-Type"))
	}
	layers, err := mvt.Unmarshal(res.body)
	if err != nil || len(layers) == 0 {
		t.Errorf("%s: %d layers, %v", expand(z, int(tile.X), int(tile.Y)), len(layers), err)
	}
}

// The documents refuse what they do not serve with a 404 or 400 naming it, and the tile and TileJSON
// URLs answer as before.
func TestOGCAPITilesErrors(t *testing.T) {
	base := testenv.Server(t)
	for _, c := range []struct {
		path   string
		status int
		says   string
	}{
		{"/collections/nope/tiles", 404, "nope"},
		{"/collections/nope/tiles/WebMercatorQuad", 404, "nope"},
		{"/collections/parks/tiles/WorldCRS84Quad", 404, "WorldCRS84Quad"},
		{"/tileMatrixSets/WorldCRS84Quad", 404, "WebMercatorQuad"},
		{"/tiles?limit=1", 400, "limit"},
		{"/tiles/WebMercatorQuad?f=html", 400, "f"},
		{"/collections/parks/tiles?bbox=1,2,3,4", 400, "bbox"},
		{"/tiles/WebMercatorQuad.json", 404, "WebMercatorQuad"},
		{"/tiles/WebMercatorQuad/8/213/107.mvt", 404, "WebMercatorQuad"},
	} {
		status, ct, body := ogcGet(t, base+c.path)
		var e struct {
			Code        string `json:"code"`
			Description string `json:"description"`
		}
		if status != c.status || !strings.HasPrefix(ct, "application/json") || json.Unmarshal(body, &e) != nil ||
			!strings.Contains(e.Description, c.says) {
			t.Errorf("%s: %d %s %s, want %d naming %s", c.path, status, ct, body, c.status, c.says)
		}
	}
	for path, want := range map[string]int{
		"/tiles/parks.json":         200,
		"/tiles/all/10/854/430.mvt": 200,
		"/tiles/parks/0/0/0.mvt":    204,
		"/tiles":                    200,
		"/tileMatrixSets":           200,
	} {
		if status, _, body := ogcGet(t, base+path); status != want {
			t.Errorf("%s: %d %.200s, want %d", path, status, body, want)
		}
	}
	if res := fetch(t, http.MethodHead, base+"/tiles/WebMercatorQuad"); res.status != 200 || len(res.body) != 0 {
		t.Errorf("HEAD /tiles/WebMercatorQuad: %d, %d bytes", res.status, len(res.body))
	}
}
