package postgis_test

import (
	"crypto/md5"
	"encoding/hex"
	"strconv"
	"testing"

	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// featureID is data/schema/0025_feature_ids.sql's parkmap_feature_id, written again from its
// comment: the first 52 bits of md5(collection/key), + 1.
func featureID(t *testing.T, collection, key string) uint64 {
	t.Helper()
	sum := md5.Sum([]byte(collection + "/" + key))
	n, err := strconv.ParseUint(hex.EncodeToString(sum[:])[:13], 16, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n + 1
}

// TestTileFeatureIDs checks that every feature of every collection's layers carries its MVT feature
// id, that the id is the one its key gives (so the same parcel has the same id in every version and
// on every server), that a label carries its shape's id, and that no id is sent twice in a layer of
// one tile. The tiles are those of each feature's label point, at the collection's lowest zoom (8
// at the least), at 14 and at 16, so every feature is met at each.
func TestTileFeatureIDs(t *testing.T) {
	db := openTileDB(t)
	cat := tiles.MustCatalogue(catalog.DefaultCollections())
	for _, col := range catalog.DefaultCollections() {
		points := db.labelPoints(t, col.View)
		if len(points) == 0 {
			t.Errorf("%s: no features", col.ID)
			continue
		}
		set, _ := cat.Tileset(col.ID)
		key := idField(col)
		// From z8 (the county view): below it a zone's shape is smaller than a tile unit and dropped.
		for _, z := range []maptile.Zoom{maptile.Zoom(max(col.MinZoom, 8)), 14, 16} {
			if int(z) > col.MaxZoom {
				continue
			}
			tilesOf := map[maptile.Tile]bool{}
			for _, p := range points {
				tilesOf[maptile.At(p.Point, z)] = true
			}
			seen := map[string]map[string]bool{} // layer → keys met
			for tile := range tilesOf {
				for name, l := range db.decode(t, set.ID, tile) {
					if ly, _ := layerByID(set, name); ly.Overview {
						continue // cells have no key: TestTileOverviewCountsEveryParcel checks their ids
					}
					if seen[name] == nil {
						seen[name] = map[string]bool{}
					}
					inTile := map[uint64]string{}
					for _, f := range l.Features {
						k, ok := f.Properties[key].(string)
						if !ok && len(points) == 1 {
							k = points[0].ID // the county's one outline carries no id property
						}
						id, ok := f.ID.(float64)
						if !ok {
							t.Errorf("%s z%d %v: %s %q has no feature id (%T)", name, z, tile, key, k, f.ID)
							continue
						}
						if want := featureID(t, col.ID, k); uint64(id) != want {
							t.Errorf("%s z%d %v: %q has feature id %d, want %d", name, z, tile, k, uint64(id), want)
						}
						if other, dup := inTile[uint64(id)]; dup {
							t.Errorf("%s z%d %v: feature id %d sent for %q and %q", name, z, tile, uint64(id), other, k)
						}
						inTile[uint64(id)] = k
						seen[name][k] = true
					}
				}
			}
			// Every feature met: in its own layer, and in its label layer where one is drawn.
			for _, name := range []string{col.ID, col.LabelLayer} {
				if l, ok := layerByID(set, name); name == "" || !ok || !l.Visible(int(z)) || (l.Label && !labelsAll(col, z)) {
					continue
				}
				if len(seen[name]) != len(points) {
					t.Errorf("%s z%d: %d of %d features met", name, z, len(seen[name]), len(points))
				}
			}
		}
	}
}

// labelsAll: whether every feature of the collection sends its label at zoom z (no size rule
// applies there; labelSent is the rule).
func labelsAll(col catalog.Collection, z maptile.Zoom) bool {
	return col.LabelMinPixels == 0 || int(z) >= tiles.LabelAllZoom
}
