package postgis

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/tiles"
)

// tileStatement is one tile query: a SQL text that never changes (so pgx prepares it once per
// connection and reuses the plan) and the layer names it binds after z, x and y.
type tileStatement struct {
	sql    string
	layers []string
}

// tileQueries holds a statement for every tileset and zoom: bySet[set][z] is nil where no layer is
// drawn. Zooms with the same layers share one statement, so the "all" tileset has five texts in all.
type tileQueries struct {
	bySet map[string][]*tileStatement
}

func buildTileQueries(cat *tiles.Catalogue) *tileQueries {
	q := &tileQueries{bySet: map[string][]*tileStatement{}}
	for _, set := range cat.Tilesets() {
		byLayers := map[string]*tileStatement{}
		stmts := make([]*tileStatement, set.MaxRequestZoom+1)
		for z := range stmts {
			layers := set.LayersAt(z)
			if len(layers) == 0 {
				continue
			}
			var ids []string
			for _, l := range layers {
				ids = append(ids, l.ID+guardAt(l, z))
			}
			k := strings.Join(ids, ",")
			if byLayers[k] == nil {
				byLayers[k] = newTileStatement(layers, z)
			}
			stmts[z] = byLayers[k]
		}
		q.bySet[set.ID] = stmts
	}
	return q
}

// guardAt is the density test a layer's query carries at zoom z (tiles.Layer.DenseRule), or "".
func guardAt(l tiles.Layer, z int) string {
	rule, dense, ok := l.DenseRule(z)
	if !ok {
		return ""
	}
	op := " <= "
	if dense {
		op = " > "
	}
	count := strings.Replace(sqlBody("tile_dense_count"), "{{cells}}", pgx.Identifier{rule.Cells}.Sanitize(), 1)
	return "AND " + count + op + strconv.Itoa(rule.Above)
}

// mercatorPixel is the side of one pixel of a 512-pixel tile at zoom 0, in Web Mercator metres (the
// equator's length / 512), as MapLibre draws vector tiles.
const mercatorPixel = 40075016.68557849 / 512

// labelSizeAt is the label layer's size test (tiles.Layer.LabelMinPixels): its feature's Web Mercator
// area against LabelMinPixels² pixels of the tile's zoom $1, from tiles.LabelAllZoom on none.
func labelSizeAt(l tiles.Layer) string {
	if !l.Label || l.LabelMinPixels == 0 {
		return ""
	}
	side := strconv.FormatFloat(float64(l.LabelMinPixels)*mercatorPixel, 'f', 6, 64)
	return fmt.Sprintf("AND ($1 >= %d OR v.%s >= power(%s / 2 ^ $1, 2))",
		tiles.LabelAllZoom, pgx.Identifier{tiles.MercatorAreaColumn}.Sanitize(), side)
}

// tileBoundSQL is one bound of the Web Mercator envelope of tile ($1, $2, $3) as float8 arithmetic,
// computed as PostGIS's ST_TileEnvelope computes it (bounds.xmin + width / 2^z * x, and so on, from the
// world's square of ±20037508.342789244 m), so the numbers are the envelope's own and a tile's xmax
// is its right neighbour's xmin: the half-open tests of tile_label_layer_3857.sql put each label in
// exactly one tile. edge is "xmin", "xmax", "ymin" or "ymax".
func tileBoundSQL(edge string) string {
	const half, width = "20037508.342789244::float8", "40075016.685578488::float8"
	size := width + " / 2::float8 ^ $1"
	switch edge {
	case "xmin":
		return "(-" + half + " + " + size + " * $2)"
	case "xmax":
		return "(-" + half + " + " + size + " * ($2 + 1))"
	case "ymin":
		return "(" + half + " - " + size + " * ($3 + 1))"
	case "ymax":
		return "(" + half + " - " + size + " * $3)"
	}
	panic("tileBoundSQL: no edge " + edge)
}

// newTileStatement composes tile_set.sql from one layer query per layer at zoom z. Only identifiers
// from the catalogue (quoted by pgx), its fixed thresholds and parameter numbers go into the text.
func newTileStatement(layers []tiles.Layer, z int) *tileStatement {
	st := &tileStatement{}
	parts := make([]string, len(layers))
	for i, l := range layers {
		cols := make([]string, len(l.Fields))
		for j, f := range l.Fields {
			cols[j] = "v." + pgx.Identifier{f.Name}.Sanitize()
		}
		tmpl := "tile_layer"
		switch {
		case l.Overview:
			tmpl = "tile_overview_layer"
		case l.Label, l.PointsOnce:
			tmpl = "tile_label_layer"
		}
		if l.Mercator && !l.Overview {
			tmpl += "_3857"
		}
		st.layers = append(st.layers, l.ID)
		layerSQL := strings.NewReplacer(
			"{{layer_name}}", "$"+strconv.Itoa(3+len(st.layers)),
			"{{geom}}", pgx.Identifier{l.GeomColumn}.Sanitize(),
			"{{view}}", pgx.Identifier{l.View}.Sanitize(),
			"{{columns}}", strings.Join(cols, ", "),
			"{{guard}}", guardAt(l, z),
			"{{label_size}}", labelSizeAt(l),
			"{{xmin}}", tileBoundSQL("xmin"), "{{xmax}}", tileBoundSQL("xmax"),
			"{{ymin}}", tileBoundSQL("ymin"), "{{ymax}}", tileBoundSQL("ymax"),
		).Replace(sqlBody(tmpl))
		parts[i] = "coalesce((" + layerSQL + "), ''::bytea)"
	}
	st.sql = strings.Replace(sqlBody("tile_set"), "{{layers}}", strings.Join(parts, "\n    || "), 1)
	return st
}

