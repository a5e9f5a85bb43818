package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

type gradeJSON struct {
	ParkID       string `json:"park_id"`
	ParkName     string `json:"park_name"`
	Year         int    `json:"year"`
	Grade        string `json:"grade"`
	NameInNotice string `json:"name_in_notice"`
	MatchNote    string `json:"match_note"`
	Source       string `json:"source"`
	Origin       string `json:"origin"`
	EnteredBy    string `json:"entered_by"`
}

type roundJSON struct {
	Year            int            `json:"year"`
	Issuer          string         `json:"issuer"`
	Date            string         `json:"date"`
	Method          string         `json:"method"`
	Dimensions      []string       `json:"dimensions"`
	ParksEvaluated  int            `json:"parks_evaluated"`
	ParksRecognised int            `json:"parks_recognised"`
	GradeCounts     map[string]int `json:"grade_counts"`
	GradesKnown     int            `json:"grades_known"`
}

type changeJSON struct {
	ParkID         string     `json:"park_id"`
	Year           int        `json:"year"`
	Evaluation     *gradeJSON `json:"evaluation"`
	Before         *gradeJSON `json:"before"`
	DatasetVersion string     `json:"dataset_version"`
}

func decodeAs[T any](t *testing.T, r reply) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("%v: %v", r, err)
	}
	return v
}

// The overview and a park's grades, as anyone reads them: the 2025 round with its counts (11 of 13
// graded, A3 B4 C3 D1, 4 known here), the four named grades with the notice's name, the match reason
// and the source; who entered them only for a logged-in caller; an unknown park a 404 naming id.
func TestEvaluationsRead(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	anon := newClient(t, base)
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))

	r := anon.do("GET", "/api/evaluations", nil)
	o := decodeAs[struct {
		Scale  []string    `json:"grade_scale"`
		Rounds []roundJSON `json:"rounds"`
		Grades []gradeJSON `json:"grades"`
	}](t, r)
	if r.status != http.StatusOK || len(o.Rounds) != 1 || len(o.Grades) != 4 || strings.Join(o.Scale, "") != "ABCD" {
		t.Fatalf("overview: %v", r)
	}
	rd := o.Rounds[0]
	if rd.Year != 2025 || rd.Date != "2025-08-05" || rd.Issuer != "平阳县小微企业园建设管理工作领导小组办公室" || rd.ParksEvaluated != 11 ||
		rd.ParksRecognised != 13 || rd.GradesKnown != 4 || rd.GradeCounts["A"] != 3 || rd.GradeCounts["B"] != 4 || rd.GradeCounts["C"] != 3 ||
		rd.GradeCounts["D"] != 1 || len(rd.Dimensions) != 9 || !strings.Contains(rd.Method, "温小微园办〔2020〕2号") {
		t.Errorf("round: %+v", rd)
	}
	want := map[string]string{"wanyang": "A 万洋众创城 平阳万洋众创城", "nansheng-ounan": "B 楠盛瓯南产业城 楠盛瓯南产业城",
		"xiaojiang-subao": "C 萧江镇塑包提升园 萧江镇塑包科创园", "xiaojiang-shipin": "D 萧江镇食品科创园 萧江镇食品科创园"}
	for _, g := range o.Grades {
		if got := g.Grade + " " + g.ParkName + " " + g.NameInNotice; got != want[g.ParkID] || g.Year != 2025 || g.Source == "" || g.MatchNote == "" || g.EnteredBy != "" {
			t.Errorf("grade %+v", g)
		}
	}
	if !strings.Contains(r.header.Get("Cache-Control"), "private") {
		t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
	}
	if g := decodeAs[struct {
		Grades []gradeJSON `json:"grades"`
	}](t, viewer.do("GET", "/api/evaluations", nil)); len(g.Grades) != 4 || g.Grades[0].EnteredBy != "parkmap load" {
		t.Errorf("a logged-in caller sees who entered the grades: %+v", g)
	}

	r = anon.do("GET", "/api/parks/wanyang/evaluations", nil)
	p := decodeAs[struct {
		ParkID      string      `json:"park_id"`
		Name        string      `json:"name"`
		Evaluations []gradeJSON `json:"evaluations"`
		Rounds      []roundJSON `json:"rounds"`
	}](t, r)
	if r.status != http.StatusOK || p.Name != "万洋众创城" || len(p.Evaluations) != 1 || p.Evaluations[0].Grade != "A" || len(p.Rounds) != 1 {
		t.Errorf("wanyang: %v", r)
	}
	if r := anon.do("GET", "/api/parks/jinrong-dianzi/evaluations", nil); r.status != http.StatusOK || !strings.Contains(string(r.body), `"evaluations":[]`) {
		t.Errorf("a park without grades: %v", r)
	}
	r = anon.do("GET", "/api/parks/no-such-park/evaluations", nil)
	if e := decodeAs[errJSON](t, r); r.status != http.StatusNotFound || e.Field != "id" || len(e.Errors) != 1 || e.Errors[0].DescriptionZh == "" {
		t.Errorf("an unknown park: %v", r)
	}
	if r := anon.do("GET", "/api/evaluations?year=2025", nil); r.status != http.StatusBadRequest {
		t.Errorf("an unknown parameter: %v", r)
	}
}

