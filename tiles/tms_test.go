package tiles_test

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/tiles"
)

// within reports whether got is want to a relative 1e-12 (the standard prints 15 significant digits).
func within(got, want float64) bool { return math.Abs(got-want) <= 1e-12*math.Abs(want) }

// The definition is checked against numbers from outside this code: zoom 0 of OGC 17-083r4's
// WebMercatorQuad table (Annex D.1), the EPSG:3857 extent ±πa as EPSG publishes it, and the z18 pixel
// of the OpenStreetMap wiki's zoom table (0.597164 m); each zoom halves the one above.
func TestWebMercatorQuadMatchesTheStandard(t *testing.T) {
	tms := tiles.WebMercatorQuad(18)
	if tms.ID != "WebMercatorQuad" || tms.URI != "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad" ||
		tms.CRS != "http://www.opengis.net/def/crs/EPSG/0/3857" || tms.SupportedCRS != tms.CRS || tms.Identifier != tms.ID {
		t.Errorf("identity: %+v", tms)
	}
	if len(tms.TileMatrices) != 19 {
		t.Fatalf("%d tile matrices, want 0-18", len(tms.TileMatrices))
	}
	if m := tms.TileMatrices[0]; !within(m.ScaleDenominator, 559082264.028717) || !within(m.CellSize, 156543.03392804097) {
		t.Errorf("z0: scale denominator %.9f, cell size %.17g", m.ScaleDenominator, m.CellSize)
	}
	if m := tms.TileMatrices[18]; math.Abs(m.CellSize-0.597164) > 5e-7 {
		t.Errorf("z18: cell size %.9f, want 0.597164", m.CellSize)
	}
	for z := 1; z <= 18; z++ {
		m, up := tms.TileMatrices[z], tms.TileMatrices[z-1]
		if !within(2*m.ScaleDenominator, up.ScaleDenominator) || !within(2*m.CellSize, up.CellSize) {
			t.Errorf("z%d does not halve z%d: %v, %v", z, z-1, m, up)
		}
	}
	for _, c := range []struct{ z, matrixWidthTiles int }{{0, 1}, {1, 2}, {10, 1024}, {18, 262144}} {
		m := tms.TileMatrices[c.z]
		if m.ID != strconv.Itoa(c.z) || m.Identifier != m.ID || !within(m.CellSize/0.00028, m.ScaleDenominator) {
			t.Errorf("z%d: id %q/%q, scale %.9f, cell %.15g", c.z, m.ID, m.Identifier, m.ScaleDenominator, m.CellSize)
		}
		if m.MatrixWidth != c.matrixWidthTiles || m.MatrixHeight != c.matrixWidthTiles || m.TileWidth != 256 || m.TileHeight != 256 {
			t.Errorf("z%d: %dx%d tiles of %dx%d", c.z, m.MatrixWidth, m.MatrixHeight, m.TileWidth, m.TileHeight)
		}
		const half = 20037508.3427892
		if math.Abs(m.PointOfOrigin[0]+half) > 1e-7 || math.Abs(m.PointOfOrigin[1]-half) > 1e-7 ||
			m.TopLeftCorner != m.PointOfOrigin || m.CornerOfOrigin != "topLeft" {
			t.Errorf("z%d: origin %v / %v (%s)", c.z, m.PointOfOrigin, m.TopLeftCorner, m.CornerOfOrigin)
		}
		// The grid spans the EPSG:3857 square exactly at every zoom.
		if span := m.CellSize * float64(m.TileWidth*m.MatrixWidth); math.Abs(span-2*half) > 1e-6 {
			t.Errorf("z%d spans %.7f m, want %.7f", c.z, span, 2*half)
		}
	}
	// GDAL 3.6 finds a definition by these member names; TMS 2.0 clients by the others.
	b, err := json.Marshal(tms)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"tileMatrices"`, `"identifier"`, `"boundingBox"`, `"supportedCRS"`, `"topLeftCorner"`, `"pointOfOrigin"`, `"cellSize"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("the definition lacks %s", key)
		}
	}
}

// tileIn reports whether the tile holding p at zoom z is inside the limits.
func tileIn(limits []tiles.TileMatrixLimits, p orb.Point, z int) bool {
	tile := maptile.At(p, maptile.Zoom(z))
	for _, l := range limits {
		if l.TileMatrix == strconv.Itoa(z) {
			return int(tile.X) >= l.MinTileCol && int(tile.X) <= l.MaxTileCol && int(tile.Y) >= l.MinTileRow && int(tile.Y) <= l.MaxTileRow
		}
	}
	return false
}

var testURLs = tiles.TileSetURLs{
	Self:         "https://gis.example/collections/parks/tiles/WebMercatorQuad",
	Tiles:        "https://gis.example/tiles/parks/{tileMatrix}/{tileCol}/{tileRow}.mvt",
	TileJSON:     "https://gis.example/tiles/parks.json",
	TilingScheme: "https://gis.example/tileMatrixSets/WebMercatorQuad",
	Geodata:      func(id string) string { return "https://gis.example/collections/" + id },
	Dataset:      "https://gis.example/",
}

