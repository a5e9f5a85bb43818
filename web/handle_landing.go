package web

import "net/http"

// conformanceClasses are the OGC API – Features Part 1 classes parkmap implements: Core, GeoJSON and
// OpenAPI 3.0 (no HTML encoding: the web page is a separate client of the same API).
var conformanceClasses = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
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
		},
	})
	return nil
}

// handleConformance lists the conformance classes.
func (s *server) handleConformance(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, mediaJSON, conformance{ConformsTo: conformanceClasses})
	return nil
}
