package postgis

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/plan"
)

// LoadSummary counts what a load wrote.
type LoadSummary struct {
	Version       string
	Parks         int
	Towns         int
	Zones         int
	Parcels       int
	Redevelopment int
	Constraints   int
	PlanCells     int
	Targets       int
	Findings      int
	// EvaluationRounds and Evaluations count the dataset's evaluation notices and the grades they name.
	EvaluationRounds int
	Evaluations      int
}

// Load replaces the whole dataset without ever making a reader wait, and either every row of the new
// dataset is in place or the old one is untouched. It works in three steps on one connection:
//
//  1. stage: the rows go by COPY into temporary tables shaped like the live ones (stageSQL),
//     zones are derived there from the staged county and seats, and the staged rows are checked (row
//     counts, zones, references). Nothing live is locked beyond a catalogue read, so this, the slow
//     part, can take as long as it needs.
//  2. swap: one short transaction deletes the live rows and inserts the staged ones (of a table the
//     dataset shares with people, park_evaluations, only its own rows: stageTable.partial) (DELETE and
//     INSERT … SELECT take ROW EXCLUSIVE, which conflicts with no reader's ACCESS SHARE: MVCC readers
//     see the old rows until the commit, then the new ones). Row and statement triggers on the live
//     tables fire as for any write. dataset_meta is written last, so the version moves with the data.
//  3. ANALYZE the replaced tables, then drop the staging tables.
//
// Unlike TRUNCATE (ACCESS EXCLUSIVE, which also queues every later reader behind it), no step can
// block a read, however long it stalls.
func (s *Store) Load(ctx context.Context, ds *plan.Dataset, version, source string) (LoadSummary, error) {
	tables, sum, err := stageRows(ds)
	if err != nil {
		return LoadSummary{}, fmt.Errorf("load dataset: %w", err)
	}
	sum.Version = version
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return LoadSummary{}, dbError("load dataset", err)
	}
	defer func() {
		// A session whose staging tables could not be dropped is closed, which drops them, rather
		// than handed back to the pool with them.
		keep := context.WithoutCancel(ctx)
		if _, err := conn.Exec(keep, dropStageSQL(tables)); err != nil {
			_ = conn.Conn().Close(keep)
		}
		conn.Release()
	}()
	c := conn.Conn()
	if err := stage(ctx, c, tables, version, source); err != nil {
		return LoadSummary{}, dbError("load dataset: stage", err)
	}
	if err := pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error { return swap(ctx, tx, tables) }); err != nil {
		return LoadSummary{}, dbError("load dataset: swap", err)
	}
	if _, err := c.Exec(ctx, analyzeSQL(tables)); err != nil {
		return sum, fmt.Errorf("load dataset: version %s is in place, but analyze failed: %w", version, err)
	}
	return sum, nil
}

// stage fills the session's staging tables and checks them; see Load.
func stage(ctx context.Context, c *pgx.Conn, tables []stageTable, version, source string) error {
	if _, err := c.Exec(ctx, stageSQL(tables)); err != nil {
		return fmt.Errorf("create: %w", err)
	}
	if _, err := c.Exec(ctx, query("load_stage_meta"), version, source); err != nil {
		return fmt.Errorf("dataset_meta: %w", err)
	}
	for _, t := range tables {
		n, err := c.CopyFrom(ctx, pgx.Identifier{"pg_temp", stageName(t.name)}, t.columns, pgx.CopyFromRows(t.rows))
		if err != nil {
			return fmt.Errorf("copy %s: %w", t.name, err)
		}
		if int(n) != len(t.rows) {
			return fmt.Errorf("copy %s: %d of %d rows", t.name, n, len(t.rows))
		}
	}
	if _, err := c.Exec(ctx, query("load_derive_zones")); err != nil {
		return fmt.Errorf("derive zones: %w", err)
	}
	rows, err := c.Query(ctx, query("load_check"))
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	problems, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("check: %w: %s", errBadDataset, strings.Join(problems, "; "))
	}
	return nil
}

// errBadDataset marks a dataset that staging refused.
var errBadDataset = errors.New("the dataset is inconsistent")

