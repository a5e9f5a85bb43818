package tiles

import (
	"math"
	"strconv"
)

// The one tile matrix set parkmap's tiles are cut on: the XYZ grid of every web map, which the OGC
// registers as WebMercatorQuad (OGC 17-083r4, Annex D.1). A tile z/x/y is tile matrix z, column x,
// row y, counted from the top left as XYZ counts them.
const (
	WebMercatorQuadID  = "WebMercatorQuad"
	WebMercatorQuadURI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
	// CRS3857 is WebMercatorQuad's CRS, EPSG:3857, as an OGC URI.
	CRS3857 = "http://www.opengis.net/def/crs/EPSG/0/3857"
	// CRS84 is longitude/latitude on WGS 84, the CRS of bounding boxes in OGC API documents.
	CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
)

// Web Mercator's sphere is WGS 84's semi-major axis; a tile matrix's scale denominator is its cell
// size over the standardized rendering pixel of 0.28 mm (OGC 17-083r4, 6.1.1).
const (
	semiMajorAxis = 6378137.0
	pixelSize     = 0.00028
	tileSize      = 256
)

// mercatorHalf is half the equator's length in EPSG:3857 metres: the grid runs from -mercatorHalf to
// +mercatorHalf on both axes.
var mercatorHalf = math.Pi * semiMajorAxis

// TileMatrixSet is a tile matrix set definition in the JSON encoding of OGC 17-083r4 (TMS 2.0).
//
// Beside the 2.0 members it carries their TMS 1.0 (17-083r2) names (identifier, supportedCRS and
// each matrix's identifier and topLeftCorner): GDAL up to 3.7, Debian 12's 3.6 among them, reads only
// those, and without them fails on the definition (no CRS) or aborts (a matrix without an id). The
// 2.0 schema allows members it does not name, so a 2.0 client reads the document as it is.
type TileMatrixSet struct {
	ID                string       `json:"id"`
	Title             string       `json:"title"`
	Description       string       `json:"description"`
	URI               string       `json:"uri"`
	CRS               string       `json:"crs"`
	OrderedAxes       []string     `json:"orderedAxes"`
	WellKnownScaleSet string       `json:"wellKnownScaleSet"`
	BoundingBox       BoundingBox  `json:"boundingBox"`
	TileMatrices      []TileMatrix `json:"tileMatrices"`
	Identifier        string       `json:"identifier"`   // TMS 1.0's ID
	SupportedCRS      string       `json:"supportedCRS"` // TMS 1.0's CRS
}

// TileMatrix is one zoom level of a TileMatrixSet.
type TileMatrix struct {
	ID               string     `json:"id"`
	ScaleDenominator float64    `json:"scaleDenominator"`
	CellSize         float64    `json:"cellSize"`
	CornerOfOrigin   string     `json:"cornerOfOrigin"`
	PointOfOrigin    [2]float64 `json:"pointOfOrigin"`
	TileWidth        int        `json:"tileWidth"`
	TileHeight       int        `json:"tileHeight"`
	MatrixWidth      int        `json:"matrixWidth"`
	MatrixHeight     int        `json:"matrixHeight"`
	Identifier       string     `json:"identifier"`    // TMS 1.0's ID
	TopLeftCorner    [2]float64 `json:"topLeftCorner"` // TMS 1.0's PointOfOrigin
}

// BoundingBox is a 2D bounding box in the JSON encoding of OGC 17-083r4 (2DBoundingBox).
type BoundingBox struct {
	LowerLeft  [2]float64 `json:"lowerLeft"`
	UpperRight [2]float64 `json:"upperRight"`
	CRS        string     `json:"crs"`
}

// WebMercatorQuad is the WebMercatorQuad definition for zooms 0 to maxZoom, computed from its
// formula (cell size 2πa / 256 / 2^z, scale denominator cell size / 0.28 mm, origin (-πa, πa))
// rather than copied, so that every zoom is exactly the grid the tiles are cut on.
func WebMercatorQuad(maxZoom int) TileMatrixSet {
	set := TileMatrixSet{
		ID:    WebMercatorQuadID,
		Title: "Google Maps Compatible for the World / 全球 Web 墨卡托瓦片矩阵集",
		Description: "The XYZ grid of web maps on EPSG:3857, as parkmap's vector tiles are cut: tile matrix z is zoom z, " +
			"column and row count from the top left as {x} and {y} do in /tiles/{set}/{z}/{x}/{y}.mvt.",
		URI:               WebMercatorQuadURI,
		CRS:               CRS3857,
		OrderedAxes:       []string{"E", "N"},
		WellKnownScaleSet: "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
		BoundingBox: BoundingBox{LowerLeft: [2]float64{-mercatorHalf, -mercatorHalf},
			UpperRight: [2]float64{mercatorHalf, mercatorHalf}, CRS: CRS3857},
		Identifier:   WebMercatorQuadID,
		SupportedCRS: CRS3857,
	}
	origin := [2]float64{-mercatorHalf, mercatorHalf}
	for z := 0; z <= maxZoom; z++ {
		n, cell, id := 1<<z, CellSize(z), strconv.Itoa(z)
		set.TileMatrices = append(set.TileMatrices, TileMatrix{
			ID: id, Identifier: id, ScaleDenominator: ScaleDenominator(z), CellSize: cell,
			CornerOfOrigin: "topLeft", PointOfOrigin: origin, TopLeftCorner: origin,
			TileWidth: tileSize, TileHeight: tileSize, MatrixWidth: n, MatrixHeight: n,
		})
	}
	return set
}

// CellSize is the size in EPSG:3857 metres of a 256-pixel tile's pixel at WebMercatorQuad's zoom z.
func CellSize(z int) float64 { return 2 * mercatorHalf / tileSize / float64(int(1)<<z) }

// ScaleDenominator is the scale denominator of WebMercatorQuad's zoom z.
func ScaleDenominator(z int) float64 { return CellSize(z) / pixelSize }
