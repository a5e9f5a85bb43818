package postgis_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	stdmaps "maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/synth"
	"github.com/pingyang/parkmap/tiles"
)

// The constraints layer at county scale (issue 11, data/schema/0023_constraints_mercator.sql).

// constraintsMigration is the migration these tests apply to a database loaded without it.
const constraintsMigration = "0023_constraints_mercator.sql"

// synthPatches is how many illustrative farmland patches the tests add to the bundled three areas:
// enough that a county-zoom tile holds more than the overview's 2,000 and the planner's choice of
// index is the one it makes on a county's layer.
const synthPatches = 3000

// constraintsDB is a database migrated up to the migration before 0023, loaded with the bundled
// dataset, given the synthetic patches (written as the owner, as an import's swap does), then migrated
// to the end: 0023 applied on a loaded database with rows.
func constraintsDB(t *testing.T) (url string, conn *pgx.Conn) {
	t.Helper()
	ctx := context.Background()
	url = pgtest.NewDatabase(t)
	store, err := postgis.Open(ctx, url, postgis.Options{AppName: "constraints-test"})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	before := fstest.MapFS{}
	all := data.Migrations()
	names, err := fs.Glob(all, "*.sql")
	if err != nil || !slices.Contains(names, constraintsMigration) {
		t.Fatalf("migrations %v (%v): %s missing", names, err, constraintsMigration)
	}
	for _, n := range names {
		if n < constraintsMigration {
			b, _ := fs.ReadFile(all, n)
			before[n] = &fstest.MapFile{Data: b}
		}
	}
	if _, err := store.Migrate(ctx, before); err != nil {
		t.Fatal(err)
	}
	ds, err := data.LoadDataset()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Load(ctx, ds, "test", "constraints test"); err != nil {
		t.Fatal(err)
	}
	conn, err = pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	insertSynthConstraints(t, conn, synthPatches)
	applied, err := store.Migrate(ctx, all)
	if err != nil || !slices.Contains(applied, 23) {
		t.Fatalf("migrate to the end: applied %v, %v", applied, err)
	}
	if _, err := conn.Exec(ctx, "ANALYZE constraints"); err != nil {
		t.Fatal(err)
	}
	return url, conn
}