// swap replaces the live rows by the staged ones in tx; see Load. The statements go as one simple-
// protocol query: one round trip, run in order, each taking its table's lock only when it runs (a
// prepared batch would parse, and so lock, every table before the first DELETE).
func swap(ctx context.Context, tx pgx.Tx, tables []stageTable) error {
	stmts := []string{query("load_swap_lock")}
	for i := len(tables) - 1; i >= 0; i-- {
		if tables[i].partial {
			stmts = append(stmts, "DELETE FROM "+pgx.Identifier{tables[i].name}.Sanitize()+" WHERE origin = 'dataset'")
			continue
		}
		stmts = append(stmts, "DELETE FROM "+pgx.Identifier{tables[i].name}.Sanitize()+where(tables[i].guard))
	}
	for _, t := range tables {
		if t.partial {
			// A row of someone else's with the same key (a planner's grade for the park and year)
			// stands: the dataset's is not inserted over it.
			stmts = append(stmts, copySQL(t.name, t.columns)+" ON CONFLICT DO NOTHING")
			continue
		}
		stmts = append(stmts, copySQL(t.name, t.columns)+where(t.guard))
	}
	stmts = append(stmts, query("load_parks_shapes"), query("load_towns_shapes"))
	stmts = append(stmts, "DELETE FROM dataset_meta", copySQL("dataset_meta", metaColumns()))
	_, err := tx.Exec(ctx, strings.Join(stmts, ";\n"))
	return err
}

// where is " WHERE guard", or nothing for a table without a guard.
func where(guard string) string {
	if guard == "" {
		return ""
	}
	return " WHERE " + guard
}

// copySQL is INSERT INTO table (columns) SELECT columns FROM its staging table. The identifiers are
// the loader's fixed table and column names (datasetColumns); no value is ever part of the text.
func copySQL(table string, columns []string) string {
	cols := make([]string, len(columns))
	for i, c := range columns {
		cols[i] = pgx.Identifier{c}.Sanitize()
	}
	list := strings.Join(cols, ", ")
	return "INSERT INTO " + pgx.Identifier{table}.Sanitize() + " (" + list + ") SELECT " + list +
		" FROM " + pgx.Identifier{"pg_temp", stageName(table)}.Sanitize()
}

func stageName(table string) string { return "load_" + table }

// liveTables is every table a load replaces: the dataset's (datasetColumns), then dataset_meta.
// The staging, the swap, the clean-up and ANALYZE all come from this one list.
func liveTables(tables []stageTable) []string {
	names := make([]string, 0, len(tables)+1)
	for _, t := range tables {
		names = append(names, t.name)
	}
	return append(names, "dataset_meta")
}

// stageSQL creates one temporary table per live table, shaped like it (columns, NOT NULL and CHECK
// constraints, keys, generated columns; not foreign keys or triggers). Temporary tables are private
// to the loading session, never WAL-logged, invisible to readers and gone with the session, so a load
// that dies leaves nothing behind. Creating them takes ACCESS SHARE on the live tables for this
// statement only: a reader never waits on it. Leftovers of an earlier load on the session go first.
func stageSQL(tables []stageTable) string {
	stmts := []string{dropStageSQL(tables)}
	for _, name := range liveTables(tables) {
		stmts = append(stmts, "CREATE TEMP TABLE "+pgx.Identifier{stageName(name)}.Sanitize()+
			" (LIKE "+pgx.Identifier{name}.Sanitize()+" INCLUDING ALL)")
	}
	return strings.Join(stmts, ";\n")
}

// dropStageSQL drops the staging tables: the end of every load, good or failed.
func dropStageSQL(tables []stageTable) string {
	names := liveTables(tables)
	for i, name := range names {
		names[i] = pgx.Identifier{"pg_temp", stageName(name)}.Sanitize()
	}
	return "DROP TABLE IF EXISTS " + strings.Join(names, ", ")
}

// analyzeSQL gives fresh statistics to the tables a load replaced, right after the swap commits.
// Without them the planner guesses the size of a table it has never analyzed (the constraints
// layer's 3 rows looked like thousands), and the tile statement, which joins every layer, crossed
// jit_above_cost: each new tile then paid ~90 ms of JIT compilation. ANALYZE takes SHARE UPDATE
// EXCLUSIVE: readers and writers go on.
func analyzeSQL(tables []stageTable) string {
	names := liveTables(tables)
	for i, name := range names {
		names[i] = pgx.Identifier{name}.Sanitize()
	}
	return "ANALYZE " + strings.Join(names, ", ")
}
