package intake

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// parcelsGeoJSON is a small layer with Chinese field names and values, as the land bureau's are.
const parcelsGeoJSON = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"DKBH":"330326001","名称":"永久基本农田","用途":"耕地","权利人":"鳌江镇人民政府"},
 "geometry":{"type":"Polygon","coordinates":[[[120.40,27.60],[120.41,27.60],[120.41,27.61],[120.40,27.60]]]}},
{"type":"Feature","properties":{"DKBH":"330326002","名称":"平阳县小微企业园","用途":"工业用地","权利人":"水头镇"},
 "geometry":{"type":"Polygon","coordinates":[[[120.42,27.62],[120.43,27.62],[120.43,27.63],[120.42,27.62]]]}}]}`

// gdal runs ogr2ogr or ogrinfo; make test installs gdal-bin, so a machine without it fails.
func gdal(t *testing.T, tool string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s not found: install gdal-bin (scripts/install-deps.sh)", tool)
	}
	out, err := exec.CommandContext(t.Context(), bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// makeLayer writes the parcels with ogr2ogr into dir/name in the given format and returns the path.
func makeLayer(t *testing.T, dir, name, format string, lco ...string) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in.geojson")
	if err := os.WriteFile(in, []byte(parcelsGeoJSON), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	args := []string{"-f", format}
	for _, o := range lco {
		args = append(args, "-lco", o)
	}
	gdal(t, "ogr2ogr", append(args, out, in)...)
	return out
}

// zipTree zips every file under dir, names relative to dir's parent when keepDir (a .gdb folder
// inside the zip), else relative to dir.
func zipTree(t *testing.T, dir string, keepDir bool) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "upload.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	base := dir
	if keepDir {
		base = filepath.Dir(dir)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(w, src)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestShapefileEncoding: GDAL's own GBK and UTF-8 Shapefiles, zipped, with and without the .cpg.
// With it, the .cpg names the charset; without it, detection from the .dbf's bytes must say the
// same, so a GBK file is never read as UTF-8.
func TestShapefileEncoding(t *testing.T) {
	for _, tc := range []struct {
		lco  string
		want Charset
	}{{"ENCODING=GBK", GBK}, {"ENCODING=UTF-8", UTF8}} {
		for _, keepCPG := range []bool{true, false} {
			name := string(tc.want) + map[bool]string{true: " with .cpg", false: " without .cpg"}[keepCPG]
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				makeLayer(t, dir, "地块.shp", "ESRI Shapefile", tc.lco)
				if !keepCPG {
					if err := os.Remove(filepath.Join(dir, "地块.cpg")); err != nil {
						t.Fatal(err)
					}
				}
				up, err := Unpack(zipTree(t, dir, false), t.TempDir(), DefaultLimits())
				if err != nil {
					t.Fatal(err)
				}
				ds, err := up.Datasets()
				if err != nil || len(ds) != 1 || ds[0].Kind != Shapefile {
					t.Fatalf("datasets %+v, %v", ds, err)
				}
				if want := map[bool]Charset{true: tc.want}[keepCPG]; ds[0].Encoding != want {
					t.Errorf(".cpg %q gives %q, want %q", ds[0].CPG, ds[0].Encoding, want)
				}
				samples, err := DBFSamples(strings.TrimSuffix(ds[0].Path, ".shp")+".dbf", 100)
				if err != nil {
					t.Fatal(err)
				}
				if len(samples) != 3+6 { // the field names 名称 用途 权利人, and their values in two records
					t.Errorf("%d samples: %q", len(samples), samples)
				}
				enc, err := DetectEncoding(samples)
				if err != nil || enc.Charset != tc.want {
					t.Fatalf("detected %+v, %v; want %s", enc, err, tc.want)
				}
				t.Log(enc.ReasonZh)
			})
		}
	}
}

// TestFileGeodatabaseInZip: a .gdb folder zipped with the folder inside is one dataset GDAL opens.
func TestFileGeodatabaseInZip(t *testing.T) {
	gdb := makeLayer(t, t.TempDir(), "三区三线.gdb", "OpenFileGDB")
	up, err := Unpack(zipTree(t, gdb, true), t.TempDir(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := up.Datasets()
	if err != nil || len(ds) != 1 || ds[0].Kind != FileGDB || ds[0].Name != "三区三线.gdb" {
		t.Fatalf("datasets %+v, %v", ds, err)
	}
	if out := gdal(t, "ogrinfo", "-ro", "-al", "-so", ds[0].Path); !strings.Contains(out, "Feature Count: 2") {
		t.Errorf("GDAL cannot read the unpacked .gdb:\n%s", out)
	}
}

// TestPlainGDALFiles: a GeoPackage and a DXF sent as they are.
func TestPlainGDALFiles(t *testing.T) {
	for _, tc := range []struct{ name, format, kind string }{
		{"园区.gpkg", "GPKG", GeoPackage},
		{"园区.dxf", "DXF", DXF},
	} {
		t.Run(tc.format, func(t *testing.T) {
			src := makeLayer(t, t.TempDir(), tc.name, tc.format)
			up, err := Unpack(src, t.TempDir(), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			ds, err := up.Datasets()
			if err != nil || len(ds) != 1 || ds[0].Kind != tc.kind || ds[0].Name != tc.name {
				t.Fatalf("datasets %+v, %v", ds, err)
			}
			if out := gdal(t, "ogrinfo", "-ro", "-al", "-so", ds[0].Path); !strings.Contains(out, "Feature Count: 2") {
				t.Errorf("GDAL cannot read the copy:\n%s", out)
			}
		})
	}
}
