package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/layerimport"
)

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// The command line's import, versions and rollback, on a GeoPackage and a Shapefile without .prj.
func TestImportVersionsRollbackCommands(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "src.geojson")
	js := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"编号":"HX-1","名称":"南雁荡山生态保护红线"},
		"geometry":{"type":"Polygon","coordinates":[[[120.39,27.64],[120.40,27.64],[120.40,27.65],[120.39,27.65],[120.39,27.64]]]}}]}`
	if err := os.WriteFile(src, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	gpkg := filepath.Join(dir, "红线.gpkg")
	shp := filepath.Join(dir, "hx.shp")
	for _, args := range [][]string{{"-f", "GPKG", gpkg, src}, {"-f", "ESRI Shapefile", shp, src, "-t_srs", "EPSG:4528", "-lco", "ENCODING=GBK"}} {
		if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr: %v %s", err, out)
		}
	}
	if err := os.Remove(filepath.Join(dir, "hx.prj")); err != nil {
		t.Fatal(err)
	}
	var ue usageError
	if _, _, err := runCmd(t, "import", "constraints", gpkg, "-db", db, "-kind", "工业用地"); !errors.As(err, &ue) || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("unknown -kind: %v", err)
	}
	// No .prj: the CRS is told from the coordinates' magnitude (zone 40 with its prefix), and said why.
	if _, stderr, err := runCmd(t, "import", "constraints", shp, "-db", db, "-kind", "生态保护红线", "-dry-run"); err != nil ||
		!strings.Contains(stderr, `CRS read "", used EPSG:4528`) || !strings.Contains(stderr, "40") {
		t.Errorf("no CRS: %v\n%s", err, stderr)
	}
	out, stderr, err := runCmd(t, "import", "constraints", "-db", db, gpkg, "-kind", "生态保护红线", "-id-field", "编号", "-name-field", "名称", "-dry-run")
	if err != nil || !strings.Contains(out, "features: 1,") || !strings.Contains(out, "crs:      read EPSG:4326") ||
		!strings.Contains(out, "1 added, 3 removed") || !strings.Contains(stderr, "100 - done") {
		t.Fatalf("dry run: %v\n%s\n%s", err, out, stderr)
	}
	if out, _, _ := runCmd(t, "versions", "constraints", "-db", db); !strings.Contains(out, "no imported version") {
		t.Errorf("versions after a dry run: %s", out)
	}
	out, _, err = runCmd(t, "import", "constraints", shp, "-db", db, "-kind", "生态保护红线", "-map", "id=编号", "-map", "name=名称",
		"-crs", "EPSG:4528", "-encoding", "GBK", "-json", "-note", "县自然资源局 2026 版")
	var p layerimport.Preview
	if err != nil || json.Unmarshal([]byte(out), &p) != nil || p.Published != 1 || p.CRSRead != "" || p.CRSUsed != "EPSG:4528" {
		t.Fatalf("publish: %v %s", err, out)
	}
	if _, _, err := runCmd(t, "import", "constraints", gpkg, "-db", db, "-kind", "基本农田", "-id-field", "编号"); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, "versions", "constraints", "-db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if err != nil || len(lines) != 3 || !strings.HasPrefix(lines[2], "*  2") || !strings.Contains(lines[1], "hx.shp") ||
		!strings.Contains(lines[1], "GBK") || !strings.Contains(lines[1], "县自然资源局 2026 版") {
		t.Fatalf("versions: %v\n%s", err, out)
	}
	if out, _, err := runCmd(t, "rollback", "constraints", "1", "-db", db); err != nil || !strings.Contains(out, "at version 1 (was 2)") {
		t.Errorf("rollback: %v %s", err, out)
	}
	if _, _, err := runCmd(t, "rollback", "constraints", "7", "-db", db); err == nil || !strings.Contains(err.Error(), "no version 7") {
		t.Errorf("rollback to a missing version: %v", err)
	}
	if _, _, err := runCmd(t, "rollback", "constraints", "x", "-db", db); !errors.As(err, &ue) {
		t.Errorf("rollback x: %v", err)
	}
}

// The land bureau's parcels through the command line: its own field names mapped with -map, a
// dry run that changes nothing, the publish, the layer's versions and a rollback; an unknown layer
// or layer field is a usage error naming the choices.
func TestImportParcelsCommand(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "供地.geojson")
	feature := func(code string, x float64) string {
		return `{"type":"Feature","properties":{"DKBH":"` + code + `","GDNF":"2023","YDMJ":"9.5","SSYQ":"平阳金融电子小微园"},
			"geometry":{"type":"Polygon","coordinates":[[[` + ff(x) + `,27.64],[` + ff(x+0.001) + `,27.64],[` + ff(x+0.001) + `,27.641],[` + ff(x) + `,27.641],[` + ff(x) + `,27.64]]]}}`
	}
	js := `{"type":"FeatureCollection","features":[` + feature("GD-1", 120.39) + `,` + feature("GD-2", 120.392) + `]}`
	if err := os.WriteFile(file, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	var ue usageError
	if _, _, err := runCmd(t, "import", "farmland", file, "-db", db); !errors.As(err, &ue) || !strings.Contains(err.Error(), "parcels") {
		t.Errorf("unknown layer: %v", err)
	}
	if _, _, err := runCmd(t, "import", "parcels", file, "-db", db, "-map", "colour=DKBH"); !errors.As(err, &ue) || !strings.Contains(err.Error(), "plot_ratio") {
		t.Errorf("unknown layer field: %v", err)
	}
	args := []string{"import", "parcels", file, "-db", db, "-map", "id=DKBH", "-map", "year=GDNF", "-map", "area=YDMJ", "-map", "park=SSYQ", "-area-unit", "亩"}
	out, _, err := runCmd(t, append(args, "-dry-run")...)
	if err != nil || !strings.Contains(out, "features: 2,") || !strings.Contains(out, "2 added") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	if out, _, _ := runCmd(t, "versions", "parcels", "-db", db); !strings.Contains(out, "no imported version") {
		t.Errorf("versions after a dry run: %s", out)
	}
	if out, _, err = runCmd(t, args...); err != nil || !strings.Contains(out, "published as version 1") {
		t.Fatalf("publish: %v\n%s", err, out)
	}
	if out, _, err = runCmd(t, "versions", "parcels", "-db", db); err != nil || !strings.Contains(out, "供地.geojson") {
		t.Errorf("versions: %v %s", err, out)
	}
	if _, _, err := runCmd(t, "rollback", "parcels", "3", "-db", db); err == nil || !strings.Contains(err.Error(), "no version 3") {
		t.Errorf("rollback to a missing version: %v", err)
	}
}

func ff(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }

// A saved mapping: the first file's mapping saved under the source's name, the next file from the
// same source imported with -mapping and no -map at all.
func TestImportSavedMapping(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "台账.geojson")
	js := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"宗地号":"ZD-1","所在园区":"平阳金融电子小微园"},
		"geometry":{"type":"Polygon","coordinates":[[[120.39,27.64],[120.391,27.64],[120.391,27.641],[120.39,27.641],[120.39,27.64]]]}}]}`
	if err := os.WriteFile(file, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runCmd(t, "import", "parcels", file, "-db", db, "-map", "id=宗地号", "-map", "park=所在园区",
		"-save-mapping", "县资规局供地台账"); err != nil || !strings.Contains(stderr, "mapping saved") {
		t.Fatalf("import and save: %v\n%s", err, stderr)
	}
	if out, _, err := runCmd(t, "mappings", "parcels", "-db", db); err != nil || !strings.Contains(out, "县资规局供地台账") {
		t.Fatalf("mappings: %v %s", err, out)
	}
	out, _, err := runCmd(t, "import", "parcels", file, "-db", db, "-mapping", "县资规局供地台账", "-json", "-dry-run")
	var p layerimport.Preview
	if err != nil || json.Unmarshal([]byte(out), &p) != nil || p.Mapping["id"] != "宗地号" || p.Mapping["park"] != "所在园区" {
		t.Fatalf("import with the saved mapping: %v %v\n%s", err, p.Mapping, out)
	}
	if _, _, err := runCmd(t, "import", "parcels", file, "-db", db, "-mapping", "没有这个"); err == nil || !strings.Contains(err.Error(), "没有这个") {
		t.Errorf("an unknown saved mapping: %v", err)
	}
}

// Files with nothing to import are the file's fault, a 4xx naming it, not a database error: a CSV of
// attributes without coordinates or geometry, and a KML without a placemark, each with a CRS given.
func TestImportFilesWithoutFeatures(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	dir := t.TempDir()
	csv := filepath.Join(dir, "名录.csv")
	if err := os.WriteFile(csv, []byte("编号,名称\nA-1,某园区\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	kml := filepath.Join(dir, "empty.kml")
	if err := os.WriteFile(kml, []byte(`<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>空</name></Document></kml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{csv, kml} {
		_, _, err := runCmd(t, "import", "constraints", f, "-db", db, "-kind", "基本农田", "-crs", "EPSG:4326", "-dry-run")
		if code := apperr.CodeOf(err); code != apperr.Invalid || !hasFileField(err) {
			t.Errorf("%s: %v (code %s); want invalid", filepath.Base(f), err, code)
		}
	}
}

// hasFileField reports whether err names the field file (the upload itself).
func hasFileField(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Field == "file"
}
