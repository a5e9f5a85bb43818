package postgis

import (
	"context"

	"github.com/pingyang/parkmap/tiles"
)

// TileSQL is the composed statement of a tileset at zoom z and the layer names it binds after z, x
// and y ($4...), for the tests that EXPLAIN it; "" where nothing is drawn.
func TileSQL(cat *tiles.Catalogue, set string, z int) (string, []string, error) {
	st, err := buildTileQueries(cat).statement(set, z)
	if err != nil || st == nil {
		return "", nil, err
	}
	return st.sql, st.layers, nil
}

// TileBoundSQL is tileBoundSQL, for the test that checks it against ST_TileEnvelope.
func TileBoundSQL(edge string) string { return tileBoundSQL(edge) }

// TilePoolPlans holds all the tile pool's connections at once and returns, for each, how many of its
// prepared statements have a generic plan.
func TilePoolPlans(ctx context.Context, s *Store) ([]int, error) {
	conns, release, err := s.holdTileConns(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	var plans []int
	for _, c := range conns {
		var k int
		if err := c.QueryRow(ctx, "SELECT count(*) FROM pg_prepared_statements WHERE generic_plans > 0 AND statement NOT LIKE '%pg_prepared_statements%'").Scan(&k); err != nil {
			return nil, err
		}
		plans = append(plans, k)
	}
	return plans, nil
}

// TileStatementCount is how many distinct tile statements the store composed.
func TileStatementCount(s *Store) int { return len(s.tileSQL.distinct()) }

// TileAppName is the application_name of the tile pool's sessions, for the test that terminates them.
func TileAppName(s *Store) string {
	return s.tilePool.Config().ConnConfig.RuntimeParams["application_name"]
}
