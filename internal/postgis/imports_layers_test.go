package postgis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/layerimport"
)

// codes lists the findings' codes by feature id, for compact assertions.
func codes(p layerimport.Preview) map[string][]string {
	out := map[string][]string{}
	for _, f := range p.Findings {
		out[f.ID] = append(out[f.ID], f.Code)
	}
	return out
}

// A park boundary file, as a park operator or the land bureau sends it: features named by the plan's
// id, name or alias (one park in two phases), and one park the plan does not have. The matched parks
// get the file's boundary, provenance real; the unmatched one is listed and left out, never guessed;
// the plan's attributes stay; a reload of the plan keeps the real shapes; a second version without a
// park gives that park its bundled shape back; a rollback restores the first.
func TestImportParks(t *testing.T) {
	im, db := newImporter(t)
	ctx := context.Background()
	bundledNote := scalar[string](t, db.conn, "SELECT provenance_note FROM parks WHERE id = 'kunyang-lipin'")
	dir := t.TempDir()
	v1 := writeGeoJSON(t, dir, "parks.geojson", []feature{
		{map[string]any{"园区名称": "平阳金融电子小微园"}, square(cx, cy, 0.004)},
		{map[string]any{"园区名称": "平阳印刷小微园"}, square(cx+0.01, cy, 0.003)},        // an alias of binhai-yinshua
		{map[string]any{"园区名称": "kunyang-lipin"}, square(cx-0.01, cy, 0.002)},  // the plan's id
		{map[string]any{"园区名称": "昆阳 礼品小微园"}, square(cx-0.01, cy+0.003, 0.002)}, // the same park's second phase
		{map[string]any{"园区名称": "平阳不存在小微园"}, square(cx, cy+0.01, 0.002)},
	})
	p, err := im.run(t, v1, importReq{Layer: layerimport.LayerParks, Mapping: map[string]string{"park": "园区名称"}, Publish: true})
	if err != nil {
		t.Fatalf("import parks: %v\n%+v", err, p.Findings)
	}
	c := codes(p)
	if got := c["平阳不存在小微园"]; len(got) != 1 || got[0] != layerimport.Unmatched {
		t.Errorf("the park the plan lacks: %v; want unmatched", got)
	}
	if got := c["kunyang-lipin"]; len(got) != 2 || got[0] != layerimport.Merged || got[1] != layerimport.Merged {
		t.Errorf("a park in two phases: %v (all: %v); want merged", got, c)
	}
	if a, r, ch := p.DiffCounts(); a != 3 || r != 0 || ch != 0 {
		t.Errorf("diff %d added %d removed %d changed; want 3 parks getting real shapes", a, r, ch)
	}
	if p.Published != 1 {
		t.Fatalf("published %d; want version 1", p.Published)
	}
	var staged struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(p.Staged, &staged); err != nil || len(staged.Features) != 5 {
		t.Errorf("staged preview: %d features, %v", len(staged.Features), err)
	}
	real := func() map[string]string {
		rows, err := db.conn.Query(ctx, "SELECT id, provenance FROM api_parks WHERE provenance = 'real' ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var id, prov string
			if err := rows.Scan(&id, &prov); err != nil {
				t.Fatal(err)
			}
			out[id] = prov
		}
		return out
	}
	if got := real(); len(got) != 3 || got["jinrong-dianzi"] == "" || got["binhai-yinshua"] == "" || got["kunyang-lipin"] == "" {
		t.Errorf("real parks after v1: %v", got)
	}
	// Two phases make one boundary: the drawn area is both squares'.
	one := scalar[float64](t, db.conn, "SELECT ST_Area(ST_MakeEnvelope($1::float8, $2::float8, $1::float8 + 0.002, $2::float8 + 0.002, 4326)::geography) / (10000.0/15)", cx-0.01, cy)
	if got := scalar[float64](t, db.conn, "SELECT drawn_area_mu FROM parks WHERE id = 'kunyang-lipin'"); got < 1.9*one || got > 2.01*one {
		t.Errorf("kunyang-lipin drawn %.2f 亩; want the two phases, about %.2f", got, 2*one)
	}
	if got := scalar[string](t, db.conn, "SELECT provenance_note FROM parks WHERE id = 'kunyang-lipin'"); !strings.Contains(got, "parks.geojson") {
		t.Errorf("provenance note %q names no file", got)
	}
	// A reload of the plan rewrites the parks; the imported boundaries are applied again.
	if _, err := db.loader.Load(ctx, dataset(t), "reload", "test"); err != nil {
		t.Fatal(err)
	}
	if got := real(); len(got) != 3 {
		t.Errorf("real parks after a reload: %v", got)
	}
	// Version 2 has only one park: the other two go back to their bundled shapes and notes.
	v2 := writeGeoJSON(t, dir, "parks2.geojson", []feature{{map[string]any{"name": "平阳金融电子小微园"}, square(cx, cy, 0.005)}})
	p, err = im.run(t, v2, importReq{Layer: layerimport.LayerParks, Mapping: map[string]string{"park": "name"}, Publish: true})
	if err != nil {
		t.Fatal(err)
	}
	if a, r, ch := p.DiffCounts(); a != 0 || r != 2 || ch != 1 {
		t.Errorf("v2 diff %d added %d removed %d changed; want 0, 2, 1", a, r, ch)
	}
	if got := real(); len(got) != 1 {
		t.Errorf("real parks after v2: %v", got)
	}
	if got := scalar[string](t, db.conn, "SELECT provenance_note FROM parks WHERE id = 'kunyang-lipin'"); got != bundledNote {
		t.Errorf("kunyang-lipin's note after v2 = %q; want the bundled %q", got, bundledNote)
	}
	if _, err := db.loader.RollbackLayer(ctx, accounts.CommandLine("tester"), layerimport.LayerParks, 1); err != nil {
		t.Fatal(err)
	}
	if got := real(); len(got) != 3 {
		t.Errorf("real parks after rollback to v1: %v", got)
	}
	// A file where nothing matches publishes nothing.
	none := writeGeoJSON(t, dir, "none.geojson", []feature{{map[string]any{"name": "外县园区"}, square(cx, cy, 0.001)}})
	if _, err := im.run(t, none, importReq{Layer: layerimport.LayerParks, Mapping: map[string]string{"park": "name"}, Publish: true}); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("nothing matched: %v; want invalid", err)
	}
}