// insertSynthConstraints adds parkmap-synth -constraints n's features to the live layer.
func insertSynthConstraints(t *testing.T, conn *pgx.Conn, n int) {
	t.Helper()
	geo := filepath.Join("..", "..", "data", "geo")
	county, err := os.ReadFile(filepath.Join(geo, synth.CountyFile))
	if err != nil {
		t.Fatal(err)
	}
	towns, err := os.ReadFile(filepath.Join(geo, synth.TownsFile))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := synth.ConstraintLayer(&buf, county, towns, n); err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]any, len(fc.Features))
	for i, f := range fc.Features {
		g, err := geojson.NewGeometry(f.Geometry).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		rows[i] = []any{f.Properties.MustString("BSM"), f.Properties.MustString("LX"), f.Properties.MustString("MC"), string(g)}
	}
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "CREATE TEMP TABLE synth_constraints (id text, kind text, name text, geojson text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"synth_constraints"}, []string{"id", "kind", "name", "geojson"}, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `INSERT INTO constraints (id, kind, name, provenance, source_note, geom)
		SELECT id, CASE kind WHEN '永久基本农田' THEN '基本农田' ELSE kind END, name, 'illustrative', 'parkmap-synth -constraints',
		       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)) FROM synth_constraints`); err != nil {
		t.Fatal(err)
	}
}

// The Mercator columns are the shape's own, reprojected: on the rows that were there when 0023 ran
// and on the rows written after it (a swap's delete and insert, an update), and the cells count
// exactly the live rows by the z18 tile of their label point, 亩 included.
func TestConstraintsMercatorColumns(t *testing.T) {
	_, conn := constraintsDB(t)
	ctx := context.Background()
	check := func(when string) {
		t.Helper()
		var rows, bad int
		err := conn.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE NOT (
		        ST_OrderingEquals(geom_3857, ST_Transform(geom, 3857))
		    AND ST_OrderingEquals(label_3857, ST_Transform(label_point, 3857))
		    AND area_3857 = ST_Area(ST_Transform(geom, 3857))
		    AND ST_SRID(geom_3857) = 3857 AND ST_SRID(label_3857) = 3857))
		FROM api_constraints`).Scan(&rows, &bad)
		if err != nil || bad != 0 || rows < synthPatches/2 {
			t.Errorf("%s: %d of %d rows differ from ST_Transform(geom, 3857) (%v)", when, bad, rows, err)
		}
		var diff int
		err = conn.QueryRow(ctx, `SELECT count(*) FROM (
		    (SELECT x, y, parcels, round(area_mu::numeric, 6) FROM live_constraint_cells
		     EXCEPT SELECT t[1], t[2], count(*)::int, round(sum(area_mu)::numeric, 6)
		            FROM constraints CROSS JOIN LATERAL parkmap_z18_tile(label_point) AS t GROUP BY 1, 2)
		    UNION ALL
		    (SELECT t[1], t[2], count(*)::int, round(sum(area_mu)::numeric, 6)
		            FROM constraints CROSS JOIN LATERAL parkmap_z18_tile(label_point) AS t GROUP BY 1, 2
		     EXCEPT SELECT x, y, parcels, round(area_mu::numeric, 6) FROM live_constraint_cells)) d`).Scan(&diff)
		if err != nil || diff != 0 {
			t.Errorf("%s: %d cells differ from the rows (%v)", when, diff, err)
		}
	}
	check("after 0023")
	for _, sql := range []string{
		`UPDATE constraints SET geom = ST_Multi(ST_Translate(geom, 0.01, 0.002)) WHERE id IN (SELECT id FROM constraints ORDER BY id LIMIT 50)`,
		`DELETE FROM constraints WHERE id IN (SELECT id FROM constraints ORDER BY md5(id) LIMIT 400)`,
		`INSERT INTO constraints (id, kind, name, provenance, source_note, geom)
		 SELECT 'again-' || id, kind, name, provenance, source_note, ST_Multi(ST_Translate(geom, 0.003, 0)) FROM constraints ORDER BY id LIMIT 300`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		check("after " + strings.Fields(sql)[0])
	}
	if _, err := conn.Exec(ctx, "TRUNCATE constraints CASCADE"); err != nil {
		t.Fatal(err)
	}
	var cells int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM live_constraint_cells").Scan(&cells); err != nil || cells != 0 {
		t.Errorf("after TRUNCATE: %d cells (%v)", cells, err)
	}
	// The reader reads the new columns through the view, and no more of the cells than the view.
	reader, err := pgx.Connect(ctx, pgtest.RoleURL(conn.Config().ConnString(), "parkmap_reader"))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close(ctx)
	if _, err := reader.Exec(ctx, "SELECT geom_3857, label_3857, area_3857 FROM api_constraints LIMIT 1"); err != nil {
		t.Errorf("reader: %v", err)
	}
	if _, err := reader.Exec(ctx, "SELECT x, y, parcels, area_mu FROM live_constraint_cells LIMIT 1"); err != nil {
		t.Errorf("reader: %v", err)
	}
	if _, err := reader.Exec(ctx, "DELETE FROM constraint_cells"); err == nil {
		t.Error("the reader may delete the cells")
	}
}

// oldConstraints is the catalogue as it was before issue 11 reached the constraints: no Mercator
// columns, every label, no overview.
func oldConstraints() []catalog.Collection {
	cols := catalog.DefaultCollections()
	for i := range cols {
		if cols[i].ID == "constraints" {
			cols[i].Mercator, cols[i].LabelMinPixels, cols[i].Overview = false, 0, nil
		}
	}
	return cols
}

