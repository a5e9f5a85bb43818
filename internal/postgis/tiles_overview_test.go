package postgis_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/tiles"
)

// cellsMatchRows recounts the parcels' cells from the rows (the bundled table under key 0, each
// import's rows under its id) and compares them with what the triggers of data/schema/0020 kept.
func cellsMatchRows(t *testing.T, conn *pgx.Conn, when string) {
	t.Helper()
	const recount = `SELECT k, t[1], t[2], count(*)::int, sum(area_mu)::float8
		FROM (SELECT 0::bigint AS k, geom, area_mu FROM parcels UNION ALL SELECT import_id, geom, area_mu FROM parcel_versions) r
		CROSS JOIN LATERAL parkmap_z18_tile(ST_PointOnSurface(r.geom)) t GROUP BY 1, 2, 3`
	n := scalar[int](t, conn, `SELECT count(*) FROM (
		(SELECT import_id, x, y, parcels, round(area_mu::numeric, 6) FROM parcel_cells
		 EXCEPT SELECT k, t1, t2, n, round(mu::numeric, 6) FROM (`+recount+`) AS r(k, t1, t2, n, mu))
		UNION ALL
		(SELECT k, t1, t2, n, round(mu::numeric, 6) FROM (`+recount+`) AS r(k, t1, t2, n, mu)
		 EXCEPT SELECT import_id, x, y, parcels, round(area_mu::numeric, 6) FROM parcel_cells)) d`)
	if n != 0 {
		t.Errorf("%s: %d cells differ from a recount of the parcels", when, n)
	}
}

