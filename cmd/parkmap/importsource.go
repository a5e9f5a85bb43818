package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/intake"
	"github.com/pingyang/parkmap/internal/gdal"
)

// importSource is what an import stages, worked out before GDAL copies anything: the upload unpacked
// safely (intake: caps counted while reading, no path tricks, no nested zips), the one dataset in it,
// its text encoding (the .cpg checked against the bytes, else detected, never guessed) and its CRS
// (declared by the file or the user, else told from the coordinates' magnitude), each with why.
type importSource struct {
	path      string // what GDAL opens
	kind      string // intake's dataset kind
	encoding  string // GDAL's SHAPE_ENCODING, "" when GDAL decodes by itself
	encReason string
	crsRead   string // what the file declares ("" none)
	crsUsed   string
	crsReason string
	idField   string // set for a 部标 file: its 地块编号
	nameField string
	layer     string
	cleanup   func()
	hashThis  string // the uploaded file (or directory) the version's sha256 is of
}

// openImportSource unpacks file into a temporary directory and decides what to stage. dataset picks
// one of several datasets in an upload by name; crs and enc are the user's overrides.
func openImportSource(ctx context.Context, file, dataset, layer, crs, enc string, stderr io.Writer) (importSource, error) {
	src := importSource{hashThis: file, layer: layer, cleanup: func() {}}
	st, err := os.Stat(file)
	if err != nil {
		return src, err
	}
	var ds intake.Dataset
	switch {
	case st.IsDir():
		// A File Geodatabase given as its directory: nothing to unpack.
		ds = intake.Dataset{Kind: intake.FileGDB, Name: filepath.Base(file), Path: file}
	case strings.EqualFold(filepath.Ext(file), ".shp") && !isZip(file):
		// A Shapefile named by its .shp, its parts beside it: read in place, through intake's checks of
		// the parts and the .cpg.
		stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		parts, err := filepath.Glob(filepath.Join(filepath.Dir(file), stem+".*"))
		if err != nil {
			return src, err
		}
		up := &intake.Upload{Dir: filepath.Dir(file), Name: filepath.Base(file)}
		for _, p := range parts {
			up.Files = append(up.Files, filepath.Base(p))
		}
		list, err := up.Datasets()
		if err != nil {
			return src, err
		}
		if ds, err = pickDataset(list, dataset); err != nil {
			return src, err
		}
	default:
		dir, err := os.MkdirTemp("", "parkmap-import-")
		if err != nil {
			return src, err
		}
		src.cleanup = func() { os.RemoveAll(dir) }
		up, err := intake.Unpack(file, dir, intake.DefaultLimits())
		if err != nil {
			return src, err
		}
		list, err := up.Datasets()
		if err != nil {
			return src, err
		}
		if ds, err = pickDataset(list, dataset); err != nil {
			return src, err
		}
	}
	src.kind, src.path = ds.Kind, ds.Path
	fmt.Fprintf(stderr, "import: dataset %s (%s)\n", ds.Name, ds.Kind)
	if ds.Kind == intake.BubiaoText {
		return src, src.fromBubiao(crs, enc, stderr)
	}
	if ds.Kind == intake.Shapefile {
		if err := src.shapefileEncoding(ds, enc); err != nil {
			return src, err
		}
	} else if enc != "" {
		e, err := intake.ParseEncoding(enc)
		if err != nil {
			return src, err
		}
		src.encoding, src.encReason = string(e.Charset), "declared by the user / 用户指定"
	}
	info, err := gdal.ReadInfo(ctx, src.path, layer, nil)
	if err != nil {
		return src, err
	}
	src.crsRead = info.CRS
	switch {
	case crs != "":
		g, err := geodesy.DeclaredCRS(crs)
		if err != nil {
			return src, err
		}
		if g.CRS == geodesy.CRSGCJ02 {
			return src, fmt.Errorf("import: a GCJ-02 (AMap) file cannot be staged by GDAL; convert it to WGS84 or CGCS2000 first / 高德（GCJ-02）坐标的文件暂不能直接导入，请先转换为 WGS84 或 CGCS2000")
		}
		src.crsUsed, src.crsReason = fmt.Sprintf("EPSG:%d", g.EPSG), g.Reason+" / "+g.ReasonZh
	case info.CRS != "":
		src.crsUsed, src.crsReason = info.CRS, "declared by the file / 文件自带"
	case info.HasExtent:
		g, err := geodesy.DetectCRS(geodesy.Bounds{MinX: info.Extent[0], MinY: info.Extent[1], MaxX: info.Extent[2], MaxY: info.Extent[3]})
		if err != nil {
			return src, err
		}
		if g.Swapped {
			return src, fmt.Errorf("import: %s / %s: swap the columns or give -crs", g.Reason, g.ReasonZh)
		}
		src.crsUsed, src.crsReason = g.CRS, g.Reason+" / "+g.ReasonZh
	default:
		return src, usageError{"import: " + file + " declares no CRS and has no extent to tell one by: give it with -crs (e.g. -crs EPSG:4528)"}
	}
	return src, nil
}

