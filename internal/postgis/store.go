// Package postgis is parkmap's only door to the database: connection pools, the schema migrations,
// the dataset loader and every query, each kept as an embedded .sql file named after its method.
package postgis

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/pingyang/parkmap/tiles"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// query returns the text of sql/<name>.sql. A missing file is a programming error caught by tests.
func query(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("postgis: no query %q", name))
	}
	return string(b)
}

// Options configure a Store's pool.
type Options struct {
	// AppName shows in pg_stat_activity, so that a DBA can tell parkmap's sessions apart.
	AppName string
	// ReadOnly makes every session read-only: the serving pool can then never write, whatever a bug asks.
	ReadOnly bool
	// MaxConns caps the pool (0: pgx's default).
	MaxConns int32
	// Tilesets, when set, are the tilesets Tile renders; their statements are composed once here.
	Tilesets *tiles.Catalogue
	// Guard, when set, is checked once at Open: a superuser (or, with Guard.ReadOnly, a role that may
	// write) is refused. Run-time pools set it; migrate and load, which run as the owner, do not.
	Guard *Guard
}

// Store holds a connection pool to a PostGIS database.
type Store struct {
	pool    *pgxpool.Pool
	tileSQL *tileQueries // nil unless Options.Tilesets was given
	// tilePool renders tiles (nil unless Options.Tilesets was given): its sessions plan every
	// statement generically (plan_cache_mode), which the tile statements need and the others must not
	// be given (a filter's plan may depend on its values).
	tilePool *pgxpool.Pool
	// connConfig is the pool's connection settings, for the dedicated LISTEN connection of a
	// Versions watcher, which must not be a pooled one (a pool may close or hand it out).
	connConfig *pgx.ConnConfig
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string, o Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database url: %w", redact(err))
	}
	if o.AppName == "" {
		o.AppName = "parkmap"
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = o.AppName
	if o.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
		// Serving queries are small and run in milliseconds; JIT compilation, triggered by a planner's
		// overestimate, costs ~90 ms a query (seen on tiles before the loader ran ANALYZE).
		cfg.ConnConfig.RuntimeParams["jit"] = "off"
	}
	// A runaway query must not hold a connection forever; the HTTP layer has its own deadlines too.
	cfg.ConnConfig.RuntimeParams["statement_timeout"] = "30000"
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, dbError("connect", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, dbError("connect", err)
	}
	if o.Guard != nil {
		if err := o.Guard.check(ctx, pool); err != nil {
			pool.Close()
			return nil, err
		}
	}
	st := &Store{pool: pool, connConfig: cfg.ConnConfig.Copy()}
	if o.Tilesets != nil {
		st.tileSQL = buildTileQueries(o.Tilesets)
		// PostgreSQL plans a prepared statement afresh on every execution while it guesses that a
		// custom plan beats the generic one, which for the multi-layer tile statements it always does:
		// planning then costs twice the execution. A tile's plan does not depend on z/x/y (one index
		// probe per layer), so the tile sessions are told to use the generic plan. (Before this pool,
		// each tile was BEGIN; SET LOCAL plan_cache_mode; the tile; COMMIT: four statements where one
		// does, a measurable share of a z16 tile's 1.2 ms.)
		tcfg := cfg.Copy()
		tcfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
		tcfg.ConnConfig.RuntimeParams["application_name"] = o.AppName + "-tiles"
		if st.tilePool, err = pgxpool.NewWithConfig(ctx, tcfg); err != nil {
			pool.Close()
			return nil, dbError("connect", err)
		}
	}
	return st, nil
}

// Close releases the pools.
func (s *Store) Close() {
	s.pool.Close()
	if s.tilePool != nil {
		s.tilePool.Close()
	}
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil {
		return dbError("ping", err)
	}
	return nil
}

// nullTime is t as a bind parameter: SQL NULL for the zero time (a filter left open).
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// redact keeps a password in a malformed URL out of error messages.
func redact(err error) error {
	msg := err.Error()
	if i := strings.Index(msg, "://"); i >= 0 {
		return fmt.Errorf("invalid connection string")
	}
	return err
}
