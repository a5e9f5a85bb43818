package postgis_test

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
)

// featureDB opens a loaded database twice: as the read-only store under test, and as a plain
// connection that computes the expected answers straight from the views.
func featureDB(t testing.TB) (*postgis.Store, *pgx.Conn) {
	t.Helper()
	url := testenv.LoadedDatabase(t)
	store, err := postgis.Open(context.Background(), url, postgis.Options{AppName: "parkmap-test", ReadOnly: true})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(store.Close)
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return store, conn
}

type storedFeature struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties map[string]any  `json:"properties"`
}

func decodeFeatures(t *testing.T, raw []json.RawMessage) []storedFeature {
	t.Helper()
	out := make([]storedFeature, len(raw))
	for i, r := range raw {
		if err := json.Unmarshal(r, &out[i]); err != nil {
			t.Fatalf("feature %d: %v: %s", i, err, r)
		}
	}
	return out
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != code {
		t.Errorf("err = %v, want a %s application error", err, code)
	}
}

// TestFeatureViewsHaveCatalogueColumns ties catalog.DefaultCollections() to
// data/schema/0002_api_views.sql: every published property is a column of its view, named the same,
// besides id, geom, label_point and feature_id (the MVT id, 0025_feature_ids.sql).
func TestFeatureViewsHaveCatalogueColumns(t *testing.T) {
	_, conn := featureDB(t)
	for _, c := range catalog.DefaultCollections() {
		rows, err := conn.Query(context.Background(),
			"SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1", c.View)
		if err != nil {
			t.Fatal(err)
		}
		cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"id", "geom", "label_point", "feature_id"} {
			if !slices.Contains(cols, name) {
				t.Errorf("%s has no column %s", c.View, name)
			}
		}
		for _, p := range c.Properties {
			if !slices.Contains(cols, p.Name) {
				t.Errorf("%s has no column for property %s", c.View, p.Name)
			}
		}
	}
}

func TestFeatureItemsMatchViews(t *testing.T) {
	store, conn := featureDB(t)
	ctx := context.Background()
	for _, c := range catalog.DefaultCollections() {
		t.Run(c.ID, func(t *testing.T) {
			order := `id COLLATE "C"`
			if _, ok := c.Property("seq"); ok {
				order = "seq, " + order
			}
			rows, err := conn.Query(ctx, "SELECT id FROM "+pgx.Identifier{c.View}.Sanitize()+" ORDER BY "+order)
			if err != nil {
				t.Fatal(err)
			}
			want, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				t.Fatal(err)
			}
			raw, matched, err := featureItems(ctx, store, c, nil, nil, 1000, 0)
			if err != nil {
				t.Fatal(err)
			}
			if matched != len(want) || len(raw) != min(len(want), 1000) {
				t.Fatalf("matched %d, returned %d; the view has %d rows", matched, len(raw), len(want))
			}
			var got []string
			keys := make([]string, 0, len(c.Properties)+2)
			for _, p := range c.Properties {
				keys = append(keys, p.Name)
			}
			if c.ID == "parks" {
				keys = append(keys, "phases", "yearly_plan", "inconsistencies")
			}
			slices.Sort(keys)
			for _, f := range decodeFeatures(t, raw) {
				got = append(got, f.ID)
				if f.Type != "Feature" || len(f.Geometry) == 0 {
					t.Errorf("%s: type %q, geometry %s", f.ID, f.Type, f.Geometry)
				}
				var have []string
				for k := range f.Properties {
					have = append(have, k)
				}
				slices.Sort(have)
				if !slices.Equal(have, keys) {
					t.Errorf("%s: properties %v, want %v", f.ID, have, keys)
				}
			}
			if !slices.Equal(got, want[:len(got)]) {
				t.Errorf("order %v, want %v", got, want)
			}
			// The last page and a page past the end count the same.
			if len(want) > 1 {
				last, n, err := featureItems(ctx, store, c, nil, nil, 1, len(want)-1)
				if err != nil || n != len(want) || len(last) != 1 {
					t.Errorf("last page: %d features, matched %d, %v", len(last), n, err)
				}
			}
			past, n, err := featureItems(ctx, store, c, nil, nil, 10, len(want)+5)
			if err != nil || n != len(want) || len(past) != 0 {
				t.Errorf("past the end: %d features, matched %d, %v; want 0, %d", len(past), n, err, len(want))
			}
		})
	}
}

