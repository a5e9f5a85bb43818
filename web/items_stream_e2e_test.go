package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// bulkParcels adds n copies of the bundled parcel GD2018-002 to the database at db (the superuser's
// URL), each moved by a few metres per copy and named ZZ-000001…, with vertices extra vertices on each
// ring (0: the original shape), so that a test has a real page of 10,000 features, or a large one.
func bulkParcels(t *testing.T, db string, n, vertices int) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	// ST_Segmentize adds vertices along the edges: the shape and its validity stay as they were.
	_, err = conn.Exec(ctx, `
		INSERT INTO parcels (code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status,
		                     source_table, provenance, provenance_note, geom)
		SELECT 'ZZ-' || lpad(g::text, 6, '0'), p.park_id, p.year, p.area_mu, p.land_source, p.planned_use,
		       p.plot_ratio, p.status, p.source_table, p.provenance, p.provenance_note,
		       ST_Translate(CASE WHEN $2 > 0 THEN ST_Segmentize(p.geom, ST_Perimeter(p.geom) / $2) ELSE p.geom END,
		                    (g % 100) * 0.00003, (g / 100) * 0.00003)
		FROM parcels p CROSS JOIN generate_series(1, $1::int) g
		WHERE p.code = 'GD2018-002'`, n, vertices)
	if err != nil {
		t.Fatalf("bulk parcels: %v", err)
	}
}

// getItems fetches a page with the given Accept-Encoding, taken as it is (no transparent decoding).
func getItems(t *testing.T, url, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", encoding)
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, body
}

// timeStamp is the one member of an /items document that may differ between two requests.
var timeStamp = regexp.MustCompile(`"timeStamp":"[^"]*"`)

// A 10,000-feature page is served whole, as identity and as gzip that decodes to the same document; a
// larger limit is served as 10,000, its links paging on with it; GDAL reads the page from its URL.
func TestItemsLargePage(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	bulkParcels(t, db, 12000, 0)
	base := testenv.ServeDatabase(t, db, app.Config{})
	const matched = 12000 + 23

	for _, limit := range []string{"10000", "10001", "99999"} {
		u := base + "/collections/parcels/items?limit=" + limit
		resp, plain := getItems(t, u, "identity")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "" {
			t.Fatalf("limit=%s: %d %v", limit, resp.StatusCode, resp.Header)
		}
		var fc ogcFeatureCollection
		if err := json.Unmarshal(plain, &fc); err != nil {
			t.Fatalf("limit=%s: not a JSON document: %v", limit, err)
		}
		ids := map[string]bool{}
		for _, f := range fc.Features {
			ids[f.ID] = true
		}
		if fc.NumberMatched != matched || fc.NumberReturned != 10000 || len(fc.Features) != 10000 || len(ids) != 10000 {
			t.Errorf("limit=%s: matched %d, returned %d, %d features (%d ids); want %d, 10000", limit,
				fc.NumberMatched, fc.NumberReturned, len(fc.Features), len(ids), matched)
		}
		next, _ := fc.link("next")
		if !strings.Contains(next, "limit=10000") || !strings.Contains(next, "offset=10000") {
			t.Errorf("limit=%s: next link %q does not page on by 10000", limit, next)
		}

		resp, packed := getItems(t, u, "gzip, deflate, br")
		if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Encoding") {
			t.Fatalf("limit=%s with gzip: headers %v", limit, resp.Header)
		}
		zr, err := gzip.NewReader(bytes.NewReader(packed))
		if err != nil {
			t.Fatal(err)
		}
		unpacked, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("limit=%s: gzip body does not decode: %v", limit, err)
		}
		if a, b := timeStamp.ReplaceAll(plain, nil), timeStamp.ReplaceAll(unpacked, nil); !bytes.Equal(a, b) {
			t.Errorf("limit=%s: gzip decodes to %d bytes, identity is %d, and they differ", limit, len(b), len(a))
		}
		if len(packed)*4 > len(plain) {
			t.Errorf("limit=%s: gzip %d bytes for %d: not compressed", limit, len(packed), len(plain))
		}
	}

	var last ogcFeatureCollection
	ogcGetOK(t, base+"/collections/parcels/items?limit=10000&offset=10000", "application/geo+json", &last)
	if last.NumberReturned != matched-10000 || len(last.Features) != matched-10000 {
		t.Errorf("second page: %d returned, %d features; want %d", last.NumberReturned, len(last.Features), matched-10000)
	}
	if _, ok := last.link("next"); ok {
		t.Errorf("the last page has a next link")
	}

	out, err := exec.Command("ogrinfo", "-ro", "-al", "-so", "GeoJSON:"+base+"/collections/parcels/items?limit=10000").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Feature Count: 10000") {
		t.Errorf("GDAL reads the 10,000-feature page: %v\n%s", err, out)
	}
}

