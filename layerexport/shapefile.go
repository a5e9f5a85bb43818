package layerexport

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pingyang/parkmap/spreadsheet"
)

// MappingSuffix ends the name, inside a Shapefile zip, of the table of what each short field name
// stands for (字段对照: UTF-8 with a BOM, so that Excel and WPS show the Chinese). The name itself is
// ASCII: unzip tools that ignore the zip's UTF-8 flag (older Chinese Windows tools, Info-ZIP in a C
// locale) would garble a Chinese file name.
const MappingSuffix = "_fields.csv"

// shapefileParts are the files of a Shapefile that GDAL writes, the ones a zip carries.
var shapefileParts = []string{".shp", ".shx", ".dbf", ".prj", ".cpg"}

// PackShapefile zips the Shapefile that GDAL wrote as layer.* in dir (.shp, .shx, .dbf, .prj, .cpg)
// with the mapping of its short field names, into out.
func PackShapefile(dir, layer string, cols []Column, out io.Writer) error {
	parts, err := filepath.Glob(filepath.Join(dir, layer+".*"))
	if err != nil {
		return err
	}
	sort.Strings(parts)
	have := map[string]string{}
	for _, p := range parts {
		have[strings.ToLower(filepath.Ext(p))] = p
	}
	zw := zip.NewWriter(out)
	for _, ext := range shapefileParts {
		p, ok := have[ext]
		if !ok {
			return fmt.Errorf("shapefile %s: GDAL wrote no %s", layer, ext)
		}
		if err := addFile(zw, p, filepath.Base(p)); err != nil {
			return err
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: layer + MappingSuffix, Method: zip.Deflate})
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, spreadsheet.UTF8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"字段", "属性", "中文名称"})
	for _, c := range cols {
		_ = cw.Write([]string{c.Name, c.Property.Name, spreadsheet.SafeText(c.Property.Title)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return zw.Close()
}

func addFile(zw *zip.Writer, path, name string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}
