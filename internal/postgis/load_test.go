package postgis_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/plan"
	"github.com/pingyang/parkmap/tiles"
)

// loadDB is a loaded database with a writing store (the loader), a read-only serving store and a
// plain connection for looking at the catalogue.
type loadDB struct {
	url    string
	loader *postgis.Store
	reader *postgis.Store
	conn   *pgx.Conn
}

const loaderApp = "parkmap-load-test"

func openLoadDB(t *testing.T) loadDB {
	t.Helper()
	url := testenv.LoadedDatabase(t)
	ctx := context.Background()
	loader, err := postgis.Open(ctx, url, postgis.Options{AppName: loaderApp})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(loader.Close)
	reader, err := postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-load-test-reader", ReadOnly: true,
		Tilesets: tiles.MustCatalogue(catalog.DefaultCollections())})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reader.Close)
	return loadDB{url: url, loader: loader, reader: reader, conn: connect(t, url)}
}

// counts is the number of rows of every table the loader writes, and the dataset version.
func (db loadDB) counts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for table := range postgis.LoadedColumns() {
		out[table] = scalar[int](t, db.conn, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize())
	}
	return out
}

func (db loadDB) version(t *testing.T) string {
	t.Helper()
	return scalar[string](t, db.conn, "SELECT version FROM dataset_meta")
}

// readAll makes every kind of read the service makes and returns the number of features of each
// collection: items of every collection, an all-layers tile over 昆阳镇 and the eligibility facts of a
// registered parcel and of a drawn one.
func (db loadDB) readAll(t *testing.T) map[string]int {
	t.Helper()
	ctx := context.Background()
	n := map[string]int{}
	for _, c := range catalog.DefaultCollections() {
		items, total, err := featureItems(ctx, db.reader, c, nil, nil, 10000, 0)
		if err != nil {
			t.Fatalf("items of %s: %v", c.ID, err)
		}
		if len(items) != total || total == 0 {
			t.Fatalf("items of %s: %d of %d", c.ID, len(items), total)
		}
		n[c.ID] = total
	}
	tile := maptile.At(orb.Point{120.5541, 27.67202}, 10)
	if _, mvt, err := db.reader.Tile(ctx, tiles.AllID, tiles.Coord{Z: 10, X: int(tile.X), Y: int(tile.Y)}); err != nil || len(mvt) == 0 {
		t.Fatalf("tile: %d bytes, %v", len(mvt), err)
	}
	svc := eligibility.NewService(nil, db.reader, 1)
	if f, err := svc.Facts(ctx, eligibility.FactsInput{ParcelID: "RD-018"}); err != nil || f.Parcel == nil {
		t.Fatalf("facts of RD-018: %+v, %v", f, err)
	}
	if _, err := svc.Facts(ctx, eligibility.FactsInput{Geometry: clearBlock, SRID: 4326}); err != nil {
		t.Fatalf("facts of a drawn block: %v", err)
	}
	return n
}

