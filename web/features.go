package web

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/spreadsheet"
	"github.com/pingyang/parkmap/tiles"
)

// FeatureStore is what the OGC API – Features endpoints need from the database. Features come back as
// GeoJSON Feature objects built by the database (lon/lat, CCW exteriors, every catalogue property), so
// that the web layer never handles a column. Collections come from the injected catalogue
// (Deps.Catalog), so the store never looks an id up again.
type FeatureStore interface {
	// FeatureItems reads the page of a collection's features that sel asks for (catalog.Selection:
	// bbox in CRS84, filters, years, properties, skipGeometry, sortby, limit and offset), in sel's order
	// and then the collection's stable one. It calls page once, with how many features match in all
	// (the page then holds min(limit, matched-offset) of them) and the features as the database sends
	// them: each one's bytes are valid until the next is asked for, and a failure midway is the
	// sequence's last element.
	FeatureItems(ctx context.Context, c catalog.Collection, sel catalog.Selection,
		page func(matched int, features iter.Seq2[json.RawMessage, error]) error) error
	// Feature returns one feature with what sel's Properties and SkipGeometry ask of it, or a
	// *apperr.Error with code apperr.NotFound.
	Feature(ctx context.Context, c catalog.Collection, id string, sel catalog.Selection) (json.RawMessage, error)
	// CollectionExtents returns the extent of each named collection that has features: its bbox
	// [minLon, minLat, maxLon, maxLat] and the years of its TimeProperty.
	CollectionExtents(ctx context.Context, collections []catalog.Collection) (map[string]catalog.Extent, error)
	// CollectionProvenance says whether each collection's features are real, illustrative or mixed
	// (an import makes a layer real); a collection without features is left out.
	CollectionProvenance(ctx context.Context, collections []catalog.Collection) (map[string]string, error)
}

// Media types of the OGC API responses.
const (
	mediaJSON    = "application/json"
	mediaGeoJSON = "application/geo+json"
	mediaOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mediaXLSX    = spreadsheet.MediaXLSX
)

// serviceTitle names the service on the landing page and in the OpenAPI document.
const serviceTitle = "parkmap 平阳县小微企业园"

// serviceDescription says what the service publishes and that most shapes are schematic.
const serviceDescription = "Pingyang County small and micro enterprise park plan (2018–2022) as OGC API – Features: " +
	"parks, zones, town seats, the county outline, land-supply parcels and redevelopment areas. " +
	"Every shape except the county outline and 15 of 17 town seats is illustrative; each feature says so in provenance."

// ogcLink is a link of an OGC API response (RFC 8288 fields as JSON): the tiles package's, which its
// OGC API - Tiles documents carry too.
type ogcLink = tiles.Link

func (s *server) featureRoutes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle("/", s.adapt(s.handleLanding)).Methods(get...)
	r.Handle("/conformance", s.adapt(s.handleConformance)).Methods(get...)
	r.Handle("/api", s.adapt(s.handleAPI)).Methods(get...)
	r.Handle("/collections", s.adapt(s.handleCollections)).Methods(get...)
	r.Handle("/collections/{collectionId}", s.adapt(s.handleCollection)).Methods(get...)
	r.Handle("/collections/{collectionId}/schema", s.adapt(s.handleSchema)).Methods(get...)
	r.Handle("/collections/{collectionId}/queryables", s.adapt(s.handleQueryables)).Methods(get...)
	r.Handle("/collections/{collectionId}/sortables", s.adapt(s.handleSortables)).Methods(get...)
	r.Handle("/collections/{collectionId}/items", s.adapt(s.handleItems)).Methods(get...)
	r.Handle("/collections/{collectionId}/items/{featureId}", s.adapt(s.handleItem)).Methods(get...)
}

// checkNoParams is the query check of the endpoints that take no parameter but f.
func checkNoParams(r *http.Request) error {
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	return checkCommon(q, func(string) bool { return false }, "; this resource accepts only f=json")
}

// checkNoParamsOrHTML is checkNoParams for a resource that also has an HTML view (f=html).
func checkNoParamsOrHTML(r *http.Request) error {
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	return checkCommonOrHTML(q, func(string) bool { return false }, "; this resource accepts only f=json or f=html")
}

// collectionOf returns the collection named in the request path.
func (s *server) collectionOf(r *http.Request) (catalog.Collection, error) {
	id := mux.Vars(r)["collectionId"]
	c, ok := s.Catalog.Collection(id)
	if !ok {
		return catalog.Collection{}, apperr.Errorf(apperr.NotFound, "no collection %s; the collections are %s", quoteShort(id), strings.Join(s.Catalog.IDs(), ", "))
	}
	return c, nil
}

// quoteShort quotes user input for an error message, cut to a readable length.
func quoteShort(s string) string {
	if !utf8.ValidString(s) {
		return "(not valid UTF-8)"
	}
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// collectionURL is the absolute URL of collection c, with suffix (e.g. "/items") appended.
func collectionURL(base string, c catalog.Collection, suffix string) string {
	return base + "/collections/" + url.PathEscape(c.ID) + suffix
}
