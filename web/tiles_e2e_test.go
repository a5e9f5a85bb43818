package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/testenv"
)

type response struct {
	status int
	header http.Header
	body   []byte
}

func fetch(t testing.TB, method, url string, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s: read: %v", url, err)
	}
	return response{status: res.StatusCode, header: res.Header, body: body}
}

func tileURL(base, set string, tile maptile.Tile) string {
	return fmt.Sprintf("%s/tiles/%s/%d/%d/%d.mvt", base, set, tile.Z, tile.X, tile.Y)
}

// getTile fetches a tile and decodes it into layers by name, projected to WGS84; an empty (204) tile
// has none.
func getTile(t testing.TB, base, set string, tile maptile.Tile) map[string]*mvt.Layer {
	t.Helper()
	res := fetch(t, http.MethodGet, tileURL(base, set, tile))
	switch res.status {
	case http.StatusNoContent:
		if len(res.body) != 0 {
			t.Errorf("%s: 204 with a %d-byte body", tileURL(base, set, tile), len(res.body))
		}
		return map[string]*mvt.Layer{}
	case http.StatusOK:
	default:
		t.Fatalf("%s: status %d: %s", tileURL(base, set, tile), res.status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/vnd.mapbox-vector-tile" {
		t.Errorf("content type %q", ct)
	}
	layers, err := mvt.Unmarshal(res.body)
	if err != nil {
		t.Fatalf("%s: decode: %v", tileURL(base, set, tile), err)
	}
	layers.ProjectToWGS84(tile)
	byName := map[string]*mvt.Layer{}
	for _, l := range layers {
		byName[l.Name] = l
	}
	return byName
}

type tileJSON struct {
	TileJSON     string    `json:"tilejson"`
	Tiles        []string  `json:"tiles"`
	Bounds       []float64 `json:"bounds"`
	Center       []float64 `json:"center"`
	MinZoom      *int      `json:"minzoom"`
	MaxZoom      *int      `json:"maxzoom"`
	Name         string    `json:"name"`
	Attribution  string    `json:"attribution"`
	VectorLayers []struct {
		ID          string            `json:"id"`
		Fields      map[string]string `json:"fields"`
		MinZoom     *int              `json:"minzoom"`
		MaxZoom     *int              `json:"maxzoom"`
		Description string            `json:"description"`
	} `json:"vector_layers"`
}

func getTileJSON(t testing.TB, url string, header ...string) tileJSON {
	t.Helper()
	res := fetch(t, http.MethodGet, url, header...)
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") {
		t.Fatalf("%s: %d %s: %s", url, res.status, res.header.Get("Content-Type"), res.body)
	}
	var doc tileJSON
	if err := json.Unmarshal(res.body, &doc); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return doc
}

// tilesOver lists the tiles at zoom z covering the bound plus one tile around.
func tilesOver(b orb.Bound, z maptile.Zoom) []maptile.Tile {
	lo := maptile.At(orb.Point{b.Min[0], b.Max[1]}, z)
	hi := maptile.At(orb.Point{b.Max[0], b.Min[1]}, z)
	last := int64(1)<<z - 1
	var ts []maptile.Tile
	for x := max(int64(lo.X)-1, 0); x <= min(int64(hi.X)+1, last); x++ {
		for y := max(int64(lo.Y)-1, 0); y <= min(int64(hi.Y)+1, last); y++ {
			ts = append(ts, maptile.New(uint32(x), uint32(y), z))
		}
	}
	return ts
}

type parkLabel struct {
	point orb.Point
	props map[string]any
}

