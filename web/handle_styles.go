package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/pingyang/parkmap/apperr"
)

// The published style (issue 13): the page's own MapLibre style (web/ui/style.js, written out by the
// build as dist/style-{lang}.json), so that QGIS's vector tile "style URL", another MapLibre map or an
// OGC API Styles client draws the tiles as the page does. The build knows no address, so its vector
// source has no tiles: each request fills in the source from the "all" tileset's TileJSON (absolute
// tile URLs for the request's origin, zooms, the data's bounds, the attribution as the layers' features
// say now), and the map's opening view from the data's centre.

// publishedStyleID names the one style; publishedStyleSource is its vector source (style.js SRC).
const (
	publishedStyleID     = "parkmap"
	publishedStyleSource = "parkmap"
	mapboxStyleType      = "application/vnd.mapbox.style+json"
)

// styleLangs are the languages the style is built in (web/ui/build.mjs); zh is the default.
var styleLangs = []string{"zh", "en"}

func (s *server) styleRoutes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle("/styles", s.adapt(s.handleStyles)).Methods(get...)
	r.Handle("/styles/{file}", s.adapt(s.handleStyle)).Methods(get...)
}

// handleStyles lists the styles (OGC API Styles' /styles), one per language of the one style.
func (s *server) handleStyles(w http.ResponseWriter, r *http.Request) error {
	base := s.baseURL(r)
	links := []map[string]string{}
	for _, lang := range styleLangs {
		links = append(links, map[string]string{"rel": "stylesheet", "type": mapboxStyleType, "hreflang": lang,
			"title": "MapLibre / Mapbox GL style (" + lang + ")", "href": base + "/styles/" + publishedStyleID + ".json?lang=" + lang})
	}
	writeJSON(w, http.StatusOK, "application/json", map[string]any{
		"styles": []map[string]any{{
			"id": publishedStyleID, "title": "平阳县小微企业园地图 / Pingyang small and micro enterprise parks",
			"links": links,
		}},
		"links": []map[string]string{{"rel": "self", "type": "application/json", "href": base + "/styles"}},
	})
	return nil
}

// handleStyle serves /styles/parkmap.json?lang=zh|en.
func (s *server) handleStyle(w http.ResponseWriter, r *http.Request) error {
	if file := mux.Vars(r)["file"]; file != publishedStyleID+".json" {
		return apperr.Errorf(apperr.NotFound, "no style at %s: the style is /styles/%s.json", r.URL.Path, publishedStyleID)
	}
	lang, err := styleLang(r)
	if err != nil {
		return err
	}
	var built *asset
	if s.page != nil {
		built = s.page.assets["dist/style-"+lang+".json"]
	}
	if built == nil || s.tileHandler == nil {
		return apperr.Errorf(apperr.Unavailable, "the published style is not built: run npm run build (make build) before go build")
	}
	var style map[string]any
	if err := json.Unmarshal(built.data, &style); err != nil {
		return fmt.Errorf("published style: %w", err)
	}
	sources, _ := style["sources"].(map[string]any)
	src, _ := sources[publishedStyleSource].(map[string]any)
	if src == nil {
		return fmt.Errorf("published style: no source %q in dist/style-%s.json", publishedStyleSource, lang)
	}
	tj, err := s.tileHandler.tileJSON(r, "all")
	if err != nil {
		return err
	}
	src["tiles"] = tj.Tiles
	src["minzoom"] = tj.MinZoom
	// The page asks for tiles up to 16 and overzooms them beyond (style.js does the same).
	src["maxzoom"] = min(tj.MaxZoom, 16)
	src["bounds"] = tj.Bounds
	src["attribution"] = tj.Attribution
	style["center"] = []float64{tj.Center[0], tj.Center[1]}
	style["zoom"] = tj.Center[2]
	w.Header().Set("Cache-Control", tileCacheControl)
	w.Header().Set("Content-Language", lang)
	writeJSON(w, http.StatusOK, mapboxStyleType, style)
	return nil
}

// styleLang is the style's language: ?lang=zh (the default) or en.
func styleLang(r *http.Request) (string, error) {
	q := r.URL.Query()
	for name := range q {
		if name != "lang" && name != "f" {
			return "", apperr.Fields([]apperr.FieldError{{Field: name,
				Message:   fmt.Sprintf("unknown query parameter %s: a style takes lang (zh or en)", apperr.Quote(name)),
				MessageZh: fmt.Sprintf("未知的查询参数 %s：样式只接受 lang（zh 或 en）", apperr.Quote(name))}})
		}
	}
	if f := q.Get("f"); f != "" && f != "json" && f != "mapbox" {
		return "", apperr.Fields([]apperr.FieldError{{Field: "f",
			Message: "f must be json or mapbox: the style is a MapLibre / Mapbox GL style", MessageZh: "f 只能为 json 或 mapbox：样式为 MapLibre / Mapbox GL 样式"}})
	}
	lang := q.Get("lang")
	if lang == "" {
		return "zh", nil
	}
	for _, l := range styleLangs {
		if l == lang {
			return lang, nil
		}
	}
	return "", apperr.Fields([]apperr.FieldError{{Field: "lang",
		Message: "lang must be zh or en, not " + apperr.Quote(lang), MessageZh: "lang 只能为 zh 或 en，收到 " + apperr.Quote(lang)}})
}
