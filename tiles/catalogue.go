// Package tiles is parkmap's vector tile domain: tile addressing and validation, the layer catalogue
// derived from catalog.Collections, TileJSON 3.0.0 documents and the in-memory tile cache with its ETags.
// It knows neither HTTP nor the database: web serves what it decides and internal/postgis renders the
// layers it lists.
package tiles

import (
	"fmt"
	"slices"

	"github.com/pingyang/parkmap/catalog"
)

// AllID names the tileset holding every layer.
const AllID = "all"

// Geometry columns of the api_* views a layer can draw (data/schema/0002_api_views.sql), and the
// Web Mercator copies a catalog.Collection with Mercator set also has (0021_parcels_mercator.sql).
const (
	GeomColumn          = "geom"
	LabelColumn         = "label_point"
	MercatorGeomColumn  = "geom_3857"
	MercatorLabelColumn = "label_3857"
	// MercatorAreaColumn is the feature's area in Web Mercator square metres, for LabelMinPixels.
	MercatorAreaColumn = "area_3857"
)

// LabelAllZoom is the zoom from which every label point is sent whatever LabelMinPixels says: the
// page draws no tiles of a higher zoom (web/ui/style.js caps its source at 16) and zooms the z16 ones
// in, so they must carry the labels that fit only when zoomed in further.
const LabelAllZoom = 16

// Field is one feature property carried in a layer, typed as TileJSON types it.
type Field struct {
	Name string // the property name, which is also the view's column
	Type string // "String", "Number" or "Boolean"
	// Optional: a feature may lack it (no value: catalog.Property.Optional).
	Optional bool
}

// Layer is one MVT layer: a collection's shapes, or the label points of a polygon collection.
type Layer struct {
	ID         string // the MVT layer name
	Collection string // the catalog.Collection it draws
	View       string // the database view it reads; a fixed identifier from the catalogue
	GeomColumn string // GeomColumn, or LabelColumn for a label layer (their Mercator copies if Mercator)
	Label      bool   // one point per feature, kept to the tile that contains it (never repeated in a buffer)
	// PointsOnce: a point collection's own layer, kept like a label layer to the tile that holds each
	// point (tile_label_layer.sql), so that no point is repeated in a neighbour's buffer.
	PointsOnce bool
	// Dimension is the geometries' dimension (0 points, 1 lines, 2 polygons), for OGC tileset metadata:
	// a label layer's is 0.
	Dimension int
	// Mercator: GeomColumn is already in Web Mercator (EPSG:3857, the tiles' own), indexed as such.
	Mercator bool
	// LabelMinPixels (label layers of a Mercator view): a point is sent only where its feature covers
	// at least LabelMinPixels² pixels of a 512-pixel tile, below LabelAllZoom (catalog.Collection).
	LabelMinPixels int
	// Overview: the features counted into cells (catalog.Overview), read from View (the cells view),
	// with OverviewFields.
	Overview bool
	// Density, when set, makes the layer's presence in a tile of zoom ≤ OverviewMaxZoom depend on how
	// many features the tile holds: a collection's own layers give way to its overview in dense tiles.
	Density      *Density
	MinZoom      int
	MaxZoom      int
	Fields       []Field
	Description  string
	Illustrative bool
}

// OverviewMaxZoom is the highest zoom an overview draws: its cells are 1/32 of a tile, and the
// database counts them at z18 tiles (13 + 5).
const OverviewMaxZoom = 13

// OverviewFields are what an overview cell carries: the features in it and their total 亩.
var OverviewFields = []Field{{Name: "parcels", Type: "Number"}, {Name: "area_mu", Type: "Number"}}

// Density is the rule by which a collection's own layers and its overview share the zooms where both
// are drawn: a tile holding more than Above features (counted in Cells) carries the overview, any
// other the features themselves.
type Density struct {
	Cells string // the cells view (catalog.Overview.CellsView)
	Above int
	// From is the lowest zoom the rule applies at; below it the overview is drawn whatever the count.
	From int
}

// DenseRule says how the layer is drawn in a tile of zoom z: ok is false where no count decides it
// (drawn wherever visible); otherwise the layer is drawn where the tile's count is above rule.Above
// (dense true, the overview) or at most that (dense false, the features).
func (l Layer) DenseRule(z int) (rule Density, dense, ok bool) {
	if l.Density == nil || z < l.Density.From || z > OverviewMaxZoom {
		return Density{}, false, false
	}
	return *l.Density, l.Overview, true
}

// Visible reports whether the layer is drawn at zoom z.
func (l Layer) Visible(z int) bool { return z >= l.MinZoom && z <= l.MaxZoom }