// pickDataset is the one dataset of an upload, or the one named.
func pickDataset(list []intake.Dataset, name string) (intake.Dataset, error) {
	var names []string
	for _, d := range list {
		if name != "" && d.Name == name {
			return d, nil
		}
		names = append(names, d.Name+" ("+d.Kind+")")
	}
	if name == "" && len(list) == 1 {
		return list[0], nil
	}
	if name != "" {
		return intake.Dataset{}, usageError{fmt.Sprintf("import: no dataset %q in the upload; it holds %s", name, strings.Join(names, ", "))}
	}
	return intake.Dataset{}, usageError{"import: the upload holds several datasets, pick one with -dataset NAME: " + strings.Join(names, ", ")}
}

// shapefileEncoding decides a Shapefile's encoding from its .dbf's own bytes: a user's override or
// the .cpg is taken only if the bytes agree with it (a .cpg saying UTF-8 on a GBK table would store
// mojibake); without either, strict UTF-8, then GBK/GB18030 only when one decodes cleanly.
func (s *importSource) shapefileEncoding(ds intake.Dataset, override string) error {
	dbf := strings.TrimSuffix(ds.Path, filepath.Ext(ds.Path))
	var samples [][]byte
	for _, ext := range []string{".dbf", ".DBF", ".Dbf"} {
		if _, err := os.Stat(dbf + ext); err == nil {
			var err error
			if samples, err = intake.DBFSamples(dbf+ext, 2000); err != nil {
				return err
			}
			break
		}
	}
	var e intake.Encoding
	var err error
	switch {
	case override != "":
		if e, err = intake.ParseEncoding(override); err == nil {
			e.Reason, e.ReasonZh = "declared by the user", "用户指定"
			err = e.Check(samples)
		}
	case ds.Encoding != "":
		e = intake.Encoding{Charset: ds.Encoding, Reason: "the .cpg says " + ds.CPG, ReasonZh: ".cpg 文件标明 " + ds.CPG}
		err = e.Check(samples)
	default:
		e, err = intake.DetectEncoding(samples)
	}
	if err != nil {
		return err
	}
	s.encoding, s.encReason = string(e.Charset), e.Reason+" / "+e.ReasonZh
	return nil
}

// fromBubiao reads a 部标 coordinate file (no GDAL driver exists) and writes its parcels as GeoJSON
// in the file's own Gauss-Krüger CRS, beside it, for GDAL to stage: 地块编号 as id, 地块名称 as name.
func (s *importSource) fromBubiao(crs, enc string, stderr io.Writer) error {
	fh, err := os.Open(s.path)
	if err != nil {
		return err
	}
	defer fh.Close()
	f, err := coordfile.ParseWith(fh, coordfile.Options{CRS: crs, Encoding: coordfile.Encoding(strings.ToUpper(enc))})
	if err != nil {
		return err
	}
	for _, w := range f.Warnings {
		fmt.Fprintf(stderr, "import: warning: %s: %s\n", w.Field, w.MessageZh)
	}
	fc := geojson.NewFeatureCollection()
	for _, p := range f.Parcels {
		ft := geojson.NewFeature(p.Geometry)
		ft.Properties = geojson.Properties{"id": p.ID, "name": p.Name, "use": p.Use, "area_ha": p.AreaHa}
		fc.Append(ft)
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return err
	}
	out := s.path + ".geojson"
	if err := os.WriteFile(out, b, 0o600); err != nil {
		return err
	}
	s.path, s.idField, s.nameField = out, "id", "name"
	s.crsRead = fmt.Sprintf("EPSG:%d", f.CRS.EPSG)
	s.crsUsed, s.crsReason = s.crsRead, f.CRS.Reason+" / "+f.CRS.ReasonZh
	s.encoding, s.encReason = "", string(f.Encoding)+": "+f.EncodingReason
	return nil
}

// isZip reports whether the file starts as a zip does.
func isZip(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 4)
	n, _ := io.ReadFull(f, b)
	return n == 4 && string(b) == "PK\x03\x04"
}
