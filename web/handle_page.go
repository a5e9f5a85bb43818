package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
)

// pageRoutes registers the embedded web map's files and its config. The page itself is / (see
// handleLanding), which a browser gets as HTML and an API client as the OGC landing JSON.
func (s *server) pageRoutes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	r.Handle("/static/{file:.+}", s.adapt(s.handleStatic)).Methods(get...)
	r.Handle("/favicon.ico", s.adapt(s.handleFavicon)).Methods(get...)
	r.Handle("/ui/config.json", s.adapt(s.handleUIConfig)).Methods(get...)
}

// wantsHTML reports whether / should answer with the web page: ?f=html, or an Accept header that
// prefers text/html to application/json (a browser). ?f=json, GDAL, curl's */* and no Accept get JSON.
func wantsHTML(r *http.Request) bool {
	if f, ok := r.URL.Query()["f"]; ok && len(f) > 0 {
		return f[0] == "html"
	}
	accept := r.Header.Get("Accept")
	return acceptQuality(accept, "text", "html") > acceptQuality(accept, "application", "json")
}

// acceptQuality is the quality an Accept header gives typ/sub: that of the most specific range that
// matches it (RFC 9110 §12.5.1); no header accepts everything equally.
func acceptQuality(accept, typ, sub string) float64 {
	if strings.TrimSpace(accept) == "" {
		return 1
	}
	best, bestQ := 0, 0.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		t, st, _ := strings.Cut(mt, "/")
		spec := 0
		switch {
		case t == typ && st == sub:
			spec = 3
		case t == typ && st == "*":
			spec = 2
		case t == "*" && st == "*":
			spec = 1
		default:
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
				q = f
			}
		}
		if spec > best {
			best, bestQ = spec, q
		}
	}
	return bestQ
}

// servePage writes the web map's HTML. Its query string is the page's own state (filters, search),
// read by the page's script, so it is not checked here.
func (s *server) servePage(w http.ResponseWriter, r *http.Request) error {
	if s.page == nil {
		return apperr.Errorf(apperr.Internal, "the web map is unavailable")
	}
	h := w.Header()
	if len(s.page.missing) > 0 {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("parkmap: the web map's assets are not built (missing web/static/" +
			strings.Join(s.page.missing, ", web/static/") + ").\n" +
			"Build them with `npm ci && npm run build` (or `make build`), then rebuild and restart parkmap.\n" +
			"网页地图的静态资源尚未构建：请运行 `npm ci && npm run build`（或 `make build`），再重新构建并启动 parkmap。\n" +
			"The OGC API answers as usual: /?f=json\n"))
		return nil
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Link", `<`+s.baseURL(r)+`/?f=json>; rel="alternate"; type="application/json"`)
	h.Set("Content-Length", strconv.Itoa(len(s.page.index)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(s.page.index) // the status is sent; a failed write means the client left
	return nil
}

func (s *server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := mux.Vars(r)["file"]
	if s.page == nil {
		return apperr.Errorf(apperr.Internal, "the web map is unavailable")
	}
	a, ok := s.page.assets[name]
	if !ok || name == "index.html" {
		return apperr.Errorf(apperr.NotFound, "no static file %s", quoteShort(name))
	}
	serveAsset(w, r, a)
	return nil
}

// handleFavicon answers the browser's default request with the page's icon.
func (s *server) handleFavicon(w http.ResponseWriter, r *http.Request) error {
	if s.page == nil || s.page.assets["favicon.svg"] == nil {
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	serveAsset(w, r, s.page.assets["favicon.svg"])
	return nil
}

func (s *server) handleUIConfig(w http.ResponseWriter, r *http.Request) error {
	if err := checkNoParams(r); err != nil {
		return err
	}
	if s.page == nil {
		return apperr.Errorf(apperr.Internal, "the web map is unavailable")
	}
	w.Header().Set("Cache-Control", "no-cache")
	writeJSON(w, http.StatusOK, mediaJSON, s.page.config)
	return nil
}

// serveAsset writes an embedded file. A URL versioned with the file's hash (?v=…, as the page links
// them) is cached for a year; any other is revalidated with the hash as ETag. Text is gzipped for
// clients that take it.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset) {
	h := w.Header()
	if v := r.URL.Query().Get("v"); v != "" && v == a.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Content-Type", a.ctype)
	h.Add("Vary", "Accept-Encoding")
	body, etag := a.data, `"`+a.hash+`"`
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz := a.gzipped(); gz != nil {
			body, etag = gz, `"`+a.hash+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body) // the status is sent; a failed write means the client left
}

// acceptsGzip reports whether an Accept-Encoding header takes gzip (with a non-zero quality).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