// Tileset is what one tile URL serves: a collection's layer (and its label layer), or every layer.
type Tileset struct {
	ID          string
	Name        string
	Description string
	Attribution string // see Attribution
	Layers      []Layer
	// MinZoom and MaxZoom span the layers' zooms: the range a client is told about in TileJSON.
	MinZoom int
	MaxZoom int
	// MaxRequestZoom is the highest z a request may name: the collection's maximum for a collection
	// tileset, MaxZoom for the all-layers one (whose tiles past its layers are simply empty).
	MaxRequestZoom int
}

// DrawsAt says whether any layer is drawn at zoom z: LayersAt without its allocation, for the tile
// handler's every request.
func (t Tileset) DrawsAt(z int) bool {
	return slices.ContainsFunc(t.Layers, func(l Layer) bool { return l.Visible(z) })
}

// LayersAt returns the layers drawn at zoom z, in catalogue order; none below the tileset's minimum.
func (t Tileset) LayersAt(z int) []Layer {
	var ls []Layer
	for _, l := range t.Layers {
		if l.Visible(z) {
			ls = append(ls, l)
		}
	}
	return ls
}

// Catalogue is the fixed set of tilesets, built once from the collections.
type Catalogue struct {
	sets []Tileset
	byID map[string]int
}

// NewCatalogue derives the tilesets from the collections: one per collection (its layer, then its label
// layer) and AllID with every layer. It rejects a catalogue that could not be served: duplicate names,
// bad zoom ranges, array properties marked for tiles, a label layer on points.
func NewCatalogue(cols []catalog.Collection) (*Catalogue, error) {
	c := &Catalogue{byID: map[string]int{}}
	attribution := Attribution(cols)
	all := Tileset{ID: AllID, MinZoom: MaxZoom, MaxZoom: 0, MaxRequestZoom: MaxZoom, Attribution: attribution,
		Name:        "平阳县小微企业园规划 / Pingyang small and micro enterprise park plan",
		Description: "Every parkmap layer in one tile, each within its own zoom range."}
	layerIDs := map[string]bool{}
	for _, col := range cols {
		if col.ID == AllID {
			return nil, fmt.Errorf("tile catalogue: collection id %q is reserved", AllID)
		}
		if _, dup := c.byID[col.ID]; dup {
			return nil, fmt.Errorf("tile catalogue: duplicate collection %q", col.ID)
		}
		if col.MinZoom < 0 || col.MinZoom > col.MaxZoom || col.MaxZoom > MaxZoom {
			return nil, fmt.Errorf("tile catalogue: %s: zoom range %d-%d is not within 0-%d", col.ID, col.MinZoom, col.MaxZoom, MaxZoom)
		}
		fields, labelFields, err := tileFields(col)
		if err != nil {
			return nil, err
		}
		if col.LabelMinPixels < 0 || col.LabelMinPixels > 0 && (!col.Mercator || col.LabelLayer == "") {
			return nil, fmt.Errorf("tile catalogue: %s: a label size (LabelMinPixels) needs a label layer and the Mercator columns", col.ID)
		}
		geom, label := GeomColumn, LabelColumn
		if col.Mercator {
			geom, label = MercatorGeomColumn, MercatorLabelColumn
		}
		set := Tileset{ID: col.ID, MinZoom: col.MinZoom, MaxZoom: col.MaxZoom, MaxRequestZoom: col.MaxZoom,
			Name: col.TitleZh + " / " + col.TitleEn, Description: col.Description, Attribution: attribution}
		// A point layer is kept to the tile that holds each point, like a label layer: in a neighbour's
		// buffer it would be a second feature there, and a client that does not match features across
		// tiles (QGIS) labels it twice.
		set.Layers = append(set.Layers, Layer{ID: col.ID, Collection: col.ID, View: col.View, GeomColumn: geom, Mercator: col.Mercator,
			PointsOnce: col.GeometryType == "Point",
			MinZoom:    col.MinZoom, MaxZoom: col.MaxZoom, Fields: fields, Illustrative: col.Illustrative, Dimension: dimension(col.GeometryType),
			Description: col.TitleZh + " / " + col.TitleEn + ": " + col.Description})
		if col.LabelLayer != "" {
			if col.GeometryType != "Polygon" && col.GeometryType != "MultiPolygon" {
				return nil, fmt.Errorf("tile catalogue: %s: a label layer needs polygons, not %s", col.ID, col.GeometryType)
			}
			set.Layers = append(set.Layers, Layer{ID: col.LabelLayer, Collection: col.ID, View: col.View,
				GeomColumn: label, Mercator: col.Mercator, LabelMinPixels: col.LabelMinPixels, Label: true, MinZoom: col.MinZoom, MaxZoom: col.MaxZoom, Fields: labelFields,
				Illustrative: col.Illustrative,
				Description: col.TitleZh + "标注点 / label points of " + col.TitleEn +
					": one point inside each feature, in exactly one tile, so a label never splits or repeats at tile edges."})
		}
		if o := col.Overview; o != nil {
			if o.MinZoom < 0 || o.MinZoom > col.MinZoom || o.MinZoom > OverviewMaxZoom || o.Layer == "" || o.CellsView == "" || o.DenseAbove <= 0 {
				return nil, fmt.Errorf("tile catalogue: %s: an overview needs a layer, a cells view, a density and zooms from %d to %d", col.ID, o.MinZoom, OverviewMaxZoom)
			}
			if col.GeometryType != "Polygon" && col.GeometryType != "MultiPolygon" {
				return nil, fmt.Errorf("tile catalogue: %s: an overview counts label points of polygons, not %s", col.ID, col.GeometryType)
			}
			rule := &Density{Cells: o.CellsView, Above: o.DenseAbove, From: col.MinZoom}
			for i := range set.Layers {
				set.Layers[i].Density = rule
			}
			set.MinZoom = o.MinZoom
			set.Layers = append(set.Layers, Layer{ID: o.Layer, Collection: col.ID, View: o.CellsView, Overview: true, Density: rule, Dimension: 2,
				MinZoom: o.MinZoom, MaxZoom: OverviewMaxZoom, Fields: OverviewFields, Illustrative: col.Illustrative,
				Description: col.TitleZh + "概览 / overview of " + col.TitleEn + fmt.Sprintf(
					": the features counted into square cells of 1/32 of a tile (parcels: how many, by label point; area_mu: their total 亩), below zoom %d, and up to zoom %d in the tiles holding more than %d features, which carry the cells instead of the features.",
					col.MinZoom, OverviewMaxZoom, o.DenseAbove)})
		}
		for _, l := range set.Layers {
			if layerIDs[l.ID] || l.ID == AllID {
				return nil, fmt.Errorf("tile catalogue: duplicate layer %q", l.ID)
			}
			layerIDs[l.ID] = true
		}
		all.Layers = append(all.Layers, set.Layers...)
		all.MinZoom = min(all.MinZoom, set.MinZoom)
		all.MaxZoom = max(all.MaxZoom, set.MaxZoom)
		c.byID[set.ID] = len(c.sets)
		c.sets = append(c.sets, set)
	}
	if len(all.Layers) == 0 {
		return nil, fmt.Errorf("tile catalogue: no collections")
	}
	c.byID[AllID] = len(c.sets)
	c.sets = append(c.sets, all)
	return c, nil
}

