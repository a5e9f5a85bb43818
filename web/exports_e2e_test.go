package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// A planner downloads a layer as the file their tool opens: a GeoPackage GDAL reads back whole, a
// zipped Shapefile with its .cpg, a CSV with a BOM that Excel opens; every bad parameter is a 400
// naming it, an unknown layer a 404.
func TestCollectionDownloads(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	base := testenv.ServeDatabase(t, db, app.Config{})
	dir := t.TempDir()
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, b
	}
	resp, body := get("/collections/parks/download?format=gpkg&crs=EPSG:4528")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/geopackage+sqlite3" ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "filename*=UTF-8''%E5%B9%B3%E9%98%B3%E5%8E%BF_") {
		t.Fatalf("gpkg: %d %v %.200s", resp.StatusCode, resp.Header, body)
	}
	gpkg := filepath.Join(dir, "parks.gpkg")
	if err := os.WriteFile(gpkg, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ogrinfo", "-ro", "-al", "-so", gpkg).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Feature Count: 20") || !strings.Contains(string(out), "4528") {
		t.Errorf("GDAL reads the downloaded GeoPackage: %v\n%s", err, out)
	}
	resp, body = get("/collections/parcels/download?format=shp&encoding=GBK")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" || !bytes.HasPrefix(body, []byte("PK")) {
		t.Fatalf("shp: %d %v", resp.StatusCode, resp.Header)
	}
	zip := filepath.Join(dir, "parcels.zip")
	if err := os.WriteFile(zip, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("ogrinfo", "-ro", "-al", "-so", "/vsizip/"+zip).CombinedOutput(); err != nil || !strings.Contains(string(out), "Feature Count: 23") {
		t.Errorf("GDAL reads the downloaded Shapefile: %v\n%s", err, out)
	}
	resp, body = get("/collections/redevelopment/download?format=csv")
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("csv: %d %v %.100q", resp.StatusCode, resp.Header, body)
	}
	for _, tc := range []struct {
		path, field string
		status      int
	}{
		{"/collections/parks/download?format=dwg", "format", 400},
		{"/collections/parks/download?crs=EPSG:3857", "crs", 400},
		{"/collections/parks/download?colour=red", "colour", 400},
		{"/collections/nothing/download", "", 404},
	} {
		resp, body := get(tc.path)
		var e struct{ Code, Field, Description string }
		_ = json.Unmarshal(body, &e)
		if resp.StatusCode != tc.status || e.Field != tc.field {
			t.Errorf("%s: %d %s; want %d naming %q", tc.path, resp.StatusCode, body, tc.status, tc.field)
		}
	}
}