// waitInSwap waits until the load running in the background (its result comes on done) is held in
// its swap, and fails the test if the load ends first. There is no deadline of its own: the test
// binary's -timeout is the only clock, so a slow machine makes the test slower, never wrong.
func (db loadDB) waitInSwap(t *testing.T, done <-chan error) {
	t.Helper()
	for !db.blockedInSwap(t) {
		select {
		case err := <-done:
			t.Fatalf("the load ended before it was held in its swap: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// blockedInSwap reports whether a loader session is waiting for a table lock in its swap transaction,
// with ROW EXCLUSIVE already held on the tables it has swapped.
func (db loadDB) blockedInSwap(t *testing.T) bool {
	t.Helper()
	return scalar[bool](t, db.conn, `
		SELECT EXISTS (
		    SELECT FROM pg_stat_activity a
		    WHERE a.application_name = $1 AND a.wait_event_type = 'Lock' AND a.state = 'active'
		      AND a.backend_xid IS NOT NULL
		      AND EXISTS (SELECT FROM pg_locks l WHERE l.pid = a.pid AND l.granted
		                  AND l.relation = 'parks'::regclass AND l.mode = 'RowExclusiveLock'))`, loaderApp)
}

// holdMetaLock takes SHARE on dataset_meta in a transaction of its own: it lets every reader through
// (ACCESS SHARE) but stops a writer, so a load's swap stops at its last table with every other table
// already replaced in its open transaction. release lets the swap go on.
func (db loadDB) holdMetaLock(t *testing.T) (release func()) {
	t.Helper()
	ctx := context.Background()
	holder := connect(t, db.url)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE dataset_meta IN SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := tx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// smaller is the bundled dataset less its last parcel, so that a reader can tell the old rows from
// the new.
func smaller(t *testing.T) *plan.Dataset {
	t.Helper()
	ds := *dataset(t)
	ds.Parcels = ds.Parcels[:len(ds.Parcels)-1]
	return &ds
}

// Reads of every kind complete while a load is in progress, and see the old dataset until the swap
// commits. The load is held inside its swap transaction (the only step that touches a live table),
// after it has deleted and re-inserted every layer, by a lock on the one table it writes last.
func TestLoadNeverBlocksReads(t *testing.T) {
	db := openLoadDB(t)
	before := db.readAll(t)
	oldVersion := db.version(t)

	release := db.holdMetaLock(t)
	done := make(chan error, 1)
	next := smaller(t)
	go func() {
		_, err := db.loader.Load(context.Background(), next, "smaller", "test")
		done <- err
	}()
	db.waitInSwap(t, done)

	during := db.readAll(t)
	// The reads returned; the load must still be where it was, or they could have waited it out.
	if !db.blockedInSwap(t) {
		t.Fatal("the load left its swap while the reads ran: they did not prove anything")
	}
	select {
	case err := <-done:
		t.Fatalf("the load finished while held: %v", err)
	default:
	}
	if !maps(during, before) || db.version(t) != oldVersion {
		t.Errorf("reads during the swap saw %v (version %s), want the old %v (%s)", during, db.version(t), before, oldVersion)
	}

	release()
	if err := <-done; err != nil {
		t.Fatalf("load: %v", err)
	}
	after := db.readAll(t)
	if after["parcels"] != before["parcels"]-1 || db.version(t) != "smaller" {
		t.Errorf("after the swap: %d parcels (version %s), want %d (smaller)", after["parcels"], db.version(t), before["parcels"]-1)
	}
}

func maps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A load that fails, in staging or in the middle of its swap, leaves the old dataset whole and
// readable, and no staging tables behind.
func TestFailedLoadLeavesDataIntact(t *testing.T) {
	db := openLoadDB(t)
	before, version := db.counts(t), db.version(t)
	read := db.readAll(t)
	check := func(t *testing.T) {
		t.Helper()
		if got := db.counts(t); !maps(got, before) {
			t.Errorf("rows after the failed load %v, want %v", got, before)
		}
		if v := db.version(t); v != version {
			t.Errorf("version %q after the failed load, want %q", v, version)
		}
		if got := db.readAll(t); !maps(got, read) {
			t.Errorf("reads after the failed load %v, want %v", got, read)
		}
		db.expectNoStaging(t)
	}
	broken := map[string]func(ds *plan.Dataset){
		// The last park gets a self-intersecting bow-tie, which the schema rejects.
		"bad park geometry": func(ds *plan.Dataset) {
			ds.Parks = slices.Clone(ds.Parks)
			ds.Parks[len(ds.Parks)-1].Geometry = bowtie()
		},
		// The last layer staged: everything before it has been copied.
		"bad geometry in the last layer": func(ds *plan.Dataset) {
			ds.Constraints = slices.Clone(ds.Constraints)
			ds.Constraints[len(ds.Constraints)-1].Geometry = bowtie()
		},
		"duplicate key": func(ds *plan.Dataset) {
			ds.Constraints = append(slices.Clone(ds.Constraints), ds.Constraints[0])
		},
		"parcel of no park": func(ds *plan.Dataset) {
			ds.Parcels = slices.Clone(ds.Parcels)
			ds.Parcels[len(ds.Parcels)-1].ParkID = "no-such-park"
		},
		"unknown town": func(ds *plan.Dataset) {
			ds.Redevelopment = slices.Clone(ds.Redevelopment)
			ds.Redevelopment[0].Town = "无此镇"
		},
	}
	for name, breakIt := range broken {
		t.Run(name, func(t *testing.T) {
			ds := *dataset(t)
			breakIt(&ds)
			if _, err := db.loader.Load(context.Background(), &ds, "broken", "test"); err == nil {
				t.Fatal("the broken load succeeded")
			} else {
				t.Logf("refused: %v", err)
			}
			check(t)
		})
	}
	// A load cancelled half-way through its swap, after every layer but dataset_meta has been replaced
	// in its transaction, rolls back as a whole.
	t.Run("cancelled in the swap", func(t *testing.T) {
		release := db.holdMetaLock(t)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		next := smaller(t)
		go func() {
			_, err := db.loader.Load(ctx, next, "broken", "test")
			done <- err
		}()
		db.waitInSwap(t, done)
		pid := scalar[int](t, db.conn, "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", loaderApp)
		cancel()
		err := <-done
		release()
		if err == nil {
			t.Fatal("the cancelled load succeeded")
		}
		t.Logf("cancelled: %v", err)
		// pgx gives up a session whose query was cancelled mid-transaction; its staging tables go when
		// the server process ends, which happens a moment after the client has closed it.
		for scalar[bool](t, db.conn, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE pid = $1)", pid) {
			time.Sleep(10 * time.Millisecond)
		}
		check(t)
	})
}

// expectNoStaging fails if any session holds a staging table (a temporary load_* table).
func (db loadDB) expectNoStaging(t *testing.T) {
	t.Helper()
	expectNone(t, db.conn, "staging tables left behind", `
		SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relpersistence = 't' AND c.relname LIKE 'load\_%'`)
}

// Two loads in a row on one store (and so, most likely, one session) each replace the whole dataset
// and leave no staging behind; the second leaves exactly what the first did.
func TestLoadTwiceLeavesNoStaging(t *testing.T) {
	db := openLoadDB(t)
	ds := dataset(t)
	want := db.counts(t)
	for i, v := range []string{"first", "second"} {
		sum, err := db.loader.Load(context.Background(), ds, v, "test")
		if err != nil {
			t.Fatalf("load %d: %v", i+1, err)
		}
		if sum.Parks != len(ds.Parks) || sum.Parcels != len(ds.Parcels) || sum.Zones != len(ds.Zones) || sum.Version != v {
			t.Errorf("load %d: summary %+v", i+1, sum)
		}
		db.expectNoStaging(t)
		if got := db.counts(t); !maps(got, want) {
			t.Errorf("load %d: rows %v, want %v", i+1, got, want)
		}
	}
	if v := db.version(t); v != "second" {
		t.Errorf("version %q, want second", v)
	}
	expectNone(t, db.conn, "zones without a polygon", "SELECT id FROM zones WHERE geom IS NULL")
}

// The swap is an ordinary DELETE and INSERT, so row and statement triggers on the live tables fire
// (the layer versions rely on that; TRUNCATE would fire neither kind of DELETE trigger).
func TestLoadFiresTriggers(t *testing.T) {
	db := openLoadDB(t)
	ctx := context.Background()
	for _, sql := range []string{
		`CREATE TABLE trigger_log (tbl text, op text, level text)`,
		`CREATE FUNCTION log_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
		 BEGIN INSERT INTO trigger_log VALUES (TG_TABLE_NAME, TG_OP, TG_LEVEL); RETURN NULL; END $$`,
		`CREATE TRIGGER log_statement AFTER INSERT OR DELETE ON parks FOR EACH STATEMENT EXECUTE FUNCTION log_trigger()`,
		`CREATE TRIGGER log_row AFTER INSERT OR DELETE ON parcels FOR EACH ROW EXECUTE FUNCTION log_trigger()`,
	} {
		if _, err := db.conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	parcels := scalar[int](t, db.conn, "SELECT count(*) FROM parcels")
	if _, err := db.loader.Load(ctx, smaller(t), "smaller", "test"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tbl, op, level string
		want           int
	}{
		{"parks", "DELETE", "STATEMENT", 1}, {"parks", "INSERT", "STATEMENT", 1},
		{"parcels", "DELETE", "ROW", parcels}, {"parcels", "INSERT", "ROW", parcels - 1},
	} {
		got := scalar[int](t, db.conn, "SELECT count(*) FROM trigger_log WHERE tbl = $1 AND op = $2 AND level = $3", c.tbl, c.op, c.level)
		if got != c.want {
			t.Errorf("%s %s %s triggers: %d, want %d", c.tbl, c.level, c.op, got, c.want)
		}
	}
}

// The loader writes every column of every live table it replaces, except generated ones: a column
// added by a migration and forgotten here fails this test, instead of silently loading as NULL.
func TestLoadWritesEveryColumn(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))
	for table, cols := range postgis.LoadedColumns() {
		rows, err := conn.Query(context.Background(), `
			SELECT attname FROM pg_attribute
			WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
			ORDER BY attname`, table)
		if err != nil {
			t.Fatal(err)
		}
		have, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		if table == "dataset_meta" {
			have = slices.DeleteFunc(have, func(c string) bool { return c == "loaded_at" }) // the swap's now()
		}
		if table == "park_evaluations" {
			have = slices.DeleteFunc(have, func(c string) bool { return c == "entered_at" }) // the swap's now()
		}
		want := slices.Sorted(slices.Values(cols))
		if !slices.Equal(have, want) {
			t.Errorf("%s: table has %v, loader writes %v", table, have, want)
		}
	}
}
