// Package exporter writes a published collection as a file for the command line and the page alike
// (issue 10): GDAL's ogr2ogr reads the collection's published view as the read-only role and writes a
// GeoPackage, GeoJSON, a zipped Shapefile (with its .cpg and the table of its short field names), CSV,
// xlsx or a 部标 coordinate file, in CGCS2000, its Gauss-Krüger projections or WGS84. It sits above
// internal/postgis and internal/gdal; web reaches it only through an interface of its own.
package exporter

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/internal/gdal"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/layerexport"
	"github.com/pingyang/parkmap/spreadsheet"
)

// Service exports the collections of Catalog, reading as DatabaseURL (parkmap_reader).
type Service struct {
	Catalog     *catalog.Catalog
	DatabaseURL string
}

// Export writes collection id in the format and CRS of o into dir (which the caller owns and
// removes) and returns the file. progress, when set, receives ogr2ogr's progress.
func (s *Service) Export(ctx context.Context, id string, o layerexport.Options, dir string, progress io.Writer) (layerexport.File, error) {
	c, ok := s.Catalog.Collection(id)
	if !ok {
		return layerexport.File{}, apperr.Fields([]apperr.FieldError{{Field: "collection",
			Message: fmt.Sprintf("unknown collection %q", id), MessageZh: fmt.Sprintf("没有图层“%s”", id)}})
	}
	f, o, err := layerexport.Check(o)
	if err != nil {
		return layerexport.File{}, err
	}
	cols := layerexport.Columns(c, f)
	names := map[string]string{}
	for _, col := range cols {
		names[col.Property.Name] = col.Name
	}
	ec := postgis.ExportColumns{Header: func(p catalog.Property) string { return names[p.Name] }, SafeText: f.People, Geometry: f.Geometry}
	if f.People {
		ec.LabelX, ec.LabelY = layerexport.LabelLon, layerexport.LabelLat
	}
	sql, err := postgis.ExportSQL(c, ec)
	if err != nil {
		return layerexport.File{}, err
	}
	written := filepath.Join(dir, c.ID+f.Ext)
	if f.ID == "shp" {
		written = filepath.Join(dir, c.ID+".shp")
	}
	run := gdal.Export{DatabaseURL: s.DatabaseURL, SQL: sql, Driver: f.Driver, File: written, Layer: c.ID, CRS: o.CRS,
		LayerOptions: layerexport.LayerOptions(f, o), Progress: progress}
	if err := run.Run(ctx); err != nil {
		return layerexport.File{}, fmt.Errorf("export %s: %w", c.ID, err)
	}
	if f.ID == layerexport.Bubiao.ID {
		if written, err = writeBubiao(written, dir, c, o); err != nil {
			return layerexport.File{}, fmt.Errorf("export %s: %w", c.ID, err)
		}
	}
	if f.ID == "shp" {
		zipped := filepath.Join(dir, "packed.zip") // outside the glob of the Shapefile's parts
		zf, err := os.Create(zipped)
		if err != nil {
			return layerexport.File{}, err
		}
		if err := layerexport.PackShapefile(dir, c.ID, cols, zf); err != nil {
			zf.Close()
			return layerexport.File{}, fmt.Errorf("export %s: %w", c.ID, err)
		}
		if err := zf.Close(); err != nil {
			return layerexport.File{}, err
		}
		written = zipped
	}
	return layerexport.File{Path: written, Name: c.ID + f.Ext, MediaType: mediaType(f, o)}, nil
}

// mediaType is what a download of format f is served as.
func mediaType(f layerexport.Format, o layerexport.Options) string {
	switch f.ID {
	case "gpkg":
		return "application/geopackage+sqlite3"
	case "geojson":
		return "application/geo+json"
	case "shp":
		return "application/zip"
	case "csv":
		return "text/csv; charset=utf-8"
	case "xlsx":
		return spreadsheet.MediaXLSX
	case layerexport.Bubiao.ID:
		if strings.EqualFold(o.Encoding, "UTF-8") {
			return "text/plain; charset=utf-8"
		}
		return "text/plain; charset=GBK"
	}
	return "application/octet-stream"
}

// writeBubiao turns the GeoJSON that ogr2ogr wrote (in the Gauss-Krüger CRS asked for) into the 部标
// file, beside it, and returns its path.
func writeBubiao(geojsonPath, dir string, c catalog.Collection, o layerexport.Options) (string, error) {
	b, err := os.ReadFile(geojsonPath)
	if err != nil {
		return "", err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return "", fmt.Errorf("bubiao: %w", err)
	}
	out := filepath.Join(dir, c.ID+"-bubiao.txt")
	f, err := os.Create(out)
	if err != nil {
		return "", err
	}
	if _, err := layerexport.WriteBubiao(f, fc, o.CRS, "平阳县 parkmap", coordfile.Encoding(o.Encoding), time.Now()); err != nil {
		f.Close()
		return "", err
	}
	return out, f.Close()
}
