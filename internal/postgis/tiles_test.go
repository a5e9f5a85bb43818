package postgis_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/tiles"
)

// tileDB is a loaded database with a read-only store on it, as the service opens it, and a plain
// connection for the tests' own questions.
type tileDB struct {
	store *postgis.Store
	conn  *pgx.Conn
}

func openTileDB(t testing.TB) tileDB {
	t.Helper()
	url := testenv.LoadedDatabase(t)
	ctx := context.Background()
	store, err := postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-tiles-test", ReadOnly: true, Tilesets: tiles.MustCatalogue(catalog.DefaultCollections())})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return tileDB{store: store, conn: conn}
}

type labelPoint struct {
	ID    string
	Point orb.Point
	// MercatorArea is the feature's area in Web Mercator square metres, computed here from its
	// shape (not read from the view's area_3857), for the label size rule.
	MercatorArea float64
}

// labelPoints reads the label point of every feature of a view.
func (db tileDB) labelPoints(t testing.TB, view string) []labelPoint {
	t.Helper()
	rows, err := db.conn.Query(context.Background(),
		"SELECT id, ST_X(label_point), ST_Y(label_point), ST_Area(ST_Transform(geom, 3857)) FROM "+pgx.Identifier{view}.Sanitize()+" ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (labelPoint, error) {
		var p labelPoint
		err := r.Scan(&p.ID, &p.Point[0], &p.Point[1], &p.MercatorArea)
		return p, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// decode renders a tile and decodes it into layers by name, projected to WGS84.
func (db tileDB) decode(t testing.TB, set string, tile maptile.Tile) map[string]*mvt.Layer {
	t.Helper()
	return decodeWith(t, db.store, set, tile)
}

// decodeWith is decode with a store of the test's own (a catalogue of its own).
func decodeWith(t testing.TB, store *postgis.Store, set string, tile maptile.Tile) map[string]*mvt.Layer {
	t.Helper()
	c := tiles.Coord{Z: int(tile.Z), X: int(tile.X), Y: int(tile.Y)}
	_, b, err := store.Tile(context.Background(), set, c)
	if err != nil {
		t.Fatalf("tile %s/%s: %v", set, c, err)
	}
	layers, err := mvt.Unmarshal(b)
	if err != nil {
		t.Fatalf("tile %s/%s: decode: %v", set, c, err)
	}
	layers.ProjectToWGS84(tile)
	byName := map[string]*mvt.Layer{}
	for _, l := range layers {
		if byName[l.Name] != nil {
			t.Errorf("tile %s/%s: layer %s twice", set, c, l.Name)
		}
		byName[l.Name] = l
	}
	return byName
}

// tilesCovering lists the tiles at zoom z over the bound, widened by one tile on each side.
func tilesCovering(b orb.Bound, z maptile.Zoom) []maptile.Tile {
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

func boundOf(ps []labelPoint) orb.Bound {
	b := orb.Bound{Min: ps[0].Point, Max: ps[0].Point}
	for _, p := range ps {
		b = b.Extend(p.Point)
	}
	return b
}

// labelSent says whether a feature's label is sent at zoom z: always, or (catalog.Collection's
// LabelMinPixels) where the feature covers that many pixels squared of a 512-pixel tile, below
// tiles.LabelAllZoom.
func labelSent(col catalog.Collection, p labelPoint, z maptile.Zoom) bool {
	if labelsAll(col, z) {
		return true
	}
	side := float64(col.LabelMinPixels) * 40075016.68557849 / 512 / float64(int64(1)<<z)
	return p.MercatorArea >= side*side
}

// TestTileLabelsOnce checks that every label layer (and every point layer) holds each feature's label exactly once across
// the tiles of a zoom, in the tile that contains its point, and nowhere else; where a collection
// sends labels only for features big enough to hold them (parcels), exactly those.
func TestTileLabelsOnce(t *testing.T) {
	db := openTileDB(t)
	cat := tiles.MustCatalogue(catalog.DefaultCollections())
	for _, col := range catalog.DefaultCollections() {
		layer := col.LabelLayer
		if col.GeometryType == "Point" {
			layer = col.ID // a point layer is its own labels: QGIS labelled 山门镇 twice from a buffer
		}
		if layer == "" {
			continue
		}
		points := db.labelPoints(t, col.View)
		if len(points) == 0 {
			t.Errorf("%s: no features", col.ID)
			continue
		}
		set, _ := cat.Tileset(col.ID)
		for _, z := range []maptile.Zoom{maptile.Zoom(col.MinZoom), maptile.Zoom(max(12, col.MinZoom+1)), 13, tiles.LabelAllZoom} {
			seen := map[string]int{}
			for _, tile := range tilesCovering(boundOf(points), z) {
				l := db.decode(t, set.ID, tile)[layer]
				if l == nil {
					continue
				}
				for _, f := range l.Features {
					seen[f.Properties.MustString(idField(col), "")]++
					if want := maptile.At(f.Point(), z); want != tile {
						t.Errorf("%s z%d: a label of tile %v lies in %v", layer, z, tile, want)
					}
				}
			}
			sent := 0
			for _, p := range points {
				want := 0
				if labelSent(col, p, z) {
					want, sent = 1, sent+1
				}
				if seen[p.ID] != want {
					t.Errorf("%s z%d: label of %s (%.0f m² in Web Mercator) appears %d times, want %d", layer, z, p.ID, p.MercatorArea, seen[p.ID], want)
				}
			}
			if len(seen) != sent {
				t.Errorf("%s z%d: %d labels for %d features, %d of them big enough", layer, z, len(seen), len(points), sent)
			}
			// The bundled parcels (13-100 亩) straddle z13's size, so the rule is seen to keep some
			// labels and drop others. (The three bundled constraints are all big enough: their rule is
			// exercised on a county's worth of patches, TestConstraintsTilesAsBefore.)
			if col.ID == "parcels" && z == 13 && (sent == 0 || sent == len(points)) {
				t.Errorf("%s z13: %d of %d labels big enough: the size rule is not exercised", layer, sent, len(points))
			}
		}
	}
}

// idField is the property that names a feature: code for parcels, id elsewhere.
func idField(col catalog.Collection) string {
	if _, ok := col.Property("id"); ok {
		return "id"
	}
	return "code"
}

// TestTileBoundSQLIsTheEnvelopes checks that the label layer's tile bounds, float8 arithmetic on z, x
// and y, are ST_TileEnvelope's own numbers, to the bit: at every zoom 0-22, at the world's edges, in
// Pingyang and at random. A bound off by one unit in the last place would put a label on a tile edge
// in two tiles or none, and TestTileLabelsOnce would meet such a point only by chance.
func TestTileBoundSQLIsTheEnvelopes(t *testing.T) {
	db := openTileDB(t)
	cols := strings.NewReplacer("$1", "z", "$2", "x", "$3", "y")
	var b strings.Builder
	for i, edge := range []string{"xmin", "xmax", "ymin", "ymax"} {
		if i > 0 {
			b.WriteString(" OR ")
		}
		fmt.Fprintf(&b, "%s <> ST_%s(e)", cols.Replace(postgis.TileBoundSQL(edge)), strings.ToUpper(edge[:1])+edge[1:])
	}
	q := `WITH tiles AS (
	    SELECT z, x, y FROM generate_series(0, 22) AS z,
	        LATERAL (VALUES (0, 0), ((1 << z) - 1, (1 << z) - 1), (0, (1 << z) - 1),
	                        (floor((120.4 + 180) / 360 * (1 << z))::int, floor((1 - ln(tan(radians(27.65)) + 1 / cos(radians(27.65))) / pi()) / 2 * (1 << z))::int)) AS v(x, y)
	    UNION ALL
	    SELECT z, floor(random() * (1 << z))::int, floor(random() * (1 << z))::int
	    FROM generate_series(0, 22) AS z, generate_series(1, 500))
	SELECT count(*), count(*) FILTER (WHERE ` + b.String() + `)
	FROM (SELECT z, x, y, ST_TileEnvelope(z, x, y) AS e FROM tiles) AS t`
	var n, off int
	if err := db.conn.QueryRow(context.Background(), q).Scan(&n, &off); err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	if n < 23*500 || off != 0 {
		t.Errorf("%d of %d tiles have a bound that is not ST_TileEnvelope's", off, n)
	}
}

// TestWarmTilesPlansEveryStatementOnEveryConnection: after WarmTiles, every connection of the tile
// pool holds every tile statement with its generic plan, so no user's tile pays for a parse or a
// plan; and a second call finds them there.
func TestWarmTilesPlansEveryStatementOnEveryConnection(t *testing.T) {
	db := openTileDB(t)
	ctx := context.Background()
	want := postgis.TileStatementCount(db.store)
	if want < 10 {
		t.Fatalf("%d tile statements: the catalogue composes more", want)
	}
	before, err := postgis.TilePoolPlans(ctx, db.store)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range before {
		if k >= want {
			t.Fatalf("connection %d has %d planned statements before the warm-up: the test would prove nothing", i, k)
		}
	}
	for range 2 {
		n, err := db.store.WarmTiles(ctx)
		if err != nil || n != want {
			t.Fatalf("WarmTiles: %d statements, %v; want %d", n, err, want)
		}
	}
	after, err := postgis.TilePoolPlans(ctx, db.store)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) < 2 {
		t.Fatalf("%d tile connections", len(after))
	}
	for i, k := range after {
		if k != want {
			t.Errorf("connection %d: %d of %d tile statements planned", i, k, want)
		}
	}
}

// TestTileAfterItsSessionsDied: the database terminates every session of the tile pool (as a
// restart, a failover or an administrator does); the next tile is drawn on a new connection, not
// answered with an error because the pool handed out a dead one.
func TestTileAfterItsSessionsDied(t *testing.T) {
	db := openTileDB(t)
	ctx := context.Background()
	if _, err := db.store.WarmTiles(ctx); err != nil {
		t.Fatal(err)
	}
	var killed int
	if err := db.conn.QueryRow(ctx, "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
		postgis.TileAppName(db.store)).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	if killed < 2 {
		t.Fatalf("%d tile sessions terminated: the warm-up opens the whole pool", killed)
	}
	kunyang := maptile.At(orb.Point{120.5541, 27.67202}, 14)
	for i := range killed + 1 {
		if _, mvt, err := db.store.Tile(ctx, "all", tiles.Coord{Z: 14, X: int(kunyang.X), Y: int(kunyang.Y)}); err != nil || len(mvt) == 0 {
			t.Fatalf("tile %d after the sessions died: %d bytes, %v", i, len(mvt), err)
		}
	}
}

// TestTileLayersAndProperties renders every tileset over a park at several zooms and checks the layers
// present, and that every feature carries each catalogue field with its declared type.
func TestTileLayersAndProperties(t *testing.T) {
	db := openTileDB(t)
	cat := tiles.MustCatalogue(catalog.DefaultCollections())
	park := db.labelPoints(t, "api_parks")[0]
	for _, set := range cat.Tilesets() {
		for _, z := range []maptile.Zoom{0, 8, 10, 12, 14, 17} {
			if int(z) > set.MaxRequestZoom {
				continue
			}
			tile := maptile.At(park.Point, z)
			layers := db.decode(t, set.ID, tile)
			for name := range layers {
				l, ok := layerByID(set, name)
				if !ok {
					t.Errorf("%s z%d: unexpected layer %s", set.ID, z, name)
					continue
				}
				if !l.Visible(int(z)) {
					t.Errorf("%s z%d: layer %s outside its zooms %d-%d", set.ID, z, name, l.MinZoom, l.MaxZoom)
				}
				checkFields(t, fmt.Sprintf("%s z%d %s", set.ID, z, name), l, layers[name])
			}
			// Layers that must be there: the park's own, and the county and zone around it.
			for _, want := range []string{"parks", "parks_label", "county", "zones"} {
				l, ok := layerByID(set, want)
				if ok && l.Visible(int(z)) && layers[want] == nil {
					t.Errorf("%s z%d: no %s layer over park %s", set.ID, z, want, park.ID)
				}
			}
		}
	}
}

func layerByID(set tiles.Tileset, id string) (tiles.Layer, bool) {
	i := slices.IndexFunc(set.Layers, func(l tiles.Layer) bool { return l.ID == id })
	if i < 0 {
		return tiles.Layer{}, false
	}
	return set.Layers[i], true
}

func checkFields(t *testing.T, where string, l tiles.Layer, ml *mvt.Layer) {
	t.Helper()
	if len(ml.Features) == 0 {
		t.Errorf("%s: an empty layer is sent", where)
	}
	for _, f := range ml.Features {
		absent := 0
		for _, field := range l.Fields {
			v, ok := f.Properties[field.Name]
			if !ok && field.Optional {
				absent++ // no value: MVT has no null
				continue
			}
			if !ok {
				t.Errorf("%s: feature lacks %s", where, field.Name)
				continue
			}
			var typeOK bool
			switch field.Type {
			case "String":
				_, typeOK = v.(string)
			case "Number":
				switch v.(type) {
				case float64, float32, int64, uint64:
					typeOK = true
				}
			case "Boolean":
				_, typeOK = v.(bool)
			}
			if !typeOK {
				t.Errorf("%s: %s is %T, want %s", where, field.Name, v, field.Type)
			}
		}
		if len(f.Properties) != len(l.Fields)-absent {
			t.Errorf("%s: %d properties, want %d", where, len(f.Properties), len(l.Fields)-absent)
		}
		if l.Label {
			if _, ok := f.Geometry.(orb.Point); !ok {
				t.Errorf("%s: label is a %s", where, f.Geometry.GeoJSONType())
			}
		}
	}
}

func TestTileEmptyVersionAndExtent(t *testing.T) {
	db := openTileDB(t)
	ctx := context.Background()
	// The dataset version is a hash of the layers' versions (0005_layer_versions.sql): 16 hex digits.
	want, err := db.store.DatasetVersion(ctx)
	if err != nil || len(want) != 16 || strings.Trim(want, "0123456789abcdef") != "" {
		t.Errorf("DatasetVersion = %q, %v", want, err)
	}
	// Open sea east of the Nanji islands: no layer has anything there.
	sea := maptile.At(orb.Point{122.2, 26.9}, 10)
	v, b, err := db.store.Tile(ctx, tiles.AllID, tiles.Coord{Z: 10, X: int(sea.X), Y: int(sea.Y)})
	if err != nil || b != nil || v != want {
		t.Errorf("sea tile: %d bytes, version %q, %v", len(b), v, err)
	}
	// Below a tileset's zooms the store answers empty without a query of the layers.
	v, b, err = db.store.Tile(ctx, "parcels", tiles.Coord{Z: 3, X: 6, Y: 3})
	if err != nil || b != nil || v != want {
		t.Errorf("parcels z3: %d bytes, version %q, %v", len(b), v, err)
	}
	e, err := db.store.TileExtent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The county's box (geodata/README.md): 120.069–121.131 E, 27.427–27.765 N, islands included.
	near := func(a, b float64) bool { return a > b-0.02 && a < b+0.02 }
	if !near(e.MinLon, 120.069) || !near(e.MaxLon, 121.131) || !near(e.MinLat, 27.427) || !near(e.MaxLat, 27.765) {
		t.Errorf("extent %+v is not the county's", e)
	}
	if e.CenterLon < e.MinLon || e.CenterLon > e.MaxLon || e.CenterLat < e.MinLat || e.CenterLat > e.MaxLat {
		t.Errorf("center %v,%v outside the extent", e.CenterLon, e.CenterLat)
	}
	var inside bool
	if err := db.conn.QueryRow(ctx, "SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) FROM api_county",
		e.CenterLon, e.CenterLat).Scan(&inside); err != nil || !inside {
		t.Errorf("center is not on the county: %v %v", inside, err)
	}
}

func TestTileErrors(t *testing.T) {
	db := openTileDB(t)
	ctx := context.Background()
	for _, tc := range []struct {
		set  string
		c    tiles.Coord
		code string
	}{
		{"nope", tiles.Coord{Z: 1}, apperr.NotFound},
		{"parks", tiles.Coord{Z: 19}, apperr.Invalid},
		{"all", tiles.Coord{Z: 23}, apperr.Invalid},
		{"all", tiles.Coord{Z: -1}, apperr.Invalid},
		{"all", tiles.Coord{Z: 2, X: 4}, apperr.Invalid},
		{"all", tiles.Coord{Z: 2, Y: -1}, apperr.Invalid},
	} {
		if _, _, err := db.store.Tile(ctx, tc.set, tc.c); apperr.CodeOf(err) != tc.code {
			t.Errorf("Tile(%s, %v): %v, want %s", tc.set, tc.c, err, tc.code)
		}
	}
	// A tile abandoned by its client fails with the context's error, and leaves no broken transaction
	// behind on a pooled connection.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	c := tiles.Coord{Z: 10, X: 853, Y: 430}
	if _, _, err := db.store.Tile(gone, tiles.AllID, c); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled tile: %v", err)
	}
	for range 5 {
		if _, _, err := db.store.Tile(ctx, tiles.AllID, c); err != nil {
			t.Fatalf("tile after a cancelled one: %v", err)
		}
	}
}
