package postgis_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/cql2"
)

// A CQL2 filter selects exactly the features a hand-written SQL condition on the view selects: the
// oracle is plain SQL written here, the filter goes through the grammar, the type check and the
// compiler, so the two paths share nothing but the view. Every case must match at least one feature
// and leave at least one out (a filter that selects all or none proves little).
func TestFeatureFilterMatchesSQL(t *testing.T) {
	store, conn := featureDB(t)
	ctx := context.Background()
	cat := catalog.Default()
	for _, tc := range []struct {
		collection, filter, crs, oracle string
	}{
		{"parks", "town = '鳌江镇'", "", "town = '鳌江镇'"},
		{"parks", "town <> '鳌江镇' AND plan_area_mu >= 300", "", "town <> '鳌江镇' AND plan_area_mu >= 300"},
		{"parks", "plan_area_mu < 100 OR firms > 50", "", "plan_area_mu < 100 OR firms > 50"},
		{"parks", "NOT (zone = 'coastal' OR zone = 'equipment')", "", "NOT (zone = 'coastal' OR zone = 'equipment')"},
		{"parks", "name LIKE '%万洋%'", "", "name LIKE '%万洋%'"},
		{"parks", "name NOT LIKE '%小微园'", "", "name NOT LIKE '%小微园'"},
		{"parks", "industry_text LIKE '%礼品%'", "", "industry_text LIKE '%礼品%'"},
		{"parks", "firms BETWEEN 20 AND 60", "", "firms BETWEEN 20 AND 60"},
		{"parks", "firms NOT BETWEEN 20 AND 60", "", "firms NOT BETWEEN 20 AND 60"},
		{"parks", "town IN ('鳌江镇', '水头镇')", "", "town IN ('鳌江镇', '水头镇')"},
		{"parks", "seq NOT IN (1, 2, 3)", "", "seq NOT IN (1, 2, 3)"},
		{"parks", "evaluation_grade IS NULL", "", "evaluation_grade IS NULL"},
		{"parks", "evaluation_grade IS NOT NULL", "", "evaluation_grade IS NOT NULL"},
		{"parks", "plan_area_mu > drawn_area_mu", "", "plan_area_mu > drawn_area_mu"},
		{"parks", "supply_2019_mu > 0", "", "supply_2019_mu > 0"},
		{"parcels", "year = 2019 AND area_mu > 20.5", "", "year = 2019 AND area_mu > 20.5"},
		{"parcels", "year = 2019.5 OR year = 2020", "", "year = 2020"},
		{"redevelopment", "old_factory = TRUE", "", "old_factory"},
		{"redevelopment", "old_factory <> TRUE AND current_plot_ratio < 1", "", "NOT old_factory AND current_plot_ratio < 1"},
		{"towns", "name = '昆阳镇' OR kind = '乡'", "", "name = '昆阳镇' OR kind = '乡'"},
		{"parks", "S_INTERSECTS(geometry, BBOX(120.45, 27.60, 120.60, 27.70))", "",
			"ST_Intersects(geom, ST_MakeEnvelope(120.45, 27.60, 120.60, 27.70, 4326))"},
		{"parks", "S_WITHIN(geometry, POLYGON((120.3 27.5, 120.6 27.5, 120.6 27.8, 120.3 27.8, 120.3 27.5)))", "",
			"ST_Within(geom, ST_MakeEnvelope(120.3, 27.5, 120.6, 27.8, 4326))"},
		{"parks", "S_DISJOINT(geometry, BBOX(120.45, 27.60, 120.60, 27.70))", "",
			"ST_Disjoint(geom, ST_MakeEnvelope(120.45, 27.60, 120.60, 27.70, 4326))"},
		{"towns", "S_WITHIN(geometry, BBOX(27.5, 120.3, 27.8, 120.6))", "http://www.opengis.net/def/crs/EPSG/0/4490",
			"ST_Within(geom, ST_MakeEnvelope(120.3, 27.5, 120.6, 27.8, 4326))"},
		// A Gauss-Krüger box, northing first, is the same box as PostGIS transforms it.
		{"towns", "S_INTERSECTS(geometry, BBOX(3040000, 530000, 3070000, 560000))", "http://www.opengis.net/def/crs/EPSG/0/4549",
			"ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(530000, 3040000, 560000, 3070000, 4549), 4326))"},
		// A quote in the text is a value, never SQL.
		{"parks", "name = 'x'' OR ''1''=''1' OR town = '鳌江镇'", "", "town = '鳌江镇'"},
	} {
		c, ok := cat.Collection(tc.collection)
		if !ok {
			t.Fatalf("no collection %s", tc.collection)
		}
		expr, err := cql2.Parse(tc.filter, c.Queryables())
		if err != nil {
			t.Errorf("%s: %v", tc.filter, err)
			continue
		}
		sel := catalog.Selection{Filter: expr, Limit: 1000}
		if tc.crs != "" {
			if sel.FilterCRS, ok = catalog.LookupCRS(tc.crs); !ok {
				t.Fatalf("no CRS %s", tc.crs)
			}
		}
		raw, matched, err := featureSelection(ctx, store, c, sel)
		if err != nil {
			t.Errorf("%s %s: %v", tc.collection, tc.filter, err)
			continue
		}
		var got []string
		for _, f := range decodeFeatures(t, raw) {
			got = append(got, f.ID)
		}
		want := oracleIDs(t, conn, c, tc.oracle)
		all := oracleIDs(t, conn, c, "true")
		slices.Sort(got)
		if !slices.Equal(got, want) || matched != len(want) {
			t.Errorf("%s filter %s:\n got %d %v\nwant %d %v", tc.collection, tc.filter, matched, got, len(want), want)
		}
		if len(want) == 0 || len(want) == len(all) {
			t.Errorf("%s filter %s selects %d of %d: the case proves nothing", tc.collection, tc.filter, len(want), len(all))
		}
	}
}

