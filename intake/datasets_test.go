package intake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDatasetsShapefileMissingPart(t *testing.T) {
	for _, missing := range []string{".shx", ".dbf"} {
		t.Run(missing, func(t *testing.T) {
			var es []entry
			for _, ext := range []string{".SHP", ".shx", ".DBF", ".prj"} {
				if strings.EqualFold(ext, missing) {
					continue
				}
				es = append(es, entry{name: "parcels" + ext, body: []byte("x")})
			}
			up, err := Unpack(writeZip(t, "up.zip", es...), t.TempDir(), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			_, err = up.Datasets()
			e := wantErr(t, err, apperr.Invalid, "file")
			if !strings.Contains(e.Message, missing) || !strings.Contains(e.Fields[0].MessageZh, "缺少 "+missing) {
				t.Errorf("%+v", e.Fields[0])
			}
		})
	}
}

// TestDatasetsListsEveryKind: one upload holding one of each, plus what zip tools add beside them.
func TestDatasetsListsEveryKind(t *testing.T) {
	gbkTitle, _ := simplifiedchinese.GBK.NewEncoder().String("[属性描述]\r\n[地块坐标]\r\n")
	up, err := Unpack(writeZip(t, "up.zip",
		entry{name: "a/地块.shp", body: []byte("x")}, entry{name: "a/地块.shx", body: []byte("x")},
		entry{name: "a/地块.dbf", body: []byte("x")}, entry{name: "a/地块.cpg", body: []byte("936\r\n")},
		entry{name: "三区三线.gdb/"}, entry{name: "三区三线.gdb/a00000001.gdbtable", body: []byte("x")},
		entry{name: "三区三线.gdb/a00000001.gdbtablx", body: []byte("x")},
		entry{name: "p.gpkg", body: []byte("SQLite format 3\x00")}, entry{name: "amap.json", body: []byte("{}")},
		entry{name: "b.geojson", body: []byte("{}")}, entry{name: "c.dxf", body: []byte("0")},
		entry{name: "d.kml", body: []byte("<kml/>")}, entry{name: "e.kmz", body: []byte("x")},
		entry{name: "f.csv", body: []byte("x,y")}, entry{name: "g.xlsx", body: []byte("x")},
		entry{name: "报批.txt", body: []byte(gbkTitle)}, entry{name: "readme.txt", body: []byte("no section")},
		entry{name: "__MACOSX/a/._地块.shp", body: []byte("x")}, entry{name: "orphan.dbf", body: []byte("x")},
	), t.TempDir(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := up.Datasets()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Dataset{}
	for _, d := range ds {
		got[d.Name] = d
	}
	want := map[string]string{"a/地块.shp": Shapefile, "三区三线.gdb": FileGDB, "p.gpkg": GeoPackage, "amap.json": GeoJSON,
		"b.geojson": GeoJSON, "c.dxf": DXF, "d.kml": KML, "e.kmz": KMZ, "f.csv": CSV, "g.xlsx": XLSX, "报批.txt": BubiaoText}
	if len(ds) != len(want) {
		t.Errorf("got %d datasets, want %d: %+v", len(ds), len(want), ds)
	}
	for name, kind := range want {
		if got[name].Kind != kind {
			t.Errorf("%s: kind %q, want %q", name, got[name].Kind, kind)
		}
	}
	if d := got["a/地块.shp"]; d.CPG != "936" || d.Encoding != GBK || d.Path != filepath.Join(up.Dir, "a", "地块.shp") {
		t.Errorf("shapefile %+v", d)
	}
	if d := got["三区三线.gdb"]; d.Path != filepath.Join(up.Dir, "三区三线.gdb") {
		t.Errorf("gdb %+v", d)
	}
}

func TestDatasetsNoneReadable(t *testing.T) {
	up, err := Unpack(writeZip(t, "up.zip", entry{name: "报告.docx.bak", body: []byte("x")}, entry{name: "说明.pdf", body: []byte("x")}),
		t.TempDir(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	_, err = up.Datasets()
	e := wantErr(t, err, apperr.Invalid, "file")
	if !strings.Contains(e.Message, "no readable dataset") || !strings.Contains(e.Message, "说明.pdf") {
		t.Errorf("%q", e.Message)
	}
}

// TestDatasetsPlainShapefileAlone: a bare .shp sent without its parts says what is missing.
func TestDatasetsPlainShapefileAlone(t *testing.T) {
	src := filepath.Join(t.TempDir(), "a.shp")
	if err := os.WriteFile(src, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	up, err := Unpack(src, t.TempDir(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	_, err = up.Datasets()
	wantErr(t, err, apperr.Invalid, "file")
}
