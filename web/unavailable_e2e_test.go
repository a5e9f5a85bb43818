package web_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// databaseText is what must never reach a client: driver and server wording, addresses.
var databaseText = []string{"SQLSTATE", "ERROR:", "pgx", "pgconn", "postgres", "127.0.0.1", "EOF",
	"dial", "connect:", "failed to", "conn closed", "closed pool"}

// TestUnavailableDatabase cuts the service off from PostgreSQL (a loopback proxy, so the shared
// cluster keeps running): a cached tile is still served from memory with its ETag, whatever needs a
// query is a 503 with Retry-After and no database text, readiness fails and liveness does not; once
// the database is back the service recovers by itself.
func TestUnavailableDatabase(t *testing.T) {
	base, proxy, _ := testenv.CutServer(t, app.Config{})
	kunyang := orb.Point{120.5541, 27.67202} // 昆阳镇
	cached := tileURL(base, "all", maptile.At(kunyang, 10))
	uncached := tileURL(base, "all", maptile.At(kunyang, 12))
	items := base + "/collections/parks/items"

	warm := fetch(t, http.MethodGet, cached)
	if warm.status != http.StatusOK || warm.header.Get("ETag") == "" {
		t.Fatalf("%s: %d, ETag %q", cached, warm.status, warm.header.Get("ETag"))
	}
	etag := warm.header.Get("ETag")

	proxy.Cut()
	t.Run("cached tile", func(t *testing.T) {
		res := fetch(t, http.MethodGet, cached)
		if res.status != http.StatusOK || res.header.Get("ETag") != etag || len(res.body) != len(warm.body) {
			t.Errorf("%d, ETag %q (want %q), %d bytes (want %d)", res.status, res.header.Get("ETag"), etag, len(res.body), len(warm.body))
		}
		if res := fetch(t, http.MethodGet, cached, "If-None-Match", etag); res.status != http.StatusNotModified {
			t.Errorf("revalidation: %d", res.status)
		}
	})
	for _, u := range []string{uncached, items, base + "/tiles/all.json", base + "/readyz"} {
		t.Run(strings.TrimPrefix(u, base), func(t *testing.T) {
			res := fetch(t, http.MethodGet, u)
			checkUnavailable(t, res)
		})
	}
	if res := fetch(t, http.MethodGet, base+"/healthz"); res.status != http.StatusOK {
		t.Errorf("/healthz while the database is away: %d", res.status)
	}

	proxy.Restore()
	testenv.WaitFor(t, "/readyz after the database is back", func() bool {
		return fetch(t, http.MethodGet, base+"/readyz").status == http.StatusOK
	})
	for _, u := range []string{uncached, items} {
		if res := fetch(t, http.MethodGet, u); res.status != http.StatusOK {
			t.Errorf("%s after recovery: %d %s", u, res.status, res.body)
		}
	}
	if res := fetch(t, http.MethodGet, cached); res.status != http.StatusOK || res.header.Get("ETag") != etag {
		t.Errorf("the cached tile after recovery: %d, ETag %q", res.status, res.header.Get("ETag"))
	}
}

// checkUnavailable asserts a 503 that says when to come back and that the database is unavailable,
// in the JSON of every error, without the database's own text.
func checkUnavailable(t *testing.T, res response) {
	t.Helper()
	if res.status != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503: %s", res.status, res.body)
	}
	if s, err := strconv.Atoi(res.header.Get("Retry-After")); err != nil || s <= 0 {
		t.Errorf("Retry-After %q", res.header.Get("Retry-After"))
	}
	var body struct{ Code, Description string }
	if err := json.Unmarshal(res.body, &body); err != nil {
		t.Fatalf("body %q: %v", res.body, err)
	}
	if body.Code != "unavailable" || !strings.Contains(body.Description, "database is unavailable") {
		t.Errorf("body %s", res.body)
	}
	for _, leak := range databaseText {
		if strings.Contains(string(res.body), leak) {
			t.Errorf("body leaks %q: %s", leak, res.body)
		}
	}
}