func storeWith(t *testing.T, url string, cols []catalog.Collection) *postgis.Store {
	t.Helper()
	store, err := postgis.Open(context.Background(), pgtest.RoleURL(url, "parkmap_reader"),
		postgis.Options{AppName: "constraints-test", ReadOnly: true, Tilesets: tiles.MustCatalogue(cols)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return store
}

// rawLayers renders a tile and decodes it in tile coordinates (no projection), so that two renders of
// the same shapes compare exactly.
func rawLayers(t *testing.T, store *postgis.Store, set string, tile maptile.Tile) map[string]*mvt.Layer {
	t.Helper()
	_, b, err := store.Tile(context.Background(), set, tiles.Coord{Z: int(tile.Z), X: int(tile.X), Y: int(tile.Y)})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatalf("%v: %v", tile, err)
	}
	m := map[string]*mvt.Layer{}
	for _, l := range ls {
		m[l.Name] = l
	}
	return m
}

// featureKey is a feature as a client sees it: its attributes (JSON, sorted keys) and its geometry.
func featureKeys(t *testing.T, l *mvt.Layer) map[string]string {
	t.Helper()
	out := map[string]string{}
	if l == nil {
		return out
	}
	for _, f := range l.Features {
		props, _ := json.Marshal(f.Properties)
		id := fmt.Sprint(f.Properties["id"])
		if _, dup := out[id]; dup {
			t.Errorf("layer %s: feature %s twice", l.Name, id)
		}
		out[id] = string(props) + " " + fmt.Sprint(f.Geometry)
	}
	return out
}

// At z14 a constraints tile from the Mercator columns holds the same shapes, with the same attributes
// and the same coordinates, as one reprojected per tile did; its labels are the old ones less those of
// features too small to carry one at z14 (LabelMinPixels), and at z16 all of them.
func TestConstraintsTilesAsBefore(t *testing.T) {
	url, conn := constraintsDB(t)
	before, after := storeWith(t, url, oldConstraints()), storeWith(t, url, catalog.DefaultCollections())
	col, _ := catalog.Default().Collection("constraints")
	db := tileDB{conn: conn}
	pts := db.labelPoints(t, "api_constraints")
	area := map[string]float64{}
	for _, p := range pts {
		area[p.ID] = p.MercatorArea
	}
	// The tiles of z14 and z16 in a box of 0.2 degrees about the median label point (every tile of
	// the county would be 3,000 at z14).
	mid := pts[len(pts)/2].Point
	box := orb.Bound{Min: orb.Point{mid[0] - 0.1, mid[1] - 0.1}, Max: orb.Point{mid[0] + 0.1, mid[1] + 0.1}}
	for _, z := range []maptile.Zoom{14, 16} {
		shapes, labels, dropped := 0, 0, 0
		for _, tile := range tilesCovering(box, z) {
			old, now := rawLayers(t, before, "constraints", tile), rawLayers(t, after, "constraints", tile)
			for name := range now {
				if name != "constraints" && name != "constraints_label" {
					t.Fatalf("%v: layer %s", tile, name)
				}
			}
			o, n := featureKeys(t, old["constraints"]), featureKeys(t, now["constraints"])
			if !stdmaps.Equal(o, n) {
				for id := range o {
					if o[id] != n[id] {
						t.Fatalf("%v: feature %s was\n%s\nis\n%s", tile, id, o[id], n[id])
					}
				}
				t.Fatalf("%v: %d features, were %d", tile, len(n), len(o))
			}
			shapes += len(n)
			ol, nl := featureKeys(t, old["constraints_label"]), featureKeys(t, now["constraints_label"])
			for id, f := range ol {
				p := labelPoint{ID: id, MercatorArea: area[id]}
				switch sent := labelSent(col, p, z); {
				case sent && nl[id] != f:
					t.Errorf("%v: label of %s (%.0f m²) was %s, is %q", tile, id, area[id], f, nl[id])
				case !sent && nl[id] != "":
					t.Errorf("%v: label of %s (%.0f m², under %d px²) sent", tile, id, area[id], col.LabelMinPixels)
				case !sent:
					dropped++
				}
			}
			for id := range nl {
				if _, was := ol[id]; !was {
					t.Errorf("%v: label of %s is new", tile, id)
				}
			}
			labels += len(nl)
		}
		t.Logf("z%d: %d shapes, %d labels sent, %d too small", z, shapes, labels, dropped)
		if shapes < 100 || labels == 0 || (z == 14) != (dropped > 0) {
			t.Errorf("z%d: %d shapes, %d labels, %d dropped: the comparison saw too little", z, shapes, labels, dropped)
		}
	}
}

// explainTile returns the JSON plan of the constraints tileset's statement at zoom z for tile
// (z, x, y), as the tile pool runs it (a generic plan), executed.
func explainTile(t *testing.T, conn *pgx.Conn, tile maptile.Tile) string {
	t.Helper()
	ctx := context.Background()
	sql, layers, err := postgis.TileSQL(tiles.MustCatalogue(catalog.DefaultCollections()), "constraints", int(tile.Z))
	if err != nil || sql == "" {
		t.Fatalf("z%d: %q, %v", tile.Z, sql, err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	if _, err := tx.Exec(ctx, "SET LOCAL plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	args := []any{int(tile.Z), int(tile.X), int(tile.Y)}
	for _, l := range layers {
		args = append(args, l)
	}
	var plan string
	if err := tx.QueryRow(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+sql, args...).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	return plan
}

// planNodes lists a JSON plan's nodes as "Node Type on Relation using Index".
func planNodes(t *testing.T, plan string) []string {
	t.Helper()
	var root []struct{ Plan map[string]any }
	if err := json.Unmarshal([]byte(plan), &root); err != nil || len(root) != 1 {
		t.Fatalf("plan: %v", err)
	}
	var out []string
	var walk func(n map[string]any)
	walk = func(n map[string]any) {
		out = append(out, fmt.Sprintf("%v on %v using %v", n["Node Type"], n["Relation Name"], n["Index Name"]))
		kids, _ := n["Plans"].([]any)
		for _, k := range kids {
			if m, ok := k.(map[string]any); ok {
				walk(m)
			}
		}
	}
	walk(root[0].Plan)
	return out
}

// The tile statement finds a tile's shapes and labels through the Web Mercator GiST indexes (the
// label layer scanned the whole table before), never by reading the table through.
func TestConstraintsTileUsesMercatorIndexes(t *testing.T) {
	_, conn := constraintsDB(t)
	db := tileDB{conn: conn}
	pts := db.labelPoints(t, "api_constraints")
	tile := maptile.At(pts[len(pts)/2].Point, 14)
	nodes := planNodes(t, explainTile(t, conn, tile))
	for _, idx := range []string{"constraints_geom_3857_idx", "constraints_label_3857_idx"} {
		if !slices.ContainsFunc(nodes, func(n string) bool {
			return strings.HasSuffix(n, " using "+idx) && strings.Contains(n, "Index Scan")
		}) {
			t.Errorf("z14: no index scan using %s:\n%s", idx, strings.Join(nodes, "\n"))
		}
	}
	for _, n := range nodes {
		if strings.HasPrefix(n, "Seq Scan on constraints ") {
			t.Errorf("z14: %s", n)
		}
	}
}

// Up to zoom 13 a tile holding more than the overview's DenseAbove features carries their cells
// instead (constraints_overview), the cells counting each of its features once; any other tile
// carries the features. The test's catalogue draws the overview above 400 features, so that the
// 3,000 patches make dense tiles at several zooms.
func TestConstraintsOverviewInDenseTiles(t *testing.T) {
	url, conn := constraintsDB(t)
	cols := catalog.DefaultCollections()
	var col catalog.Collection
	for i := range cols {
		if cols[i].ID == "constraints" {
			o := *cols[i].Overview
			o.DenseAbove = 400
			cols[i].Overview = &o
			col = cols[i]
		}
	}
	if def, _ := catalog.Default().Collection("constraints"); col.Overview == nil || def.Overview.DenseAbove != 2000 {
		t.Fatal("the constraints collection has no overview, or the test changed the default's")
	}
	store := storeWith(t, url, cols)
	ctx := context.Background()
	var total int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM constraints").Scan(&total); err != nil {
		t.Fatal(err)
	}
	db := tileDB{conn: conn}
	bound := boundOf(db.labelPoints(t, "api_constraints"))
	for _, z := range []maptile.Zoom{9, 11, 13} {
		dense, counted := 0, 0
		for _, tile := range tilesCovering(bound, z) {
			env := "ST_TileEnvelope($1, $2, $3)"
			var n int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM constraints WHERE ST_X(label_3857) >= ST_XMin("+env+") AND ST_X(label_3857) < ST_XMax("+env+
				") AND ST_Y(label_3857) >= ST_YMin("+env+") AND ST_Y(label_3857) < ST_YMax("+env+")", int(tile.Z), int(tile.X), int(tile.Y)).Scan(&n); err != nil {
				t.Fatal(err)
			}
			ls := decodeWith(t, store, "constraints", tile)
			ov := ls[col.Overview.Layer]
			if n > col.Overview.DenseAbove {
				dense++
				if ov == nil || ls["constraints"] != nil || ls["constraints_label"] != nil {
					t.Errorf("z%d %v: %d features, layers %v: want the overview alone", z, tile, n, slices.Sorted(stdmaps.Keys(ls)))
					continue
				}
			} else if ov != nil {
				t.Errorf("z%d %v: %d features, and the overview", z, tile, n)
				continue
			}
			if ov == nil {
				continue
			}
			cells := 0
			for _, f := range ov.Features {
				c, _ := f.Properties["parcels"].(float64)
				cells += int(c)
			}
			if cells != n {
				t.Errorf("z%d %v: the cells count %d features, the tile holds %d", z, tile, cells, n)
			}
			counted += cells
		}
		// At z9 the county's few tiles are dense: their cells hold most of the layer; at z13 a tile
		// is 4 km and holds fewer than 400 of these patches.
		if (z < 13) != (dense > 0) || z == 9 && (counted < total/2 || counted > total) {
			t.Errorf("z%d: %d dense tiles whose cells count %d of %d features", z, dense, counted, total)
		}
	}
}
