package intake

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Dataset kinds: each is one thing GDAL (or, for the 部标 text file, parkmap) reads as layers.
const (
	Shapefile   = "shapefile"
	FileGDB     = "filegdb"
	GeoPackage  = "gpkg"
	GeoJSON     = "geojson"
	DXF         = "dxf"
	KML         = "kml"
	KMZ         = "kmz"
	CSV         = "csv"
	XLSX        = "xlsx"
	BubiaoText  = "bubiao" // 部标坐标文件: a .txt with a [地块坐标] section
	bubiaoTitle = "[地块坐标]"
)

// Dataset is one readable dataset in an upload.
type Dataset struct {
	Kind string
	// Name is its path inside the upload (slash-separated), as the user knows it.
	Name string
	// Path is what GDAL should open: the .shp, the .gdb directory, or the file.
	Path string
	// CPG is a Shapefile's .cpg text as written, and Encoding its charset when parkmap knows it
	// ("" when there is no .cpg or it names something else: then DetectEncoding decides). A .cpg
	// can be wrong: check it against the .dbf's bytes with Encoding.Check before believing it.
	CPG      string
	Encoding Charset
}

// Datasets lists the upload's readable datasets. More than one is not an error: the caller lists
// them and the user picks. A Shapefile missing its .shx or .dbf is an error naming the missing part,
// because GDAL would otherwise open it half (geometry without attributes) or not at all.
func (u *Upload) Datasets() ([]Dataset, error) {
	var out []Dataset
	shp := map[string]map[string]string{} // dir/base lower-cased → extension → file name
	var shpOrder []string
	gdbs := map[string]bool{}
	for _, name := range u.Files {
		if ignored(name) {
			continue
		}
		if gdb := gdbDir(name); gdb != "" {
			if !gdbs[strings.ToLower(gdb)] {
				gdbs[strings.ToLower(gdb)] = true
				out = append(out, Dataset{Kind: FileGDB, Name: gdb, Path: u.path(gdb)})
			}
			continue
		}
		ext := strings.ToLower(path.Ext(name))
		kind := ""
		switch ext {
		case ".shp", ".shx", ".dbf", ".prj", ".cpg":
			key := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
			if shp[key] == nil {
				shp[key] = map[string]string{}
				shpOrder = append(shpOrder, key)
			}
			shp[key][ext] = name
			continue
		case ".gpkg":
			kind = GeoPackage
		case ".geojson", ".json":
			kind = GeoJSON
		case ".dxf":
			kind = DXF
		case ".kml":
			kind = KML
		case ".kmz":
			kind = KMZ
		case ".csv":
			kind = CSV
		case ".xlsx":
			kind = XLSX
		case ".txt":
			if u.isBubiao(name) {
				kind = BubiaoText
			}
		}
		if kind != "" {
			out = append(out, Dataset{Kind: kind, Name: name, Path: u.path(name)})
		}
	}
	for _, key := range shpOrder {
		parts := shp[key]
		main, ok := parts[".shp"]
		if !ok {
			continue // a lone .dbf is a table, not a dataset here
		}
		for _, need := range []string{".shx", ".dbf"} {
			if _, ok := parts[need]; !ok {
				return nil, fileErr(fmt.Sprintf("Shapefile %s is missing its %s file", apperr.Quote(main), need),
					fmt.Sprintf("Shapefile %s 缺少 %s 文件", apperr.Quote(main), need))
			}
		}
		d := Dataset{Kind: Shapefile, Name: main, Path: u.path(main)}
		if cpg, ok := parts[".cpg"]; ok {
			d.CPG, d.Encoding = u.readCPG(cpg)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, u.noDataset()
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// noDataset says what was found, so the user sees why ("a.doc, b.pdf"), not just that it failed.
func (u *Upload) noDataset() error {
	found := u.Files
	more := ""
	if len(found) > 10 {
		found, more = found[:10], fmt.Sprintf(" … (%d files)", len(u.Files))
	}
	list := strings.Join(found, ", ") + more
	if len(u.Files) == 0 {
		list = "nothing"
	}
	return fileErr("no readable dataset in the upload (Shapefile, .gdb, .gpkg, GeoJSON, DXF, KML/KMZ, CSV, xlsx or 部标 text); found: "+list,
		"上传的文件中没有可读取的数据（支持 Shapefile、.gdb、.gpkg、GeoJSON、DXF、KML/KMZ、CSV、xlsx、部标坐标文件）；找到："+list)
}

func (u *Upload) path(name string) string { return filepath.Join(u.Dir, filepath.FromSlash(name)) }

// ignored drops what zip tools add beside the data: macOS resource forks and folder metadata.
func ignored(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") || base == ".DS_Store" || base == "Thumbs.db"
}

// gdbDir returns the File Geodatabase directory holding name ("a/x.gdb"), or "".
func gdbDir(name string) string {
	parts := strings.Split(name, "/")
	for i := range parts[:len(parts)-1] {
		if strings.HasSuffix(strings.ToLower(parts[i]), ".gdb") {
			return strings.Join(parts[:i+1], "/")
		}
	}
	return ""
}

// readCPG reads a .cpg (a code page name in one short line); one longer than a line is not a .cpg.
func (u *Upload) readCPG(name string) (string, Charset) {
	b, err := readHead(u.path(name), 256)
	if err != nil {
		return "", ""
	}
	s := strings.TrimSpace(string(b))
	enc, err := ParseEncoding(s)
	if err != nil {
		return s, ""
	}
	return s, enc.Charset
}

// isBubiao says whether a .txt is a 部标 coordinate file: its [地块坐标] section title, in UTF-8 or
// GBK (the Ministry's tools write GBK), within the first 64 KiB.
func (u *Upload) isBubiao(name string) bool {
	b, err := readHead(u.path(name), 64<<10)
	if err != nil {
		return false
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(bubiaoTitle)
	return bytes.Contains(b, []byte(bubiaoTitle)) || bytes.Contains(b, []byte(gbk))
}

func readHead(p string, n int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}
