package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

const editPark = "xiaojiang-qinggong" // 萧江轻工小微园: 在建 in the plan

type factsJSON struct {
	ParkID string `json:"park_id"`
	Facts  struct {
		Status           *string  `json:"status"`
		FirmsInResidence *int     `json:"firms_in_residence"`
		Industries       []string `json:"industries"`
		Notes            *string  `json:"notes"`
	} `json:"facts"`
	Plan struct {
		Status string `json:"status"`
	} `json:"plan"`
	Version        int64   `json:"version"`
	UpdatedAt      *string `json:"updated_at"`
	UpdatedBy      *string `json:"updated_by"`
	DatasetVersion string  `json:"dataset_version"`
}

func decodeFacts(t *testing.T, r reply) factsJSON {
	t.Helper()
	var f factsJSON
	if err := json.Unmarshal(r.body, &f); err != nil {
		t.Fatalf("%v: %v", r, err)
	}
	return f
}

// patchFacts sends a PATCH of a park's facts with If-Match etag ("" sends none).
func (c *client) patchFacts(park, etag, body string) reply {
	c.t.Helper()
	if etag == "" {
		return c.do("PATCH", "/api/parks/"+park+"/facts", body)
	}
	return c.do("PATCH", "/api/parks/"+park+"/facts", body, "If-Match", etag)
}

type errJSON struct {
	Code   string `json:"code"`
	Field  string `json:"field"`
	Errors []struct {
		Field, Description string
		DescriptionZh      string `json:"description_zh"`
	} `json:"errors"`
}

func TestParkFactsAPI(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))
	viewer := loggedIn(t, base, roleUser(accounts.Viewer))
	anon := newClient(t, base)

	r := anon.do("GET", "/api/parks/"+editPark+"/facts", nil)
	f := decodeFacts(t, r)
	if r.status != http.StatusOK || r.header.Get("ETag") != `"0"` || f.Version != 0 || f.Facts.Status != nil || f.Plan.Status != "在建" {
		t.Fatalf("before any edit: %v", r)
	}
	body := `{"status":"已认定","firms_in_residence":61,"industries":["轻工","鞋服"]}`

	// Who may: nobody logged in is 401, a viewer 403, and neither writes.
	if r := anon.patchFacts(editPark, `"0"`, body); r.status != http.StatusUnauthorized {
		t.Errorf("anonymous: %v", r)
	}
	if r := viewer.patchFacts(editPark, `"0"`, body); r.status != http.StatusForbidden {
		t.Errorf("viewer: %v", r)
	}
	// What is wrong with the request: no If-Match, a malformed one, an unknown field, bad values (every
	// field named), an unknown park.
	if r := planner.patchFacts(editPark, "", body); r.status != http.StatusPreconditionRequired || !strings.Contains(string(r.body), `"field":"If-Match"`) {
		t.Errorf("without If-Match: %v", r)
	}
	for _, etag := range []string{"0", `W/"0"`, `"x"`, `*`} {
		if r := planner.patchFacts(editPark, etag, body); r.status != http.StatusBadRequest {
			t.Errorf("If-Match %s: %v", etag, r)
		}
	}
	if r := planner.patchFacts(editPark, `"0"`, `{"status":"在建","plan_status":"已竣工"}`); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), `"field":"plan_status"`) {
		t.Errorf("unknown field: %v", r)
	}
	r = planner.patchFacts(editPark, `"0"`, `{"status":"建成","firms_in_residence":-2,"recognition_year":2017,"industries":[]}`)
	var e errJSON
	if r.status != http.StatusBadRequest || json.Unmarshal(r.body, &e) != nil || e.Code != "invalid" || len(e.Errors) != 4 {
		t.Fatalf("bad values: %v", r)
	}
	for i, want := range []string{"status", "firms_in_residence", "industries", "recognition_year"} {
		if e.Errors[i].Field != want || e.Errors[i].DescriptionZh == "" || e.Errors[i].Description == "" {
			t.Errorf("bad values: error %d is %+v, want %s with messages", i, e.Errors[i], want)
		}
	}
	if r := planner.patchFacts("no-such-park", `"0"`, body); r.status != http.StatusNotFound {
		t.Errorf("unknown park: %v", r)
	}
	if f := decodeFacts(t, anon.do("GET", "/api/parks/"+editPark+"/facts", nil)); f.Version != 0 {
		t.Fatalf("a refused edit wrote: version %d", f.Version)
	}

	// The planner's edit, and what it changes for everyone.
	r = planner.patchFacts(editPark, `"0"`, body)
	f = decodeFacts(t, r)
	if r.status != http.StatusOK || r.header.Get("ETag") != `"1"` || f.Version != 1 || *f.Facts.Status != "已认定" || f.UpdatedBy == nil || *f.UpdatedBy != roleUser(accounts.Planner).Username {
		t.Fatalf("the planner's edit: %v", r)
	}
	// A stale If-Match is 409 with the facts as they are and what was sent.
	r = planner.patchFacts(editPark, `"0"`, `{"status":"新建"}`)
	var conflict struct {
		Code        string          `json:"code"`
		Current     factsJSON       `json:"current"`
		Sent        json.RawMessage `json:"sent"`
		SentVersion int64           `json:"sent_version"`
	}
	if r.status != http.StatusConflict || json.Unmarshal(r.body, &conflict) != nil || conflict.Code != "conflict" ||
		conflict.Current.Version != 1 || *conflict.Current.Facts.Status != "已认定" || string(conflict.Sent) != `{"status":"新建"}` || conflict.SentVersion != 0 {
		t.Errorf("stale If-Match: %v", r)
	}
	// The public answer has no staff name; a logged-in one does.
	if f := decodeFacts(t, anon.do("GET", "/api/parks/"+editPark+"/facts", nil)); f.UpdatedBy != nil || f.UpdatedAt == nil || f.Version != 1 {
		t.Errorf("anonymous after the edit: %+v", f)
	}
	if f := decodeFacts(t, viewer.do("GET", "/api/parks/"+editPark+"/facts", nil)); f.UpdatedBy == nil {
		t.Errorf("a viewer after the edit: %+v", f)
	}
	// The history: for logged-in users only, newest first, with who and before → after.
	if r := anon.do("GET", "/api/parks/"+editPark+"/history", nil); r.status != http.StatusUnauthorized {
		t.Errorf("history, anonymous: %v", r)
	}
	r = viewer.do("GET", "/api/parks/"+editPark+"/history", nil)
	var hist struct {
		Entries []struct {
			Actor         string
			DisplayName   string `json:"display_name"`
			Before, After map[string]any
		} `json:"entries"`
	}
	if r.status != http.StatusOK || json.Unmarshal(r.body, &hist) != nil || len(hist.Entries) != 1 ||
		hist.Entries[0].DisplayName != roleUser(accounts.Planner).DisplayName || hist.Entries[0].Before["status"] != nil || hist.Entries[0].After["status"] != "已认定" {
		t.Errorf("history: %v", r)
	}
	if r := viewer.do("GET", "/api/parks/no-such-park/history", nil); r.status != http.StatusNotFound {
		t.Errorf("history of an unknown park: %v", r)
	}
}

