package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/exporter"
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
	if _, ok := catalog.Default().Collection(id); !ok {
		return usageError{fmt.Sprintf("export: unknown collection %q (collections: %s)", id, collectionIDs())}
	}
	f, o, err := layerexport.Check(o)
	if err != nil {
		return usageError{"export: " + err.Error()}
	}
	if *out == "" {
		*out = id + f.Ext
	}
	tmp, err := os.MkdirTemp(filepath.Dir(*out), ".parkmap-export-")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp)
	fmt.Fprintf(stderr, "export: %s → %s (%s, %s)\n", id, *out, f.ID, o.CRS)
	svc := exporter.Service{Catalog: catalog.Default(), DatabaseURL: *db}
	written, err := svc.Export(ctx, id, o, tmp, stderr)
	if err != nil {
		return err
	}
	if err := os.Rename(written.Path, *out); err != nil {
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
