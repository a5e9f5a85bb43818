package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/importer"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/layerimport"
)

const importUsage = `usage:
  parkmap import LAYER FILE [-map FIELD=SOURCE ...] [-mapping NAME] [-save-mapping NAME] [-kind K]
         [-area-unit U] [-id-field F] [-name-field F] [-dataset NAME] [-layer L] [-crs EPSG:n|GCJ02]
         [-encoding E] [-repair] [-dry-run] [-json] [-note N] [-db URL]
LAYER is parks (boundaries matched to the plan's parks by id, name or alias: -map park=SOURCE),
parcels (-map id=DKBH park=… year=… area=… land_source=… use=… plot_ratio=… status=… owner=…),
redevelopment (-map id=… name=… town=… kind=… area=… plot_ratio=…), towns (boundaries matched to the
county's towns by name or code: -map town=SOURCE) or constraints (-map id=… kind=…
name=…, or -kind K for every feature: 基本农田 (永久基本农田), 生态保护红线, 城镇开发边界, 洪涝风险区).
-map FIELD=- leaves a field unmapped.
Fields left unmapped take the suggested mapping (printed with its reason). FILE is a zip or a file GDAL
opens (Shapefile, File Geodatabase, GeoPackage, GeoJSON, KML, DXF …), a 部标 coordinate file, or a CSV
or xlsx table of corner coordinates (one row per vertex: 地块编号, 点号, X/Y or 经度/纬度); a zip is
unpacked with caps and checks first (-dataset picks one of several). -crs GCJ02 converts a file drawn on
AMap/Gaode (GCJ-02) to WGS84 first; it is never assumed.
Without -crs the file's CRS is used, else
it is told from the coordinates' magnitude (and said why); a Shapefile's encoding is its .cpg or
-encoding, checked against the .dbf's bytes, else detected (UTF-8, then GBK/GB18030 only when clean).
The preview is printed; with an invalid feature the command exits 1 and publishes nothing (-repair
mends invalid geometries with ST_MakeValid and shows the 亩 each repair changed). Without -dry-run
the file becomes the next version of the layer. Runs as the owner (DATABASE_URL), audited as cli:<login>.`

// importFlags are the flags of parkmap import.
type importFlags struct {
	db                                   *string
	kind, idField, nameField, layer, crs string
	encoding, note, dataset, areaUnit    string
	useMapping, saveAs                   string
	maps                                 mapFlag
	repair, dryRun, asJSON               bool
}

// mapFlag collects -map FIELD=SOURCE pairs, FIELD one of the layer's fields (layerimport.Target).
type mapFlag struct {
	target layerimport.Target
	m      map[string]string
}

func (m mapFlag) String() string { return fmt.Sprint(m.m) }
func (m mapFlag) Set(v string) error {
	dst, src, ok := strings.Cut(v, "=")
	if _, known := m.target.Field(dst); !ok || src == "" || !known {
		var names []string
		for _, f := range m.target.Fields {
			names = append(names, f.Name)
		}
		return fmt.Errorf("-map wants FIELD=SOURCE with FIELD one of %s, not %q", strings.Join(names, ", "), v)
	}
	m.m[dst] = src
	return nil
}

