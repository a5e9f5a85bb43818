package e2e

import (
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

	"github.com/pingyang/parkmap/internal/testenv"
)

// ogrinfo runs GDAL's ogrinfo with network access limited to what the test gives it.
func ogrinfo(t *testing.T, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Fatal("ogrinfo not found: install gdal-bin (make test does)")
	}
	// No time limit: a slow machine only makes ogrinfo slower; the test's context ends it.
	cmd := exec.CommandContext(t.Context(), path, args...)
	cmd.Env = append(os.Environ(), "CPL_VSIL_CURL_ALLOWED_EXTENSIONS=", "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func featureCount(t *testing.T, out string) string {
	t.Helper()
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no feature count in:\n%s", out)
	}
	return m[1]
}

func TestGDALReadsOGCAPIFeatures(t *testing.T) {
	base := testenv.Server(t)
	landing := "OAPIF:" + base + "/"

	out := ogrinfo(t, "-ro", "-q", landing)
	for _, layer := range []string{"parks", "zones", "towns", "county", "parcels", "redevelopment"} {
		if !regexp.MustCompile(`(?m)^\d+: ` + layer + `\b`).MatchString(out) {
			t.Errorf("GDAL does not list collection %s:\n%s", layer, out)
		}
	}

	out = ogrinfo(t, "-ro", "-so", landing, "parks")
	if n := featureCount(t, out); n != "20" {
		t.Errorf("GDAL counts %s parks, want 20", n)
	}
	if !strings.Contains(out, "plan_area_mu") || !strings.Contains(out, "provenance") {
		t.Errorf("GDAL sees no plan_area_mu / provenance fields:\n%s", out)
	}

	// The Chinese values round-trip, and a filter reaches the server.
	out = ogrinfo(t, "-ro", "-al", "-geom=SUMMARY", landing, "parks", "-where", "town = '萧江镇'")
	for _, name := range []string{"萧江轻工产业小微园", "萧江镇食品科创园", "萧江镇塑包提升园"} {
		if !strings.Contains(out, name) {
			t.Errorf("GDAL did not read %s:\n%s", name, out)
		}
	}
	if featureCount(t, out) != "3" {
		t.Errorf("GDAL reads %s parks in 萧江镇, want 3", featureCount(t, out))
	}
}

func TestGDALReadsAVectorTile(t *testing.T) {
	base := testenv.Server(t)
	// The z10 tile over the seat of 昆阳镇 (AMap via Vonng/adcode), where four parks are drawn.
	z, x, y := tileOf(120.55410, 27.67202, 10)
	resp, err := http.Get(base + "/tiles/all/" + z + "/" + x + "/" + y + ".mvt")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tile: %s", resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	// GDAL's MVT driver georeferences a lone tile from its z/x/y path.
	dir := filepath.Join(t.TempDir(), z, x)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, y+".pbf")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out := ogrinfo(t, "-ro", "-al", "-geom=SUMMARY", "MVT:"+file)
	for _, want := range []string{"Layer name: parks", "Layer name: parks_label", "Layer name: county", "昆阳礼品小微园", "illustrative"} {
		if !strings.Contains(out, want) {
			t.Errorf("GDAL's reading of the tile lacks %q:\n%.3000s", want, out)
		}
	}
	// Every feature carries its MVT feature id, which GDAL reads as the field mvt_id.
	features := strings.Count(out, "\nOGRFeature(")
	ids := len(regexp.MustCompile(`(?m)^  mvt_id \(Integer64\) = [1-9]\d*$`).FindAllString(out, -1))
	if features == 0 || ids != features {
		t.Errorf("GDAL read %d features and %d MVT feature ids:\n%.3000s", features, ids, out)
	}
}

// tileOf returns the Web Mercator tile holding lon/lat at zoom z, as path parts.
func tileOf(lon, lat float64, z int) (string, string, string) {
	n := math.Exp2(float64(z))
	x := int((lon + 180) / 360 * n)
	r := lat * math.Pi / 180
	y := int((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n)
	return strconv.Itoa(z), strconv.Itoa(x), strconv.Itoa(y)
}