// A land bureau's parcels with its own field names and types: a year as a number, an area, a park
// by name, one not in the plan. A year that is not a number blocks the publish and names the field;
// the fixed file replaces the whole layer (provenance real), parcels without a plan park included,
// and a reload of the plan leaves the county's parcels alone.
func TestImportParcels(t *testing.T) {
	im, db := newImporter(t)
	ctx := context.Background()
	dir := t.TempDir()
	rows := func(year any) []feature {
		return []feature{
			{map[string]any{"DKBH": "330326-2021-001", "SSYQ": "平阳金融电子小微园", "GDNF": 2021, "YDMJ": 12.5, "TDYT": "工业用地", "RJL": 2.0, "QLR": "平阳某某公司"}, square(cx, cy, 0.001)},
			{map[string]any{"DKBH": "330326-2022-002", "SSYQ": "", "GDNF": year, "YDMJ": 3.2, "TDYT": "工业用地"}, square(cx+0.003, cy, 0.001)},
			{map[string]any{"DKBH": "330326-2022-003", "SSYQ": "外县园区", "GDNF": 2022, "YDMJ": 1.0}, square(cx+0.006, cy, 0.001)},
		}
	}
	m := map[string]string{"id": "DKBH", "park": "SSYQ", "year": "GDNF", "area": "YDMJ", "use": "TDYT", "plot_ratio": "RJL", "owner": "QLR"}
	bad := writeGeoJSON(t, dir, "bad.geojson", rows("二〇二二"))
	p, err := im.run(t, bad, importReq{Layer: layerimport.LayerParcels, Mapping: m, AreaUnit: "亩", Publish: true})
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("a year in words: %v; want invalid", err)
	}
	if got := codes(p)["330326-2022-002"]; len(got) != 1 || got[0] != layerimport.BadNumber {
		t.Errorf("bad year findings: %v (%v)", codes(p), err)
	}
	if n := scalar[int](t, db.conn, "SELECT count(*) FROM parcels WHERE provenance = 'real'"); n != 0 {
		t.Errorf("a refused publish wrote %d parcels", n)
	}
	good := writeGeoJSON(t, dir, "good.geojson", rows(2022))
	// Without the unit, areas this far from the drawn ones cannot tell it: the import asks.
	if _, err = im.run(t, good, importReq{Layer: layerimport.LayerParcels, Mapping: m, Publish: true}); err == nil || !hasField(err, "area_unit") {
		t.Errorf("an area field of no telling unit: %v; want a field error area_unit", err)
	}
	p, err = im.run(t, good, importReq{Layer: layerimport.LayerParcels, Mapping: m, AreaUnit: "亩", Publish: true})
	if err != nil {
		t.Fatalf("import parcels: %v %+v", err, p.Findings)
	}
	if p.Area == nil || p.Area.Unit != "亩" || p.Area.Field != "YDMJ" || p.Area.DisagreeCount != 3 {
		t.Errorf("area check: %+v; want the given 亩 and all 3 parcels disagreeing with their drawn ~16 亩", p.Area)
	}
	if got := codes(p)["330326-2022-003"]; len(got) != 1 || got[0] != layerimport.Unmatched {
		t.Errorf("unknown park: %v", codes(p))
	}
	check := func(when string) {
		t.Helper()
		if n := scalar[int](t, db.conn, "SELECT count(*) FROM api_parcels"); n != 3 {
			t.Errorf("%s: %d parcels; want the file's 3", when, n)
		}
		if got := scalar[string](t, db.conn, "SELECT park_name FROM api_parcels WHERE id = '330326-2021-001'"); got != "平阳金融电子小微园" {
			t.Errorf("%s: park of 001 = %q", when, got)
		}
		if got := scalar[float64](t, db.conn, "SELECT area_mu FROM api_parcels WHERE id = '330326-2021-001'"); got != 12.5 {
			t.Errorf("%s: area of 001 = %v", when, got)
		}
		if n := scalar[int](t, db.conn, "SELECT count(*) FROM api_parcels WHERE park_id IS NULL AND provenance = 'real'"); n != 2 {
			t.Errorf("%s: %d parcels without a park; want 2", when, n)
		}
		// The overview's cells count the live version: 3 parcels, 16.7 亩 (data/schema/0020).
		if n, mu := scalar[int](t, db.conn, "SELECT sum(parcels) FROM live_parcel_cells"), scalar[float64](t, db.conn, "SELECT sum(area_mu) FROM live_parcel_cells"); n != 3 || math.Abs(mu-16.7) > 1e-9 {
			t.Errorf("%s: the live cells count %d parcels of %v 亩; want 3 of 16.7", when, n, mu)
		}
		cellsMatchRows(t, db.conn, when)
	}
	check("after the import")
	if got := scalar[string](t, db.conn, "SELECT owner FROM parcel_versions WHERE code = '330326-2021-001'"); got != "平阳某某公司" {
		t.Errorf("owner kept with the version: %q", got)
	}
	if _, err := db.loader.Load(ctx, dataset(t), "reload", "test"); err != nil {
		t.Fatal(err)
	}
	check("after a reload of the plan")
	// A second version, then back to the first: the cells follow the current version.
	one := writeGeoJSON(t, dir, "one.geojson", rows(2022)[:1])
	if _, err := im.run(t, one, importReq{Layer: layerimport.LayerParcels, Mapping: m, AreaUnit: "亩", Publish: true}); err != nil {
		t.Fatal(err)
	}
	if n := scalar[int](t, db.conn, "SELECT sum(parcels) FROM live_parcel_cells"); n != 1 {
		t.Errorf("after a second version of one parcel, the live cells count %d", n)
	}
	if _, err := db.loader.RollbackLayer(ctx, accounts.CommandLine("tester"), layerimport.LayerParcels, 1); err != nil {
		t.Fatal(err)
	}
	check("after a rollback to the first version")
	// The land bureau checks an imported parcel by its code, park or none.
	for _, code := range []string{"330326-2021-001", "330326-2022-003"} {
		f, err := db.reader.EligibilityFacts(ctx, eligibility.FactsInput{ParcelID: code})
		if err != nil || f.Parcel == nil || f.Parcel.ID != code || f.Parcel.Provenance != "real" {
			t.Errorf("eligibility facts of imported parcel %s: %+v, %v", code, f, err)
		}
	}
	ids, _, err := db.reader.EligibilityParcels(ctx, "parcels")
	if err != nil || len(ids) != 3 {
		t.Errorf("a batch of the parcels layer checks %v, %v; want the 3 imported", ids, err)
	}
}