// A planner's grade: who may (401, 403), the sad paths (400 naming each field, 404 naming id or year,
// nothing written), the audit row, and the change published: the dataset version, the items and
// the tiles carry the new latest grade.
func TestEvaluationsEdit(t *testing.T) {
	admin := testenv.User{Username: "admin.eval", Password: "admin-password-1", DisplayName: "管理员", Unit: "县经信局", Roles: []string{accounts.Admin}}
	base := testenv.ServerWithUsers(t, app.Config{}, append(roleUsers, admin)...)
	anon := newClient(t, base)
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	const park, path = "wanyang", "/api/parks/wanyang/evaluations/"
	body := map[string]any{"grade": "B", "source": "2026年县小微园办绩效评价通知"}

	if r := anon.do("PUT", path+"2026", body); r.status != http.StatusUnauthorized {
		t.Errorf("anonymous: %v", r)
	}
	if r := viewer.do("PUT", path+"2026", body); r.status != http.StatusForbidden {
		t.Errorf("viewer: %v", r)
	}
	if r := viewer.do("DELETE", path+"2025", nil); r.status != http.StatusForbidden {
		t.Errorf("viewer delete: %v", r)
	}
	if m := planner.me(); !strings.Contains(strings.Join(m.Can, ","), "parks.evaluate") {
		t.Errorf("a planner's can: %v", m.Can)
	}
	if m := viewer.me(); strings.Contains(strings.Join(m.Can, ","), "parks.evaluate") {
		t.Errorf("a viewer's can: %v", m.Can)
	}

	before := string(anon.do("GET", "/api/parks/wanyang/evaluations", nil).body)
	for _, c := range []struct {
		path   string
		body   any
		status int
		fields []string
	}{
		{path + "2026", map[string]any{"grade": "E", "source": "x"}, 400, []string{"grade"}},
		{path + "2026", map[string]any{"grade": "a", "source": "x"}, 400, []string{"grade"}},
		{path + "2017", body, 400, []string{"year"}},
		{path + "2027", body, 400, []string{"year"}},
		{path + "abc", map[string]any{"grade": "A"}, 400, []string{"year", "source"}},
		{path + "2026", map[string]any{"grade": "A", "source": ""}, 400, []string{"source"}},
		{path + "2026", map[string]any{"grade": "A", "source": "x", "comment": "?"}, 400, nil},
		{path + "2026", `{"grade":"A",`, 400, nil},
		{"/api/parks/no-such-park/evaluations/2026", body, 404, []string{"id"}},
	} {
		r := planner.do("PUT", c.path, c.body)
		e := decodeAs[errJSON](t, r)
		if r.status != c.status {
			t.Errorf("PUT %s %v: %v", c.path, c.body, r)
			continue
		}
		for i, f := range c.fields {
			if i >= len(e.Errors) || e.Errors[i].Field != f || e.Errors[i].DescriptionZh == "" {
				t.Errorf("PUT %s %v: want field %s: %v", c.path, c.body, f, r)
			}
		}
	}
	for _, c := range []struct {
		path, field string
		status      int
	}{{path + "2024", "year", 404}, {"/api/parks/no-such-park/evaluations/2025", "id", 404}, {path + "2031", "year", 400}} {
		r := planner.do("DELETE", c.path, nil)
		if e := decodeAs[errJSON](t, r); r.status != c.status || e.Field != c.field {
			t.Errorf("DELETE %s: %v", c.path, r)
		}
	}
	if after := string(anon.do("GET", "/api/parks/wanyang/evaluations", nil).body); after != before {
		t.Errorf("refused edits changed the grades:\n%s\n%s", before, after)
	}

	item := fetch(t, http.MethodGet, base+"/collections/parks/items/"+park)
	feat, err := geojson.UnmarshalFeature(item.body)
	if err != nil {
		t.Fatal(err)
	}
	if feat.Properties["evaluation_grade"] != "A" || feat.Properties["evaluation_year"] != float64(2025) {
		t.Errorf("the item before: %v %v", feat.Properties["evaluation_grade"], feat.Properties["evaluation_year"])
	}
	tile := maptile.At(feat.Geometry.Bound().Center(), 12)
	tileGrade := func(extra string) string {
		res := fetch(t, http.MethodGet, tileURL(base, "parks", tile)+extra)
		for _, f := range decodeTile(t, res.body, tile)["parks"].Features {
			if f.Properties["id"] == park {
				g, _ := f.Properties["evaluation_grade"].(string)
				return g
			}
		}
		t.Fatalf("the park is not in tile %v", tile)
		return ""
	}
	if g := tileGrade(""); g != "A" {
		t.Errorf("the tile's grade before: %q", g)
	}
	version0 := readyVersion(t, base)

	r := planner.do("PUT", path+"2026", body)
	c := decodeAs[changeJSON](t, r)
	if r.status != http.StatusOK || c.Evaluation == nil || c.Evaluation.Grade != "B" || c.Evaluation.Origin != "planner" ||
		c.Evaluation.EnteredBy != roleUser(accounts.Planner).Username || c.Before != nil || c.DatasetVersion == "" || c.DatasetVersion == version0 {
		t.Fatalf("put 2026: %v (version before %s)", r, version0)
	}
	if g := tileGrade("?v=" + c.DatasetVersion); g != "B" {
		t.Errorf("the tile at the edit's version: %q", g)
	}
	testenv.WaitFor(t, "the server to hear of the grade", func() bool { return readyVersion(t, base) == c.DatasetVersion })
	if g := tileGrade(""); g != "B" {
		t.Errorf("the tile after the edit: %q", g)
	}
	res := fetch(t, http.MethodGet, base+"/collections/parks/items?evaluation_grade=B")
	if !strings.Contains(string(res.body), `"id":"wanyang"`) || !strings.Contains(string(res.body), `"evaluation_year":2026`) {
		t.Errorf("items?evaluation_grade=B: %d %s", res.status, res.body)
	}

	adm := loggedIn(t, base, admin)
	audit := string(adm.do("GET", "/api/audit?action=park.evaluation&limit=5", nil).body)
	if !strings.Contains(audit, `"action":"park.evaluation"`) || !strings.Contains(audit, `"key":"wanyang/2026"`) {
		t.Errorf("audit: %s", audit)
	}

	r = planner.do("DELETE", path+"2026", nil)
	c = decodeAs[changeJSON](t, r)
	if r.status != http.StatusOK || c.Evaluation != nil || c.Before == nil || c.Before.Grade != "B" || c.DatasetVersion == "" {
		t.Fatalf("delete 2026: %v", r)
	}
	if g := tileGrade("?v=" + c.DatasetVersion); g != "A" {
		t.Errorf("the tile after the delete: %q", g)
	}
}
