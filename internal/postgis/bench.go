package postgis

import (
	"context"
	"time"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/tiles"
)

// BenchLabelPoints returns up to n label points of the live parcels, always the same ones for the
// same data: the load script (cmd/parkload -tiles) maps them to the tiles it asks for, so that its
// tile lists hold data at every zoom, weighted as the parcels are.
func (s *Store) BenchLabelPoints(ctx context.Context, n int) ([]orb.Point, error) {
	rows, err := s.pool.Query(ctx, query("bench_label_points"), n)
	if err != nil {
		return nil, dbError("bench label points", err)
	}
	defer rows.Close()
	var pts []orb.Point
	for rows.Next() {
		var p orb.Point
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, dbError("bench label points", err)
		}
		pts = append(pts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, dbError("bench label points", err)
	}
	return pts, nil
}

// BenchFloorTile renders the parcels of tile c by a bare ST_AsMVT with no attributes: the floor
// against which the load script measures an uncached parkmap tile. An empty tile is nil. pgx prepares
// the statement once per connection, as parkmap's own tile statements are.
func (s *Store) BenchFloorTile(ctx context.Context, c tiles.Coord) ([]byte, error) {
	var mvt []byte
	if err := s.pool.QueryRow(ctx, query("bench_floor_tile"), c.Z, c.X, c.Y).Scan(&mvt); err != nil {
		return nil, dbError("bench floor tile "+c.String(), err)
	}
	return mvt, nil
}

// BenchWaitIdle waits until no other session of this store's application is running a statement:
// a floor tile cut off by the run's time limit is abandoned by the client, but PostgreSQL may go on
// rendering it, and a z8 floor tile takes seconds, so the next run would otherwise share the two cores
// with it (seen: warm z8-z11 at 0.5-0.6 of the ceiling right after a floor run that hit its limit). It
// gives up when ctx ends.
func (s *Store) BenchWaitIdle(ctx context.Context) error {
	for {
		var busy int
		if err := s.pool.QueryRow(ctx, query("bench_busy_sessions")).Scan(&busy); err != nil {
			return dbError("bench busy sessions", err)
		}
		if busy == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