// Redevelopment areas with a kind's other spelling (老厂房), a town by its short name (鳌江), and
// a kind that is none of 专栏3's four, which blocks.
func TestImportRedevelopment(t *testing.T) {
	im, db := newImporter(t)
	dir := t.TempDir()
	f := writeGeoJSON(t, dir, "redev.geojson", []feature{
		{map[string]any{"BH": "ZKF-1", "MC": "鳌江老厂房改造", "LX": "老厂房", "XZ": "鳌江"}, square(cx, cy, 0.001)},
		{map[string]any{"BH": "ZKF-2", "MC": "萧江闲置地", "LX": "闲置土地", "XZ": "萧江镇"}, square(cx+0.003, cy, 0.001)},
		{map[string]any{"BH": "ZKF-3", "MC": "商业", "LX": "商业用地", "XZ": "火星镇"}, square(cx+0.006, cy, 0.001)},
	})
	m := map[string]string{"id": "BH", "name": "MC", "kind": "LX", "town": "XZ"}
	p, err := im.run(t, f, importReq{Layer: layerimport.LayerRedevelopment, Mapping: m, Publish: true})
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("an unknown kind: %v", err)
	}
	if got := codes(p)["ZKF-3"]; len(got) != 2 || got[0] != layerimport.UnknownKind || got[1] != layerimport.Unmatched {
		t.Errorf("ZKF-3 findings %v; want unknown_kind and unmatched (town)", got)
	}
	f = writeGeoJSON(t, dir, "redev2.geojson", []feature{
		{map[string]any{"BH": "ZKF-1", "MC": "鳌江老厂房改造", "LX": "老厂房", "XZ": "鳌江"}, square(cx, cy, 0.001)},
		{map[string]any{"BH": "ZKF-2", "MC": "萧江闲置地", "LX": "闲置土地", "XZ": "萧江镇"}, square(cx+0.003, cy, 0.001)},
	})
	if p, err = im.run(t, f, importReq{Layer: layerimport.LayerRedevelopment, Mapping: m, Publish: true}); err != nil {
		t.Fatalf("%v %+v", err, p.Findings)
	}
	if got := scalar[string](t, db.conn, "SELECT kind || ' ' || town FROM api_redevelopment WHERE id = 'ZKF-1'"); got != "旧厂房 鳌江镇" {
		t.Errorf("ZKF-1 = %q; want 旧厂房 鳌江镇", got)
	}
	if n := scalar[int](t, db.conn, "SELECT count(*) FROM redevelopment"); n != 2 {
		t.Errorf("%d areas; want the file's 2", n)
	}
}

