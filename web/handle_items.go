package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gorilla/mux"
)

// featureCollection is the GeoJSON FeatureCollection of /items with the OGC API paging members.
type featureCollection struct {
	Type           string            `json:"type"`
	NumberMatched  int               `json:"numberMatched"`
	NumberReturned int               `json:"numberReturned"`
	TimeStamp      string            `json:"timeStamp"`
	Links          []ogcLink         `json:"links"`
	Features       []json.RawMessage `json:"features"`
}

// feature is one GeoJSON Feature as the store built it, with the links of /items/{featureId} added.
type feature struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
	Links      []ogcLink       `json:"links,omitempty"`
}

// handleItems serves a page of a collection's features, filtered by bbox and property values.
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
	features, matched, err := s.Features.FeatureItems(r.Context(), c, iq.BBox, iq.Filters, iq.Limit, iq.Offset)
	if err != nil {
		return err // the store names the operation (items of <collection>)
	}
	if features == nil {
		features = []json.RawMessage{}
	}

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
	if iq.Offset+len(features) < matched && len(features) > 0 {
		links = append(links, ogcLink{Href: page(iq.Offset + len(features)), Rel: "next", Type: mediaGeoJSON, Title: "next page"})
	}
	if iq.Offset > 0 {
		links = append(links, ogcLink{Href: page(max(0, iq.Offset-iq.Limit)), Rel: "prev", Type: mediaGeoJSON, Title: "previous page"})
	}
	links = append(links, ogcLink{Href: collectionURL(base, c, ""), Rel: "collection", Type: mediaJSON, Title: c.TitleZh})

	writeJSON(w, http.StatusOK, mediaGeoJSON, featureCollection{
		Type:           "FeatureCollection",
		NumberMatched:  matched,
		NumberReturned: len(features),
		TimeStamp:      time.Now().UTC().Format(time.RFC3339),
		Links:          links,
		Features:       features,
	})
	return nil
}

// handleItem serves one feature.
func (s *server) handleItem(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	id := mux.Vars(r)["featureId"]
	raw, err := s.Features.Feature(r.Context(), c, id)
	if err != nil {
		return fmt.Errorf("feature of %s: %w", c.ID, err)
	}
	var f feature
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("feature of %s: %w", c.ID, err)
	}
	base := s.baseURL(r)
	f.Links = []ogcLink{
		{Href: collectionURL(base, c, "/items/"+url.PathEscape(id)), Rel: "self", Type: mediaGeoJSON, Title: "this document"},
		{Href: collectionURL(base, c, ""), Rel: "collection", Type: mediaJSON, Title: c.TitleZh},
	}
	writeJSON(w, http.StatusOK, mediaGeoJSON, f)
	return nil
}
