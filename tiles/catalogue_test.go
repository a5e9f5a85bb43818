package tiles_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

func layerIDs(ls []tiles.Layer) []string {
	var ids []string
	for _, l := range ls {
		ids = append(ids, l.ID)
	}
	return ids
}

func TestCatalogueTilesets(t *testing.T) {
	cat := tiles.MustCatalogue(catalog.DefaultCollections())
	want := map[string][]string{
		"parks":         {"parks", "parks_label"},
		"zones":         {"zones", "zones_label"},
		"towns":         {"towns"},
		"county":        {"county"},
		"parcels":       {"parcels", "parcels_label", "parcels_overview"},
		"redevelopment": {"redevelopment", "redevelopment_label"},
		"constraints":   {"constraints", "constraints_label", "constraints_overview"},
		tiles.AllID: {"parks", "parks_label", "zones", "zones_label", "towns", "county",
			"parcels", "parcels_label", "parcels_overview", "redevelopment", "redevelopment_label", "constraints", "constraints_label", "constraints_overview"},
	}
	sets := cat.Tilesets()
	if len(sets) != len(want) {
		t.Fatalf("%d tilesets, want %d", len(sets), len(want))
	}
	for id, layers := range want {
		set, ok := cat.Tileset(id)
		if !ok {
			t.Errorf("no tileset %q", id)
			continue
		}
		if got := layerIDs(set.Layers); !slices.Equal(got, layers) {
			t.Errorf("%s: layers %v, want %v", id, got, layers)
		}
	}
	if _, ok := cat.Tileset("nope"); ok {
		t.Error("unknown tileset found")
	}
	if _, ok := cat.Tileset("parks_label"); ok {
		t.Error("a label layer is not a tileset of its own")
	}
}

func TestCatalogueLayersFollowCollections(t *testing.T) {
	cat := tiles.MustCatalogue(catalog.DefaultCollections())
	for _, col := range catalog.DefaultCollections() {
		set, _ := cat.Tileset(col.ID)
		minZoom := col.MinZoom
		if col.Overview != nil {
			minZoom = col.Overview.MinZoom // the overview is drawn below the collection's own zooms
		}
		if set.MinZoom != minZoom || set.MaxZoom != col.MaxZoom || set.MaxRequestZoom != col.MaxZoom {
			t.Errorf("%s: zooms %d-%d (request max %d), want %d-%d", col.ID, set.MinZoom, set.MaxZoom,
				set.MaxRequestZoom, minZoom, col.MaxZoom)
		}
		// The label layer carries the Label properties, or every tile property where none is marked.
		var want, wantLabel []string
		for _, p := range col.Properties {
			if p.Tile {
				want = append(want, p.Name)
			}
			if p.Label {
				wantLabel = append(wantLabel, p.Name)
			}
		}
		if wantLabel == nil {
			wantLabel = want
		}
		geom, label := tiles.GeomColumn, tiles.LabelColumn
		if col.Mercator {
			geom, label = tiles.MercatorGeomColumn, tiles.MercatorLabelColumn
		}
		for _, l := range set.Layers {
			if l.Overview {
				if l.ID != col.Overview.Layer || l.View != col.Overview.CellsView || !slices.Equal(l.Fields, tiles.OverviewFields) ||
					l.MinZoom != col.Overview.MinZoom || l.MaxZoom != tiles.OverviewMaxZoom || l.Density == nil || l.Density.From != col.MinZoom {
					t.Errorf("%s: overview %+v", col.ID, l)
				}
				continue
			}
			var got []string
			for _, f := range l.Fields {
				got = append(got, f.Name)
				p, _ := col.Property(f.Name)
				wantType := map[string]string{"string": "String", "number": "Number", "integer": "Number", "boolean": "Boolean"}[p.Type]
				if f.Type != wantType {
					t.Errorf("%s.%s: type %s, want %s", l.ID, f.Name, f.Type, wantType)
				}
			}
			if w := map[bool][]string{false: want, true: wantLabel}[l.Label]; !slices.Equal(got, w) {
				t.Errorf("%s: fields %v, want %v", l.ID, got, w)
			}
			if l.View != col.View {
				t.Errorf("%s: view %s, want %s", l.ID, l.View, col.View)
			}
			if l.Label != (l.GeomColumn == label) || !l.Label && l.GeomColumn != geom || l.Label != (l.ID == col.LabelLayer) ||
				l.Mercator != col.Mercator {
				t.Errorf("%s: label %v with geometry column %s (mercator %v)", l.ID, l.Label, l.GeomColumn, l.Mercator)
			}
			if wantPx := map[bool]int{true: col.LabelMinPixels}[l.Label]; l.LabelMinPixels != wantPx {
				t.Errorf("%s: label size %d px, want %d", l.ID, l.LabelMinPixels, wantPx)
			}
		}
	}
	parks, _ := cat.Tileset("parks")
	if !slices.Contains(layerIDs(parks.Layers), "parks_label") {
		t.Error("parks tileset lacks its label layer")
	}
}