// MustCatalogue is NewCatalogue for the fixed catalogue compiled into the program, where an error is
// a programming mistake that the tests catch.
func MustCatalogue(cols []catalog.Collection) *Catalogue {
	c, err := NewCatalogue(cols)
	if err != nil {
		panic(err)
	}
	return c
}

// Tileset returns the tileset with the given id.
func (c *Catalogue) Tileset(id string) (Tileset, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Tileset{}, false
	}
	return c.sets[i], true
}

// Tilesets returns every tileset: one per collection in catalogue order, then AllID.
func (c *Catalogue) Tilesets() []Tileset {
	return append([]Tileset(nil), c.sets...)
}

// dimension is the dimension of a GeoJSON geometry type: 0 points, 1 lines, 2 polygons.
func dimension(geometryType string) int {
	switch geometryType {
	case "Point", "MultiPoint":
		return 0
	case "LineString", "MultiLineString":
		return 1
	}
	return 2
}

// tileFields lists the collection's Tile properties as TileJSON field types, and those its label
// layer carries: the Label ones, or all of them where none is marked.
func tileFields(col catalog.Collection) (fields, labels []Field, err error) {
	var fs, ls []Field
	for _, p := range col.Properties {
		if p.Label && !p.Tile {
			return nil, nil, fmt.Errorf("tile catalogue: %s.%s: a label property must be a tile property", col.ID, p.Name)
		}
		if !p.Tile {
			continue
		}
		var t string
		switch p.Type {
		case "string":
			t = "String"
		case "number", "integer":
			t = "Number"
		case "boolean":
			t = "Boolean"
		default:
			return nil, nil, fmt.Errorf("tile catalogue: %s.%s: type %q cannot be carried in a tile", col.ID, p.Name, p.Type)
		}
		f := Field{Name: p.Name, Type: t, Optional: p.Optional}
		fs = append(fs, f)
		if p.Label {
			ls = append(ls, f)
		}
	}
	if len(fs) == 0 {
		return nil, nil, fmt.Errorf("tile catalogue: %s has no tile properties", col.ID)
	}
	if len(ls) == 0 {
		ls = fs
	}
	return fs, ls, nil
}