// An edit reaches every published form of the park: the items and their filter, the tiles (their
// ETag, and a tile asked for at the edit's dataset version at once), and the dataset version.
func TestParkFactsEditIsPublished(t *testing.T) {
	base := testenv.ServerWithUsers(t, app.Config{}, roleUsers...)
	planner := loggedIn(t, base, roleUser(accounts.Planner))

	item := fetch(t, http.MethodGet, base+"/collections/parks/items/"+editPark)
	feat, err := geojson.UnmarshalFeature(item.body)
	if err != nil {
		t.Fatal(err)
	}
	tile := maptile.At(feat.Geometry.Bound().Center(), 12)
	labelStatus := func(extra string) (string, string) {
		res := fetch(t, http.MethodGet, tileURL(base, "parks", tile)+extra)
		if res.status != http.StatusOK {
			t.Fatalf("tile: %d %s", res.status, res.body)
		}
		layers := decodeTile(t, res.body, tile)
		for _, f := range layers["parks"].Features {
			if f.Properties["id"] == editPark {
				s, _ := f.Properties["status"].(string)
				return s, res.header.Get("ETag")
			}
		}
		t.Fatalf("the park is not in tile %v", tile)
		return "", ""
	}
	status0, etag0 := labelStatus("")
	version0 := readyVersion(t, base)
	if status0 != "在建" {
		t.Fatalf("the tile's status before the edit: %s", status0)
	}

	r := planner.patchFacts(editPark, `"0"`, `{"status":"已认定"}`)
	f := decodeFacts(t, r)
	if r.status != http.StatusOK || f.DatasetVersion == "" || f.DatasetVersion == version0 {
		t.Fatalf("edit: %v (dataset version before: %s)", r, version0)
	}
	// Asked for at the edit's version, the tile is the new one even before this server has heard.
	if s, _ := labelStatus("?v=" + f.DatasetVersion); s != "已认定" {
		t.Errorf("the tile at the edit's version: %s", s)
	}
	testenv.WaitFor(t, "the server to hear of the edit", func() bool { return readyVersion(t, base) == f.DatasetVersion })
	status1, etag1 := labelStatus("")
	if status1 != "已认定" || etag1 == etag0 {
		t.Errorf("after the edit: tile status %s, ETag %s (was %s)", status1, etag1, etag0)
	}
	if res := fetch(t, http.MethodGet, tileURL(base, "parks", tile), "If-None-Match", etag0); res.status != http.StatusOK {
		t.Errorf("a tile revalidated with the old ETag: %d", res.status)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	res := fetch(t, http.MethodGet, base+"/collections/parks/items?status=%E5%B7%B2%E8%AE%A4%E5%AE%9A")
	if err := json.Unmarshal(res.body, &fc); err != nil || len(fc.Features) != 1 {
		t.Fatalf("items?status=已认定: %d %s", res.status, res.body)
	}
	p := fc.Features[0].Properties
	if p["id"] != editPark || p["status"] != "已认定" || p["plan_status"] != "在建" || p["facts_version"] != float64(1) {
		t.Errorf("the edited park in the items: %v", p)
	}
	if res := fetch(t, http.MethodGet, base+"/collections/parks/items?plan_status=%E5%9C%A8%E5%BB%BA"); !strings.Contains(string(res.body), editPark) {
		t.Errorf("the plan's status is still a filter: %d", res.status)
	}
}

func readyVersion(t *testing.T, base string) string {
	t.Helper()
	var body struct {
		DatasetVersion string `json:"dataset_version"`
	}
	res := fetch(t, http.MethodGet, base+"/readyz")
	if err := json.Unmarshal(res.body, &body); err != nil {
		t.Fatalf("readyz: %s", res.body)
	}
	return body.DatasetVersion
}

func decodeTile(t *testing.T, body []byte, tile maptile.Tile) map[string]*mvt.Layer {
	t.Helper()
	layers, err := mvt.Unmarshal(body)
	if err != nil {
		t.Fatalf("decode tile: %v", err)
	}
	layers.ProjectToWGS84(tile)
	out := map[string]*mvt.Layer{}
	for _, l := range layers {
		out[l.Name] = l
	}
	return out
}
