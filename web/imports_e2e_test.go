package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// importTestCap is the upload cap of the import tests' server: far above their files, small enough
// that a file over it is cheap to send.
const importTestCap = 256 << 10

// importPreview is the part of a layerimport.Preview the tests read.
type importPreview struct {
	Layer    string     `json:"layer"`
	File     string     `json:"file"`
	SHA256   string     `json:"sha256"`
	Count    int        `json:"count"`
	Extent   [4]float64 `json:"extent"`
	CRSUsed  string     `json:"crs_used"`
	TotalMu  float64    `json:"total_mu"`
	Findings []struct {
		ID     string `json:"id"`
		Code   string `json:"code"`
		Detail string `json:"detail"`
	} `json:"findings"`
	Repairs []struct {
		ID string `json:"id"`
	} `json:"repairs"`
	Current   int `json:"current_version"`
	Published int `json:"published_version"`
	Diff      []struct {
		Change string `json:"change"`
		ID     string `json:"id"`
	} `json:"diff"`
	Source struct {
		Fields []string `json:"fields"`
	} `json:"source"`
}

// importAnswer is an import's reply: a preview (200), or an error with or without the preview.
type importAnswer struct {
	reply
	Code    string         `json:"code"`
	Field   string         `json:"field"`
	Errors  []any          `json:"errors"`
	Preview *importPreview `json:"preview"`
	p       importPreview
}

// constraintSquare is a GeoJSON feature: a square of side d degrees at lon, lat, with BSM and LX.
func constraintSquare(id, kind string, lon, lat, d float64) string {
	return fmt.Sprintf(`{"type":"Feature","properties":{"BSM":%q,"LX":%q,"MC":"测试%s"},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
		id, kind, id, lon, lat, lon+d, lat, lon+d, lat+d, lon, lat+d, lon, lat)
}

// constraintFile is a GeoJSON FeatureCollection of features, in lon/lat (it declares no CRS).
func constraintFile(features ...string) []byte {
	return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`)
}

// goodConstraints is a file of three features inside the county, in two kinds.
func goodConstraints(prefix string) []byte {
	return constraintFile(
		constraintSquare(prefix+"-1", "永久基本农田", 120.50, 27.64, 0.002),
		constraintSquare(prefix+"-2", "永久基本农田", 120.51, 27.64, 0.002),
		constraintSquare(prefix+"-3", "生态保护红线", 120.52, 27.65, 0.003))
}

// bowtie is a self-intersecting polygon: invalid (ST_IsValid false).
const bowtie = `{"type":"Feature","properties":{"BSM":"BAD-1","LX":"生态保护红线"},"geometry":{"type":"Polygon","coordinates":[[[120.53,27.64],[120.54,27.65],[120.54,27.64],[120.53,27.65],[120.53,27.64]]]}}`

// multipartBody is a form with a file part named name and the fields.
func multipartBody(t testing.TB, name string, file []byte, fields map[string]string) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if name != "" {
		fw, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(file); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String(), w.FormDataContentType()
}

// importFile posts file (as name) to /api/imports/{layer}/{action} with the form fields.
func (c *client) importFile(layer, action, name string, file []byte, fields map[string]string) importAnswer {
	c.t.Helper()
	body, ct := multipartBody(c.t, name, file, fields)
	a := importAnswer{reply: c.do("POST", "/api/imports/"+layer+"/"+action, body, "Content-Type", ct)}
	if strings.HasPrefix(a.header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(a.body, &a); err != nil {
			c.t.Fatalf("%s %s: %v: %v", layer, action, a.reply, err)
		}
		if a.status == http.StatusOK {
			if err := json.Unmarshal(a.body, &a.p); err != nil {
				c.t.Fatalf("%s %s: %v: %v", layer, action, a.reply, err)
			}
		} else if a.Preview != nil {
			a.p = *a.Preview
		}
	}
	return a
}

