package tiles

import (
	"strconv"
)

// Link is a link of an OGC API document (RFC 8288 fields as JSON); Templated marks an href with
// {variables} to fill in (OGC API - Tiles, the tile URL template of rel item).
type Link struct {
	Href      string `json:"href"`
	Rel       string `json:"rel"`
	Type      string `json:"type,omitempty"`
	Title     string `json:"title,omitempty"`
	Templated bool   `json:"templated,omitempty"`
}

// Link relations and media types of OGC API - Tiles (OGC 20-057) that parkmap serves.
const (
	RelTilingScheme   = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
	RelTilingSchemes  = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"
	RelTilesetsVector = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
	RelGeodata        = "http://www.opengis.net/def/rel/ogc/1.0/geodata"
	RelDataset        = "http://www.opengis.net/def/rel/ogc/1.0/dataset"
	MediaMVT          = "application/vnd.mapbox-vector-tile"
	mediaJSON         = "application/json"
)

// TileSetMetadata is a tileset's description in the JSON encoding of OGC 17-083r4 (TileSetMetadata),
// as OGC API - Tiles serves it: what a client needs to fetch the tiles (the URL template, the grid,
// the tiles that can hold data) and to read them (the layers and their properties).
type TileSetMetadata struct {
	Title            string `json:"title"`
	Description      string `json:"description"`
	Attribution      string `json:"attribution,omitempty"`
	DataType         string `json:"dataType"`
	CRS              string `json:"crs"`
	TileMatrixSetURI string `json:"tileMatrixSetURI"`
	// TileMatrixSetLimits are the tiles, zoom by zoom, inside the data's extent; none when the data is
	// empty (then the whole grid, every tile empty).
	TileMatrixSetLimits []TileMatrixLimits `json:"tileMatrixSetLimits,omitempty"`
	BoundingBox         *BoundingBox       `json:"boundingBox,omitempty"`
	MediaTypes          []string           `json:"mediaTypes"`
	Layers              []TileSetLayer     `json:"layers"`
	Links               []Link             `json:"links"`
}

// TileSetItem is a tileset in a list of tilesets (OGC 20-057, tileSet-item): enough to pick one and
// follow its self link.
type TileSetItem struct {
	Title            string `json:"title"`
	DataType         string `json:"dataType"`
	CRS              string `json:"crs"`
	TileMatrixSetURI string `json:"tileMatrixSetURI"`
	Links            []Link `json:"links"`
}

// TileMatrixLimits bounds the columns and rows of one tile matrix (OGC 17-083r4, tileMatrixLimits).
type TileMatrixLimits struct {
	TileMatrix string `json:"tileMatrix"`
	MinTileRow int    `json:"minTileRow"`
	MaxTileRow int    `json:"maxTileRow"`
	MinTileCol int    `json:"minTileCol"`
	MaxTileCol int    `json:"maxTileCol"`
}

// TileSetLayer describes one MVT layer of a tileset (OGC 17-083r4, geospatialData).
type TileSetLayer struct {
	ID          string `json:"id"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description"`
	DataType    string `json:"dataType"`
	// GeometryDimension: 0 points, 1 lines, 2 polygons.
	GeometryDimension   int              `json:"geometryDimension"`
	MinTileMatrix       string           `json:"minTileMatrix"`
	MaxTileMatrix       string           `json:"maxTileMatrix"`
	MinScaleDenominator float64          `json:"minScaleDenominator"`
	MaxScaleDenominator float64          `json:"maxScaleDenominator"`
	PropertiesSchema    PropertiesSchema `json:"propertiesSchema"`
	Links               []Link           `json:"links,omitempty"`
}

// PropertiesSchema is the JSON Schema subset that describes a layer's feature properties.
type PropertiesSchema struct {
	Type       string                    `json:"type"`
	Required   []string                  `json:"required,omitempty"`
	Properties map[string]PropertySchema `json:"properties"`
}

// PropertySchema is one property's type in a PropertiesSchema.
type PropertySchema struct {
	Type string `json:"type"`
}

// TileSetURLs are the absolute URLs a tileset's documents link to, which the HTTP layer lays out.
type TileSetURLs struct {
	Self         string // this tileset's metadata
	Tiles        string // the tile URL template, with {tileMatrix}, {tileCol} and {tileRow}
	TileJSON     string // the same tileset as TileJSON
	TilingScheme string // the WebMercatorQuad definition
	// Geodata returns the URL of a collection, for the layers' links and a collection tileset's own.
	Geodata func(collection string) string
	// Dataset is the landing page, which the dataset tileset (AllID) links to.
	Dataset string
}

