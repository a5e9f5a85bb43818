package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

func TestWantsHTML(t *testing.T) {
	tests := []struct {
		query, accept string
		want          bool
	}{
		{"", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", true}, // Chromium
		{"", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", true},                       // Firefox
		{"", "*/*", false}, // curl
		{"", "", false},    // no header
		{"", "application/json", false},
		{"", "application/json, text/html;q=0.5", false},
		{"", "text/*", true},
		{"", "application/geo+json, application/json;q=0.9, */*;q=0.1", false}, // a GIS client
		{"f=json", "text/html", false},
		{"f=html", "application/json", true},
		{"f=html", "", true},
		{"zone=culture", "text/html", true},
		{"", "text/html;q=0, */*", false},
		{"", "garbage;;;, text/html", true},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/?"+tt.query, nil)
		if tt.accept != "" {
			r.Header.Set("Accept", tt.accept)
		}
		if got := wantsHTML(r); got != tt.want {
			t.Errorf("?%s Accept %q: wantsHTML %v, want %v", tt.query, tt.accept, got, tt.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"gzip, deflate, br, zstd": true, "br;q=1, gzip;q=0.5": true, "gzip;q=0": false, "identity": false, "": false,
		"GZIP": true, "deflate, gzip ; q=0": false,
	} {
		if got := acceptsGzip(h); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", h, got, want)
		}
	}
}

// testAssets is web/static as the build leaves it: the committed index.html and stand-ins for dist/.
func testAssets(t *testing.T, withDist bool) fs.FS {
	t.Helper()
	index, err := fs.ReadFile(embedded, "static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{
		"index.html":  {Data: index},
		"favicon.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	}
	if withDist {
		m["dist/app.js"] = &fstest.MapFile{Data: bytes.Repeat([]byte("console.log('parkmap');\n"), 200)}
		m["dist/app.css"] = &fstest.MapFile{Data: []byte("body{margin:0}")}
		m["dist/maplibre-gl-worker.mjs"] = &fstest.MapFile{Data: []byte("self.onmessage=()=>{};")}
	}
	return m
}

func testHandler(t *testing.T, o PageOptions) http.Handler {
	t.Helper()
	cat := catalog.Default()
	return NewHandler(Deps{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Catalog: cat, Tilesets: tiles.MustCatalogue(cat.Collections()), Page: o})
}

func get(t *testing.T, h http.Handler, target string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPageWithoutBuiltAssets(t *testing.T) {
	h := testHandler(t, PageOptions{Assets: testAssets(t, false)})
	w := get(t, h, "/", "Accept", "text/html")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "npm run build") ||
		!strings.Contains(w.Body.String(), "make build") {
		t.Fatalf("/ as a browser without assets: %d %q", w.Code, w.Body.String())
	}
	if w := get(t, h, "/?f=json"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"conformance"`) {
		t.Fatalf("the landing JSON must not depend on the page's assets: %d %s", w.Code, w.Body.String())
	}
}

func TestPageAndAssets(t *testing.T) {
	assets := testAssets(t, true)
	h := testHandler(t, PageOptions{Assets: assets})
	page := get(t, h, "/", "Accept", "text/html,*/*;q=0.8")
	if page.Code != http.StatusOK || page.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("/ as a browser: %d %s", page.Code, page.Header().Get("Content-Type"))
	}
	if vary := strings.Join(page.Header().Values("Vary"), ", "); !strings.Contains(vary, "Accept") {
		t.Errorf("/ does not vary on Accept: %q", vary)
	}
	body := page.Body.String()
	for _, bad := range []string{"http://", "https://", "<style", "style=", "onload", "onclick"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	if n := strings.Count(body, "<script"); n != 1 {
		t.Errorf("the page has %d script elements, want the one external module", n)
	}
	js, _ := fs.ReadFile(assets, "dist/app.js")
	pg, err := newPage(PageOptions{Assets: assets})
	if err != nil {
		t.Fatal(err)
	}
	versioned := "static/dist/app.js?v=" + pg.assets["dist/app.js"].hash
	if !strings.Contains(body, `src="`+versioned+`"`) {
		t.Fatalf("the page does not load %s:\n%s", versioned, body)
	}

	w := get(t, h, "/"+versioned)
	if w.Code != http.StatusOK || w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" || !bytes.Equal(w.Body.Bytes(), js) {
		t.Fatalf("versioned app.js: %d %v", w.Code, w.Header())
	}
	etag := w.Header().Get("ETag")
	if w := get(t, h, "/"+versioned, "If-None-Match", etag); w.Code != http.StatusNotModified {
		t.Errorf("If-None-Match %s: %d, want 304", etag, w.Code)
	}
	if w := get(t, h, "/static/dist/app.js"); w.Code != http.StatusOK || w.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("unversioned app.js: %d %q, want 200 no-cache", w.Code, w.Header().Get("Cache-Control"))
	}
	gz := get(t, h, "/"+versioned, "Accept-Encoding", "gzip, br")
	if gz.Header().Get("Content-Encoding") != "gzip" || gz.Header().Get("ETag") == etag {
		t.Fatalf("gzip: %v", gz.Header())
	}
	zr, err := gzip.NewReader(gz.Body)
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, js) {
		t.Error("gzipped app.js does not decompress to app.js")
	}
	for _, path := range []string{"/static/index.html", "/static/dist/nothing.js", "/static/../go.mod"} {
		if w := get(t, h, path); w.Code != http.StatusNotFound && w.Code != http.StatusMovedPermanently {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
	if w := get(t, h, "/favicon.ico"); w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/svg+xml" {
		t.Errorf("/favicon.ico: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
}

func TestContentSecurityPolicyAndTianditu(t *testing.T) {
	plain := testHandler(t, PageOptions{Assets: testAssets(t, true)})
	w := get(t, plain, "/ui/config.json")
	csp := w.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "worker-src 'self' blob:", "connect-src 'self';"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe") || strings.Contains(csp, "tianditu") || strings.Contains(csp, "*") {
		t.Errorf("CSP without Tianditu is not strict: %s", csp)
	}
	var cfg uiConfig
	if err := json.Unmarshal(w.Body.Bytes(), &cfg); err != nil || cfg.Tianditu.Enabled {
		t.Fatalf("config without a key: %v %s", err, w.Body.String())
	}

	tdt := testHandler(t, PageOptions{Assets: testAssets(t, true), TiandituKey: "k&y", TiandituReviewNumber: "GS(2024)0568号"})
	w = get(t, tdt, "/ui/config.json")
	csp = w.Header().Get("Content-Security-Policy")
	for _, dir := range []string{"img-src", "connect-src"} {
		for _, host := range tiandituHosts {
			if !strings.Contains(directive(csp, dir), host) {
				t.Errorf("CSP %s lacks %s: %s", dir, host, csp)
			}
		}
	}
	if strings.Contains(directive(csp, "script-src"), "tianditu") {
		t.Errorf("Tianditu may run scripts: %s", csp)
	}
	cfg = uiConfig{}
	if err := json.Unmarshal(w.Body.Bytes(), &cfg); err != nil {
		t.Fatal(err)
	}
	if !cfg.Tianditu.Enabled || len(cfg.Tianditu.Tiles["vec"]) != 8 || len(cfg.Tianditu.Tiles["cva"]) != 8 ||
		cfg.Tianditu.ReviewNumber != "GS(2024)0568号" || !strings.Contains(cfg.Tianditu.Attribution, "天地图") {
		t.Fatalf("config with a key: %+v", cfg)
	}
	if u := cfg.Tianditu.Tiles["vec"][0]; !strings.HasPrefix(u, "https://t0.tianditu.gov.cn/vec_w/wmts?") ||
		!strings.HasSuffix(u, "&tk=k%26y") || !strings.Contains(u, "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}") {
		t.Errorf("vec tile URL: %s", u)
	}
}

func directive(csp, name string) string {
	for _, d := range strings.Split(csp, ";") {
		if d = strings.TrimSpace(d); strings.HasPrefix(d, name+" ") {
			return d
		}
	}
	return ""
}

func TestCheckTilesArchive(t *testing.T) {
	for _, good := range []string{"", "/static-tiles/pingyang.pmtiles", "https://tiles.example.gov.cn/pingyang.pmtiles",
		"http://10.0.0.5:8081/a/b.pmtiles", "https://oss.example.cn/b/p.pmtiles?sig=abc", "HTTPS://Tiles.Example.CN/p.pmtiles"} {
		if err := CheckTilesArchive(good); err != nil {
			t.Errorf("CheckTilesArchive(%q) = %v, want nil", good, err)
		}
	}
	for bad, want := range map[string]string{
		"pingyang.pmtiles":              "relative path",
		"tiles/pingyang.pmtiles":        "relative path",
		"./pingyang.pmtiles":            "relative path",
		"ftp://host/p.pmtiles":          `scheme "ftp"`,
		"file:///srv/p.pmtiles":         `scheme "file"`,
		"pmtiles://host/p.pmtiles":      `scheme "pmtiles"`,
		"http:///p.pmtiles":             "no host",
		"https://:8443/p.pmtiles":       "no host",
		"//tiles.example.cn/p.pmtiles":  "scheme-relative",
		`/\evil.example/p.pmtiles`:      "backslash",
		"https://u:pw@host/p.pmtiles":   "password",
		"http://host name/p.pmtiles":    "not a URL",
		"https://host%zz/p.pmtiles":     "not a URL",
		"https://a;b.example/p.pmtiles": "not a host name",
	} {
		err := CheckTilesArchive(bad)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "-tiles-archive") {
			t.Errorf("CheckTilesArchive(%q) = %v, want an error about -tiles-archive saying %q", bad, err, want)
		}
	}
}

// The page is told of a tiles archive in /ui/config.json; the CSP lets it fetch from the archive's
// origin (connect-src only) when that is another origin, and adds nothing for a path on this one.
func TestTilesArchiveConfigAndCSP(t *testing.T) {
	plainCSP := get(t, testHandler(t, PageOptions{Assets: testAssets(t, true)}), "/ui/config.json").Header().Get("Content-Security-Policy")
	for _, tc := range []struct {
		archive, origin string
	}{
		{"https://Tiles.Example.gov.cn:8443/county/pingyang.pmtiles?sig=x", "https://tiles.example.gov.cn:8443"},
		{"http://127.0.0.1:9/p.pmtiles", "http://127.0.0.1:9"},
		{"/static-tiles/pingyang.pmtiles", ""},
	} {
		w := get(t, testHandler(t, PageOptions{Assets: testAssets(t, true), TilesArchive: tc.archive}), "/ui/config.json")
		var cfg uiConfig
		if err := json.Unmarshal(w.Body.Bytes(), &cfg); err != nil || cfg.TilesArchive != tc.archive || cfg.Tianditu.Enabled {
			t.Errorf("%s: config %v %s", tc.archive, err, w.Body.String())
		}
		csp := w.Header().Get("Content-Security-Policy")
		want := plainCSP
		if tc.origin != "" {
			want = strings.Replace(plainCSP, "connect-src 'self'", "connect-src 'self' "+tc.origin, 1)
		}
		if csp != want {
			t.Errorf("%s: CSP\n %s\nwant\n %s", tc.archive, csp, want)
		}
		if tc.origin != "" && strings.Count(csp, tc.origin) != 1 {
			t.Errorf("%s: the archive's origin is allowed beyond connect-src: %s", tc.archive, csp)
		}
	}
	// With Tianditu too, each keeps its own hosts, and only the archive's origin is added to connect-src.
	o := PageOptions{Assets: testAssets(t, true), TiandituKey: "k", TiandituReviewNumber: "GS", TilesArchive: "https://tiles.example.cn/p.pmtiles"}
	w := get(t, testHandler(t, o), "/ui/config.json")
	csp := w.Header().Get("Content-Security-Policy")
	if !strings.HasSuffix(directive(csp, "connect-src"), " https://tiles.example.cn") || strings.Contains(directive(csp, "img-src"), "tiles.example.cn") {
		t.Errorf("CSP with Tianditu and an archive: %s", csp)
	}
	var cfg uiConfig
	if err := json.Unmarshal(w.Body.Bytes(), &cfg); err != nil || !cfg.Tianditu.Enabled || cfg.TilesArchive != o.TilesArchive {
		t.Errorf("config with Tianditu and an archive: %v %s", err, w.Body.String())
	}
	// Without an archive the page is told nothing of one.
	if body := get(t, testHandler(t, PageOptions{Assets: testAssets(t, true)}), "/ui/config.json").Body.String(); strings.Contains(body, "tiles_archive") {
		t.Errorf("config without an archive names one: %s", body)
	}
}
