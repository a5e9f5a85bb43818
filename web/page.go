package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// embedded holds the web map: web/static/index.html and favicon.svg (committed) and web/static/dist/,
// built by `npm run build` (web/ui/build.mjs) before `go build`.
//
//go:embed static
var embedded embed.FS

// PageOptions configure the web map served at /.
type PageOptions struct {
	// TiandituKey, when set, offers Tianditu (天地图) raster tiles as a basemap; the page then needs
	// Tianditu's hosts, and only then does the Content-Security-Policy allow them.
	TiandituKey string
	// TiandituReviewNumber is the map review number (审图号) shown with Tianditu's attribution.
	TiandituReviewNumber string
	// TilesArchive, when set, is a PMTiles archive of the published tiles (parkmap tiles export) on a
	// static host, which the page draws the map's vector tiles from instead of asking this server for
	// each one (issue 11). It is absolute http(s), or a path on this origin starting with /; it is
	// checked by CheckTilesArchive. Everything else the page reads still comes from this server.
	TilesArchive string
	// Assets replaces the embedded web/static tree (tests).
	Assets fs.FS
}

// The page's built assets; without them / answers a browser 503 saying how to build them.
var requiredAssets = []string{"dist/app.js", "dist/app.css", "dist/maplibre-gl-worker.mjs"}

// tiandituHosts are the hosts Tianditu's tiles come from (t0…t7 spread the load).
var tiandituHosts = func() []string {
	hosts := make([]string, 8)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("https://t%d.tianditu.gov.cn", i)
	}
	return hosts
}()

// tiandituAttribution is the attribution Tianditu's terms require.
const tiandituAttribution = "天地图 © 国家地理信息公共服务平台"

// asset is one embedded file with its content hash, which versions its URL and is its ETag.
type asset struct {
	data  []byte
	hash  string
	ctype string

	gzOnce sync.Once
	gz     []byte // nil when gzip would not be smaller
}

func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		if !strings.HasPrefix(a.ctype, "text/") && !strings.Contains(a.ctype, "svg") {
			return
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = zw.Write(a.data) // a bytes.Buffer does not fail
		_ = zw.Close()
		if b.Len() < len(a.data) {
			a.gz = b.Bytes()
		}
	})
	return a.gz
}

// page is the embedded web map: the rendered index page, the static files and the page's config.
type page struct {
	assets  map[string]*asset // by path under static/, e.g. "dist/app.js"
	index   []byte
	missing []string // required assets that are not built
	config  uiConfig
}

// uiConfig is /ui/config.json: what the page cannot know by itself.
type uiConfig struct {
	Tianditu tiandituConfig `json:"tianditu"`
	// TilesArchive is PageOptions.TilesArchive, as given: the page resolves a path against its origin.
	TilesArchive string `json:"tiles_archive,omitempty"`
}

type tiandituConfig struct {
	Enabled      bool                `json:"enabled"`
	Tiles        map[string][]string `json:"tiles,omitempty"`
	Attribution  string              `json:"attribution,omitempty"`
	ReviewNumber string              `json:"review_number,omitempty"`
}

// newPage reads the assets, hashes them and renders the index page with versioned asset URLs.
func newPage(o PageOptions) (*page, error) {
	fsys := o.Assets
	if fsys == nil {
		sub, err := fs.Sub(embedded, "static")
		if err != nil {
			return nil, fmt.Errorf("page assets: %w", err)
		}
		fsys = sub
	}
	p := &page{assets: map[string]*asset{}, config: newUIConfig(o)}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		p.assets[name] = &asset{data: data, hash: hex.EncodeToString(sum[:8]), ctype: contentType(name)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("page assets: %w", err)
	}
	idx, ok := p.assets["index.html"]
	if !ok {
		return nil, errors.New("page assets: no index.html")
	}
	for _, name := range requiredAssets {
		if _, ok := p.assets[name]; !ok {
			p.missing = append(p.missing, name)
		}
	}
	if len(p.missing) > 0 {
		return p, nil
	}
	tmpl, err := template.New("index").Parse(string(idx.data))
	if err != nil {
		return nil, fmt.Errorf("page index.html: %w", err)
	}
	url := func(name string) string {
		if a, ok := p.assets[name]; ok {
			return "static/" + name + "?v=" + a.hash
		}
		return "static/" + name
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, map[string]string{
		"JS": url("dist/app.js"), "CSS": url("dist/app.css"), "Worker": url("dist/maplibre-gl-worker.mjs"),
		"Icon": url("favicon.svg"),
	}); err != nil {
		return nil, fmt.Errorf("page index.html: %w", err)
	}
	p.index = b.Bytes()
	return p, nil
}

func newUIConfig(o PageOptions) uiConfig {
	if o.TiandituKey == "" {
		return uiConfig{TilesArchive: o.TilesArchive}
	}
	tiles := map[string][]string{}
	for _, layer := range []string{"vec", "cva"} {
		for _, host := range tiandituHosts {
			// WMTS GetTile in Web Mercator (TILEMATRIXSET=w). Tianditu's CGCS2000 is WGS84 at map scale.
			tiles[layer] = append(tiles[layer], host+"/"+layer+"_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER="+layer+
				"&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk="+
				template.URLQueryEscaper(o.TiandituKey))
		}
	}
	return uiConfig{Tianditu: tiandituConfig{
		Enabled: true, Tiles: tiles, Attribution: tiandituAttribution, ReviewNumber: o.TiandituReviewNumber,
	}, TilesArchive: o.TilesArchive}
}

// contentSecurityPolicy allows only this server, blob: workers (MapLibre), data:/blob: images,
// Tianditu's hosts only when it is configured, and a tiles archive's origin (for connect-src alone:
// the page fetches its byte ranges) only when it is configured as an absolute URL. No inline script
// or style anywhere.
func contentSecurityPolicy(o PageOptions) string {
	img, connect := "img-src 'self' data: blob:", "connect-src 'self'"
	if o.TiandituKey != "" {
		hosts := strings.Join(tiandituHosts, " ")
		img += " " + hosts
		connect += " " + hosts
	}
	// An absolute URL is taken as another origin: whether it is this server's own is known only per
	// request (Host, or -base-url), and naming 'self' once more allows nothing new. A path is 'self'.
	if origin := archiveOrigin(o.TilesArchive); origin != "" {
		connect += " " + origin
	}
	return strings.Join([]string{
		"default-src 'self'", "script-src 'self'", "style-src 'self'", "worker-src 'self' blob:", "child-src 'self' blob:",
		img, connect, "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'",
	}, "; ")
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	}
	return "application/octet-stream"
}
