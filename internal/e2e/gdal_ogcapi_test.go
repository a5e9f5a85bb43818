package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// gdalTool runs one of gdal-bin's programs and fails on anything it writes to stderr: a warning or
// a non-fatal error there is what a user would see and wonder about.
func gdalTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install gdal-bin (make test does)", name)
	}
	cmd := exec.CommandContext(t.Context(), path, args...)
	cmd.Env = append(os.Environ(), "CPL_VSIL_CURL_ALLOWED_EXTENSIONS=", "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, stderr.Bytes(), stdout.Bytes())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %v wrote to stderr:\n%s", name, args, stderr.Bytes())
	}
	return stdout.String()
}

func tilesDoc(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v %s", url, resp.StatusCode, err, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

type link struct{ Href, Rel, Type string }

func hrefOf(t *testing.T, links []link, rel, media string) string {
	t.Helper()
	for _, l := range links {
		if l.Rel == rel && l.Type == media {
			return l.Href
		}
	}
	t.Fatalf("no %s link of type %s in %+v", rel, media, links)
	return ""
}

// GDAL takes the served WebMercatorQuad as a tile matrix set of its own: a COG cut on it is aligned
// to the grid of the tiles (origin on a z8 tile corner, pixel the z8 cell). GDAL 3.6 reads only the
// TMS 1.0 member names, so this fails without them ("Cannot parse CRS").
func TestGDALReadsTheTileMatrixSet(t *testing.T) {
	base := testenv.Server(t)
	dir := t.TempDir()
	resp, err := http.Get(base + "/tileMatrixSets/WebMercatorQuad")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	def, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("tile matrix set: %d %v", resp.StatusCode, err)
	}
	tms, src, cog := filepath.Join(dir, "tms.json"), filepath.Join(dir, "src.tif"), filepath.Join(dir, "cog.tif")
	if err := os.WriteFile(tms, def, 0o644); err != nil {
		t.Fatal(err)
	}
	// A raster over the parks, in EPSG:3857 metres.
	gdalTool(t, "gdal_create", "-q", "-of", "GTiff", "-outsize", "64", "64", "-bands", "1", "-a_srs", "EPSG:3857",
		"-a_ullr", "13393394", "3215280", "13428777", "3194393", src)
	gdalTool(t, "gdal_translate", "-q", "-of", "COG", "-co", "TILING_SCHEME="+tms, src, cog)
	var info struct {
		GeoTransform []float64 `json:"geoTransform"`
	}
	if err := json.Unmarshal([]byte(gdalTool(t, "gdalinfo", "-json", cog)), &info); err != nil || len(info.GeoTransform) != 6 {
		t.Fatalf("gdalinfo: %v %v", err, info)
	}
	const half = 20037508.3427892
	x0, cell := info.GeoTransform[0], info.GeoTransform[1]
	z := math.Log2(2 * half / 256 / cell)
	col := (x0 + half) / (256 * cell)
	if math.Abs(z-math.Round(z)) > 1e-9 || math.Abs(col-math.Round(col)) > 1e-6 {
		t.Errorf("GDAL's COG is not on the grid: origin %.6f, pixel %.9f (zoom %.6f, column %.6f)", x0, cell, z, col)
	}
}

