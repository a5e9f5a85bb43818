package postgis

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
)

// WarmTiles opens every connection of the tile pool and runs each tile statement once on each, on the
// top-left tile of the world at the statement's zoom (the open sea: an index probe that finds nothing).
// pgx then holds the statement prepared on every connection and PostgreSQL its generic plan, so the
// first tiles after a start cost what every later one does. Without it, each connection paid its
// connect, PostGIS's loading and the parse and plan of every statement inside the first users'
// tiles: a freshly started server drew its first second of z14 tiles at 90-125 a second, against
// 165-185 later (issue 11; cmd/parkload's cold run is exactly that second). Returns the statements run.
func (s *Store) WarmTiles(ctx context.Context) (int, error) {
	if s.tilePool == nil {
		return 0, nil
	}
	// All connections at once, so that each Acquire opens a new one rather than reusing the last.
	n := int(s.tilePool.Config().MaxConns)
	conns := make([]*pgxpool.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Release()
		}
	}()
	for range n {
		c, err := s.tilePool.Acquire(ctx)
		if err != nil {
			return 0, dbError("warm tile connections", err)
		}
		conns = append(conns, c)
	}
	stmts := s.tileSQL.distinct()
	errs := make([]error, len(conns))
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, st := range stmts {
				var version string
				var mvt []byte
				if err := c.QueryRow(ctx, st.sql, st.args(st.z, 0, 0)...).Scan(&version, &mvt); err != nil {
					errs[i] = dbError("warm tile statement", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	return len(stmts), nil
}

// zoomedStatement is a tile statement with a zoom it serves.
type zoomedStatement struct {
	*tileStatement
	z int
}

// distinct lists every statement once, each with the lowest zoom it serves.
func (q *tileQueries) distinct() []zoomedStatement {
	seen := map[*tileStatement]bool{}
	var out []zoomedStatement
	for _, stmts := range q.bySet {
		for z, st := range stmts {
			if st != nil && !seen[st] {
				seen[st] = true
				out = append(out, zoomedStatement{st, z})
			}
		}
	}
	return out
}
