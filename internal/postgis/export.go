package postgis

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/catalog"
)

// ExportColumns says how a collection's attributes are written into an export file.
type ExportColumns struct {
	// Header names each property's column: its name (GeoPackage, GeoJSON), its Chinese title (CSV,
	// xlsx, for people) or a short name (Shapefile's 10 bytes). Names must be unique.
	Header func(catalog.Property) string
	// SafeText guards text a spreadsheet would read as a formula (= + - @ …) with an apostrophe, in
	// SQL, before GDAL writes the cell (spreadsheet.SafeText does the same in Go).
	SafeText bool
	// LabelPoint adds the label point's lon/lat in the export's CRS's units as two columns (what a
	// spreadsheet user can place), named by these headers; "" leaves them out.
	LabelX, LabelY string
	// Geometry keeps the geometry column (every format but xlsx, which GDAL writes without one).
	Geometry bool
}

// ExportSQL is the SELECT ogr2ogr reads a collection with (`-sql`): every published property of
// the collection's view in catalogue order, arrays joined with 、 (no file format here holds a list),
// and the geometry as geom. Identifiers come only from the catalogue, through pgx.Identifier; the
// statement carries no value from a request, so it needs no parameter.
func ExportSQL(c catalog.Collection, cols ExportColumns) (string, error) {
	var sel []string
	seen := map[string]bool{}
	for _, p := range c.Properties {
		h := cols.Header(p)
		if h == "" || seen[strings.ToLower(h)] {
			return "", fmt.Errorf("export %s: column name %q of %s is empty or repeated", c.ID, h, p.Name)
		}
		seen[strings.ToLower(h)] = true
		col := pgx.Identifier{p.Name}.Sanitize()
		expr := col
		switch p.Type {
		case "array":
			expr = "array_to_string(" + col + ", '、')"
		case "string":
			expr = col + "::text"
		}
		if cols.SafeText && (p.Type == "string" || p.Type == "array") {
			expr = "CASE WHEN left(" + expr + ", 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || " + expr + " ELSE " + expr + " END"
		}
		sel = append(sel, expr+" AS "+pgx.Identifier{h}.Sanitize())
	}
	if cols.LabelX != "" {
		sel = append(sel, "ST_X(ST_PointOnSurface(geom)) AS "+pgx.Identifier{cols.LabelX}.Sanitize(),
			"ST_Y(ST_PointOnSurface(geom)) AS "+pgx.Identifier{cols.LabelY}.Sanitize())
	}
	if cols.Geometry {
		sel = append(sel, "geom")
	}
	order := ""
	if _, ok := c.Property("id"); ok {
		order = " ORDER BY " + pgx.Identifier{"id"}.Sanitize()
	}
	return "SELECT " + strings.Join(sel, ", ") + " FROM " + pgx.Identifier{c.View}.Sanitize() + order, nil
}