// A small page and an empty one decode the same through gzip, and an error stays a plain JSON 400.
func TestItemsGzipSmall(t *testing.T) {
	base := testenv.Server(t)
	for _, path := range []string{"/collections/parks/items", "/collections/parks/items?offset=40", "/collections/towns/items?limit=5&offset=5"} {
		_, plain := getItems(t, base+path, "")
		resp, packed := getItems(t, base+path, "gzip")
		zr, err := gzip.NewReader(bytes.NewReader(packed))
		if err != nil || resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: %v %v", path, err, resp.Header)
		}
		unpacked, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(timeStamp.ReplaceAll(plain, nil), timeStamp.ReplaceAll(unpacked, nil)) {
			t.Errorf("%s: gzip decodes to %.200s (%v), identity is %.200s", path, unpacked, err, plain)
		}
	}
	resp, body := getItems(t, base+"/collections/parcels/items?limit=0", "gzip")
	var e struct{ Field string }
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Encoding") != "" || json.Unmarshal(body, &e) != nil || e.Field != "limit" {
		t.Errorf("limit=0 with gzip: %d %v %s", resp.StatusCode, resp.Header, body)
	}
}

// A database failure after the first bytes have gone: the page's backend is terminated while it waits
// to send rows (the client has stopped reading, so every buffer between is full), and the client's
// read then fails on a truncated document instead of ending on a short, valid one.
func TestItemsAbortMidStream(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	// 2,000 parcels of about 1,000 vertices: some 50 MB of GeoJSON, more than all the socket buffers
	// on the way hold, so the backend is still sending when the client stops reading.
	bulkParcels(t, db, 2000, 1000)
	base := testenv.ServeDatabase(t, db, app.Config{})
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)

	req, _ := http.NewRequest(http.MethodGet, base+"/collections/parcels/items?limit=5000", nil)
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	head := make([]byte, 1000)
	if _, err := io.ReadFull(resp.Body, head); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the page's first bytes: %d %v", resp.StatusCode, err)
	}
	var pid int32
	testenv.WaitFor(t, "the page's backend to wait on its client", func() bool {
		err := admin.QueryRow(ctx, `SELECT pid FROM pg_stat_activity
			WHERE datname = current_database() AND state = 'active' AND wait_event = 'ClientWrite'
			  AND query LIKE '%count(*) OVER ()%'`).Scan(&pid)
		return err == nil
	})
	var done bool
	if err := admin.QueryRow(ctx, `SELECT pg_terminate_backend($1)`, pid).Scan(&done); err != nil || !done {
		t.Fatalf("terminate backend %d: %v %v", pid, done, err)
	}
	rest, err := io.ReadAll(resp.Body)
	if err == nil {
		t.Errorf("the client read a whole response (%d bytes) after the database failed midway", len(head)+len(rest))
	}
	if json.Valid(append(head, rest...)) {
		t.Errorf("the truncated response is a valid JSON document")
	}
	var fc ogcFeatureCollection
	ogcGetOK(t, base+"/collections/parcels/items?limit=1", "application/geo+json", &fc)
	if fc.NumberReturned != 1 {
		t.Errorf("after the failure, a page of 1 returned %d", fc.NumberReturned)
	}
}