// Item is the tileset as an entry of a list of tilesets.
func (t Tileset) Item(u TileSetURLs) TileSetItem {
	return TileSetItem{Title: t.Name, DataType: "vector", CRS: CRS3857, TileMatrixSetURI: WebMercatorQuadURI,
		Links: []Link{
			{Href: u.Self, Rel: "self", Type: mediaJSON, Title: t.Name + " (WebMercatorQuad)"},
			{Href: u.TilingScheme, Rel: RelTilingScheme, Type: mediaJSON, Title: "the tile matrix set WebMercatorQuad"},
			{Href: u.Tiles, Rel: "item", Type: MediaMVT, Templated: true, Title: "a tile (Mapbox Vector Tile)"},
		}}
}

// Metadata describes the tileset on WebMercatorQuad. bounds is the extent of its data (west, south,
// east, north in CRS84), or nil when it holds none; the tile matrix limits are the tiles that cover
// it at each of the tileset's zooms (Cover), so a client asks for no tile that is sure to be empty.
func (t Tileset) Metadata(u TileSetURLs, bounds *[4]float64, attribution string) TileSetMetadata {
	doc := TileSetMetadata{Title: t.Name, Description: t.Description, Attribution: attribution,
		DataType: "vector", CRS: CRS3857, TileMatrixSetURI: WebMercatorQuadURI, MediaTypes: []string{MediaMVT},
		Links: []Link{
			{Href: u.Self, Rel: "self", Type: mediaJSON, Title: "this document"},
			{Href: u.Tiles, Rel: "item", Type: MediaMVT, Templated: true,
				Title: "a tile (Mapbox Vector Tile): tileMatrix is the zoom, tileCol the x and tileRow the y of an XYZ tile"},
			{Href: u.TilingScheme, Rel: RelTilingScheme, Type: mediaJSON, Title: "the tile matrix set WebMercatorQuad"},
			{Href: u.TileJSON, Rel: "alternate", Type: mediaJSON, Title: "this tileset as TileJSON 3.0.0"},
		}}
	if t.ID == AllID {
		doc.Links = append(doc.Links, Link{Href: u.Dataset, Rel: RelDataset, Type: mediaJSON, Title: "the dataset"})
	} else {
		doc.Links = append(doc.Links, Link{Href: u.Geodata(t.ID), Rel: RelGeodata, Type: mediaJSON, Title: "the collection"})
	}
	if bounds != nil {
		b := *bounds
		doc.BoundingBox = &BoundingBox{LowerLeft: [2]float64{down6(b[0]), down6(b[1])},
			UpperRight: [2]float64{up6(b[2]), up6(b[3])}, CRS: CRS84}
		for _, blk := range Cover(b, t.MinZoom, t.MaxZoom) {
			doc.TileMatrixSetLimits = append(doc.TileMatrixSetLimits, TileMatrixLimits{TileMatrix: strconv.Itoa(blk.Z),
				MinTileRow: blk.MinY, MaxTileRow: blk.MaxY, MinTileCol: blk.MinX, MaxTileCol: blk.MaxX})
		}
	}
	for _, l := range t.Layers {
		props := PropertiesSchema{Type: "object", Properties: map[string]PropertySchema{}}
		for _, f := range l.Fields {
			props.Properties[f.Name] = PropertySchema{Type: jsonType(f.Type)}
			if !f.Optional {
				props.Required = append(props.Required, f.Name)
			}
		}
		doc.Layers = append(doc.Layers, TileSetLayer{ID: l.ID, Description: l.Description, DataType: "vector",
			GeometryDimension: l.Dimension, MinTileMatrix: strconv.Itoa(l.MinZoom), MaxTileMatrix: strconv.Itoa(l.MaxZoom),
			// The largest scale (smallest denominator) is the highest zoom's.
			MinScaleDenominator: ScaleDenominator(l.MaxZoom), MaxScaleDenominator: ScaleDenominator(l.MinZoom),
			PropertiesSchema: props,
			Links:            []Link{{Href: u.Geodata(l.Collection), Rel: RelGeodata, Type: mediaJSON, Title: "the collection it draws"}}})
	}
	return doc
}

// jsonType is the JSON Schema type of a TileJSON field type.
func jsonType(tileJSONType string) string {
	switch tileJSONType {
	case "Number":
		return "number"
	case "Boolean":
		return "boolean"
	}
	return "string"
}
