package postgis

import "github.com/pingyang/parkmap/tiles"

// TileSQL is the composed statement of a tileset at zoom z and the layer names it binds after z, x
// and y ($4...), for the tests that EXPLAIN it; "" where nothing is drawn.
func TileSQL(cat *tiles.Catalogue, set string, z int) (string, []string, error) {
	st, err := buildTileQueries(cat).statement(set, z)
	if err != nil || st == nil {
		return "", nil, err
	}
	return st.sql, st.layers, nil
}
