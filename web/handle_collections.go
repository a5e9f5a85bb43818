package web

import (
	"fmt"
	"math"
	"net/http"

	"github.com/pingyang/parkmap/catalog"
)

// collectionInfo is the OGC API description of one collection, with parkmap's provenance field: the
// catalogue's (catalog.Collection.Provenance), which TestCatalogueProvenanceMatchesData holds to the
// loaded features' own provenance.
type collectionInfo struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Provenance  string    `json:"provenance"`
	ItemType    string    `json:"itemType"`
	CRS         []string  `json:"crs"`
	Extent      *extent   `json:"extent,omitempty"`
	Links       []ogcLink `json:"links"`
}

type extent struct {
	Spatial spatialExtent `json:"spatial"`
}

type spatialExtent struct {
	BBox [][]float64 `json:"bbox"`
	CRS  string      `json:"crs"`
}

type collectionList struct {
	Links       []ogcLink        `json:"links"`
	Collections []collectionInfo `json:"collections"`
}

// handleCollections lists every collection with its extent (one database round trip for all extents).
func (s *server) handleCollections(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	cols := s.Catalog.Collections()
	extents, err := s.Features.CollectionExtents(r.Context(), cols)
	if err != nil {
		return fmt.Errorf("collection extents: %w", err)
	}
	base := s.baseURL(r)
	out := collectionList{
		Links:       []ogcLink{{Href: base + "/collections", Rel: "self", Type: mediaJSON, Title: "this document"}},
		Collections: make([]collectionInfo, 0, len(cols)),
	}
	for _, c := range cols {
		out.Collections = append(out.Collections, describeCollection(base, c, extents[c.ID]))
	}
	writeJSON(w, http.StatusOK, mediaJSON, out)
	return nil
}

// handleCollection describes one collection.
func (s *server) handleCollection(w http.ResponseWriter, r *http.Request) error {
	c, err := s.collectionOf(r)
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	extents, err := s.Features.CollectionExtents(r.Context(), []catalog.Collection{c})
	if err != nil {
		return fmt.Errorf("extent of %s: %w", c.ID, err)
	}
	writeJSON(w, http.StatusOK, mediaJSON, describeCollection(s.baseURL(r), c, extents[c.ID]))
	return nil
}

func describeCollection(base string, c catalog.Collection, bbox []float64) collectionInfo {
	info := collectionInfo{
		ID:          c.ID,
		Title:       c.TitleZh + " / " + c.TitleEn,
		Description: c.Description,
		Provenance:  c.Provenance(),
		ItemType:    "feature",
		CRS:         []string{crs84},
		Links: []ogcLink{
			{Href: collectionURL(base, c, ""), Rel: "self", Type: mediaJSON, Title: "this document"},
			{Href: collectionURL(base, c, "/items"), Rel: "items", Type: mediaGeoJSON, Title: c.TitleZh + " (GeoJSON)"},
		},
	}
	if len(bbox) == 4 {
		info.Extent = &extent{Spatial: spatialExtent{BBox: [][]float64{roundOut(bbox)}, CRS: crs84}}
	}
	return info
}

// roundOut rounds a box outwards to 6 decimals (about 0.1 m), so it still contains every feature and
// reads cleanly (PostGIS extents are float4 boxes, already rounded outwards).
func roundOut(b []float64) []float64 {
	const k = 1e6
	return []float64{math.Floor(b[0]*k) / k, math.Floor(b[1]*k) / k, math.Ceil(b[2]*k) / k, math.Ceil(b[3]*k) / k}
}
