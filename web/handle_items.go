package web

import (
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/catalog"
)

// feature is one GeoJSON Feature as the store built it, with the links of /items/{featureId} added.
type feature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	Links      []ogcLink       `json:"links,omitempty"`
}

// handleItems serves a page of a collection's features, filtered by bbox and property values. Every
// parameter is checked before the query, and the page is written as the database sends it (streamItems).
func (s *server) handleItems(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	iq, err := parseItemsQuery(c, q)
	if err != nil {
		return err
	}
	if s.notModifiedDocument(w, r) {
		return nil
	}
	return s.Features.FeatureItems(r.Context(), c, iq,
		func(matched int, features iter.Seq2[json.RawMessage, error]) error {
			// The count comes with the page's first row, from the same statement, so the page holds
			// exactly this many features: numberReturned is written before them, where it always was.
			returned := 0
			if iq.Offset < matched {
				returned = min(iq.Limit, matched-iq.Offset)
			}
			head := itemsHead{
				Type:           "FeatureCollection",
				NumberMatched:  matched,
				NumberReturned: returned,
				TimeStamp:      time.Now().UTC().Format(time.RFC3339),
				Links:          s.itemsLinks(r, c, q, iq, matched, returned),
			}
			if wantsHTML(r) {
				return s.itemsHTML(w, r, c, iq, head, features)
			}
			setContentCRS(w, iq.CRS)
			return s.streamItems(w, r, head, features)
		})
}

// itemsLinks are the self, next, prev and collection links of a page of returned of matched features.
func (s *server) itemsLinks(r *http.Request, c catalog.Collection, q url.Values, iq catalog.Selection, matched, returned int) []ogcLink {
	base := s.baseURL(r)
	items := collectionURL(base, c, "/items")
	page := func(offset int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("limit", strconv.Itoa(iq.Limit))
		v.Set("offset", strconv.Itoa(offset))
		return items + "?" + v.Encode()
	}
	self := items
	if len(q) > 0 {
		self += "?" + q.Encode()
	}
	links := []ogcLink{{Href: self, Rel: "self", Type: mediaGeoJSON, Title: "this document"}}
	if iq.Offset+returned < matched && returned > 0 {
		links = append(links, ogcLink{Href: page(iq.Offset + returned), Rel: "next", Type: mediaGeoJSON, Title: "next page"})
	}
	if iq.Offset > 0 {
		links = append(links, ogcLink{Href: page(max(0, iq.Offset-iq.Limit)), Rel: "prev", Type: mediaGeoJSON, Title: "previous page"})
	}
	return append(links, ogcLink{Href: collectionURL(base, c, ""), Rel: "collection", Type: mediaJSON, Title: c.TitleZh})
}

// handleItem serves one feature, with the properties and skipGeometry of /items.
func (s *server) handleItem(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	shape := func(name string) bool { return name == "properties" || name == "skipGeometry" || name == "crs" }
	if err := checkCommonOrHTML(q, shape, "; a feature accepts crs, properties, skipGeometry and f=json or f=html"); err != nil {
		return err
	}
	var sel catalog.Selection
	if err := parseShape(c, q, &sel); err != nil {
		return err
	}
	if sel.CRS, err = parseCRS(q, "crs"); err != nil {
		return err
	}
	if s.notModifiedDocument(w, r) {
		return nil
	}
	id := mux.Vars(r)["featureId"]
	raw, err := s.Features.Feature(r.Context(), c, id, sel)
	if err != nil {
		return fmt.Errorf("feature of %s: %w", c.ID, err)
	}
	var f feature
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("feature of %s: %w", c.ID, err)
	}
	base := s.baseURL(r)
	self := collectionURL(base, c, "/items/"+url.PathEscape(id))
	if len(q) > 0 {
		self += "?" + q.Encode()
	}
	f.Links = []ogcLink{
		{Href: self, Rel: "self", Type: mediaGeoJSON, Title: "this document"},
		{Href: collectionURL(base, c, ""), Rel: "collection", Type: mediaJSON, Title: c.TitleZh},
	}
	if wantsHTML(r) {
		return s.itemHTML(w, r, c, f)
	}
	setContentCRS(w, sel.CRS)
	writeJSON(w, http.StatusOK, mediaGeoJSON, f)
	return nil
}