// TestFeatureFilters filters every collection by each filterable property, with a value taken from
// the data and typed as the web layer types it, and compares the count with the view's.
func TestFeatureFilters(t *testing.T) {
	store, conn := featureDB(t)
	ctx := context.Background()
	for _, c := range catalog.DefaultCollections() {
		view := pgx.Identifier{c.View}.Sanitize()
		for _, p := range c.Properties {
			if !p.Filter {
				continue
			}
			t.Run(c.ID+"/"+p.Name, func(t *testing.T) {
				col := pgx.Identifier{p.Name}.Sanitize()
				pick, cond := "SELECT "+col+" FROM "+view+" WHERE "+col+" IS NOT NULL ORDER BY id LIMIT 1", col+" = $1"
				if p.Type == "array" {
					pick, cond = "SELECT u FROM "+view+", unnest("+col+") u ORDER BY id LIMIT 1", "$1 = ANY("+col+")"
				}
				var value any
				switch p.Type {
				case "integer":
					var v int64
					err := conn.QueryRow(ctx, pick).Scan(&v)
					value = v
					if err != nil {
						t.Fatal(err)
					}
				case "boolean":
					var v bool
					err := conn.QueryRow(ctx, pick).Scan(&v)
					value = v
					if err != nil {
						t.Fatal(err)
					}
				default:
					var v string
					err := conn.QueryRow(ctx, pick).Scan(&v)
					value = v
					if err != nil {
						t.Fatal(err)
					}
				}
				var want int
				if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+view+" WHERE "+cond, value).Scan(&want); err != nil {
					t.Fatal(err)
				}
				raw, matched, err := featureItems(ctx, store, c, nil, map[string]any{p.Name: value}, 1000, 0)
				if err != nil {
					t.Fatal(err)
				}
				if matched != want || len(raw) != want || want == 0 {
					t.Errorf("%s=%v: matched %d, returned %d; the view has %d", p.Name, value, matched, len(raw), want)
				}
			})
		}
	}
}

