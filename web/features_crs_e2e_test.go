package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/internal/testenv"
)

// point reads a Point feature's two coordinates.
func point(t *testing.T, f ogcFeature) [2]float64 {
	t.Helper()
	var c [2]float64
	if f.Geometry == nil || f.Geometry.Type != "Point" || json.Unmarshal(f.Geometry.Coordinates, &c) != nil {
		t.Fatalf("town %s: geometry %v is not a point", f.ID, f.Geometry)
	}
	return c
}

// gdalTransform transforms lon/lat points into srid with GDAL (PROJ through another program than
// PostGIS), in GDAL's traditional GIS order: easting (or longitude) first, whatever the CRS declares.
func gdalTransform(t *testing.T, srid int, pts [][2]float64) [][2]float64 {
	t.Helper()
	var in bytes.Buffer
	for _, p := range pts {
		fmt.Fprintf(&in, "%.9f %.9f\n", p[0], p[1])
	}
	cmd := exec.CommandContext(t.Context(), "gdaltransform", "-s_srs", "OGC:CRS84", "-t_srs", "EPSG:"+strconv.Itoa(srid), "-output_xy")
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gdaltransform to EPSG:%d: %v", srid, err)
	}
	var res [][2]float64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var x, y float64
		if _, err := fmt.Sscan(line, &x, &y); err != nil {
			t.Fatalf("gdaltransform printed %q", line)
		}
		res = append(res, [2]float64{x, y})
	}
	if len(res) != len(pts) {
		t.Fatalf("gdaltransform gave %d points for %d", len(res), len(pts))
	}
	return res
}

// gdalNorthingFirst asks GDAL whether EPSG's definition of srid puts the north axis first: the axis
// order a response must follow, learnt from the registry rather than from parkmap's own table.
func gdalNorthingFirst(t *testing.T, srid int) bool {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "gdalsrsinfo", "-o", "wkt2", "EPSG:"+strconv.Itoa(srid)).Output()
	if err != nil {
		t.Fatalf("gdalsrsinfo EPSG:%d: %v", srid, err)
	}
	m := regexp.MustCompile(`AXIS\["[^"]*",(north|east)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("gdalsrsinfo EPSG:%d names no axis:\n%s", srid, out)
	}
	return string(m[1]) == "north"
}

// Every CRS of Part 2 writes each town seat where GDAL puts it, in the axis order the CRS declares
// (EPSG:4326 and 4490 latitude first, the Gauss-Krüger 4549 and 4528 northing first, 3857 easting
// first), and says so in Content-Crs; a bbox given in the CRS, in the same order, finds the town.
func TestItemsInEveryCRS(t *testing.T) {
	base := testenv.Server(t)
	towns := ogcItems(t, base, "towns", "limit=100").Features
	lonLat := make([][2]float64, len(towns))
	for i, f := range towns {
		lonLat[i] = point(t, f)
	}
	for _, c := range catalog.CRSs[1:] {
		t.Run(strconv.Itoa(c.SRID), func(t *testing.T) {
			want := gdalTransform(t, c.SRID, lonLat)
			northFirst := gdalNorthingFirst(t, c.SRID)
			resp, err := http.Get(base + "/collections/towns/items?limit=100&crs=" + url.QueryEscape(c.URI))
			if err != nil {
				t.Fatal(err)
			}
			var fc ogcFeatureCollection
			err = json.NewDecoder(resp.Body).Decode(&fc)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("crs=%s: status %d, %v", c.URI, resp.StatusCode, err)
			}
			if got := resp.Header.Get("Content-Crs"); got != "<"+c.URI+">" {
				t.Errorf("Content-Crs %q, want <%s>", got, c.URI)
			}
			if !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Content-Crs") {
				t.Errorf("another origin's script cannot read Content-Crs: %v", resp.Header)
			}
			tol := 1e-6 // degrees: 10 cm
			if !c.Geographic {
				tol = 0.01 // metres
			}
			for i, f := range fc.Features {
				if f.ID != towns[i].ID {
					t.Fatalf("feature %d is %s in crs=%s, %s in CRS84", i, f.ID, c.URI, towns[i].ID)
				}
				got, w := point(t, f), want[i]
				if northFirst {
					w = [2]float64{w[1], w[0]}
				}
				if math.Abs(got[0]-w[0]) > tol || math.Abs(got[1]-w[1]) > tol {
					t.Errorf("town %s in %s: %v, GDAL %v", f.ID, c.URI, got, w)
				}
			}
			// A box one metre (or 1e-5°) around three towns' own coordinates in this CRS, in its order,
			// finds that town and no other.
			d := 1e-5
			if !c.Geographic {
				d = 1
			}
			for _, f := range fc.Features[:3] {
				p := point(t, f)
				box := fmt.Sprintf("%f,%f,%f,%f", p[0]-d, p[1]-d, p[0]+d, p[1]+d)
				got := ogcItems(t, base, "towns", "bbox="+box+"&bbox-crs="+url.QueryEscape(c.URI))
				if len(got.Features) != 1 || got.Features[0].ID != f.ID {
					var ids []string
					for _, g := range got.Features {
						ids = append(ids, g.ID)
					}
					t.Errorf("bbox %s in %s finds %v, want [%s]", box, c.URI, ids, f.ID)
				}
			}
		})
	}
}

// The short forms clients send (EPSG:4549, [EPSG:4549], urn:ogc:def:crs:EPSG::4549) are the same
// CRS; one feature and a page of polygons are served in it too, and the collection lists every CRS.
func TestCRSForms(t *testing.T) {
	base := testenv.Server(t)
	var full ogcFeature
	ogcGetOK(t, base+"/collections/parks/items/wanyang?crs="+url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/4549"), "application/geo+json", &full)
	if full.Geometry == nil || full.Geometry.Type != "MultiPolygon" {
		t.Fatalf("wanyang in EPSG:4549: %v", full.Geometry)
	}
	var rings [][][][2]float64
	if err := json.Unmarshal(full.Geometry.Coordinates, &rings); err != nil {
		t.Fatal(err)
	}
	if n, e := rings[0][0][0][0], rings[0][0][0][1]; n < 3e6 || n > 3.2e6 || e < 4e5 || e > 6e5 {
		t.Errorf("wanyang's first vertex in EPSG:4549 is %v, want northing ~3,0xx,xxx then easting ~5xx,xxx", rings[0][0][0])
	}
	for _, form := range []string{"EPSG:4549", "[EPSG:4549]", "urn:ogc:def:crs:EPSG::4549"} {
		var f ogcFeature
		ogcGetOK(t, base+"/collections/parks/items/wanyang?crs="+url.QueryEscape(form), "application/geo+json", &f)
		if f.Geometry == nil || !bytes.Equal(f.Geometry.Coordinates, full.Geometry.Coordinates) {
			t.Errorf("crs=%s differs from the URI's answer", form)
		}
	}
	var col struct {
		CRS        []string `json:"crs"`
		StorageCRS string   `json:"storageCrs"`
	}
	ogcGetOK(t, base+"/collections/parcels", "application/json", &col)
	if !slices.Equal(col.CRS, catalog.CRSURIs()) || col.StorageCRS != catalog.CRS84URI {
		t.Errorf("the collection lists crs %v, storageCrs %q", col.CRS, col.StorageCRS)
	}
}