// A bureau's area field in 公顷, as its ledger has it: the unit is told from the drawn areas and said,
// and the parcels keep the field's area in 亩; the id and the area are found by their names (DKBH,
// YDMJ) without a mapping, each suggestion with its reason.
func TestImportParcelsTellsHectares(t *testing.T) {
	im, db := newImporter(t)
	dir := t.TempDir()
	one := scalar[float64](t, db.conn, "SELECT ST_Area(ST_MakeEnvelope($1::float8, $2::float8, $1::float8 + 0.001, $2::float8 + 0.001, 4326)::geography) / 10000", cx, cy)
	f := writeGeoJSON(t, dir, "ha.geojson", []feature{
		{map[string]any{"DKBH": "A-1", "YDMJ": fmt.Sprintf("%.4f", one)}, square(cx, cy, 0.001)},
		{map[string]any{"DKBH": "A-2", "YDMJ": fmt.Sprintf("%.4f", one*1.01)}, square(cx+0.002, cy, 0.001)},
	})
	p, err := im.run(t, f, importReq{Layer: layerimport.LayerParcels, Publish: true})
	if err != nil {
		t.Fatalf("%v %+v", err, p.Findings)
	}
	if p.Mapping["id"] != "DKBH" || p.Mapping["area"] != "YDMJ" || len(p.Suggested) < 2 {
		t.Errorf("mapping %v suggested %+v; want DKBH and YDMJ found by name", p.Mapping, p.Suggested)
	}
	if p.Area == nil || p.Area.Unit != layerimport.UnitHectare || p.Area.DisagreeCount != 0 {
		t.Errorf("area check %+v; want 公顷 told, none disagreeing", p.Area)
	}
	if got := scalar[float64](t, db.conn, "SELECT area_mu FROM api_parcels WHERE id = 'A-1'"); math.Abs(got-15*one) > 0.01 {
		t.Errorf("A-1 area %.3f 亩; want the field's %.4f 公顷 = %.3f 亩", got, one, 15*one)
	}
}