// previewAndPublish previews file and publishes it with the preview's sha256; it fails the test
// unless both succeed, and returns the published version.
func (c *client) previewAndPublish(name string, file []byte, fields map[string]string) importPreview {
	c.t.Helper()
	pv := c.importFile("constraints", "preview", name, file, fields)
	if pv.status != http.StatusOK {
		c.t.Fatalf("preview %s: %v", name, pv.reply)
	}
	f := map[string]string{"expect_sha256": pv.p.SHA256}
	for k, v := range fields {
		f[k] = v
	}
	pb := c.importFile("constraints", "publish", name, file, f)
	if pb.status != http.StatusOK || pb.p.Published == 0 {
		c.t.Fatalf("publish %s: %v", name, pb.reply)
	}
	return pb.p
}

type importVersionsJSON struct {
	Layer    string `json:"layer"`
	Versions []struct {
		Version    int    `json:"version"`
		File       string `json:"file"`
		SHA256     string `json:"sha256"`
		Features   int    `json:"features"`
		ImportedBy string `json:"imported_by"`
		Note       string `json:"note"`
		Current    bool   `json:"current"`
	} `json:"versions"`
}

func (c *client) importVersions(layer string) importVersionsJSON {
	c.t.Helper()
	r := c.do("GET", "/api/imports/"+layer+"/versions", nil)
	var v importVersionsJSON
	if r.status != http.StatusOK || json.Unmarshal(r.body, &v) != nil {
		c.t.Fatalf("versions of %s: %v", layer, r)
	}
	return v
}

// liveConstraints is the live constraints layer as the public API serves it: id → provenance.
func liveConstraints(t *testing.T, base string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range ogcAllItems(t, base, "constraints", "") {
		p, _ := f.Properties["provenance"].(string)
		out[f.ID] = p
	}
	return out
}

var kindMapping = map[string]string{"mapping": `{"id":"BSM","kind":"LX","name":"MC"}`}

func importServer(t *testing.T) string {
	t.Helper()
	return testenv.ServerWithUsers(t, app.Config{ImportMaxBytes: importTestCap}, roleUsers...)
}

// TestImportPreviewAndPublish: a data_admin previews a GeoJSON constraints file (count, extent, CRS
// told from the coordinates, the mapping, the diff against the bundled layer, nothing live changed),
// publishes it with the preview's sha256, and the public API then serves exactly its features, real.
func TestImportPreviewAndPublish(t *testing.T) {
	base := importServer(t)
	admin := loggedIn(t, base, roleUser(accounts.DataAdmin))
	before := liveConstraints(t, base)
	file := goodConstraints("PV")

	pv := admin.importFile("constraints", "preview", "管控图层.geojson", file, kindMapping)
	if pv.status != http.StatusOK {
		t.Fatalf("preview: %v", pv.reply)
	}
	p := pv.p
	if p.Layer != "constraints" || p.File != "管控图层.geojson" || p.Count != 3 || len(p.SHA256) != 64 || p.Published != 0 || p.Current != 0 {
		t.Fatalf("preview: %s", pv.body)
	}
	if p.Extent[0] < 120.49 || p.Extent[0] > 120.51 || p.Extent[3] < 27.65 || p.Extent[3] > 27.66 || !strings.Contains(p.CRSUsed, "4326") {
		t.Errorf("extent %v, crs %s", p.Extent, p.CRSUsed)
	}
	if len(p.Findings) != 0 {
		t.Errorf("findings %+v", p.Findings)
	}
	// The file's fields, for the page's mapping editor, once the importer lists them (Source.Fields).
	if len(p.Source.Fields) == 0 {
		t.Log("the preview lists no source fields yet: the importer does not fill Source.Fields")
	} else if !slices.Contains(p.Source.Fields, "LX") {
		t.Errorf("fields %v", p.Source.Fields)
	}
	added := 0
	for _, c := range p.Diff {
		if c.Change == "added" {
			added++
		}
	}
	if added != 3 {
		t.Errorf("diff: %+v", p.Diff)
	}
	// The staged features for the page's map, once the store fills them (Preview.Staged).
	var staged struct {
		Staged *struct {
			Features []json.RawMessage `json:"features"`
		} `json:"staged"`
	}
	if err := json.Unmarshal(pv.body, &staged); err != nil {
		t.Fatal(err)
	}
	if staged.Staged == nil {
		t.Log("the preview carries no staged features yet: the store does not fill Preview.Staged")
	} else if len(staged.Staged.Features) != 3 {
		t.Errorf("staged: %d features", len(staged.Staged.Features))
	}
	if got := liveConstraints(t, base); len(got) != len(before) {
		t.Fatalf("a preview changed the live layer: %v → %v", before, got)
	}

	pb := admin.importFile("constraints", "publish", "管控图层.geojson", file, map[string]string{
		"mapping": kindMapping["mapping"], "expect_sha256": p.SHA256, "note": "县自然资源局 2026 年管控图层"})
	if pb.status != http.StatusOK || pb.p.Published != 1 || pb.p.Count != 3 {
		t.Fatalf("publish: %v", pb.reply)
	}
	live := liveConstraints(t, base)
	if len(live) != 3 {
		t.Fatalf("live after publish: %v", live)
	}
	for id, prov := range live {
		if !strings.HasPrefix(id, "PV-") || prov != "real" {
			t.Errorf("live feature %s provenance %s", id, prov)
		}
	}
	v := admin.importVersions("constraints")
	if len(v.Versions) != 1 || v.Versions[0].Version != 1 || !v.Versions[0].Current || v.Versions[0].SHA256 != p.SHA256 ||
		v.Versions[0].ImportedBy != roleUser(accounts.DataAdmin).Username || v.Versions[0].Note != "县自然资源局 2026 年管控图层" {
		t.Errorf("versions: %+v", v)
	}
}