func oracleIDs(t *testing.T, conn *pgx.Conn, c catalog.Collection, cond string) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), "SELECT id FROM "+pgx.Identifier{c.View}.Sanitize()+" WHERE "+cond)
	if err != nil {
		t.Fatalf("oracle %s: %v", cond, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("oracle %s: %v", cond, err)
	}
	slices.Sort(ids)
	return ids
}

// Filters that reach the database but would make it fail are answered as the client's fault or as
// a result: a self-intersecting polygon (GEOS would throw), a timestamp compared with a date, a
// filter with the other parameters.
func TestFeatureFilterEdges(t *testing.T) {
	store, _ := featureDB(t)
	ctx := context.Background()
	parks, _ := catalog.Default().Collection("parks")
	for _, f := range []string{
		"S_INTERSECTS(geometry, POLYGON((120.3 27.5, 120.7 27.8, 120.7 27.5, 120.3 27.8, 120.3 27.5)))",
		"facts_updated_at > DATE('2000-01-01') OR facts_updated_at IS NULL",
		"facts_updated_at < TIMESTAMP('2100-01-01T00:00:00Z') OR TRUE",
		"S_INTERSECTS(geometry, LINESTRING(120.3 27.5, 120.7 27.8)) OR FALSE",
	} {
		expr, err := cql2.Parse(f, parks.Queryables())
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, crs := range []string{"", "EPSG:4549", "EPSG:3857"} {
			sel := catalog.Selection{Filter: expr, Limit: 5, BBox: []float64{119, 27, 121, 28}, SortBy: []catalog.SortKey{{Name: "name"}}}
			sel.FilterCRS, _ = catalog.LookupCRS(crs)
			if crs == "" {
				sel.FilterCRS = catalog.CRSs[0]
			}
			if _, _, err := featureSelection(ctx, store, parks, sel); err != nil {
				t.Errorf("%s in %q: %v (%s)", f, crs, err, apperr.CodeOf(err))
			}
		}
	}
}

// BenchmarkFeatureFilter measures a CQL2 filter in the store, parse included (what a request pays
// beyond the page itself): a comparison, and a spatial test with a Gauss-Krüger box.
func BenchmarkFeatureFilter(b *testing.B) {
	store, _ := featureDB(b)
	ctx := context.Background()
	for _, bb := range []struct{ name, collection, filter, crs string }{
		{"parks_compare", "parks", "town = '鳌江镇' OR plan_area_mu > 300", ""},
		{"parks_polygon", "parks", "S_INTERSECTS(geometry, POLYGON((120.3 27.5, 120.7 27.5, 120.7 27.8, 120.3 27.8, 120.3 27.5)))", ""},
		{"parcels_gk_box", "parcels", "S_INTERSECTS(geometry, BBOX(3040000, 530000, 3070000, 560000)) AND year >= 2019", "EPSG:4549"},
	} {
		b.Run(bb.name, func(b *testing.B) {
			c, _ := catalog.Default().Collection(bb.collection)
			crs, _ := catalog.LookupCRS(bb.crs)
			for b.Loop() {
				expr, err := cql2.Parse(bb.filter, c.Queryables())
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := featureSelection(ctx, store, c, catalog.Selection{Filter: expr, FilterCRS: crs, Limit: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