func hasField(err error, field string) bool {
	e, ok := apperr.As(err)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return e.Field == field
}

// A collection says what its features say: parks with some imported boundaries are mixed, a parcels
// layer replaced by an import is real, the untouched ones stay illustrative.
func TestCollectionProvenanceFollowsImports(t *testing.T) {
	im, db := newImporter(t)
	ctx := context.Background()
	dir := t.TempDir()
	parks := writeGeoJSON(t, dir, "p.geojson", []feature{{map[string]any{"name": "平阳金融电子小微园"}, square(cx, cy, 0.004)}})
	if _, err := im.run(t, parks, importReq{Layer: layerimport.LayerParks, Mapping: map[string]string{"park": "name"}, Publish: true}); err != nil {
		t.Fatal(err)
	}
	parcels := writeGeoJSON(t, dir, "c.geojson", []feature{{map[string]any{"DKBH": "X-1"}, square(cx, cy, 0.001)}})
	if _, err := im.run(t, parcels, importReq{Layer: layerimport.LayerParcels, Publish: true}); err != nil {
		t.Fatal(err)
	}
	cols := catalog.DefaultCollections()
	got, err := db.reader.CollectionProvenance(ctx, cols)
	if err != nil {
		t.Fatal(err)
	}
	if got["parks"] != "mixed" || got["parcels"] != "real" || got["redevelopment"] != "illustrative" {
		t.Errorf("provenance %v; want parks mixed, parcels real, redevelopment illustrative", got)
	}
}

