package importer

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/coordtable"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/intake"
	"github.com/pingyang/parkmap/internal/gdal"
	"github.com/pingyang/parkmap/layerimport"
)

// source is what an import stages, worked out before GDAL copies anything: the upload unpacked
// safely (intake: caps counted while reading, no path tricks, no nested zips), the one dataset in it,
// its text encoding (the .cpg checked against the bytes, else detected, never guessed) and its CRS
// (declared by the file or the user, else told from the coordinates' magnitude), each with why.
type source struct {
	path     string // what GDAL opens
	encoding string // GDAL's SHAPE_ENCODING, "" when GDAL decodes by itself
	crsRead  string // what the file declares ("" none)
	crsUsed  string
	// idField and nameField are set for a file the importer wrote itself (a 部标 file's GeoJSON).
	idField, nameField string
	layer              string
	info               layerimport.Source
	cleanup            func()
	hashThis           string // the uploaded file (or directory) the version's sha256 is of
}

// invalid is a 4xx naming field, in English and Chinese.
func invalid(field, en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}

// openSource unpacks r.Path into a temporary directory and decides what to stage.
func openSource(ctx context.Context, r layerimport.Request, progress io.Writer) (source, error) {
	file := r.Path
	src := source{hashThis: file, layer: r.SourceLayer, cleanup: func() {}}
	st, err := os.Stat(file)
	if err != nil {
		return src, invalid("file", fmt.Sprintf("cannot read %s: %v", r.FileName, err), "无法读取文件 "+r.FileName)
	}
	var list []intake.Dataset
	switch {
	case st.IsDir():
		// A File Geodatabase given as its directory: nothing to unpack.
		list = []intake.Dataset{{Kind: intake.FileGDB, Name: filepath.Base(file), Path: file}}
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
		if list, err = up.Datasets(); err != nil {
			return src, err
		}
	default:
		dir, err := os.MkdirTemp("", "parkmap-import-")
		if err != nil {
			return src, err
		}
		src.cleanup = func() { os.RemoveAll(dir) }
		// The upload's own base name tells its format (intake reads the extension of a plain file):
		// the page saves an upload under the name the user gave it.
		up, err := intake.Unpack(file, dir, intake.DefaultLimits())
		if err != nil {
			return src, err
		}
		if list, err = up.Datasets(); err != nil {
			return src, err
		}
	}
	// The datasets are listed before one is picked: an upload of several answers with their names.
	for _, d := range list {
		src.info.Datasets = append(src.info.Datasets, d.Name)
	}
	ds, err := pickDataset(list, r.Dataset)
	if err != nil {
		return src, err
	}
	src.path, src.info.Dataset, src.info.Kind = ds.Path, ds.Name, ds.Kind
	step(progress, "dataset %s (%s)", ds.Name, ds.Kind)
	if ds.Kind == intake.BubiaoText {
		return src, src.fromBubiao(r.CRS, r.Encoding)
	}
	if ds.Kind == intake.CSV || ds.Kind == intake.XLSX {
		if ok, err := src.fromTable(ds.Kind, coordtable.Options{CRS: r.CRS, Encoding: r.Encoding, Sheet: r.SourceLayer}, progress); ok || err != nil {
			return src, err
		}
	}
	if ds.Kind == intake.Shapefile {
		if err := src.shapefileEncoding(ds, r.Encoding); err != nil {
			return src, err
		}
	} else if r.Encoding != "" {
		e, err := intake.ParseEncoding(r.Encoding)
		if err != nil {
			return src, err
		}
		src.encoding, src.info.EncodingReason = string(e.Charset), "declared by the user / 用户指定"
	}
	info, err := gdal.ReadInfo(ctx, src.path, r.SourceLayer, nil)
	if err != nil {
		return src, invalid("file", "GDAL cannot open "+ds.Name+": "+lastLine(err.Error()),
			"GDAL 无法打开 "+ds.Name+"："+lastLine(err.Error()))
	}
	src.crsRead = info.CRS
	switch {
	case r.CRS != "":
		g, err := geodesy.DeclaredCRS(r.CRS)
		if err != nil {
			return src, err
		}
		if g.CRS == geodesy.CRSGCJ02 {
			return src, src.fromGCJ02(ctx, info, r.SourceLayer, progress)
		}
		src.crsUsed, src.info.CRSReason = fmt.Sprintf("EPSG:%d", g.EPSG), g.Reason+" / "+g.ReasonZh
	case info.CRS != "":
		src.crsUsed, src.info.CRSReason = info.CRS, "declared by the file / 文件自带"
	case info.HasExtent:
		g, err := geodesy.DetectCRS(geodesy.Bounds{MinX: info.Extent[0], MinY: info.Extent[1], MaxX: info.Extent[2], MaxY: info.Extent[3]})
		if err != nil {
			return src, err
		}
		if g.Swapped {
			return src, invalid("crs", g.Reason+": swap the columns or give the CRS", g.ReasonZh+"：请交换坐标列或指定坐标系")
		}
		src.crsUsed, src.info.CRSReason = g.CRS, g.Reason+" / "+g.ReasonZh
	default:
		return src, invalid("crs", ds.Name+" declares no CRS and has no extent to tell one by: give it (e.g. EPSG:4528)",
			ds.Name+" 未声明坐标系，也无法从坐标范围判断：请指定坐标系（如 EPSG:4528）")
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
		return intake.Dataset{}, invalid("dataset", fmt.Sprintf("no dataset %q in the upload; it holds %s", name, strings.Join(names, ", ")),
			fmt.Sprintf("上传的文件中没有数据集“%s”，现有：%s", name, strings.Join(names, "、")))
	}
	return intake.Dataset{}, invalid("dataset", "the upload holds several datasets, pick one: "+strings.Join(names, ", "),
		"上传的文件包含多个数据集，请选择一个："+strings.Join(names, "、"))
}

// shapefileEncoding decides a Shapefile's encoding from its .dbf's own bytes: a user's override or
// the .cpg is taken only if the bytes agree with it (a .cpg saying UTF-8 on a GBK table would store
// mojibake); without either, strict UTF-8, then GBK/GB18030 only when one decodes cleanly.
func (s *source) shapefileEncoding(ds intake.Dataset, override string) error {
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
	s.encoding, s.info.EncodingReason = string(e.Charset), e.Reason+" / "+e.ReasonZh
	return nil
}

// fromBubiao reads a 部标 coordinate file (no GDAL driver exists) and writes its parcels as GeoJSON
// in the file's own Gauss-Krüger CRS, beside it, for GDAL to stage: 地块编号 as id, 地块名称 as name.
func (s *source) fromBubiao(crs, enc string) error {
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
		s.info.Warnings = append(s.info.Warnings, w.Field+": "+w.MessageZh)
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
	s.crsUsed, s.info.CRSReason = s.crsRead, f.CRS.Reason+" / "+f.CRS.ReasonZh
	s.encoding, s.info.EncodingReason = "", string(f.Encoding)+": "+f.EncodingReason
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

// lastLine is the last non-empty line of a tool's message (GDAL's ERROR line), without the command.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func step(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "import: "+format+"\n", args...)
	}
}