func TestFeatureBBoxAndExtents(t *testing.T) {
	store, _ := featureDB(t)
	ctx := context.Background()
	extents, err := store.CollectionExtents(ctx, catalog.DefaultCollections())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range catalog.DefaultCollections() {
		e, ok := extents[c.ID]
		b := e.BBox
		if !ok || len(b) != 4 || b[0] < 119.5 || b[2] > 121.5 || b[1] < 27 || b[3] > 28.2 || b[0] > b[2] || b[1] > b[3] {
			t.Errorf("%s: extent %v is not a box around Pingyang", c.ID, b)
			continue
		}
		_, all, err := featureItems(ctx, store, c, nil, nil, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, inside, err := featureItems(ctx, store, c, b, nil, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, away, err := featureItems(ctx, store, c, []float64{0, 0, 1, 1}, nil, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if inside != all || away != 0 {
			t.Errorf("%s: its own extent matches %d of %d, a box at 0,0 matches %d", c.ID, inside, all, away)
		}
	}
}

func TestFeatureErrors(t *testing.T) {
	store, _ := featureDB(t)
	ctx := context.Background()
	parks, _ := catalog.Default().Collection("parks")
	var err error
	for _, id := range []string{"nope", "", "\xff", "a\x00b", "'; DROP TABLE parks; --"} {
		_, err = store.Feature(ctx, parks, id, catalog.Selection{})
		wantCode(t, err, apperr.NotFound)
	}
	for _, filters := range []map[string]any{
		{"name": "x"},        // a property, not filterable
		{"nonsense": "x"},    // not a property
		{"town": "\xff\xfe"}, // not UTF-8
		{"town": "a\x00b"},
	} {
		_, _, err = featureItems(ctx, store, parks, nil, filters, 10, 0)
		wantCode(t, err, apperr.Invalid)
	}
	_, _, err = featureItems(ctx, store, parks, []float64{1, 2, 3}, nil, 10, 0)
	wantCode(t, err, apperr.Invalid)
}

// TestParkCard checks what a park card needs in one feature: its phases and yearly plan, with the
// plan's "—" as null.
func TestParkCard(t *testing.T) {
	store, conn := featureDB(t)
	ctx := context.Background()
	parks, _ := catalog.Default().Collection("parks")
	raw, err := store.Feature(ctx, parks, "wanyang", catalog.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		ID         string
		Properties struct {
			Name       string
			Phases     []map[string]any
			YearlyPlan []struct {
				SourceTable string   `json:"source_table"`
				Measure     string   `json:"measure"`
				Year        int      `json:"year"`
				Raw         string   `json:"raw"`
				Value       *float64 `json:"value"`
			} `json:"yearly_plan"`
			Inconsistencies []struct {
				ID      string   `json:"id"`
				Known   bool     `json:"known"`
				Figures []string `json:"figures"`
			} `json:"inconsistencies"`
		}
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != "wanyang" || f.Properties.Name != "万洋众创城" {
		t.Errorf("id %q, name %q", f.ID, f.Properties.Name)
	}
	var phases, cells int
	if err := conn.QueryRow(ctx, "SELECT (SELECT count(*) FROM park_phases WHERE park_id = 'wanyang'), (SELECT count(*) FROM park_yearly_plan WHERE park_id = 'wanyang')").Scan(&phases, &cells); err != nil {
		t.Fatal(err)
	}
	if len(f.Properties.Phases) != phases || phases == 0 {
		t.Errorf("%d phases, the table has %d", len(f.Properties.Phases), phases)
	}
	if len(f.Properties.YearlyPlan) != cells || cells == 0 {
		t.Errorf("%d yearly plan entries, the view has %d", len(f.Properties.YearlyPlan), cells)
	}
	for _, y := range f.Properties.YearlyPlan {
		if strings.TrimSpace(y.Raw) == "—" && y.Value != nil {
			t.Errorf("%s %s %d: raw %q has value %v, want null", y.SourceTable, y.Measure, y.Year, y.Raw, *y.Value)
		}
		if y.SourceTable == "" || y.Measure == "" || y.Year == 0 {
			t.Errorf("incomplete entry %+v", y)
		}
	}
	// 万洋's phases add up to 798 亩 against 866.9 (§三(一)3): the card flags it with both figures.
	if len(f.Properties.Inconsistencies) != 1 || f.Properties.Inconsistencies[0].ID != "phases/wanyang/area_mu" ||
		!f.Properties.Inconsistencies[0].Known || !slices.Equal(f.Properties.Inconsistencies[0].Figures, []string{"798", "866.9"}) {
		t.Errorf("inconsistencies = %+v, want the known phases/wanyang/area_mu with 798 and 866.9", f.Properties.Inconsistencies)
	}
	for _, p := range f.Properties.Phases {
		for _, k := range []string{"phase", "area_mu", "area_approx", "building_wan_m2", "building_approx", "note", "clause"} {
			if _, ok := p[k]; !ok {
				t.Errorf("phase %v has no %s", p["phase"], k)
			}
		}
	}
}

// featureItems reads a whole page through FeatureItems' stream, copying each feature (the stream's
// bytes are valid only until the next one).
func featureItems(ctx context.Context, store *postgis.Store, c catalog.Collection, bbox []float64, filters map[string]any, limit, offset int) ([]json.RawMessage, int, error) {
	return featureSelection(ctx, store, c, catalog.Selection{BBox: bbox, Filters: filters, Limit: limit, Offset: offset})
}

// featureSelection is featureItems for any selection.
func featureSelection(ctx context.Context, store *postgis.Store, c catalog.Collection, sel catalog.Selection) ([]json.RawMessage, int, error) {
	var out []json.RawMessage
	matched := 0
	err := store.FeatureItems(ctx, c, sel, func(n int, features iter.Seq2[json.RawMessage, error]) error {
		matched = n
		for f, err := range features {
			if err != nil {
				return err
			}
			out = append(out, slices.Clone(f))
		}
		return nil
	})
	return out, matched, err
}

// BenchmarkFeatureItems measures the store alone. parcels_past_end runs the window query, which
// returns no row there, and then the count query: the difference from parcels_page is what a
// separate count would cost on every request.
func BenchmarkFeatureItems(b *testing.B) {
	store, _ := featureDB(b)
	ctx := context.Background()
	for _, bb := range []struct {
		name, collection string
		bbox             []float64
		filters          map[string]any
		limit, offset    int
	}{
		{"parks", "parks", nil, nil, 100, 0},
		{"parks_status", "parks", nil, map[string]any{"status": "在建"}, 100, 0},
		{"parks_bbox", "parks", []float64{120.5, 27.55, 120.62, 27.7}, nil, 100, 0},
		{"parcels_page", "parcels", nil, nil, 10, 0},
		{"parcels_past_end", "parcels", nil, nil, 10, 100000},
		{"parcels_1000", "parcels", nil, nil, 1000, 0},
	} {
		b.Run(bb.name, func(b *testing.B) {
			c, _ := catalog.Default().Collection(bb.collection)
			for b.Loop() {
				if _, _, err := featureItems(ctx, store, c, bb.bbox, bb.filters, bb.limit, bb.offset); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The Part 1 selection reaches the SQL: datetime's years select parcels by supply year, sortby orders
// (text by pinyin, nulls last, ties by the stable order), properties and skipGeometry shape each feature.
func TestFeatureSelection(t *testing.T) {
	store, _ := featureDB(t)
	ctx := context.Background()
	cat := catalog.Default()
	parcels, _ := cat.Collection("parcels")
	parks, _ := cat.Collection("parks")
	type props struct {
		Year int     `json:"year"`
		Name string  `json:"name"`
		Area float64 `json:"plan_area_mu"`
	}
	decode := func(raw json.RawMessage) (props, map[string]json.RawMessage, json.RawMessage) {
		var f struct {
			Geometry   json.RawMessage
			Properties map[string]json.RawMessage
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		var p props
		b, _ := json.Marshal(f.Properties)
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		return p, f.Properties, f.Geometry
	}

	_, all, err := featureSelection(ctx, store, parcels, catalog.Selection{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for y := 2018; y <= 2021; y++ {
		fs, n, err := featureSelection(ctx, store, parcels, catalog.Selection{Years: &[2]int{y, y}, Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("no parcel is supplied in %d", y)
		}
		for _, f := range fs {
			if p, _, _ := decode(f); p.Year != y {
				t.Errorf("datetime %d answered a parcel of %d", y, p.Year)
			}
		}
		total += n
	}
	if total != all {
		t.Errorf("the years 2018-2021 hold %d parcels, the collection %d", total, all)
	}
	if _, n, err := featureSelection(ctx, store, parcels, catalog.Selection{Years: &[2]int{2023, 9999}, Limit: 1}); err != nil || n != 0 {
		t.Errorf("parcels after the plan: %d (%v), want 0", n, err)
	}
	// Parks are not dated: a datetime selects nothing away (the standard's "accept and ignore").
	if _, n, err := featureSelection(ctx, store, parks, catalog.Selection{Years: &[2]int{2023, 9999}, Limit: 1}); err != nil || n != 20 {
		t.Errorf("parks with a datetime: %d (%v), want all 20", n, err)
	}

	fs, _, err := featureSelection(ctx, store, parks, catalog.Selection{Limit: 100,
		SortBy: []catalog.SortKey{{Name: "plan_area_mu", Desc: true}}, Properties: []string{"name", "plan_area_mu"}, SkipGeometry: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 20 {
		t.Fatalf("%d parks, want 20", len(fs))
	}
	prev := math.Inf(1)
	for _, f := range fs {
		p, all, geom := decode(f)
		if p.Area > prev {
			t.Errorf("sortby=-plan_area_mu: %s (%g) after %g", p.Name, p.Area, prev)
		}
		prev = p.Area
		if len(all) != 2 || string(geom) != "null" {
			t.Errorf("properties=name,plan_area_mu&skipGeometry=true gave %d properties and geometry %s", len(all), geom)
		}
	}
	// Pinyin order: 鳌江 (ao) sorts before 萧江 (xiao), which byte order would put the other way.
	fs, _, err = featureSelection(ctx, store, parks, catalog.Selection{Limit: 100, SortBy: []catalog.SortKey{{Name: "town"}}, Properties: []string{"town"}})
	if err != nil {
		t.Fatal(err)
	}
	var towns []string
	for _, f := range fs {
		_, all, _ := decode(f)
		var town string
		_ = json.Unmarshal(all["town"], &town)
		towns = append(towns, town)
	}
	if i, j := slices.Index(towns, "鳌江镇"), slices.Index(towns, "萧江镇"); i < 0 || j < 0 || i > j {
		t.Errorf("sortby=town is not by pinyin: %v", towns)
	}
}