func TestTilesE2E(t *testing.T) {
	base := testenv.Server(t)
	all := getTileJSON(t, base+"/tiles/all.json")
	if len(all.Bounds) != 4 {
		t.Fatalf("bounds %v", all.Bounds)
	}
	county := orb.Bound{Min: orb.Point{all.Bounds[0], all.Bounds[1]}, Max: orb.Point{all.Bounds[2], all.Bounds[3]}}
	seed, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	var parkNames []string
	for _, p := range seed.Parks {
		parkNames = append(parkNames, p.Name)
	}
	slices.Sort(parkNames)

	// z8 and z9 over the whole county: every park's label once, with its attributes, Chinese intact;
	// no layer below its minimum zoom (redevelopment from 9, parcels from 10: below, their overview).
	labels := map[string]parkLabel{}
	for _, z := range []maptile.Zoom{8, 9} {
		for _, set := range []string{"parks", "all"} {
			count := 0
			for _, tile := range tilesOver(county, z) {
				layers := getTile(t, base, set, tile)
				for name := range layers {
					if set == "parks" && name != "parks" && name != "parks_label" {
						t.Errorf("parks tile holds layer %s", name)
					}
					early := (strings.HasPrefix(name, "parcels") && name != "parcels_overview") || (z < 9 && strings.HasPrefix(name, "redevelopment"))
					if early {
						t.Errorf("z%d all tile holds %s", z, name)
					}
				}
				if l := layers["parks_label"]; l != nil {
					for _, f := range l.Features {
						count++
						labels[f.Properties.MustString("id", "")] = parkLabel{point: f.Point(), props: f.Properties}
					}
				}
			}
			if count != len(seed.Parks) {
				t.Errorf("%s z%d: %d park labels over the county, want %d", set, z, count, len(seed.Parks))
			}
		}
	}
	var names []string
	for id, l := range labels {
		names = append(names, l.props["name"].(string))
		checkParkProps(t, id, l.props)
	}
	slices.Sort(names)
	if !slices.Equal(names, parkNames) {
		t.Errorf("park names in tiles\n%v\nwant the plan's\n%v", names, parkNames)
	}
	if len(labels) == 0 {
		t.Fatal("no park labels")
	}

	// z12: each park's label exactly once across every tile, and in the tile holding its point.
	labelBound := orb.Bound{Min: labels[seed.Parks[0].ID].point, Max: labels[seed.Parks[0].ID].point}
	for _, l := range labels {
		labelBound = labelBound.Extend(l.point)
	}
	seen := map[string]int{}
	for _, tile := range tilesOver(labelBound, 12) {
		if l := getTile(t, base, "all", tile)["parks_label"]; l != nil {
			for _, f := range l.Features {
				seen[f.Properties.MustString("id", "")]++
				if at := maptile.At(f.Point(), 12); at != tile {
					t.Errorf("label in tile %v lies in %v", tile, at)
				}
			}
		}
	}
	for _, p := range seed.Parks {
		if seen[p.ID] != 1 {
			t.Errorf("z12: park %s labelled %d times", p.ID, seen[p.ID])
		}
	}

	// z10 and z14 over a known park: its shape and label in its own tileset, and the context layers
	// in the all tile; only layers within their zooms.
	park := seed.Parks[0]
	at := labels[park.ID].point
	for _, z := range []maptile.Zoom{10, 14} {
		tile := maptile.At(at, z)
		own := getTile(t, base, "parks", tile)
		if len(own) != 2 || !hasFeature(own["parks"], park.ID) || !hasFeature(own["parks_label"], park.ID) {
			t.Errorf("parks z%d over %s: layers %v", z, park.ID, layerNames(own))
		}
		layers := getTile(t, base, "all", tile)
		for _, want := range []string{"parks", "parks_label", "county", "zones"} {
			if layers[want] == nil || len(layers[want].Features) == 0 {
				t.Errorf("all z%d over %s: no %s (have %v)", z, park.ID, want, layerNames(layers))
			}
		}
		if z < 10 && layers["parcels"] != nil {
			t.Errorf("parcels below z10")
		}
	}
	if l := getTile(t, base, "all", maptile.At(at, 17)); l["zones"] != nil || l["county"] != nil {
		t.Errorf("z17 all tile holds layers past their maximum zoom: %v", layerNames(l))
	}
}

func checkParkProps(t *testing.T, id string, p map[string]any) {
	t.Helper()
	if p["provenance"] != "illustrative" {
		t.Errorf("park %s: provenance %v", id, p["provenance"])
	}
	for _, k := range []string{"id", "name", "town", "zone", "zone_name", "status", "industry_text", "dev_mode"} {
		if _, ok := p[k].(string); !ok {
			t.Errorf("park %s: %s is %T", id, k, p[k])
		}
	}
	for _, k := range []string{"seq", "plan_area_mu", "drawn_area_mu", "building_area_wan_m2", "firms"} {
		switch p[k].(type) {
		case float64, float32, int64, uint64:
		default:
			t.Errorf("park %s: %s is %T", id, k, p[k])
		}
	}
	if n, _ := p["name"].(string); !strings.ContainsRune(n, '园') && !strings.ContainsRune(n, '城') {
		t.Errorf("park %s: name %q is not the Chinese name", id, n)
	}
	if _, ok := p["aliases"]; ok {
		t.Errorf("park %s: array property aliases in a tile", id)
	}
}

func hasFeature(l *mvt.Layer, id string) bool {
	if l == nil {
		return false
	}
	return slices.ContainsFunc(l.Features, func(f *geojson.Feature) bool { return f.Properties.MustString("id", "") == id })
}

func layerNames(ls map[string]*mvt.Layer) []string {
	var ns []string
	for n := range ls {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}
