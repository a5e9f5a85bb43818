package postgis_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// BenchmarkTile renders tiles over the first park at z10 and z14, with the cache off (every tile
// rendered by PostGIS) and on (the handler's path on a hit: the version query and a lookup).
func BenchmarkTile(b *testing.B) {
	db := openTileDB(b)
	ctx := context.Background()
	park := db.labelPoints(b, "api_parks")[0]
	for _, set := range []string{tiles.AllID, "parks"} {
		for _, z := range []maptile.Zoom{10, 14} {
			tile := maptile.At(park.Point, z)
			c := tiles.Coord{Z: int(z), X: int(tile.X), Y: int(tile.Y)}
			_, mvtBytes, err := db.store.Tile(ctx, set, c)
			if err != nil {
				b.Fatal(err)
			}
			size := float64(len(mvtBytes))
			b.Run(fmt.Sprintf("%s/z%d/cache=off", set, z), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := db.store.Tile(ctx, set, c); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(size, "tile-bytes")
			})
			b.Run(fmt.Sprintf("%s/z%d/cache=on", set, z), func(b *testing.B) {
				cache := tiles.NewCache(2000, 64<<20)
				// The server keeps the version in memory (postgis.Versions): no query per tile.
				v, err := db.store.DatasetVersion(ctx)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					k := tiles.Key{Version: v, Tileset: set, Coord: c}
					if _, ok := cache.Get(k); !ok {
						v, data, err := db.store.Tile(ctx, set, c)
						if err != nil {
							b.Fatal(err)
						}
						k.Version = v
						cache.Add(k, data)
					}
				}
				b.ReportMetric(size, "tile-bytes")
			})
		}
	}
}

// BenchmarkAllTile compares the ways to build the all-layers tile: one statement concatenating every
// layer's ST_AsMVT (what Store.Tile does), against one query per collection concatenated in Go, in
// sequence or in parallel on the pool.
func BenchmarkAllTile(b *testing.B) {
	db := openTileDB(b)
	ctx := context.Background()
	park := db.labelPoints(b, "api_parks")[0]
	for _, z := range []maptile.Zoom{8, 10, 14} {
		tile := maptile.At(park.Point, z)
		c := tiles.Coord{Z: int(z), X: int(tile.X), Y: int(tile.Y)}
		var visible []catalog.Collection
		for _, col := range catalog.DefaultCollections() {
			if c.Z >= col.MinZoom && c.Z <= col.MaxZoom {
				visible = append(visible, col)
			}
		}
		b.Run(fmt.Sprintf("z%d/one-statement", z), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.store.Tile(ctx, tiles.AllID, c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("z%d/per-collection-sequential", z), func(b *testing.B) {
			for b.Loop() {
				var out []byte
				for _, col := range visible {
					_, part, err := db.store.Tile(ctx, col.ID, c)
					if err != nil {
						b.Fatal(err)
					}
					out = append(out, part...)
				}
				if len(out) == 0 {
					b.Fatal("the concatenated tile is empty")
				}
			}
		})
		b.Run(fmt.Sprintf("z%d/per-collection-parallel", z), func(b *testing.B) {
			for b.Loop() {
				parts := make([][]byte, len(visible))
				var wg sync.WaitGroup
				errs := make([]error, len(parts))
				for i, col := range visible {
					wg.Go(func() { _, parts[i], errs[i] = db.store.Tile(ctx, col.ID, c) })
				}
				wg.Wait()
				for _, err := range errs {
					if err != nil {
						b.Fatal(err)
					}
				}
				_ = slices.Concat(parts...)
			}
		})
	}
}
