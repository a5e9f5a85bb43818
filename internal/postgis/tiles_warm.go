package postgis

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
)

// WarmTiles opens every connection of the tile pool and runs each tile statement once on each, on the
// top-left tile of the world at the statement's zoom (the open sea: an index probe that finds nothing).
// pgx then holds the statement prepared on every connection and PostgreSQL its generic plan, so no
// user's tile pays for a connect, PostGIS's loading, or a parse and plan (16 statements on 4
// connections: about 360 ms at start). It does not make a fresh server's first tiles as fast as later
// ones: most of that difference is the sessions' first touch of the data (cmd/parkload, issue 11).
// Returns the statements run.
func (s *Store) WarmTiles(ctx context.Context) (int, error) {
	if s.tilePool == nil {
		return 0, nil
	}
	conns, release, err := s.holdTileConns(ctx)
	if err != nil {
		return 0, dbError("warm tile connections", err)
	}
	defer release()
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

// holdTileConns acquires every connection the tile pool may open, all at once, so that each Acquire
// opens a new one rather than reusing the last; release gives them back.
func (s *Store) holdTileConns(ctx context.Context) (conns []*pgxpool.Conn, release func(), err error) {
	release = func() {
		for _, c := range conns {
			c.Release()
		}
	}
	for range int(s.tilePool.Config().MaxConns) {
		c, err := s.tilePool.Acquire(ctx)
		if err != nil {
			release()
			return nil, nil, err
		}
		conns = append(conns, c)
	}
	return conns, release, nil
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
