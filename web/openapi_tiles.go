package web

import (
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

// addTilePaths documents the vector tiles, their TileJSON and the OGC API - Tiles documents that
// describe them (handle_ogctiles.go).
func addTilePaths(paths, schemas obj, cols []catalog.Collection) {
	ids := []string{}
	for _, c := range cols {
		ids = append(ids, c.ID)
	}
	sets := append(append([]string{}, ids...), tiles.AllID)
	path := func(name, desc string, enum []string) obj {
		return obj{"name": name, "in": "path", "required": true, "description": desc,
			"schema": obj{"type": "string", "enum": enum}}
	}
	collection := path("collectionId", "the collection", ids)
	tms := path("tileMatrixSetId", "the tile matrix set; the tiles are cut on WebMercatorQuad only", []string{tiles.WebMercatorQuadID})
	doc := func(what string, schema obj) obj { return jsonResponse(what, schema, mediaJSON) }
	schemas["tileMatrixSets"] = objectSchema([]string{"tileMatrixSets", "links"}, obj{
		"tileMatrixSets": arrayOf(objectSchema([]string{"id", "links"}, obj{"id": str(), "title": str(), "uri": str(), "crs": str(),
			"links": arrayOf(ref("schemas", "link"))})),
		"links": arrayOf(ref("schemas", "link")),
	})
	schemas["tileMatrixSet"] = objectSchema([]string{"crs", "tileMatrices"}, obj{
		"id": str(), "title": str(), "uri": str(), "crs": str(), "wellKnownScaleSet": str(),
		"tileMatrices": arrayOf(objectSchema(
			[]string{"id", "scaleDenominator", "cellSize", "pointOfOrigin", "tileWidth", "tileHeight", "matrixWidth", "matrixHeight"},
			obj{"id": str(), "scaleDenominator": obj{"type": "number"}, "cellSize": obj{"type": "number"},
				"cornerOfOrigin": obj{"type": "string", "enum": []string{"topLeft"}},
				"pointOfOrigin":  obj{"type": "array", "minItems": 2, "maxItems": 2, "items": obj{"type": "number"}},
				"tileWidth":      obj{"type": "integer"}, "tileHeight": obj{"type": "integer"},
				"matrixWidth": obj{"type": "integer"}, "matrixHeight": obj{"type": "integer"}})),
	})
	tilesetItem := obj{"title": str(), "dataType": obj{"type": "string", "enum": []string{"vector"}}, "crs": str(),
		"tileMatrixSetURI": str(), "links": arrayOf(ref("schemas", "link"))}
	schemas["tileSets"] = objectSchema([]string{"tilesets"}, obj{
		"links":    arrayOf(ref("schemas", "link")),
		"tilesets": arrayOf(objectSchema([]string{"dataType", "crs", "links"}, tilesetItem)),
	})
	limits := objectSchema([]string{"tileMatrix", "minTileRow", "maxTileRow", "minTileCol", "maxTileCol"}, obj{
		"tileMatrix": str(), "minTileRow": obj{"type": "integer"}, "maxTileRow": obj{"type": "integer"},
		"minTileCol": obj{"type": "integer"}, "maxTileCol": obj{"type": "integer"}})
	layer := objectSchema([]string{"id", "dataType"}, obj{"id": str(), "description": str(), "dataType": str(),
		"geometryDimension": obj{"type": "integer", "minimum": 0, "maximum": 2},
		"minTileMatrix":     str(), "maxTileMatrix": str(),
		"minScaleDenominator": obj{"type": "number"}, "maxScaleDenominator": obj{"type": "number"},
		"propertiesSchema": obj{"type": "object"}, "links": arrayOf(ref("schemas", "link"))})
	tileset := obj{"description": str(), "attribution": str(), "tileMatrixSetLimits": arrayOf(limits),
		"boundingBox": obj{"type": "object"}, "mediaTypes": arrayOf(str()), "layers": arrayOf(layer)}
	for k, v := range tilesetItem {
		tileset[k] = v
	}
	schemas["tileSet"] = objectSchema([]string{"dataType", "crs", "links"}, tileset)

	tilesetDesc := "The tileset's metadata (OGC 17-083r4 TileSetMetadata): its layers with their properties, the tiles that can " +
		"hold data (tileMatrixSetLimits, from the data's extent) and the tile URL template (rel item; {tileMatrix}, {tileCol} " +
		"and {tileRow} are z, x and y of /tiles/{set}/{z}/{x}/{y}.mvt)."
	paths["/tileMatrixSets"] = obj{"get": operation("getTileMatrixSetsList", "Tiles", "The tile matrix sets",
		"The tile matrix sets the tiles are cut on: WebMercatorQuad.", nil, doc("The tile matrix sets", ref("schemas", "tileMatrixSets")))}
	paths["/tileMatrixSets/{tileMatrixSetId}"] = obj{"get": operation("getTileMatrixSet", "Tiles", "A tile matrix set",
		"The definition of WebMercatorQuad (OGC 17-083r4, with the TMS 1.0 member names older GDAL reads) for zooms 0 to the highest any layer is drawn at.",
		[]any{tms, ref("parameters", "f")}, doc("The tile matrix set", ref("schemas", "tileMatrixSet")))}
	paths["/tiles"] = obj{"get": operation("getDatasetTileSetsList", "Tiles", "The dataset's tilesets",
		"The tileset of every layer together (the tiles of /tiles/all/...).", nil, doc("The tilesets", ref("schemas", "tileSets")))}
	paths["/tiles/"+tiles.WebMercatorQuadID] = obj{"get": operation("getDatasetTileSet", "Tiles", "The dataset's tileset",
		tilesetDesc, nil, doc("The tileset", ref("schemas", "tileSet")))}
	paths["/collections/{collectionId}/tiles"] = obj{"get": operation("getCollectionTileSetsList", "Tiles", "A collection's tilesets",
		"The tileset of the collection's own layers (its shapes, label points and overview).",
		[]any{collection, ref("parameters", "f")}, doc("The tilesets", ref("schemas", "tileSets")))}
	paths["/collections/{collectionId}/tiles/{tileMatrixSetId}"] = obj{"get": operation("getCollectionTileSet", "Tiles",
		"A collection's tileset", tilesetDesc, []any{collection, tms, ref("parameters", "f")}, doc("The tileset", ref("schemas", "tileSet")))}

	tileOp := operation("getTile", "Tiles", "A vector tile",
		"A Mapbox Vector Tile (XYZ scheme, y = 0 at the top) of the tileset's layers drawn at zoom z, each feature with its MVT id. "+
			"204 (no body) where the tile is empty, below the tileset's zooms included. gzip-compressed when Accept-Encoding takes gzip; "+
			"ETag and If-None-Match (304).",
		[]any{path("set", "the tileset: a collection, or all for every layer", sets),
			obj{"name": "z", "in": "path", "required": true, "description": "the zoom (tile matrix)", "schema": obj{"type": "integer", "minimum": 0, "maximum": tiles.MaxZoom}},
			obj{"name": "x", "in": "path", "required": true, "description": "the column", "schema": obj{"type": "integer", "minimum": 0}},
			obj{"name": "file", "in": "path", "required": true, "description": "the row and the extension: {y}.mvt", "schema": obj{"type": "string", "pattern": "^(0|[1-9][0-9]*)\\.mvt$"}},
			obj{"name": "v", "in": "query", "required": false, "description": "the dataset version the client knows of (an edit's answer): a tile of an older one is not served from the cache", "schema": str()},
		},
		obj{"description": "The tile", "content": obj{tiles.MediaMVT: obj{"schema": obj{"type": "string", "format": "binary"}}}})
	tileOp["responses"].(obj)["204"] = obj{"description": "An empty tile"}
	tileOp["responses"].(obj)["304"] = obj{"description": "Not modified (If-None-Match)"}
	paths["/tiles/{set}/{z}/{x}/{file}"] = obj{"get": tileOp}
	paths["/tiles/{file}"] = obj{"get": operation("getTileJSON", "Tiles", "A tileset as TileJSON",
		"TileJSON 3.0.0 of a tileset, for MapLibre and QGIS: the tile URL template, bounds, zooms and vector_layers.",
		[]any{path("file", "the tileset and .json: {set}.json", func() []string {
			var files []string
			for _, s := range sets {
				files = append(files, s+".json")
			}
			return files
		}())},
		doc("The TileJSON document", obj{"type": "object"}))}
}
