package gdal

import (
	"context"
	"io"
)

// Export is one copy of a query's rows out of PostGIS into a file (issue 10's exports): ogr2ogr reads
// `-sql` from the database and writes Driver's format, reprojected to CRS.
type Export struct {
	// DatabaseURL is a postgres:// URL, a reader's: an export only reads.
	DatabaseURL string
	SQL         string
	Driver      string // GPKG, GeoJSON, ESRI Shapefile, CSV, XLSX
	File        string
	Layer       string // the layer's name in the file (-nln)
	CRS         string // EPSG:n of the file
	// LayerOptions are the driver's layer creation options (-lco), Config GDAL configuration options.
	LayerOptions []string
	Config       map[string]string
	Progress     io.Writer
}

// Run writes the file. The geometry column of the query is geom in EPSG:4326 (the storage SRID).
func (e Export) Run(ctx context.Context) error {
	conn, password, err := conninfo(e.DatabaseURL)
	if err != nil {
		return err
	}
	args := []string{"-f", e.Driver, e.File, "PG:" + conn, "-sql", e.SQL, "-nln", e.Layer,
		"-s_srs", "EPSG:4326", "-t_srs", e.CRS, "-progress"}
	for _, o := range e.LayerOptions {
		args = append(args, "-lco", o)
	}
	args = append(args, configArgs(e.Config)...)
	return ogr2ogr(ctx, args, password, e.File, e.Progress)
}