// TestImportWhoMay: the roles of the route and of each layer; anonymous 401.
func TestImportWhoMay(t *testing.T) {
	base := importServer(t)
	file := goodConstraints("WHO")
	for _, role := range []string{accounts.Viewer, accounts.Planner, accounts.Admin} {
		c := loggedIn(t, base, roleUser(role))
		if a := c.importFile("constraints", "preview", "a.geojson", file, kindMapping); a.status != http.StatusForbidden {
			t.Errorf("%s preview: %v", role, a.reply)
		}
		if r := c.do("POST", "/api/imports/constraints/rollback", `{"version":1}`); r.status != http.StatusForbidden {
			t.Errorf("%s rollback: %v", role, r)
		}
		if r := c.do("GET", "/api/imports/constraints/versions", nil); r.status != http.StatusOK {
			t.Errorf("%s versions: %v", role, r)
		}
	}
	anon := newClient(t, base)
	for _, p := range []string{"preview", "publish"} {
		if a := anon.importFile("constraints", p, "a.geojson", file, kindMapping); a.status != http.StatusUnauthorized {
			t.Errorf("anonymous %s: %v", p, a.reply)
		}
	}
	for _, p := range []string{"/api/imports/targets", "/api/imports/constraints/versions"} {
		if r := anon.do("GET", p, nil); r.status != http.StatusUnauthorized {
			t.Errorf("anonymous %s: %v", p, r)
		}
	}

	// The land role imports constraints but not the parks' boundaries (data_admin's).
	land := loggedIn(t, base, roleUser(accounts.Land))
	var tg struct {
		Targets []struct {
			Layer     string `json:"layer"`
			MayImport bool   `json:"may_import"`
			Fields    []struct {
				Name string `json:"name"`
			} `json:"fields"`
		} `json:"targets"`
		MaxFileBytes int64 `json:"max_file_bytes"`
	}
	r := land.do("GET", "/api/imports/targets", nil)
	if r.status != http.StatusOK || json.Unmarshal(r.body, &tg) != nil || len(tg.Targets) != 5 || tg.MaxFileBytes != importTestCap {
		t.Fatalf("targets: %v", r)
	}
	may := map[string]bool{}
	for _, x := range tg.Targets {
		may[x.Layer] = x.MayImport
	}
	if may["parks"] || may["towns"] || !may["constraints"] || !may["parcels"] || !may["redevelopment"] {
		t.Errorf("land may import: %v", may)
	}
	if a := land.importFile("parks", "preview", "a.geojson", file, nil); a.status != http.StatusForbidden {
		t.Errorf("land previews parks: %v", a.reply)
	}
	if a := land.importFile("constraints", "preview", "a.geojson", file, kindMapping); a.status != http.StatusOK || a.p.Count != 3 {
		t.Errorf("land previews constraints: %v", a.reply)
	}
}

