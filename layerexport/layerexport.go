// Package layerexport is what an export of a published collection looks like in each format Chinese
// GIS users open (issue 10): GeoPackage and GeoJSON with the attributes' own names; a zipped Shapefile
// whose field names fit dBase's 10 bytes, with its .cpg (UTF-8, or GBK for older tools) and a table
// of what each short name stands for; CSV (UTF-8 with a BOM) and xlsx with Chinese headers, text
// guarded against formulas and each feature's label point as lon/lat. GDAL (ogr2ogr) writes the
// files; this package decides their columns and options and packs the Shapefile. It holds no SQL.
package layerexport

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
)

// Format is one export format.
type Format struct {
	ID     string // the -format flag's value
	Driver string // GDAL's driver
	Ext    string // the output file's extension
	// People formats (CSV, xlsx) are read in a spreadsheet: Chinese headers, text guarded against
	// formulas, the label point as lon/lat; without geometry in xlsx (GDAL writes none there).
	People   bool
	Geometry bool
	// Short field names (Shapefile: at most 10 bytes).
	Short bool
}

// Formats are the formats an export can be written in.
var Formats = []Format{
	{ID: "gpkg", Driver: "GPKG", Ext: ".gpkg", Geometry: true},
	{ID: "geojson", Driver: "GeoJSON", Ext: ".geojson", Geometry: true},
	{ID: "shp", Driver: "ESRI Shapefile", Ext: ".zip", Geometry: true, Short: true},
	{ID: "csv", Driver: "CSV", Ext: ".csv", People: true, Geometry: true},
	{ID: "xlsx", Driver: "XLSX", Ext: ".xlsx", People: true},
	Bubiao,
}

// CRSs are the coordinate systems an export can be written in: CGCS2000 (EPSG:4490), its 3-degree
// Gauss-Krüger projections at CM 120°E without (EPSG:4549) and with the zone prefix 40 (EPSG:4528),
// and WGS84 (EPSG:4326).
var CRSs = []string{"EPSG:4490", "EPSG:4549", "EPSG:4528", "EPSG:4326"}

// Encodings of a Shapefile's attributes: UTF-8 by default, GBK for older tools (ArcGIS 9/10 and
// many county desktop GIS read only the system code page).
var Encodings = []string{"UTF-8", "GBK"}

// Label point columns of the people formats.
const (
	LabelLon = "中心点经度"
	LabelLat = "中心点纬度"
)

// Options are an export's choices, as a user gives them.
type Options struct {
	Format, CRS, Encoding string
}

// Check returns the format and the options filled in (CRS EPSG:4490, encoding UTF-8), or a 400 error
// naming the option at fault, in English and Chinese.
func Check(o Options) (Format, Options, error) {
	var f Format
	i := slices.IndexFunc(Formats, func(f Format) bool { return f.ID == strings.ToLower(o.Format) })
	if i < 0 {
		return f, o, fieldErr("format", fmt.Sprintf("format must be one of %s; got %s", ids(), apperr.Quote(o.Format)),
			fmt.Sprintf("导出格式须为 %s 之一，收到 %s", ids(), apperr.Quote(o.Format)))
	}
	f = Formats[i]
	if o.CRS == "" {
		o.CRS = "EPSG:4490"
		if f.ID == Bubiao.ID {
			o.CRS = "EPSG:4528" // the approval files' own: zone 40 with its prefix
		}
	}
	o.CRS = strings.ToUpper(o.CRS)
	if !slices.Contains(CRSs, o.CRS) {
		return f, o, fieldErr("crs", fmt.Sprintf("crs must be one of %s; got %s", strings.Join(CRSs, ", "), apperr.Quote(o.CRS)),
			fmt.Sprintf("坐标系须为 %s 之一，收到 %s", strings.Join(CRSs, "、"), apperr.Quote(o.CRS)))
	}
	if f.ID == Bubiao.ID && o.CRS != "EPSG:4528" && o.CRS != "EPSG:4549" {
		return f, o, fieldErr("crs", "a 部标 coordinate file holds Gauss-Krüger metres: crs EPSG:4528 or EPSG:4549; got "+apperr.Quote(o.CRS),
			"部标坐标文件只能用高斯-克吕格投影坐标：EPSG:4528 或 EPSG:4549，收到 "+apperr.Quote(o.CRS))
	}
	if o.Encoding == "" {
		o.Encoding = "UTF-8"
		if f.ID == Bubiao.ID {
			o.Encoding = "GBK" // the approval systems' Windows tools read GBK
		}
	}
	o.Encoding = strings.ToUpper(o.Encoding)
	if !slices.Contains(Encodings, o.Encoding) || (o.Encoding != "UTF-8" && f.ID != "shp" && f.ID != Bubiao.ID) {
		return f, o, fieldErr("encoding", "encoding is UTF-8, or GBK for a Shapefile or a 部标 file; got "+apperr.Quote(o.Encoding),
			"编码须为 UTF-8（Shapefile 与部标坐标文件可选 GBK），收到 "+apperr.Quote(o.Encoding))
	}
	return f, o, nil
}

func ids() string {
	var out []string
	for _, f := range Formats {
		out = append(out, f.ID)
	}
	return strings.Join(out, ", ")
}

func fieldErr(field, en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}

// LayerOptions are GDAL's layer creation options for the format.
func LayerOptions(f Format, o Options) []string {
	switch f.ID {
	case "shp":
		return []string{"ENCODING=" + o.Encoding}
	case "csv":
		return []string{"GEOMETRY=AS_WKT", "WRITE_BOM=YES", "SEPARATOR=COMMA", "LINEFORMAT=CRLF"}
	case "geojson":
		return []string{"WRITE_NAME=NO"}
	}
	return nil
}

// Column is one exported attribute: the property and the name it has in the file.
type Column struct {
	Property catalog.Property
	Name     string
}

// Columns names every property of c for the format: its own name, its Chinese title (a title two
// properties share gets the property's name beside it), or a unique short name of at most 10 bytes.
func Columns(c catalog.Collection, f Format) []Column {
	titles := map[string]int{}
	for _, p := range c.Properties {
		titles[p.Title]++
	}
	used := map[string]bool{}
	var out []Column
	for _, p := range c.Properties {
		name := p.Name
		switch {
		case f.People:
			name = p.Title
			if titles[p.Title] > 1 {
				name = p.Title + "（" + p.Name + "）"
			}
		case f.Short && p.Short != "":
			name = p.Short
		case f.Short:
			name = shortName(p.Name, used)
		}
		used[strings.ToLower(name)] = true
		out = append(out, Column{Property: p, Name: name})
	}
	return out
}

// shortName fits name into dBase's 10 bytes: kept as it is when it fits, else cut to 10, or to 8
// with a two-digit number when the cut is taken (GDAL would cut and number too, but silently; here
// the mapping file says what each short name stands for).
func shortName(name string, used map[string]bool) string {
	if len(name) <= 10 && !used[strings.ToLower(name)] {
		return name
	}
	if cut := name[:min(10, len(name))]; !used[strings.ToLower(cut)] {
		return cut
	}
	for i := 1; ; i++ {
		s := fmt.Sprintf("%s%02d", name[:min(8, len(name))], i)
		if i > 99 {
			s = fmt.Sprintf("f%09d", i) // never reached by a catalogue of a few dozen fields
		}
		if !used[strings.ToLower(s)] {
			return s
		}
	}
}

// File is one written export: where it is on disk, the name a user should get, and its media type.
type File struct {
	Path, Name, MediaType string
}
