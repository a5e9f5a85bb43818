package web

// addStylePaths documents the published style (handle_styles.go).
func addStylePaths(paths obj) {
	paths["/styles"] = obj{"get": operation("get_styles", "Capabilities", "The map's styles",
		"The page's own MapLibre / Mapbox GL style, one link per language.", nil,
		obj{"description": "The styles and their links", "content": obj{"application/json": obj{"schema": obj{"type": "object"}}}})}
	paths["/styles/{styleFile}"] = obj{"get": operation("get_style", "Capabilities", "The map's style",
		"parkmap.json: the page's own style (status colours, the plain basemap), its vector source the \"all\" tileset with absolute "+
			"tile URLs, for QGIS's vector tile style URL and other MapLibre maps. Labels use the client's local fonts (no glyphs).",
		[]any{
			obj{"name": "styleFile", "in": "path", "required": true, "schema": obj{"type": "string", "enum": []string{publishedStyleID + ".json"}}},
			obj{"name": "lang", "in": "query", "required": false, "description": "the labels' language",
				"schema": obj{"type": "string", "enum": styleLangs, "default": "zh"}},
		},
		obj{"description": "A MapLibre / Mapbox GL style (version 8)", "content": obj{mapboxStyleType: obj{"schema": obj{"type": "object"}}}})}
}