func TestAllLayersAt(t *testing.T) {
	all, _ := tiles.MustCatalogue(catalog.DefaultCollections()).Tileset(tiles.AllID)
	if all.MinZoom != 0 || all.MaxZoom != 18 || all.MaxRequestZoom != tiles.MaxZoom {
		t.Errorf("all: zooms %d-%d, request max %d", all.MinZoom, all.MaxZoom, all.MaxRequestZoom)
	}
	tests := []struct {
		z    int
		want []string
	}{
		{0, []string{"zones", "zones_label", "towns", "county"}},
		{8, []string{"parks", "parks_label", "zones", "zones_label", "towns", "county", "parcels_overview"}},
		{9, []string{"parks", "parks_label", "zones", "zones_label", "towns", "county", "parcels_overview", "redevelopment", "redevelopment_label", "constraints", "constraints_label", "constraints_overview"}},
		{12, []string{"parks", "parks_label", "zones", "zones_label", "towns", "county", "parcels", "parcels_label", "parcels_overview", "redevelopment", "redevelopment_label", "constraints", "constraints_label", "constraints_overview"}},
		{14, []string{"parks", "parks_label", "zones", "zones_label", "towns", "county", "parcels", "parcels_label", "redevelopment", "redevelopment_label", "constraints", "constraints_label"}},
		{17, []string{"parks", "parks_label", "towns", "parcels", "parcels_label", "redevelopment", "redevelopment_label", "constraints", "constraints_label"}},
		{19, nil},
		{22, nil},
	}
	for _, tc := range tests {
		if got := layerIDs(all.LayersAt(tc.z)); !slices.Equal(got, tc.want) {
			t.Errorf("z%d: %v, want %v", tc.z, got, tc.want)
		}
		if all.DrawsAt(tc.z) != (len(tc.want) > 0) {
			t.Errorf("z%d: DrawsAt %v with layers %v", tc.z, all.DrawsAt(tc.z), tc.want)
		}
	}
	parks, _ := tiles.MustCatalogue(catalog.DefaultCollections()).Tileset("parks")
	if got := parks.LayersAt(7); len(got) != 0 || parks.DrawsAt(7) {
		t.Errorf("parks at z7: %v", layerIDs(got))
	}
	if !parks.DrawsAt(8) {
		t.Error("parks are not drawn at z8")
	}
}

func TestNewCatalogueRejects(t *testing.T) {
	base := func() catalog.Collection {
		return catalog.Collection{ID: "a", View: "api_a", GeometryType: "MultiPolygon", MinZoom: 0, MaxZoom: 10,
			Properties: []catalog.Property{{Name: "name", Type: "string", Tile: true}}}
	}
	tests := []struct {
		name   string
		edit   func(cs []catalog.Collection) []catalog.Collection
		reason string
	}{
		{"reserved id", func(cs []catalog.Collection) []catalog.Collection { cs[0].ID = tiles.AllID; return cs }, "reserved"},
		{"duplicate", func(cs []catalog.Collection) []catalog.Collection { return append(cs, cs[0]) }, "duplicate"},
		{"zoom order", func(cs []catalog.Collection) []catalog.Collection { cs[0].MinZoom = 11; return cs }, "zoom"},
		{"zoom too deep", func(cs []catalog.Collection) []catalog.Collection { cs[0].MaxZoom = 23; return cs }, "zoom"},
		{"array in tile", func(cs []catalog.Collection) []catalog.Collection {
			cs[0].Properties = append(cs[0].Properties, catalog.Property{Name: "tags", Type: "array", Tile: true})
			return cs
		}, "array"},
		{"label on points", func(cs []catalog.Collection) []catalog.Collection {
			cs[0].GeometryType, cs[0].LabelLayer = "Point", "a_label"
			return cs
		}, "label"},
		{"label clashes", func(cs []catalog.Collection) []catalog.Collection {
			b := base()
			b.ID, b.LabelLayer = "b", "a"
			return append(cs, b)
		}, "duplicate layer"},
		{"label property not in tiles", func(cs []catalog.Collection) []catalog.Collection {
			cs[0].Properties = append(cs[0].Properties, catalog.Property{Name: "note", Type: "string", Label: true})
			return cs
		}, "label property must be a tile property"},
		{"label size without Mercator", func(cs []catalog.Collection) []catalog.Collection {
			cs[0].LabelLayer, cs[0].LabelMinPixels = "a_label", 20
			return cs
		}, "label size"},
		{"label size without label layer", func(cs []catalog.Collection) []catalog.Collection {
			cs[0].Mercator, cs[0].LabelMinPixels = true, 20
			return cs
		}, "label size"},
		{"negative label size", func(cs []catalog.Collection) []catalog.Collection {
			cs[0].Mercator, cs[0].LabelLayer, cs[0].LabelMinPixels = true, "a_label", -1
			return cs
		}, "label size"},
		{"no tile properties", func(cs []catalog.Collection) []catalog.Collection { cs[0].Properties[0].Tile = false; return cs }, "no tile properties"},
		{"empty", func([]catalog.Collection) []catalog.Collection { return nil }, "no collections"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tiles.NewCatalogue(tc.edit([]catalog.Collection{base()}))
			if err == nil || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("error %v, want one about %q", err, tc.reason)
			}
		})
	}
}
