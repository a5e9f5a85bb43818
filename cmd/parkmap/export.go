package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paulmach/orb/geojson"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/coordfile"
	"github.com/pingyang/parkmap/internal/gdal"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/layerexport"
)

// export: a published collection as a file (issue 10): GeoPackage, GeoJSON, a zipped Shapefile, CSV or
// xlsx, in CGCS2000, its Gauss-Krüger projections or WGS84. It reads only, so it connects as
// parkmap_reader (PARKMAP_READER_URL). GDAL's ogr2ogr writes the file from the collection's published
// view; the file appears under its name only once whole (written beside it, then renamed).

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usageError{"export: name the collection first: parkmap export COLLECTION -format F (collections: " + collectionIDs() + ")"}
	}
	id, rest := args[0], args[1:]
	fs := newFlags("export", stderr)
	db := fs.String("db", os.Getenv(readerURLEnv), "connection URL as the read-only role parkmap_reader (default $"+readerURLEnv+")")
	var o layerexport.Options
	fs.StringVar(&o.Format, "format", "gpkg", "gpkg, geojson, shp (a zip with .cpg and the table of its short field names), csv (UTF-8 with a BOM), xlsx or bubiao (部标坐标文件)")
	fs.StringVar(&o.CRS, "crs", "", "EPSG:4490 (CGCS2000, the default), EPSG:4549 or EPSG:4528 (CGCS2000 3° Gauss-Krüger CM 120°E, without or with the zone prefix 40; a 部标 file's default is 4528) or EPSG:4326")
	fs.StringVar(&o.Encoding, "encoding", "", "a Shapefile's or 部标 file's text: UTF-8 (a Shapefile's default) or GBK (a 部标 file's default, for older tools)")
	out := fs.String("o", "", "the output file (default COLLECTION plus the format's extension, in the current directory)")
	if err := parse(fs, rest); err != nil {
		return err
	}
	if err := requireDB(*db, readerURLEnv); err != nil {
		return err
	}
	c, ok := catalog.Default().Collection(id)
	if !ok {
		return usageError{fmt.Sprintf("export: unknown collection %q (collections: %s)", id, collectionIDs())}
	}
	f, o, err := layerexport.Check(o)
	if err != nil {
		return usageError{"export: " + err.Error()}
	}
	if *out == "" {
		*out = c.ID + f.Ext
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
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(*out), ".parkmap-export-")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp)
	written := filepath.Join(tmp, c.ID+f.Ext)
	if f.ID == "shp" {
		written = filepath.Join(tmp, c.ID+".shp")
	}
	fmt.Fprintf(stderr, "export: %s → %s (%s, %s)\n", c.ID, *out, f.ID, o.CRS)
	run := gdal.Export{DatabaseURL: *db, SQL: sql, Driver: f.Driver, File: written, Layer: c.ID, CRS: o.CRS,
		LayerOptions: layerexport.LayerOptions(f, o), Progress: stderr}
	if err := run.Run(ctx); err != nil {
		return fmt.Errorf("export %s: %w", c.ID, err)
	}
	if f.ID == layerexport.Bubiao.ID {
		if written, err = writeBubiao(written, tmp, c, o); err != nil {
			return fmt.Errorf("export %s: %w", c.ID, err)
		}
	}
	if f.ID == "shp" {
		zipped := filepath.Join(tmp, "packed.zip") // outside the glob of the Shapefile's parts
		zf, err := os.Create(zipped)
		if err != nil {
			return err
		}
		if err := layerexport.PackShapefile(tmp, c.ID, cols, zf); err != nil {
			zf.Close()
			return fmt.Errorf("export %s: %w", c.ID, err)
		}
		if err := zf.Close(); err != nil {
			return err
		}
		written = zipped
	}
	if err := os.Rename(written, *out); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(stdout, "%s\n", *out)
	return nil
}

func collectionIDs() string {
	var ids []string
	for _, c := range catalog.Default().Collections() {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ", ")
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