// layerArg is the layer an import, versions or rollback names first.
func layerArg(args []string, use string) (layerimport.Target, error) {
	var names []string
	for _, t := range layerimport.Targets() {
		names = append(names, t.Layer)
	}
	if len(args) == 0 {
		return layerimport.Target{}, usageError{"give a LAYER: " + strings.Join(names, ", ") + "\n" + use}
	}
	t, ok := layerimport.TargetOf(args[0])
	if !ok {
		return t, usageError{fmt.Sprintf("unknown layer %q (layers: %s)\n%s", args[0], strings.Join(names, ", "), use)}
	}
	return t, nil
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	t, err := layerArg(args, importUsage)
	if err != nil {
		return err
	}
	fset := newFlags("import "+t.Layer, stderr)
	f := importFlags{db: dbFlag(fset), maps: mapFlag{target: t, m: map[string]string{}}}
	fset.StringVar(&f.kind, "kind", "", "constraints, redevelopment: the kind of every feature")
	fset.Var(f.maps, "map", "FIELD=SOURCE: the file's field SOURCE for the layer's FIELD (repeatable)")
	fset.StringVar(&f.idField, "id-field", "", "the field holding each feature's id (default: the feature number)")
	fset.StringVar(&f.nameField, "name-field", "", "the field holding each feature's name")
	fset.StringVar(&f.layer, "layer", "", "the file's layer (default: its first)")
	fset.StringVar(&f.dataset, "dataset", "", "which dataset of a zip holding several (by the name the import lists)")
	fset.StringVar(&f.crs, "crs", "", "the file's CRS, e.g. EPSG:4528 (overrides the file's; without either it is told from the coordinates)")
	fset.StringVar(&f.encoding, "encoding", "", "the attributes' text encoding, UTF-8, GBK or GB18030 (overrides .cpg; either is checked against the bytes; without either it is detected)")
	fset.StringVar(&f.note, "note", "", "why this version (kept in its history)")
	fset.StringVar(&f.useMapping, "mapping", "", "apply the saved mapping NAME (parkmap mappings LAYER lists them) to the fields not given with -map")
	fset.StringVar(&f.saveAs, "save-mapping", "", "save the mapping this import used as NAME, for the next file from the same source")
	fset.StringVar(&f.areaUnit, "area-unit", "", "the unit of the mapped area field: 公顷, 亩 or ㎡ (default: told from the drawn areas)")
	fset.BoolVar(&f.repair, "repair", false, "repair invalid geometries with ST_MakeValid")
	fset.BoolVar(&f.dryRun, "dry-run", false, "preview only; change nothing")
	fset.BoolVar(&f.asJSON, "json", false, "print the preview as JSON")
	file, err := parseWithFile(fset, args[1:])
	if err != nil {
		return err
	}
	if err := requireDB(*f.db, ownerURLEnv); err != nil {
		return err
	}
	req, err := f.request(args[0], file, stderr)
	if err != nil {
		return err
	}
	store, err := postgis.Open(ctx, *f.db, postgis.Options{AppName: "parkmap-import", MaxConns: 2})
	if err != nil {
		return err
	}
	defer store.Close()
	if err := applySavedMapping(ctx, store, t.Layer, f.useMapping, &req); err != nil {
		return err
	}
	svc := importer.Service{Store: store, DatabaseURL: *f.db}
	p, ierr := svc.Import(ctx, req)
	if ierr == nil && f.saveAs != "" {
		if err := saveMapping(ctx, store, req.Actor, f.saveAs, p, req); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "import: mapping saved as %q\n", f.saveAs)
	}
	if p.Timings != nil {
		fmt.Fprintf(stderr, "import: stage %.0f ms, check %.0f ms, publish %.0f ms\n", p.Timings["stage"], p.Timings["check"], p.Timings["publish"])
	}
	if p.Count > 0 || ierr == nil {
		if err := printPreview(stdout, p, f.asJSON); err != nil {
			return err
		}
	}
	return ierr
}

// request turns the flags into an import request.
func (f importFlags) request(layer, file string, stderr io.Writer) (layerimport.Request, error) {
	r := layerimport.Request{Layer: layer, Path: file, FileName: filepath.Base(file), Dataset: f.dataset,
		SourceLayer: f.layer, CRS: f.crs, Encoding: f.encoding, AreaUnit: f.areaUnit, Mapping: map[string]string{}, Repair: f.repair,
		Publish: !f.dryRun, Note: f.note, Actor: accounts.CommandLine(osUserName()), Progress: stderr}
	for k, v := range f.maps.m {
		r.Mapping[k] = v
	}
	if f.idField != "" && r.Mapping["id"] == "" {
		r.Mapping["id"] = f.idField
	}
	if f.nameField != "" && r.Mapping["name"] == "" {
		r.Mapping["name"] = f.nameField
	}
	if layer != layerimport.LayerConstraints {
		if f.kind != "" && layer != layerimport.LayerRedevelopment {
			return r, usageError{"import: -kind is for constraints and redevelopment"}
		}
		r.Kind = f.kind
		return r, nil
	}
	// Without -kind or -map kind=FIELD the kind field is suggested from the file's names and values
	// (layerimport.Suggest); a file where none is found reports every feature's kind as unknown.
	switch {
	case f.kind != "" && r.Mapping["kind"] != "":
		return r, usageError{"import: give -kind or -map kind=FIELD, not both"}
	case f.kind != "":
		k, ok := layerimport.NormalizeKind(f.kind)
		if !ok {
			return r, usageError{fmt.Sprintf("import: unknown kind %q (known: %s)", f.kind, strings.Join(layerimport.ConstraintKinds(), ", "))}
		}
		r.Kind = k
	}
	return r, nil
}

// parseWithFile parses flags that may come before or after the one FILE argument.
func parseWithFile(fset *flag.FlagSet, args []string) (string, error) {
	var files []string
	for {
		if err := fset.Parse(args); err != nil {
			return "", usageError{err.Error()}
		}
		if fset.NArg() == 0 {
			break
		}
		files = append(files, fset.Arg(0))
		args = fset.Args()[1:]
	}
	if len(files) != 1 {
		return "", usageError{"import: give one FILE\n" + importUsage}
	}
	return files[0], nil
}

func printPreview(w io.Writer, p layerimport.Preview, asJSON bool) error {
	if !asJSON {
		return p.WriteText(w)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}
