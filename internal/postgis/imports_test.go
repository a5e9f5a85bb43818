package postgis_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/gdal"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerimport"
)

// A point well inside Pingyang County (the county outline's point on surface).
const cx, cy = 120.3949, 27.6470

// feature is one GeoJSON feature of a test file: a ring in lon/lat and its attributes.
type feature struct {
	props map[string]any
	ring  [][2]float64
}

// square is a closed square ring of side d degrees at (x, y).
func square(x, y, d float64) [][2]float64 {
	return [][2]float64{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}
}

// writeGeoJSON writes features as a GeoJSON file in dir and returns its path.
func writeGeoJSON(t testing.TB, dir, name string, fs []feature) string {
	t.Helper()
	type geom struct {
		Type        string         `json:"type"`
		Coordinates [][][2]float64 `json:"coordinates"`
	}
	type feat struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
		Geometry   *geom          `json:"geometry"` // nil: a feature without a shape
	}
	fc := struct {
		Type     string `json:"type"`
		Features []feat `json:"features"`
	}{Type: "FeatureCollection"}
	for _, f := range fs {
		var g *geom
		if f.ring != nil {
			g = &geom{"Polygon", [][][2]float64{f.ring}}
		}
		fc.Features = append(fc.Features, feat{"Feature", f.props, g})
	}
	b, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ogr2ogr converts src with GDAL as a county bureau's tool would write it.
func ogr2ogr(t testing.TB, args ...string) {
	t.Helper()
	if out, err := osexec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
	}
}

// importer runs imports as the command line does: GDAL stages into the test's database.
type importer struct {
	url   string
	store *postgis.Store
}

func newImporter(t *testing.T) (importer, loadDB) {
	db := openLoadDB(t)
	return importer{url: db.url, store: db.loader}, db
}

// importReq is what a test asks of an import, as the command line's flags would.
type importReq struct {
	Layer                               string            // default constraints
	Mapping                             map[string]string // beside the three fields below
	Kind, KindField, IDField, NameField string
	CRSUsed, Encoding, Note, AreaUnit   string
	Publish, Repair                     bool
	Actor                               accounts.Actor
}