// TestImportRefusals: what a user can get wrong is a 4xx naming the field, and nothing is published.
func TestImportRefusals(t *testing.T) {
	// The server runs in this process: its temporary directories go here, to be counted at the end.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	base := importServer(t)
	admin := loggedIn(t, base, roleUser(accounts.DataAdmin))
	before := liveConstraints(t, base)
	file := goodConstraints("REF")
	pv := admin.importFile("constraints", "preview", "a.geojson", file, kindMapping)
	if pv.status != http.StatusOK {
		t.Fatalf("preview: %v", pv.reply)
	}

	other := fmt.Sprintf("%064x", 7)
	cases := []struct {
		name, layer, action, file string
		body                      []byte
		fields                    map[string]string
		status                    int
		field                     string
	}{
		{"wrong sha256", "constraints", "publish", "a.geojson", file, map[string]string{"mapping": kindMapping["mapping"], "expect_sha256": other}, 400, "expect_sha256"},
		{"publish without sha256", "constraints", "publish", "a.geojson", file, kindMapping, 400, "expect_sha256"},
		{"bad sha256", "constraints", "publish", "a.geojson", file, map[string]string{"expect_sha256": "abc"}, 400, "expect_sha256"},
		{"unknown layer", "nosuch", "preview", "a.geojson", file, nil, 404, "layer"},
		{"no file", "constraints", "preview", "", nil, kindMapping, 400, "file"},
		{"empty file", "constraints", "preview", "a.geojson", []byte{}, kindMapping, 400, "file"},
		{"unknown field", "constraints", "preview", "a.geojson", file, map[string]string{"colour": "red"}, 400, "colour"},
		{"bad repair", "constraints", "preview", "a.geojson", file, map[string]string{"repair": "yes"}, 400, "repair"},
		{"bad mapping", "constraints", "preview", "a.geojson", file, map[string]string{"mapping": "kind=LX"}, 400, "mapping"},
		{"mapping of no field", "constraints", "preview", "a.geojson", file, map[string]string{"mapping": `{"colour":"LX"}`}, 400, "mapping"},
		{"mapped field the file lacks", "constraints", "preview", "a.geojson", file, map[string]string{"mapping": `{"kind":"NOPE"}`}, 400, "kind"},
		{"unknown kind", "constraints", "preview", "a.geojson", file, map[string]string{"kind": "菜地"}, 400, "kind"},
		{"bad area unit", "constraints", "preview", "a.geojson", file, map[string]string{"kind": "基本农田", "area_unit": "acre"}, 400, "area_unit"},
		{"zip slip", "constraints", "preview", "a.zip", zipOf(t, file, "../x.geojson"), kindMapping, 400, "file"},
		{"not a geodata file", "constraints", "preview", "a.geojson", []byte("not json at all"), kindMapping, 400, "file"},
		{"over the cap", "constraints", "preview", "big.geojson", bytes.Repeat([]byte(" "), importTestCap+1), kindMapping, 413, "file"},
		{"parcels without a parcel id", "parcels", "preview", "a.geojson", file, nil, 400, "file"},
		{"a csv without geometry", "constraints", "preview", "a.csv", []byte("BSM,LX\nA,基本农田\n"), kindMapping, 400, "file"},
		{"a Shapefile unzipped", "constraints", "preview", "a.shp", []byte("not really"), kindMapping, 400, "file"},
		{"a txt that is not 部标", "constraints", "preview", "a.txt", []byte("hello\nworld\n"), kindMapping, 400, "file"},
		{"a zip of two datasets", "constraints", "preview", "two.zip", zipOf2(t, file), kindMapping, 400, "dataset"},
		{"a kml of nothing", "constraints", "preview", "a.kml", []byte(`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document></Document></kml>`), kindMapping, 400, "crs"},
		{"a zip that is not one", "constraints", "preview", "a.zip", []byte("PK\x03\x04 broken"), kindMapping, 400, "file"},
	}
	for _, c := range cases {
		a := admin.importFile(c.layer, c.action, c.file, c.body, c.fields)
		if a.status != c.status || a.Field != c.field {
			t.Errorf("%s: %v, want %d naming %s", c.name, a.reply, c.status, c.field)
		}
		if c.status == 413 && !strings.Contains(string(a.body), "文件过大") {
			t.Errorf("%s: no Chinese message: %s", c.name, a.body)
		}
	}
	if r := admin.do("POST", "/api/imports/constraints/preview", `{"file":"a.geojson"}`); r.status != 400 || !strings.Contains(string(r.body), `"field":"Content-Type"`) {
		t.Errorf("a JSON body: %v", r)
	}
	if r := admin.do("POST", "/api/imports/constraints/preview", "--x\r\n", "Content-Type", "multipart/form-data; boundary=x"); r.status != 400 {
		t.Errorf("a broken multipart body: %v", r)
	}

	// An invalid geometry: the preview lists it (and blocks), a publish is refused with the preview.
	bad := constraintFile(constraintSquare("OK-1", "生态保护红线", 120.50, 27.64, 0.002), bowtie)
	a := admin.importFile("constraints", "preview", "bad.geojson", bad, kindMapping)
	if a.status != 400 || a.Field != "file" || a.Preview == nil || a.p.Count != 2 || len(a.p.Findings) != 1 ||
		a.p.Findings[0].Code != "invalid" || a.p.Findings[0].ID != "BAD-1" {
		t.Fatalf("preview of an invalid geometry: %v", a.reply)
	}
	b := admin.importFile("constraints", "publish", "bad.geojson", bad, map[string]string{"mapping": kindMapping["mapping"], "expect_sha256": a.p.SHA256})
	if b.status != 400 || b.Preview == nil || b.p.Published != 0 || len(b.p.Findings) != 1 {
		t.Fatalf("publish of an invalid geometry: %v", b.reply)
	}
	// Repaired, it previews clean with the repair listed.
	rp := admin.importFile("constraints", "preview", "bad.geojson", bad, map[string]string{"mapping": kindMapping["mapping"], "repair": "true"})
	if rp.status != 200 || len(rp.p.Repairs) != 1 || len(rp.p.Findings) != 0 {
		t.Errorf("preview with repair: %v", rp.reply)
	}

	if v := admin.importVersions("constraints"); len(v.Versions) != 0 {
		t.Errorf("something was published: %+v", v)
	}
	if got := liveConstraints(t, base); len(got) != len(before) {
		t.Errorf("the live layer changed: %v → %v", before, got)
	}
	// Every upload's temporary directory is gone, whatever its answer (the server runs in this process).
	for _, pattern := range []string{"parkmap-upload-*", "parkmap-import-*"} {
		if left, _ := filepath.Glob(filepath.Join(tmp, pattern)); len(left) > 0 {
			t.Errorf("temporary directories left behind: %v", left)
		}
	}
}

