package postgis

import (
	"context"
	"math"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/layerimport"
)

// The area pairs are measured on the spheroid from the session's working table, and the pure check
// reads them: a ledger in 公顷 is told as such, and the one feature entered wrong is listed.
func TestAreaPairsMeasureTheWorkingTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, pgtest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	// Squares near Pingyang (27.65°N) of 0.001° (about 98.6 m by 111 m, some 16.4 亩), 0.002° and
	// 0.0005°; the third's value is its area in 亩 entered as if 公顷, the fourth has no shape.
	for _, sql := range []string{
		`CREATE TEMP TABLE import_work (fid bigint, id text, area_raw text, geom geometry, drawn_mu float8)`,
		`INSERT INTO import_work VALUES
		  (1, 'A', NULL, ST_MakeEnvelope(120.39, 27.64, 120.391, 27.641, 4326)),
		  (2, 'B', NULL, ST_MakeEnvelope(120.40, 27.64, 120.402, 27.642, 4326)),
		  (3, NULL, NULL, ST_MakeEnvelope(120.41, 27.64, 120.4105, 27.6405, 4326)),
		  (4, 'D', '1.5', NULL)`,
		// 公顷 = drawn 亩 / 15, as the bureau's ledger would have it; fid 3 is 4 亩 entered as 公顷.
		`UPDATE import_work SET area_raw = round((ST_Area(geom::geography) / 10000)::numeric, 4)::text WHERE fid IN (1, 2)`,
		`UPDATE import_work SET area_raw = '4' WHERE fid = 3`,
		// The fill measures each shape once (imports_fill.sql).
		`UPDATE import_work SET drawn_mu = ST_Area(geom::geography) / (10000.0 / 15.0)`,
	} {
		if _, err := c.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	pairs, err := areaPairs(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 4 || pairs[0].Fid != 1 || pairs[2].ID != "" || pairs[3].DrawnMu != 0 || pairs[3].Raw != "1.5" {
		t.Fatalf("pairs: %+v", pairs)
	}
	if mu := pairs[0].DrawnMu; mu < 16 || mu > 17 {
		t.Errorf("a 0.001° square near 27.65°N is %.3f 亩; want about 16.4", mu)
	}
	if r := pairs[1].DrawnMu / pairs[0].DrawnMu; math.Abs(r-4) > 0.01 {
		t.Errorf("the double square is %.3f times the single", r)
	}
	chk, err := layerimport.CheckAreas("YDMJ", "", pairs)
	if err != nil || chk.Unit != layerimport.UnitHectare || chk.Features != 3 || len(chk.Disagree) != 1 || chk.Disagree[0].Fid != 3 ||
		math.Abs(chk.Disagree[0].FileMu-60) > 1e-9 {
		t.Errorf("check: %v %+v", err, chk)
	}
}