func (im importer) run(t testing.TB, file string, q importReq) (layerimport.Preview, error) {
	t.Helper()
	ctx := context.Background()
	info, err := gdal.ReadInfo(ctx, file, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if q.Layer == "" {
		q.Layer = layerimport.LayerConstraints
	}
	mapping := map[string]string{"kind": q.KindField, "id": q.IDField, "name": q.NameField}
	for k, v := range q.Mapping {
		mapping[k] = v
	}
	r := postgis.ImportRequest{Request: layerimport.Request{Layer: q.Layer, FileName: filepath.Base(file),
		Kind: q.Kind, Mapping: mapping, PreviewFeatures: 100,
		Publish: q.Publish, Repair: q.Repair, Note: q.Note, Actor: q.Actor, AreaUnit: q.AreaUnit},
		SHA256: strings.Repeat("ab", 32), CRSRead: info.CRS, CRSUsed: q.CRSUsed, EncodingUsed: q.Encoding}
	if r.CRSUsed == "" {
		r.CRSUsed = info.CRS
	}
	if r.Actor.Username == "" {
		r.Actor = accounts.CommandLine("tester")
	}
	r.Stage = func(ctx context.Context, table string) error {
		st := gdal.Stage{DatabaseURL: im.url, File: file, Table: table, SourceCRS: r.CRSUsed}
		if r.EncodingUsed != "" {
			st.Config = map[string]string{"SHAPE_ENCODING": r.EncodingUsed}
		}
		return st.Run(ctx)
	}
	return im.store.ImportLayer(ctx, r)
}

// Chinese names and areas come through a GBK Shapefile in CGCS2000 GK zone 40 (.prj), a GeoPackage
// and a File Geodatabase, published as the layer's first version, provenance real.
func TestImportConstraintsFormats(t *testing.T) {
	dir := t.TempDir()
	src := writeGeoJSON(t, dir, "src.geojson", []feature{
		{map[string]any{"编号": "JB-1", "名称": "水头镇永久基本农田片区", "类型": "永久基本农田"}, square(cx, cy, 0.01)},
		{map[string]any{"编号": "HX-1", "名称": "生态保护红线（南雁荡山）", "类型": "生态保护红线"}, square(cx+0.02, cy, 0.005)},
	})
	shp := filepath.Join(dir, "shp")
	if err := os.Mkdir(shp, 0o755); err != nil {
		t.Fatal(err)
	}
	ogr2ogr(t, "-f", "ESRI Shapefile", filepath.Join(shp, "三区三线.shp"), src, "-t_srs", "EPSG:4528", "-lco", "ENCODING=GBK")
	ogr2ogr(t, "-f", "GPKG", filepath.Join(dir, "c.gpkg"), src)
	ogr2ogr(t, "-f", "OpenFileGDB", filepath.Join(dir, "c.gdb"), src, "-t_srs", "EPSG:4549")
	if cpg, _ := os.ReadFile(filepath.Join(shp, "三区三线.cpg")); string(cpg) != "GBK" {
		t.Fatalf(".cpg = %q, want GBK", cpg)
	}
	// The same Shapefile as a bureau may send it: no .prj, no .cpg; the CRS and encoding are given.
	bare := filepath.Join(dir, "bare")
	if err := os.Mkdir(bare, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".shp", ".shx", ".dbf"} {
		if err := os.WriteFile(filepath.Join(bare, "jbnt"+ext), []byte(mustRead(t, filepath.Join(shp, "三区三线"+ext))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ name, file, crs, given, encoding string }{
		{"GBK shapefile zone 40", filepath.Join(shp, "三区三线.shp"), "EPSG:4528", "", ""},
		{"GBK shapefile without .prj and .cpg", filepath.Join(bare, "jbnt.shp"), "", "EPSG:4528", "GBK"},
		{"geopackage", filepath.Join(dir, "c.gpkg"), "EPSG:4326", "", ""},
		{"file geodatabase", filepath.Join(dir, "c.gdb"), "EPSG:4549", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im, db := newImporter(t)
			p, err := im.run(t, tc.file, importReq{KindField: "类型", IDField: "编号", NameField: "名称", Publish: true,
				CRSUsed: tc.given, Encoding: tc.encoding})
			if err != nil {
				t.Fatalf("import: %v\n%+v", err, p.Findings)
			}
			if p.CRSRead != tc.crs || p.Count != 2 || p.Published != 1 || len(p.Findings) != 0 {
				t.Fatalf("preview: crs %q count %d published %d findings %v", p.CRSRead, p.Count, p.Published, p.Findings)
			}
			want := scalar[float64](t, db.conn, `SELECT sum(ST_Area(ST_GeomFromGeoJSON(f->'geometry')::geography)) / (10000.0/15.0)
				FROM json_array_elements($1::json->'features') f`, mustRead(t, src))
			if math.Abs(p.TotalMu-want)/want > 0.001 {
				t.Errorf("total %.3f 亩, want %.3f (spheroid) within 0.1%%", p.TotalMu, want)
			}
			got := scalar[string](t, db.conn, "SELECT string_agg(id || '|' || kind || '|' || name || '|' || provenance, ';' ORDER BY id) FROM constraints")
			if got != "HX-1|生态保护红线|生态保护红线（南雁荡山）|real;JB-1|基本农田|水头镇永久基本农田片区|real" {
				t.Errorf("live rows: %s", got)
			}
			note := scalar[string](t, db.conn, "SELECT source_note FROM constraints WHERE id = 'JB-1'")
			if !strings.Contains(note, filepath.Base(tc.file)) || !strings.Contains(note, strings.Repeat("ab", 32)) {
				t.Errorf("provenance note %q names neither the file nor its sha256", note)
			}
			if n := scalar[int](t, db.conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'import_staging'"); n != 0 {
				t.Errorf("%d staging tables left", n)
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A file with an invalid bow-tie, a feature outside the county, duplicate ids and an unknown kind is
// refused with a finding per feature, and nothing changes; -repair mends the bow-tie and reports its 亩.
func TestImportConstraintsReportsAndDryRun(t *testing.T) {
	dir := t.TempDir()
	bowtie := [][2]float64{{cx, cy}, {cx + 0.01, cy + 0.01}, {cx + 0.01, cy}, {cx, cy + 0.01}, {cx, cy}}
	src := writeGeoJSON(t, dir, "bad.geojson", []feature{
		{map[string]any{"id": "A", "kind": "基本农田"}, bowtie},
		{map[string]any{"id": "B", "kind": "基本农田"}, square(119.0, 27.0, 0.01)},
		{map[string]any{"id": "C", "kind": "基本农田"}, square(cx+0.02, cy, 0.005)},
		{map[string]any{"id": "C", "kind": "洪涝风险区"}, square(cx+0.03, cy, 0.005)},
		{map[string]any{"id": "D", "kind": "工业用地"}, square(cx+0.04, cy, 0.005)},
		{map[string]any{"id": "E", "kind": "基本农田"}, nil},
	})
	gpkg := filepath.Join(dir, "bad.gpkg")
	ogr2ogr(t, "-f", "GPKG", gpkg, src)
	im, db := newImporter(t)
	before := db.snapshot(t)
	p, err := im.run(t, gpkg, importReq{KindField: "kind", IDField: "id", Publish: true})
	if apperr.CodeOf(err) != apperr.Invalid || p.Published != 0 {
		t.Fatalf("import of a bad file: %v, published %d; want invalid", err, p.Published)
	}
	found := map[string]layerimport.Finding{}
	for _, f := range p.Findings {
		found[f.ID+" "+f.Code] = f
	}
	for _, want := range []string{"A invalid", "B outside_county", "C duplicate_id", "D unknown_kind", "E empty"} {
		if _, ok := found[want]; !ok {
			t.Errorf("no finding %q in %+v", want, p.Findings)
		}
	}
	if f := found["A invalid"]; !strings.Contains(f.Detail, "Self-intersection") {
		t.Errorf("bow-tie reason %q", f.Detail)
	}
	if f := found["B outside_county"]; f.Detail != "entirely" || math.Abs(f.Mu-scalar[float64](t, db.conn,
		"SELECT ST_Area(ST_MakeEnvelope(119.0, 27.0, 119.01, 27.01, 4326)::geography) / (10000.0/15.0)")) > 0.01 {
		t.Errorf("outside finding %+v", f)
	}
	if db.snapshot(t) != before {
		t.Errorf("a refused import changed the database")
	}

	// -repair: the bow-tie is mended (its two triangles) and reported; the other faults still block.
	p, err = im.run(t, gpkg, importReq{KindField: "kind", IDField: "id", Repair: true})
	if apperr.CodeOf(err) != apperr.Invalid || len(p.Repairs) != 1 || p.Repairs[0].ID != "A" {
		t.Fatalf("repair: %v %+v", err, p.Repairs)
	}
	want := scalar[float64](t, db.conn, "SELECT ST_Area(ST_MakeEnvelope($1::float8, $2::float8, $1::float8 + 0.01, $2::float8 + 0.01, 4326)::geography) / (10000.0/15.0) / 2", cx, cy)
	if r := p.Repairs[0]; math.Abs(r.AfterMu-want)/want > 0.01 || !strings.Contains(r.Reason, "Self-intersection") {
		t.Errorf("repair %+v; want %.2f 亩 after", r, want)
	}
	for _, f := range p.Findings {
		if f.Code == layerimport.Invalid {
			t.Errorf("still invalid after -repair: %+v", f)
		}
	}

	// A dry run of a good file previews and writes nothing.
	good := writeGeoJSON(t, dir, "good.geojson", []feature{{map[string]any{"id": "G"}, square(cx, cy, 0.01)}})
	p, err = im.run(t, good, importReq{Kind: "基本农田", IDField: "id"})
	if err != nil || p.Count != 1 || p.Published != 0 {
		t.Fatalf("dry run: %v %+v", err, p)
	}
	if a, r, _ := p.DiffCounts(); a != 1 || r != 3 {
		t.Errorf("dry run diff against the bundled layer: %d added %d removed; want 1, 3", a, r)
	}
	if db.snapshot(t) != before {
		t.Errorf("a dry run changed the database")
	}
	// A mapped field that the file lacks is named.
	_, err = im.run(t, good, importReq{KindField: "类别", IDField: "id"})
	if ae, ok := apperr.As(err); !ok || ae.Field != "kind" || !strings.Contains(ae.Fields[0].MessageZh, "类别") {
		t.Errorf("missing field: %v", err)
	}
}

// snapshot is what an import may change: the live layer, its versions, the layer version, the audit.
func (db loadDB) snapshot(t *testing.T) string {
	return scalar[string](t, db.conn, `SELECT
		(SELECT string_agg(id || kind || md5(ST_AsBinary(geom)), ',' ORDER BY id) FROM constraints) || '/' ||
		(SELECT count(*) FROM layer_imports) || '/' || (SELECT count(*) FROM constraint_versions) || '/' ||
		(SELECT count(*) FROM layer_current) || '/' ||
		(SELECT version FROM layer_versions WHERE layer = 'constraints') || '/' || (SELECT count(*) FROM audit_log) || '/' ||
		(SELECT count(*) FROM pg_tables WHERE schemaname = 'import_staging')`)
}

// Publish, list, roll back: each version becomes the live layer that eligibility reads by kind, the
// layer version moves each time, each change is audited, and a reload keeps the real layer.
func TestImportConstraintsPublishVersionsRollback(t *testing.T) {
	dir := t.TempDir()
	v1 := writeGeoJSON(t, dir, "v1.geojson", []feature{{map[string]any{"id": "F1", "名称": "一号片"}, square(cx, cy, 0.01)}})
	v2 := writeGeoJSON(t, dir, "v2.geojson", []feature{
		{map[string]any{"id": "F1", "名称": "一号片"}, square(cx, cy, 0.02)},
		{map[string]any{"id": "F2", "名称": "二号片"}, square(cx+0.05, cy, 0.01)},
	})
	im, db := newImporter(t)
	ctx := context.Background()
	layer := func() int64 {
		return scalar[int64](t, db.conn, "SELECT version FROM layer_versions WHERE layer = 'constraints'")
	}
	facts := func() *eligibility.Facts {
		f, err := db.reader.EligibilityFacts(ctx, eligibility.FactsInput{SRID: 4326, Geometry: orb.MultiPolygon{{ringOf(square(cx+0.002, cy+0.002, 0.004))}}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	l0 := layer()
	p, err := im.run(t, v1, importReq{Kind: "基本农田", IDField: "id", NameField: "名称", Publish: true, Note: "首版"})
	if err != nil || p.Published != 1 {
		t.Fatalf("v1: %v %+v", err, p)
	}
	l1 := layer()
	if l1 <= l0 {
		t.Errorf("layer version %d -> %d after a publish", l0, l1)
	}
	f := facts()
	if len(f.Constraints) != 1 || f.Constraints[0].Kind != "基本农田" || f.Constraints[0].Areas[0].ID != "F1" ||
		strings.Join(f.ConstraintKinds, ",") != "基本农田" {
		t.Errorf("eligibility facts after v1: %+v kinds %v", f.Constraints, f.ConstraintKinds)
	}
	p, err = im.run(t, v2, importReq{Kind: "洪涝风险区", IDField: "id", NameField: "名称", Publish: true})
	if err != nil || p.Published != 2 || p.Current != 1 {
		t.Fatalf("v2: %v %+v", err, p)
	}
	if a, r, c := p.DiffCounts(); a != 1 || r != 0 || c != 1 {
		t.Errorf("v2 diff: %d added %d removed %d changed; want 1, 0, 1", a, r, c)
	}
	vs, err := db.loader.LayerVersions(ctx, "constraints")
	if err != nil || len(vs) != 2 || vs[0].Current || !vs[1].Current || vs[0].Note != "首版" || vs[1].Features != 2 || vs[0].ImportedBy != "cli:tester" {
		t.Fatalf("versions: %v %+v", err, vs)
	}
	l2 := layer()
	before, err := db.loader.RollbackLayer(ctx, accounts.CommandLine("tester"), "constraints", 1)
	if err != nil || before != 2 {
		t.Fatalf("rollback: %v (was %d)", err, before)
	}
	if l := layer(); l <= l2 {
		t.Errorf("layer version %d -> %d after a rollback", l2, l)
	}
	if got := scalar[string](t, db.conn, "SELECT string_agg(id || kind, ',') FROM constraints"); got != "F1基本农田" {
		t.Errorf("after rollback the live layer is %s", got)
	}
	if f := facts(); len(f.Constraints) != 1 || f.Constraints[0].Kind != "基本农田" {
		t.Errorf("eligibility after rollback: %+v", f.Constraints)
	}
	if _, err := db.loader.RollbackLayer(ctx, accounts.CommandLine("tester"), "constraints", 9); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("rollback to a missing version: %v", err)
	}
	audits := scalar[string](t, db.conn, "SELECT string_agg(action || ' ' || row_key || ' ' || actor, ',' ORDER BY id) FROM audit_log WHERE table_name = 'layer_imports'")
	if audits != "layer.publish constraints/1 cli:tester,layer.publish constraints/2 cli:tester,layer.rollback constraints/1 cli:tester" {
		t.Errorf("audit: %s", audits)
	}
	// Reloading the bundled dataset leaves the published real layer alone.
	if err := testenv.MigrateAndLoad(ctx, db.url); err != nil {
		t.Fatal(err)
	}
	if got := scalar[string](t, db.conn, "SELECT string_agg(id || provenance, ',') FROM constraints"); got != "F1real" {
		t.Errorf("after a reload the live layer is %s", got)
	}
}

func ringOf(r [][2]float64) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[i] = orb.Point{p[0], p[1]}
	}
	return out
}

// A publish that fails inside its transaction (a constraint violation, then a killed connection)
// leaves the previous version whole: live rows, history, layer version, audit, no staging left.
func TestImportConstraintsFailedPublishKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	v1 := writeGeoJSON(t, dir, "v1.geojson", []feature{{map[string]any{"id": "F1"}, square(cx, cy, 0.01)}})
	v2 := writeGeoJSON(t, dir, "v2.geojson", []feature{{map[string]any{"id": "F9"}, square(cx, cy, 0.02)}})
	im, db := newImporter(t)
	ctx := context.Background()
	// An import killed after ogr2ogr two days ago left its staging table; the next import drops it.
	if _, err := db.conn.Exec(ctx, "CREATE TABLE import_staging.constraints_"+fmt.Sprint(time.Now().Add(-48*time.Hour).Unix())+"_00ff (fid int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := im.run(t, v1, importReq{Kind: "基本农田", IDField: "id", Publish: true}); err != nil {
		t.Fatal(err)
	}
	if n := scalar[int](t, db.conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'import_staging'"); n != 0 {
		t.Errorf("%d staging tables left; the abandoned one was not swept", n)
	}
	before := db.snapshot(t)
	for _, inject := range []string{
		`CREATE FUNCTION pg_temp.x() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE check_violation USING MESSAGE = 'injected'; END $$`,
		`CREATE FUNCTION pg_temp.x() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$`,
	} {
		fn := strings.Replace(strings.Replace(inject, "pg_temp.x", "public.inject_fail", 1), "CREATE", "CREATE OR REPLACE", 1)
		if _, err := db.conn.Exec(ctx, fn); err != nil {
			t.Fatal(err)
		}
		if _, err := db.conn.Exec(ctx, "CREATE OR REPLACE TRIGGER inject_fail AFTER INSERT ON constraints FOR EACH STATEMENT EXECUTE FUNCTION public.inject_fail()"); err != nil {
			t.Fatal(err)
		}
		p, err := im.run(t, v2, importReq{Kind: "基本农田", IDField: "id", Publish: true})
		if err == nil || p.Published != 0 {
			t.Fatalf("%s: publish succeeded", fn)
		}
		if _, err := db.conn.Exec(ctx, "DROP TRIGGER inject_fail ON constraints"); err != nil {
			t.Fatal(err)
		}
		if got := db.snapshot(t); got != before {
			t.Errorf("after a failed publish (%v): %s, want %s", err, got, before)
		}
	}
}