// Town boundaries, as the civil-affairs or land bureau keeps them (XZQMC, XZQDM): two towns by name and
// by code, one the county lacks (listed); the eligibility facts then find a shape's town by its
// boundary (towns_method says 2 of 17). A second version with every town makes the zones the union of
// their towns' boundaries (provenance real); a rollback gives the derived zones back, and a reload of
// the plan re-applies the current version.
func TestImportTowns(t *testing.T) {
	im, db := newImporter(t)
	ctx := context.Background()
	dir := t.TempDir()
	// A boundary for 鳌江镇 far from its seat (a shape there is 鳌江镇's only by the boundary).
	v1 := writeGeoJSON(t, dir, "towns1.geojson", []feature{
		{map[string]any{"XZQMC": "鳌江"}, square(cx, cy, 0.01)},
		{map[string]any{"XZQMC": "330326102"}, square(cx+0.02, cy, 0.01)},
		{map[string]any{"XZQMC": "火星镇"}, square(cx+0.04, cy, 0.01)},
	})
	p, err := im.run(t, v1, importReq{Layer: layerimport.LayerTowns, Publish: true})
	if err != nil {
		t.Fatalf("import towns: %v %+v", err, p.Findings)
	}
	if p.Mapping["town"] != "XZQMC" {
		t.Errorf("mapping %v; want XZQMC suggested for the town", p.Mapping)
	}
	if got := codes(p)["火星镇"]; len(got) != 1 || got[0] != layerimport.Unmatched {
		t.Errorf("findings %v; want 火星镇 unmatched", codes(p))
	}
	if n := scalar[int](t, db.conn, "SELECT count(*) FROM towns WHERE boundary IS NOT NULL"); n != 2 {
		t.Errorf("%d towns with a boundary; want 2", n)
	}
	f, err := db.reader.EligibilityFacts(ctx, eligibility.FactsInput{SRID: 4326, Geometry: orb.MultiPolygon{{ringOf(square(cx+0.004, cy+0.004, 0.001))}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Towns) != 1 || f.Towns[0].Name != "鳌江镇" || !strings.HasPrefix(f.TownsMethod, "mixed: 2 of 17") {
		t.Errorf("towns %+v method %q; want 鳌江镇 by its boundary, mixed 2 of 17", f.Towns, f.TownsMethod)
	}
	// Every town: the Voronoi cells the zones are made of, each moved a little, as real boundaries.
	rows, err := db.conn.Query(ctx, `
		SELECT t.name, ST_AsGeoJSON(ST_Multi(ST_Intersection(v.cell, c.geom)))
		FROM (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom), 0, (SELECT ST_Expand(geom, 0.5) FROM county)))).geom AS cell FROM towns) v
		JOIN towns t ON ST_Intersects(v.cell, t.geom), county c`)
	if err != nil {
		t.Fatal(err)
	}
	var fc []string
	for rows.Next() {
		var name, g string
		if err := rows.Scan(&name, &g); err != nil {
			t.Fatal(err)
		}
		fc = append(fc, `{"type":"Feature","properties":{"XZQMC":"`+name+`"},"geometry":`+g+`}`)
	}
	if rows.Err() != nil || len(fc) != 17 {
		t.Fatalf("%d cells, %v", len(fc), rows.Err())
	}
	all := filepath.Join(dir, "towns_all.geojson")
	if err := os.WriteFile(all, []byte(`{"type":"FeatureCollection","features":[`+strings.Join(fc, ",")+`]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err = im.run(t, all, importReq{Layer: layerimport.LayerTowns, Mapping: map[string]string{"town": "XZQMC"}, Publish: true, Repair: true}); err != nil {
		t.Fatalf("import every town: %v %+v", err, p.Findings)
	}
	zones := func() string {
		return scalar[string](t, db.conn, "SELECT string_agg(provenance || ':' || geom_method, ',' ORDER BY id) FROM zones")
	}
	if got := zones(); strings.Count(got, "real:union of the imported town boundaries") != 3 {
		t.Errorf("zones after every town: %s", got)
	}
	if _, err := db.loader.Load(ctx, dataset(t), "reload", "test"); err != nil {
		t.Fatal(err)
	}
	if got := zones(); strings.Count(got, "real:union") != 3 {
		t.Errorf("zones after a reload: %s", got)
	}
	if _, err := db.loader.RollbackLayer(ctx, accounts.CommandLine("tester"), layerimport.LayerTowns, 1); err != nil {
		t.Fatal(err)
	}
	if got := zones(); strings.Contains(got, "real") {
		t.Errorf("zones after a rollback to two towns: %s; want the derived ones back", got)
	}
}
