package postgis_test

import (
	"context"
	"math"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

func connect(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func scalar[T any](t *testing.T, conn *pgx.Conn, sql string, args ...any) T {
	t.Helper()
	var v T
	if err := conn.QueryRow(context.Background(), sql, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

// ids runs a query returning text ids and fails the test listing them if there are any.
func expectNone(t *testing.T, conn *pgx.Conn, what, sql string) {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	bad, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if len(bad) > 0 {
		t.Errorf("%s: %v", what, bad)
	}
}

func TestDatasetInvariants(t *testing.T) {
	conn := connect(t, testenv.LoadedDatabase(t))

	if n := scalar[int](t, conn, "SELECT count(*) FROM parks"); n != 20 {
		t.Errorf("parks = %d, want the plan's 20 rows", n)
	}
	// Totals per status equal the plan's printed totals (附件3, 附件4, 附件5), read from the loaded tables.
	for _, c := range []struct {
		statuses []string
		table    string
	}{{[]string{"已竣工"}, "附件3"}, {[]string{"在建"}, "附件4"}, {[]string{"新建", "拟建"}, "附件5"}} {
		printed := scalar[float64](t, conn, "SELECT value::float8 FROM plan_cells WHERE table_id = $1 AND is_total AND column_key = 'area_mu'", c.table)
		got := scalar[float64](t, conn, "SELECT sum(plan_area_mu)::float8 FROM parks WHERE status = ANY($1)", c.statuses)
		if math.Abs(got-printed) > 1e-9 {
			t.Errorf("%v: parks add up to %v 亩, %s prints %v", c.statuses, got, c.table, printed)
		}
		firms := scalar[float64](t, conn, "SELECT value::float8 FROM plan_cells WHERE table_id = $1 AND is_total AND column_key = 'firms'", c.table)
		if got := scalar[float64](t, conn, "SELECT sum(firms)::float8 FROM parks WHERE status = ANY($1)", c.statuses); got != firms {
			t.Errorf("%v: firms add up to %v, %s prints %v", c.statuses, got, c.table, firms)
		}
	}
	expectNone(t, conn, "parks whose drawn area is off the plan's 亩 by more than 1%",
		"SELECT id FROM parks WHERE abs(drawn_area_mu - plan_area_mu::float8) / plan_area_mu::float8 > 0.01")
	expectNone(t, conn, "parcels whose drawn area is off their 亩 by more than 1%",
		"SELECT code FROM parcels WHERE abs(drawn_area_mu - area_mu::float8) / area_mu::float8 > 0.01")
	expectNone(t, conn, "redevelopment areas whose drawn area is off their 亩 by more than 1%",
		"SELECT id FROM redevelopment WHERE abs(drawn_area_mu - site_area_mu::float8) / site_area_mu::float8 > 0.01")

	for _, q := range []struct{ what, sql string }{
		{"invalid geometries", `SELECT 'park ' || id FROM parks WHERE NOT ST_IsValid(geom)
			UNION ALL SELECT 'parcel ' || code FROM parcels WHERE NOT ST_IsValid(geom)
			UNION ALL SELECT 'redevelopment ' || id FROM redevelopment WHERE NOT ST_IsValid(geom)
			UNION ALL SELECT 'zone ' || id FROM zones WHERE geom IS NULL OR NOT ST_IsValid(geom)
			UNION ALL SELECT 'county' FROM county WHERE NOT ST_IsValid(geom)`},
		{"shapes outside the county", `SELECT 'park ' || p.id FROM parks p, county c WHERE NOT ST_Within(p.geom, c.geom)
			UNION ALL SELECT 'parcel ' || x.code FROM parcels x, county c WHERE NOT ST_Within(x.geom, c.geom)
			UNION ALL SELECT 'redevelopment ' || r.id FROM redevelopment r, county c WHERE NOT ST_Within(r.geom, c.geom)
			UNION ALL SELECT 'town ' || t.name FROM towns t, county c WHERE NOT ST_Within(t.geom, c.geom)`},
		{"parks outside their zone", "SELECT p.id FROM parks p JOIN zones z ON z.id = p.zone_id WHERE NOT ST_Within(p.geom, z.geom)"},
		{"town seats outside their zone", "SELECT t.name FROM towns t JOIN zones z ON z.id = t.zone_id WHERE NOT ST_Intersects(t.geom, z.geom)"},
		{"overlapping zones", "SELECT a.id || '/' || b.id FROM zones a JOIN zones b ON a.id < b.id WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1"},
		{"overlapping parks", "SELECT a.id || '/' || b.id FROM parks a JOIN parks b ON a.id < b.id WHERE ST_Intersects(a.geom, b.geom)"},
		{"parcels outside their park", "SELECT x.code FROM parcels x JOIN parks p ON p.id = x.park_id WHERE NOT ST_Within(x.geom, p.geom)"},
		{"overlapping parcels", "SELECT a.code || '/' || b.code FROM parcels a JOIN parcels b ON a.code < b.code WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1"},
		{"redevelopment areas on parks", "SELECT r.id || '/' || p.id FROM redevelopment r JOIN parks p ON ST_Intersects(r.geom, p.geom)"},
		{"a dash read as a figure", "SELECT table_id || ' ' || row_label || ' ' || column_key FROM plan_cells WHERE raw IN ('—', '') AND value IS NOT NULL"},
		{"parcels that do not add up to the plan's yearly supply", `
			SELECT y.park_id || ' ' || y.year FROM park_yearly_plan y
			LEFT JOIN (SELECT park_id, year, sum(area_mu) AS mu FROM parcels GROUP BY 1, 2) s USING (park_id, year)
			WHERE y.measure = 'supply' AND y.value IS NOT NULL AND (s.mu IS NULL OR abs(s.mu - y.value) > 0.005)
			UNION ALL
			SELECT s.park_id || ' ' || s.year FROM (SELECT DISTINCT park_id, year FROM parcels) s
			LEFT JOIN park_yearly_plan y ON y.park_id = s.park_id AND y.year = s.year AND y.measure = 'supply'
			WHERE y.value IS NULL`},
		{"unknown disagreements in the plan", "SELECT id FROM plan_findings WHERE NOT ok AND NOT known"},
	} {
		expectNone(t, conn, q.what, q.sql)
	}

	if got := scalar[float64](t, conn, "SELECT sum(site_area_mu)::float8 FROM redevelopment"); math.Abs(got-3447.19) > 1e-6 {
		t.Errorf("redevelopment areas total %v 亩, 专栏3 says 3447.19", got)
	}
	share := scalar[float64](t, conn, "SELECT (sum(site_area_mu) FILTER (WHERE kind = '旧厂房') / sum(site_area_mu))::float8 FROM redevelopment")
	if share < 0.20 || share > 0.30 {
		t.Errorf("old factories are %.1f%% of the redevelopment area, 专栏3 says about a quarter", share*100)
	}
	if got := scalar[float64](t, conn, "SELECT area_km2 FROM county"); got < 979 || got > 983.5 {
		t.Errorf("county area %.1f km², the public outlines agree on 979–983", got)
	}
	// A "—" is no figure: 金融电子 has no supply plan for 2018 (附件6), not a plan of 0.
	if n := scalar[int](t, conn, "SELECT count(*) FROM park_yearly_plan WHERE park_id = 'jinrong-dianzi' AND measure = 'supply' AND value IS NULL"); n != 3 {
		t.Errorf("金融电子 supply cells without a figure = %d, want 3", n)
	}
	seed, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	if n := scalar[int](t, conn, "SELECT count(*) FROM plan_findings WHERE NOT ok AND known"); n != len(seed.Known) {
		t.Errorf("known inconsistencies loaded = %d, want the %d of data/seed/inconsistencies.json", n, len(seed.Known))
	}
	expectNone(t, conn, "illustrative shapes not marked so",
		`SELECT 'park ' || id FROM parks WHERE provenance <> 'illustrative'
		 UNION ALL SELECT 'parcel ' || code FROM parcels WHERE provenance <> 'illustrative'
		 UNION ALL SELECT 'redevelopment ' || id FROM redevelopment WHERE provenance <> 'illustrative'
		 UNION ALL SELECT 'zone ' || id FROM zones WHERE provenance <> 'illustrative'`)
}

func TestMigrateIsIdempotent(t *testing.T) {
	url := testenv.LoadedDatabase(t)
	store, err := postgis.Open(context.Background(), url, postgis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	applied, err := store.Migrate(context.Background(), data.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Errorf("second migrate applied %v, want nothing", applied)
	}
}