// TestTileOverviewCountsEveryParcel: where the parcels' overview is drawn it counts every parcel
// once, in cells that are squares of 1/32 of the tile (the tiles of zoom z+5), each counting exactly
// the label points in it, with their total 亩; where it is drawn follows the density rule. With the
// catalogue's threshold the bundled 23 parcels are sparse: cells below zoom 10, the parcels from 10.
// With a threshold of 3 (a catalogue of the test's own), tiles holding more than 3 parcels carry
// cells up to zoom 13, the others their parcels, and together they still draw each parcel once.
func TestTileOverviewCountsEveryParcel(t *testing.T) {
	db := openTileDB(t)
	ctx := context.Background()
	cols := catalog.DefaultCollections()
	parcels := slices.IndexFunc(cols, func(c catalog.Collection) bool { return c.ID == "parcels" })
	col := cols[parcels]
	points := db.labelPoints(t, "api_parcels")
	wantMu := scalar[float64](t, db.conn, "SELECT sum(area_mu) FROM api_parcels")
	if len(points) == 0 {
		t.Fatal("no parcels")
	}
	// The parcels drawn one by one are counted by their labels, so the stores here send every label
	// (the size rule, LabelMinPixels, is TestTileLabelsOnce's): cols is the test's own copy of the
	// catalogue, drawn with the catalogue's threshold and with a threshold of 3.
	cols[parcels].LabelMinPixels = 0
	open := func(cols []catalog.Collection) *postgis.Store {
		s, err := postgis.Open(ctx, testenv.LoadedDatabase(t), postgis.Options{AppName: "parkmap-tiles-test", ReadOnly: true, Tilesets: tiles.MustCatalogue(cols)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		return s
	}
	allLabels := open(cols)
	dense := *col.Overview
	dense.DenseAbove = 3
	cols = slices.Clone(cols)
	cols[parcels].Overview = &dense
	denseStore := open(cols)
	for _, tc := range []struct {
		store *postgis.Store
		z     maptile.Zoom
		above int // the threshold, 0 where the overview is drawn whatever the count
	}{
		{allLabels, maptile.Zoom(col.Overview.MinZoom), 0}, {allLabels, maptile.Zoom(col.MinZoom - 1), 0},
		{allLabels, 11, col.Overview.DenseAbove}, {allLabels, 13, col.Overview.DenseAbove},
		{denseStore, 11, 3}, {denseStore, 13, 3},
	} {
		z := tc.z
		total, mu, drawn, denseTiles := 0, 0.0, map[string]int{}, 0
		want := map[maptile.Tile]int{}
		for _, p := range points {
			want[maptile.At(p.Point, z+5)]++
		}
		for _, tile := range tilesCovering(boundOf(points), z) {
			inTile := 0
			for _, p := range points {
				if maptile.At(p.Point, z) == tile {
					inTile++
				}
			}
			layers := decodeWith(t, tc.store, "parcels", tile)
			l, own := layers[col.Overview.Layer], layers["parcels"]
			if lab := layers["parcels_label"]; lab != nil {
				for _, f := range lab.Features {
					drawn[f.Properties.MustString("code", "")]++
				}
			}
			switch {
			case inTile == 0 && l != nil:
				t.Errorf("z%d %v: a tile of no parcel holds cells", z, tile)
			case tc.above == 0 && own != nil, tc.above > 0 && inTile > tc.above && own != nil:
				t.Errorf("z%d %v: %d parcels drawn one by one (threshold %d)", z, tile, inTile, tc.above)
			case tc.above > 0 && inTile > 0 && inTile <= tc.above && (l != nil || own == nil):
				t.Errorf("z%d %v: a sparse tile of %d parcels has overview %v, parcels %v", z, tile, inTile, l != nil, own != nil)
			}
			if l == nil {
				continue
			}
			denseTiles++
			side := (tile.Bound().Max.Lon() - tile.Bound().Min.Lon()) / 32
			for _, f := range l.Features {
				n, a := int(f.Properties.MustFloat64("parcels", -1)), f.Properties.MustFloat64("area_mu", -1)
				poly, ok := f.Geometry.(orb.Polygon)
				if !ok || n <= 0 || a <= 0 {
					t.Fatalf("z%d %v: a cell %T of %d parcels, %v 亩", z, tile, f.Geometry, n, a)
				}
				b := poly.Bound()
				if math.Abs(b.Max.Lon()-b.Min.Lon()-side) > side/1000 || !tile.Bound().Pad(1e-9).Contains(b.Center()) {
					t.Errorf("z%d %v: a cell %v is not a 1/32 square of its tile", z, tile, b)
				}
				// The cell is the tile of zoom z+5 around its centre; it must count the label points
				// in that tile. (A decoded edge is off by up to half a tile unit, so the points are
				// placed by maptile, not tested against the decoded square.)
				cell := maptile.At(b.Center(), z+5)
				if want[cell] != n {
					t.Errorf("z%d %v: cell %v counts %d parcels and holds %d label points", z, tile, cell, n, want[cell])
				}
				// Its feature id is its place among the tiles of z+5 (tile_overview_layer.sql).
				if id, _ := f.ID.(float64); uint64(id) != uint64(cell.X)<<(z+5)+uint64(cell.Y)+1 {
					t.Errorf("z%d %v: cell %v has feature id %v", z, tile, cell, f.ID)
				}
				total, mu = total+n, mu+a
			}
		}
		// Every parcel once: in a cell or as its own label.
		if total+len(drawn) != len(points) || (len(drawn) == 0 && math.Abs(mu-wantMu) > 0.05*float64(total)) {
			t.Errorf("z%d (threshold %d): cells count %d parcels of %.1f 亩, %d drawn one by one; the layer has %d of %.1f", z, tc.above, total, mu, len(drawn), len(points), wantMu)
		}
		if tc.store == denseStore && (denseTiles == 0 || len(drawn) == 0) {
			t.Errorf("z%d: threshold 3 gave %d dense tiles and %d parcels drawn: the test no longer tries both", z, denseTiles, len(drawn))
		}
	}
	cellsMatchRows(t, db.conn, "after the load")
}

// TestParcelCellsFollowEveryWrite: a delete, an update that moves a parcel far away, and an insert
// on the bundled table each keep the cells equal to a recount, inside one transaction rolled back.
func TestParcelCellsFollowEveryWrite(t *testing.T) {
	db := openTileDB(t)
	ctx := context.Background()
	tx, err := db.conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for _, stmt := range []string{
		"DELETE FROM parcels WHERE code = (SELECT min(code) FROM parcels)",
		"UPDATE parcels SET geom = ST_Translate(geom, 0.05, 0.02) WHERE code = (SELECT max(code) FROM parcels)",
		"UPDATE parcels SET area_mu = area_mu + 1",
		`INSERT INTO parcels (code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table, provenance, provenance_note, geom)
		 SELECT code || '-copy', park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table, provenance, provenance_note, geom
		 FROM parcels ORDER BY code LIMIT 3`,
	} {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
		cellsMatchRows(t, tx.Conn(), stmt)
	}
}
