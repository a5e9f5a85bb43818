package web

import (
	"fmt"
	"math"
	"net/http"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/plan"
	"github.com/pingyang/parkmap/tiles"
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
	StorageCRS  string    `json:"storageCrs"`
	Extent      *extent   `json:"extent,omitempty"`
	Links       []ogcLink `json:"links"`
}

type extent struct {
	Spatial  spatialExtent   `json:"spatial"`
	Temporal *temporalExtent `json:"temporal,omitempty"`
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
	if err := checkNoParamsOrHTML(r); err != nil {
		return err
	}
	cols := s.Catalog.Collections()
	extents, err := s.Features.CollectionExtents(r.Context(), cols)
	if err != nil {
		return fmt.Errorf("collection extents: %w", err)
	}
	prov, err := s.Features.CollectionProvenance(r.Context(), cols)
	if err != nil {
		return fmt.Errorf("collection provenance: %w", err)
	}
	base := s.baseURL(r)
	out := collectionList{
		Links:       []ogcLink{{Href: base + "/collections", Rel: "self", Type: mediaJSON, Title: "this document"}},
		Collections: make([]collectionInfo, 0, len(cols)),
	}
	for _, c := range cols {
		out.Collections = append(out.Collections, describeCollection(base, c, extents[c.ID], prov[c.ID]))
	}
	if wantsHTML(r) {
		return s.collectionsHTML(w, r, out)
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
	if err := checkNoParamsOrHTML(r); err != nil {
		return err
	}
	if s.notModifiedDocument(w, r) {
		return nil
	}
	one := []catalog.Collection{c}
	extents, err := s.Features.CollectionExtents(r.Context(), one)
	if err != nil {
		return fmt.Errorf("extent of %s: %w", c.ID, err)
	}
	prov, err := s.Features.CollectionProvenance(r.Context(), one)
	if err != nil {
		return fmt.Errorf("provenance of %s: %w", c.ID, err)
	}
	info := describeCollection(s.baseURL(r), c, extents[c.ID], prov[c.ID])
	if wantsHTML(r) {
		return s.collectionHTML(w, r, c, info)
	}
	writeJSON(w, http.StatusOK, mediaJSON, info)
	return nil
}

// describeCollection is a collection's document. provenance is what its features say (real,
// illustrative, mixed: an imported layer is real), else the catalogue's; the catalogue's description
// of an illustrative collection is kept only while none of its features is real.
func describeCollection(base string, c catalog.Collection, ext catalog.Extent, provenance string) collectionInfo {
	desc := c.Description
	if provenance == "" {
		provenance = c.Provenance()
	} else if c.Illustrative && provenance != plan.ProvenanceIllustr {
		desc = describeImported(c, provenance)
	}
	info := collectionInfo{
		ID:          c.ID,
		Title:       c.TitleZh + " / " + c.TitleEn,
		Description: desc,
		Provenance:  provenance,
		ItemType:    "feature",
		CRS:         catalog.CRSURIs(),
		StorageCRS:  crs84, // stored as WGS84 lon/lat; every other CRS is a transformation on the way out
		Links: []ogcLink{
			{Href: collectionURL(base, c, ""), Rel: "self", Type: mediaJSON, Title: "this document"},
			{Href: collectionURL(base, c, "") + "?f=html", Rel: "alternate", Type: "text/html", Title: c.TitleZh + " (HTML)"},
			{Href: collectionURL(base, c, "/items"), Rel: "items", Type: mediaGeoJSON, Title: c.TitleZh + " (GeoJSON)"},
			{Href: collectionURL(base, c, "/schema"), Rel: "describedby", Type: mediaSchema, Title: c.TitleZh + " (JSON Schema)"},
			{Href: collectionURL(base, c, "/queryables"), Rel: relQueryables, Type: mediaSchema, Title: c.TitleZh + "：可查询属性 (queryables)"},
			{Href: collectionURL(base, c, "/sortables"), Rel: relSortables, Type: mediaSchema, Title: c.TitleZh + "：可排序属性 (sortables)"},
			{Href: collectionURL(base, c, "/tiles"), Rel: tiles.RelTilesetsVector, Type: mediaJSON, Title: c.TitleZh + " (vector tiles)"},
		},
	}
	if len(ext.BBox) == 4 {
		info.Extent = &extent{Spatial: spatialExtent{BBox: [][]float64{roundOut(ext.BBox)}, CRS: crs84}}
		if ext.FirstYear != 0 { // only a collection with a TimeProperty has its years
			first, last := yearSpan(ext.FirstYear), yearSpan(ext.LastYear)
			info.Extent.Temporal = &temporalExtent{
				Interval: [][]string{{first[0], last[1]}},
				TRS:      gregorian,
			}
		}
	}
	return info
}

// roundOut rounds a box outwards to 6 decimals (about 0.1 m), so it still contains every feature and
// reads cleanly (PostGIS extents are float4 boxes, already rounded outwards).
func roundOut(b []float64) []float64 {
	const k = 1e6
	return []float64{math.Floor(b[0]*k) / k, math.Floor(b[1]*k) / k, math.Ceil(b[2]*k) / k, math.Ceil(b[3]*k) / k}
}

// describeImported is the description of a collection whose features are no longer (all) the
// bundled illustrative ones: the county's own data has been imported (issue 10), and each feature
// says where it came from.
func describeImported(c catalog.Collection, provenance string) string {
	if provenance == "mixed" {
		return c.TitleZh + "：部分要素为导入的真实数据，其余仍为示意图形；每个要素的 provenance 与 provenance_note 说明其来源。 / " +
			c.TitleEn + ": some features are real (imported), the others still illustrative; each feature's provenance and provenance_note say which."
	}
	return c.TitleZh + "：导入的真实数据；每个要素的 provenance_note 说明来源文件与导入日期。 / " +
		c.TitleEn + ": real data, imported; each feature's provenance_note names its file and import date."
}