func TestTilesetMetadata(t *testing.T) {
	parks := mustSet(t, "parks")
	bounds := [4]float64{120.314914, 27.566218, 120.632749, 27.732416}
	doc := parks.Metadata(testURLs, &bounds, "credits")
	if doc.DataType != "vector" || doc.CRS != tiles.CRS3857 || doc.TileMatrixSetURI != tiles.WebMercatorQuadURI || doc.Attribution != "credits" {
		t.Errorf("header: %+v", doc)
	}
	// One limit per zoom the tileset draws at, each covering the corners and the middle of the data.
	if len(doc.TileMatrixSetLimits) != parks.MaxZoom-parks.MinZoom+1 || doc.TileMatrixSetLimits[0].TileMatrix != "8" {
		t.Fatalf("limits %+v", doc.TileMatrixSetLimits)
	}
	for z := parks.MinZoom; z <= parks.MaxZoom; z++ {
		for _, p := range []orb.Point{{bounds[0], bounds[1]}, {bounds[2], bounds[3]}, {bounds[0], bounds[3]}, {(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2}} {
			if !tileIn(doc.TileMatrixSetLimits, p, z) {
				t.Errorf("z%d: the tile of %v is outside the limits", z, p)
			}
		}
		// A point well outside the data (Hangzhou) is not in them.
		if tileIn(doc.TileMatrixSetLimits, orb.Point{120.15, 30.28}, z) {
			t.Errorf("z%d: Hangzhou's tile is inside the limits", z)
		}
	}
	if bb := doc.BoundingBox; bb == nil || bb.LowerLeft != [2]float64{120.314914, 27.566218} || bb.CRS != tiles.CRS84 {
		t.Errorf("bounding box %+v", doc.BoundingBox)
	}
	rels := map[string]tiles.Link{}
	for _, l := range doc.Links {
		rels[l.Rel] = l
	}
	if item := rels["item"]; item.Href != testURLs.Tiles || !item.Templated || item.Type != "application/vnd.mapbox-vector-tile" {
		t.Errorf("item link %+v", item)
	}
	if rels[tiles.RelTilingScheme].Href != testURLs.TilingScheme || rels["self"].Href != testURLs.Self ||
		rels["alternate"].Href != testURLs.TileJSON || rels[tiles.RelGeodata].Href != "https://gis.example/collections/parks" {
		t.Errorf("links %+v", doc.Links)
	}
	if len(doc.Layers) != 2 || doc.Layers[0].ID != "parks" || doc.Layers[1].ID != "parks_label" {
		t.Fatalf("layers %+v", doc.Layers)
	}
	shapes, labels := doc.Layers[0], doc.Layers[1]
	if shapes.GeometryDimension != 2 || labels.GeometryDimension != 0 || shapes.MinTileMatrix != "8" || shapes.MaxTileMatrix != "18" {
		t.Errorf("layers %+v", doc.Layers)
	}
	if shapes.MaxScaleDenominator != tiles.ScaleDenominator(8) || shapes.MinScaleDenominator != tiles.ScaleDenominator(18) {
		t.Errorf("scales %v-%v", shapes.MinScaleDenominator, shapes.MaxScaleDenominator)
	}
	if p, ok := shapes.PropertiesSchema.Properties["name"]; !ok || p.Type != "string" || shapes.PropertiesSchema.Type != "object" {
		t.Errorf("properties %+v", shapes.PropertiesSchema)
	}
	for _, f := range parks.Layers[0].Fields {
		if _, ok := shapes.PropertiesSchema.Properties[f.Name]; !ok {
			t.Errorf("field %s is not in the layer's properties", f.Name)
		}
	}
}

// A tileset with no data has no limits (the whole grid, every tile empty) rather than limits that
// would say no tile exists; the all-layers tileset links to the dataset, not to a collection.
func TestTilesetMetadataWithoutData(t *testing.T) {
	doc := mustSet(t, tiles.AllID).Metadata(testURLs, nil, "")
	if doc.TileMatrixSetLimits != nil || doc.BoundingBox != nil {
		t.Errorf("limits %v, box %v", doc.TileMatrixSetLimits, doc.BoundingBox)
	}
	var dataset, geodata bool
	for _, l := range doc.Links {
		dataset = dataset || l.Rel == tiles.RelDataset && l.Href == testURLs.Dataset
		geodata = geodata || l.Rel == tiles.RelGeodata
	}
	if !dataset || geodata {
		t.Errorf("links %+v", doc.Links)
	}
	overview := false
	for _, l := range doc.Layers {
		if l.ID == "parcels_overview" {
			overview = l.GeometryDimension == 2 && l.MaxTileMatrix == strconv.Itoa(tiles.OverviewMaxZoom)
		}
	}
	if !overview {
		t.Errorf("no parcels_overview layer of polygons up to z%d: %+v", tiles.OverviewMaxZoom, doc.Layers)
	}
}