// sqlBody is query(name) without its comment lines, which would otherwise repeat inside every
// composed statement (and in pg_stat_activity).
func sqlBody(name string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(query(name)), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}

// args are the statement's bind parameters for tile z/x/y: the coordinate, then the layer names.
func (st *tileStatement) args(z, x, y int) []any {
	args := make([]any, 0, 3+len(st.layers))
	args = append(args, z, x, y)
	for _, l := range st.layers {
		args = append(args, l)
	}
	return args
}

func (q *tileQueries) statement(set string, z int) (*tileStatement, error) {
	stmts, ok := q.bySet[set]
	if !ok {
		return nil, apperr.Errorf(apperr.NotFound, "no tile layer %q", set)
	}
	if z < 0 || z >= len(stmts) {
		return nil, apperr.FieldErrorf(apperr.Invalid, "z", "z %d is outside 0-%d for tileset %s", z, len(stmts)-1, set)
	}
	return stmts[z], nil
}

// DatasetVersion reads the dataset version (a hash of every layer's content version, see
// data/schema/0005_layer_versions.sql) that keys cached tiles and their ETags. The server does not
// call it per request: a Versions watcher keeps it in memory and calls it only when a layer changes.
func (s *Store) DatasetVersion(ctx context.Context) (string, error) {
	var v string
	if err := s.pool.QueryRow(ctx, query("dataset_version")).Scan(&v); err != nil {
		return "", dbError("dataset version", err)
	}
	return v, nil
}

// Tile renders one tile of a tileset and returns it with the version of the data it was made from.
// An empty tile is nil. The coordinate must already be valid for the tileset (tiles.ParseCoord).
func (s *Store) Tile(ctx context.Context, set string, c tiles.Coord) (string, []byte, error) {
	if s.tileSQL == nil {
		return "", nil, fmt.Errorf("tile %s/%s: the store was opened without a tile catalogue", set, c)
	}
	st, err := s.tileSQL.statement(set, c.Z)
	if err != nil {
		return "", nil, err
	}
	if st == nil {
		v, err := s.DatasetVersion(ctx)
		return v, nil, err
	}
	if c.X < 0 || c.Y < 0 || c.X >= 1<<c.Z || c.Y >= 1<<c.Z {
		return "", nil, apperr.Errorf(apperr.Invalid, "tile %s does not exist", c)
	}
	version, mvt, err := s.renderTile(ctx, st, c)
	if err != nil {
		return "", nil, dbError("tile "+set+"/"+c.String(), err)
	}
	if len(mvt) == 0 {
		mvt = nil
	}
	return version, mvt, nil
}

// renderTile runs one tile statement on the tile pool (generic plans, Open): its layers and its
// version come from one snapshot. A connection that dies under the statement (the database
// restarted or failed over, its session was terminated, the network dropped) is not the request's
// fault: the pool's other idle connections date from the same time and are most likely dead too, but
// pgxpool checks only those idle for over a second (and the warm-up keeps all of them open), so the
// pool is reset and the statement, a read-only SELECT, runs once more on a new connection.
func (s *Store) renderTile(ctx context.Context, st *tileStatement, c tiles.Coord) (version string, mvt []byte, err error) {
	for attempt := 0; ; attempt++ {
		conn, err := s.tilePool.Acquire(ctx)
		if err != nil {
			return "", nil, err
		}
		err = conn.QueryRow(ctx, st.sql, st.args(c.Z, c.X, c.Y)...).Scan(&version, &mvt)
		dead := err != nil && conn.Conn().IsClosed()
		conn.Release()
		if !dead || attempt > 0 || ctx.Err() != nil {
			return version, mvt, err
		}
		s.tilePool.Reset()
	}
}

// TileExtent returns the county's bounding box and a point on it, for TileJSON.
func (s *Store) TileExtent(ctx context.Context) (tiles.Extent, error) {
	var e tiles.Extent
	err := s.pool.QueryRow(ctx, query("tile_extent")).Scan(&e.MinLon, &e.MinLat, &e.MaxLon, &e.MaxLat, &e.CenterLon, &e.CenterLat)
	if errors.Is(err, pgx.ErrNoRows) {
		return tiles.Extent{}, apperr.Errorf(apperr.Unavailable, "no dataset is loaded")
	}
	if err != nil {
		return tiles.Extent{}, dbError("tile extent", err)
	}
	return e, nil
}