// GDAL reads the tiles a collection's OGC API - Tiles documents point to: the tile of the z8 limits
// expanded from the tileset's item template, through GDAL's MVT driver, has the tileset's layers and
// their properties. GDAL's OGCAPI driver follows the documents itself: from GDAL 3.7 it must list a
// layer per zoom of the limits; GDAL 3.6 (Debian 12) fetches the tilesets, the tileset and the tile
// matrix set and then stops, for it never makes a vector-tile layer whatever a server sends (its
// OGCAPITiledLayer's constructor has no caller in Debian's 3.6.2 libgdal; see the README), so there
// the test holds it to fetching them all without an error.
func TestGDALReadsOGCAPITiles(t *testing.T) {
	base := testenv.Server(t)
	var col struct{ Links []link }
	tilesDoc(t, base+"/collections/parks", &col)
	var list struct {
		Tilesets []struct{ Links []link }
	}
	tilesDoc(t, hrefOf(t, col.Links, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", "application/json"), &list)
	if len(list.Tilesets) != 1 {
		t.Fatalf("tilesets %+v", list)
	}
	tilesetURL := hrefOf(t, list.Tilesets[0].Links, "self", "application/json")
	var ts struct {
		Links  []link
		Limits []struct {
			TileMatrix             string
			MinTileRow, MinTileCol int
		} `json:"tileMatrixSetLimits"`
		Layers []struct {
			ID               string
			PropertiesSchema struct{ Properties map[string]any } `json:"propertiesSchema"`
		}
	}
	tilesDoc(t, tilesetURL, &ts)
	if len(ts.Limits) == 0 || len(ts.Layers) == 0 {
		t.Fatalf("tileset %+v", ts)
	}
	lim := ts.Limits[0]
	tile := strings.NewReplacer("{tileMatrix}", lim.TileMatrix, "{tileCol}", strconv.Itoa(lim.MinTileCol),
		"{tileRow}", strconv.Itoa(lim.MinTileRow)).Replace(hrefOf(t, ts.Links, "item", "application/vnd.mapbox-vector-tile"))
	out := gdalTool(t, "ogrinfo", "-ro", "-al", "-so", "MVT:"+tile)
	for _, l := range ts.Layers {
		if !strings.Contains(out, "Layer name: "+l.ID+"\n") {
			t.Errorf("GDAL's reading of %s has no layer %s:\n%.2000s", tile, l.ID, out)
		}
	}
	for name := range ts.Layers[0].PropertiesSchema.Properties {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `: `).MatchString(out) {
			t.Errorf("GDAL's reading of %s has no field %s", tile, name)
		}
	}

	// At the landing page, the dataset's tilesets link does not lead GDAL astray: it opens the
	// landing page as before, one subdataset per collection, without a word on stderr.
	landing := gdalTool(t, "ogrinfo", "-ro", "-so", "OGCAPI:"+base+"/")
	if n := strings.Count(landing, "_NAME=OGCAPI:"+base+"/collections/"); n != len(catalog.DefaultCollections()) {
		t.Errorf("GDAL lists %d collections at the landing page:\n%s", n, landing)
	}

	version := gdalTool(t, "ogrinfo", "--version")
	m := regexp.MustCompile(`GDAL (\d+)\.(\d+)`).FindStringSubmatch(version)
	if m == nil {
		t.Fatalf("ogrinfo --version: %q", version)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	if major > 3 || major == 3 && minor >= 7 {
		out := gdalTool(t, "ogrinfo", "-ro", "-so", "-oo", "API=TILES", "OGCAPI:"+base+"/collections/parks")
		if !strings.Contains(out, "Zoom level "+lim.TileMatrix) {
			t.Errorf("GDAL %s.%s lists no layer of zoom %s:\n%.2000s", m[1], m[2], lim.TileMatrix, out)
		}
		return
	}
	cmd := exec.CommandContext(t.Context(), "ogrinfo", "--debug", "on", "-ro", "-so", "-oo", "API=TILES", "OGCAPI:"+base+"/collections/parks")
	log, _ := cmd.CombinedOutput() // GDAL 3.6 then fails to open it: what matters is how far it got
	for _, url := range []string{base + "/collections/parks/tiles", tilesetURL, base + "/tileMatrixSets/WebMercatorQuad"} {
		if !strings.Contains(string(log), "Fetch("+url+")") {
			t.Errorf("GDAL %s.%s did not fetch %s:\n%s", m[1], m[2], url, log)
		}
	}
	if strings.Contains(string(log), "ERROR") {
		t.Errorf("GDAL %s.%s reported an error on the documents:\n%s", m[1], m[2], log)
	}
}