// zipOf is a zip holding body under each of names.
func zipOf(t *testing.T, body []byte, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range names {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipOf2 is a zip holding two GeoJSON datasets.
func zipOf2(t *testing.T, body []byte) []byte { return zipOf(t, body, "a.geojson", "b.geojson") }

// TestImportVersionsAndRollback: two publishes, a rollback to the first, each audited; the live
// layer follows.
func TestImportVersionsAndRollback(t *testing.T) {
	base := importServer(t)
	admin := loggedIn(t, base, roleUser(accounts.DataAdmin))
	land := loggedIn(t, base, roleUser(accounts.Land))
	sysadmin := loggedIn(t, base, roleUser(accounts.Admin))

	first := admin.previewAndPublish("first.geojson", goodConstraints("V1"), kindMapping)
	second := land.previewAndPublish("second.zip", zipOf(t, constraintFile(
		constraintSquare("V2-1", "城镇开发边界", 120.50, 27.64, 0.004)), "second.geojson"), kindMapping)
	if first.Published != 1 || second.Published != 2 || second.Current != 1 {
		t.Fatalf("versions %d, %d (diff against %d)", first.Published, second.Published, second.Current)
	}
	if live := liveConstraints(t, base); len(live) != 1 || live["V2-1"] != "real" {
		t.Fatalf("live after the second publish: %v", live)
	}
	v := admin.importVersions("constraints")
	if len(v.Versions) != 2 || v.Versions[0].Current || !v.Versions[1].Current || v.Versions[1].File != "second.zip" || v.Versions[1].Features != 1 {
		t.Fatalf("versions: %+v", v)
	}

	if r := admin.do("POST", "/api/imports/constraints/rollback", `{"version":9}`); r.status != http.StatusNotFound {
		t.Errorf("rollback to a version that does not exist: %v", r)
	}
	for _, body := range []string{`{}`, `{"version":0}`, `{"version":"1"}`, `{"version":1,"x":2}`} {
		if r := admin.do("POST", "/api/imports/constraints/rollback", body); r.status != http.StatusBadRequest {
			t.Errorf("rollback %s: %v", body, r)
		}
	}
	r := admin.do("POST", "/api/imports/constraints/rollback", `{"version":1}`)
	var rb struct {
		Layer           string
		Version, Before int
	}
	if r.status != http.StatusOK || json.Unmarshal(r.body, &rb) != nil || rb.Version != 1 || rb.Before != 2 {
		t.Fatalf("rollback: %v", r)
	}
	if live := liveConstraints(t, base); len(live) != 3 || live["V1-1"] != "real" {
		t.Fatalf("live after the rollback: %v", live)
	}
	if v := admin.importVersions("constraints"); !v.Versions[0].Current || v.Versions[1].Current {
		t.Errorf("versions after the rollback: %+v", v)
	}

	var audit struct {
		Entries []accounts.AuditEntry `json:"entries"`
	}
	for action, want := range map[string][]string{
		"layer.publish":  {"constraints/2", "constraints/1"},
		"layer.rollback": {"constraints/1"},
	} {
		r := sysadmin.do("GET", "/api/audit?action="+url.QueryEscape(action), nil)
		if r.status != http.StatusOK || json.Unmarshal(r.body, &audit) != nil {
			t.Fatalf("audit %s: %v", action, r)
		}
		var keys []string
		for _, e := range audit.Entries {
			keys = append(keys, e.Key)
		}
		if !slices.Equal(keys, want) {
			t.Errorf("audit %s: keys %v, want %v", action, keys, want)
		}
		if action == "layer.rollback" && len(audit.Entries) == 1 {
			e := audit.Entries[0]
			if e.Actor != roleUser(accounts.DataAdmin).Username || string(e.Before) != `{"version": 2}` && string(e.Before) != `{"version":2}` {
				t.Errorf("rollback audit row: %+v (before %s)", e, e.Before)
			}
		}
		if action == "layer.publish" && len(audit.Entries) == 2 && audit.Entries[0].Actor != roleUser(accounts.Land).Username {
			t.Errorf("the second publish is audited as %s", audit.Entries[0].Actor)
		}
	}
}
