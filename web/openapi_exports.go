package web

import (
	"github.com/pingyang/parkmap/layerexport"
)

// addExportPaths documents the downloads of the collections (issue 10).
func addExportPaths(paths obj) {
	var formats []string
	for _, f := range layerexport.Formats {
		formats = append(formats, f.ID)
	}
	q := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	op := operation("download_collection", "Data", "A collection as a file",
		"GDAL writes the published collection: gpkg (default), geojson, shp (a zip with .cpg and <layer>_fields.csv mapping the "+
			"10-character field names to the full ones and their Chinese titles), csv (UTF-8 with a BOM, Chinese headers, text "+
			"that a spreadsheet would take as a formula prefixed with '), xlsx or bubiao (部标坐标文件). At most two at a time: "+
			"503 with Retry-After when busy.",
		[]any{
			obj{"name": "collectionId", "in": "path", "required": true, "schema": str()},
			q("format", "the file format", obj{"type": "string", "enum": formats, "default": "gpkg"}),
			q("crs", "EPSG:4490 (CGCS2000, default), EPSG:4549 or EPSG:4528 (CGCS2000 3° Gauss-Krüger CM 120°E, without or with the zone prefix 40; a 部标 file's default) or EPSG:4326",
				obj{"type": "string", "enum": layerexport.CRSs}),
			q("encoding", "a Shapefile's or 部标 file's text: UTF-8 (a Shapefile's default) or GBK (a 部标 file's default)", obj{"type": "string", "enum": []string{"UTF-8", "GBK"}}),
		},
		obj{"description": "The file (Content-Disposition attachment, named 平阳县_<title>.<ext>)",
			"content": obj{"application/octet-stream": obj{"schema": obj{"type": "string", "format": "binary"}}}})
	op["responses"].(obj)["503"] = errorResponse("Every export slot is busy (Retry-After)")
	paths["/collections/{collectionId}/download"] = obj{"get": op}
}
