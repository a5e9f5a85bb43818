package tiles

import (
	"math"
	"strings"

	"github.com/pingyang/parkmap/catalog"

	"github.com/pingyang/parkmap/geodesy"
)

// Attribution credits the real sources of the collections and says plainly which ones are drawn for
// illustration, all from the catalogue (Credit, Illustrative), so that a collection made real, or a
// new illustrative one, changes it without an edit here. Every tileset carries the whole catalogue's
// attribution: the map draws them together.
func Attribution(cols []catalog.Collection) string { return AttributionFor(cols, nil) }

// AttributionFor is Attribution with each collection's provenance as its features say it
// (illustrative, real, mixed; absent: the catalogue's), so that a layer the county's data replaced
// (issue 10) is no longer called illustrative, and one partly replaced says so.
func AttributionFor(cols []catalog.Collection, provenance map[string]string) string {
	var parts, zh, en, mixedZh, mixedEn []string
	for _, c := range cols {
		if c.Credit != "" {
			parts = append(parts, c.Credit)
		}
		p, ok := provenance[c.ID]
		if !ok {
			p = c.Provenance()
		}
		switch {
		case p == "mixed" && c.Illustrative:
			mixedZh, mixedEn = append(mixedZh, c.TitleZh), append(mixedEn, c.ID)
		case p == "illustrative":
			zh, en = append(zh, c.TitleZh), append(en, c.ID)
		}
	}
	if len(zh) > 0 {
		parts = append(parts, strings.Join(zh, "、")+"为示意图形 / illustrative shapes: "+strings.Join(en, ", "))
	}
	if len(mixedZh) > 0 {
		parts = append(parts, strings.Join(mixedZh, "、")+"部分为导入的真实数据、部分为示意图形 / partly real (imported), partly illustrative: "+strings.Join(mixedEn, ", "))
	}
	return strings.Join(parts, "; ")
}

// centerZoom is the zoom a client opens at: the whole county, islands included, fits a screen at 9.
const centerZoom = 9

// Extent is where the data lies, read from the database: the county's bounding box and a point on
// land to open the map at (the middle of the box can fall in the sea).
type Extent struct {
	MinLon, MinLat, MaxLon, MaxLat float64
	CenterLon, CenterLat           float64
}

// TileJSON is a TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0).
type TileJSON struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Attribution  string        `json:"attribution"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	VectorLayers []VectorLayer `json:"vector_layers"`
	Bounds       [4]float64    `json:"bounds"`
	Center       [3]float64    `json:"center"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
}

// VectorLayer describes one layer of the tiles in a TileJSON document.
type VectorLayer struct {
	ID          string            `json:"id"`
	Fields      map[string]string `json:"fields"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Description string            `json:"description"`
}

// TileJSON describes the tileset whose tiles are at tileURL, an absolute URL template with {z}, {x}
// and {y} (e.g. "https://host/tiles/parks/{z}/{x}/{y}.mvt"), over the data's extent e.
func (t Tileset) TileJSON(tileURL string, e Extent) TileJSON {
	doc := TileJSON{
		TileJSON:    "3.0.0",
		Name:        t.Name,
		Description: t.Description,
		Attribution: t.Attribution,
		Scheme:      "xyz",
		Tiles:       []string{tileURL},
		Bounds:      [4]float64{down6(e.MinLon), down6(e.MinLat), up6(e.MaxLon), up6(e.MaxLat)},
		Center:      [3]float64{geodesy.Round(e.CenterLon, 6), geodesy.Round(e.CenterLat, 6), float64(min(max(centerZoom, t.MinZoom), t.MaxZoom))},
		MinZoom:     t.MinZoom,
		MaxZoom:     t.MaxZoom,
	}
	for _, l := range t.Layers {
		fields := make(map[string]string, len(l.Fields))
		for _, f := range l.Fields {
			fields[f.Name] = f.Type
		}
		doc.VectorLayers = append(doc.VectorLayers, VectorLayer{ID: l.ID, Fields: fields,
			MinZoom: l.MinZoom, MaxZoom: l.MaxZoom, Description: l.Description})
	}
	return doc
}

// round6 keeps coordinates to 6 decimals (about 0.1 m), which is more than the data holds; down6 and
// up6 round outwards so that the bounds still contain every shape.
func down6(v float64) float64 { return math.Floor(v*1e6) / 1e6 }
func up6(v float64) float64   { return math.Ceil(v*1e6) / 1e6 }
