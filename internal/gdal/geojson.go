package gdal

import (
	"context"
	"io"
)

// ToGeoJSON is one copy of a file's layer into a GeoJSON file, for an import that must change the
// coordinates itself before staging (a GCJ-02 file, whose offset no CRS describes): ogr2ogr reads
// any format GDAL knows, and the coordinates come out as read unless TargetCRS is set.
type ToGeoJSON struct {
	File  string
	Layer string // the layer to copy ("" the first); the output layer is named the same (-nln)
	Out   string // the GeoJSON file, which must not exist
	// TargetCRS, when set, reprojects (-t_srs); SourceCRS overrides what the file declares (-s_srs).
	TargetCRS, SourceCRS string
	// Config are GDAL configuration options (SHAPE_ENCODING …).
	Config   map[string]string
	Progress io.Writer
}

// Run writes Out. GDAL's GeoJSON writer keeps every coordinate digit (COORDINATE_PRECISION is not
// set) and does not force RFC 7946, which would reproject a file that declares nothing.
func (c ToGeoJSON) Run(ctx context.Context) error {
	args := []string{"-f", "GeoJSON", c.Out, c.File}
	if c.Layer != "" {
		args = append(args, c.Layer, "-nln", c.Layer)
	}
	if c.SourceCRS != "" {
		args = append(args, "-s_srs", c.SourceCRS)
	}
	if c.TargetCRS != "" {
		args = append(args, "-t_srs", c.TargetCRS)
	}
	args = append(args, "-progress")
	args = append(args, configArgs(c.Config)...)
	return ogr2ogr(ctx, args, "", c.File, c.Progress)
}
