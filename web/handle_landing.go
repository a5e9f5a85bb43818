package web

import (
	"net/http"

	"github.com/pingyang/parkmap/tiles"
)

// conformanceClasses are the OGC API classes parkmap implements. OGC API – Features Part 1: Core,
// GeoJSON, HTML (server-rendered views) and OpenAPI 3.0; Part 2 (CRS); Part 3: queryables and filter
// with CQL2 Text (basic, advanced comparisons, every spatial function; not claimed: CQL2 JSON,
// case- and accent-insensitive comparison, arithmetic, property-property spatial, array and temporal
// operators, which the grammar refuses by name).
// OGC API – Tiles Part 1 (20-057): Core, TileSet, the tileset lists of the dataset (/tiles) and of each
// collection (/collections/{id}/tiles), Mapbox Vector Tiles and OpenAPI 3.0; with the TMS 2.0
// (17-083r4) classes of what it serves: the tile matrix set, tileset metadata and their limits, in
// JSON. Not claimed: collections selection, datetime, other tile formats or tile matrix sets.
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
	"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
	"http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
	"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
	"http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
	"http://www.opengis.net/spec/tms/2.0/conf/tilesetmetadata",
	"http://www.opengis.net/spec/tms/2.0/conf/json-tilesetmetadata",
	"http://www.opengis.net/spec/tms/2.0/conf/tilematrixsetlimits",
	"http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixsetlimits",
}

type landingPage struct {
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Links       []ogcLink `json:"links"`
}

type conformance struct {
	ConformsTo []string `json:"conformsTo"`
}

// handleLanding serves the landing page: to a browser (or ?f=html) the web map, to an API client (or
// ?f=json) what the service is and where its parts are.
func (s *server) handleLanding(w http.ResponseWriter, r *http.Request) error {
	w.Header().Add("Vary", "Accept")
	if wantsHTML(r) {
		return s.servePage(w, r)
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	base := s.baseURL(r)
	writeJSON(w, http.StatusOK, mediaJSON, landingPage{
		Title:       serviceTitle,
		Description: serviceDescription,
		Links: []ogcLink{
			{Href: base + "/", Rel: "self", Type: mediaJSON, Title: "this document"},
			{Href: base + "/?f=html", Rel: "alternate", Type: "text/html", Title: "the web map (平阳县小微企业园规划地图)"},
			{Href: base + "/api", Rel: "service-desc", Type: mediaOpenAPI, Title: "the API definition (OpenAPI 3.0)"},
			{Href: base + "/conformance", Rel: "conformance", Type: mediaJSON, Title: "OGC API conformance classes implemented by this server"},
			{Href: base + "/collections", Rel: "data", Type: mediaJSON, Title: "the published collections"},
			{Href: base + "/styles", Rel: "http://www.opengis.net/def/rel/ogc/1.0/styles", Type: mediaJSON, Title: "the map's style (MapLibre / Mapbox GL), for QGIS and other MapLibre maps"},
			{Href: base + "/tiles", Rel: tiles.RelTilesetsVector, Type: mediaJSON, Title: "vector tiles of every layer (OGC API - Tiles)"},
			{Href: base + "/tileMatrixSets", Rel: tiles.RelTilingSchemes, Type: mediaJSON, Title: "the tile matrix sets of the tiles"},
		},
	})
	return nil
}

// handleConformance lists the conformance classes.
func (s *server) handleConformance(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParamsOrHTML(r); err != nil {
		return err
	}
	if wantsHTML(r) {
		return s.conformanceHTML(w, r)
	}
	writeJSON(w, http.StatusOK, mediaJSON, conformance{ConformsTo: conformanceClasses})
	return nil
}
