package web_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
)

// BenchmarkLogin is one login (argon2id verify, the account read, last_login and its audit row,
// the session's insert) end to end; it reports the median and p95 (make bench).
func BenchmarkLogin(b *testing.B) {
	u := roleUser(accounts.Planner)
	base := testenv.ServerWithUsers(b, app.Config{}, u)
	c := newClient(b, base)
	var ds []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		if r := c.login(u.Username, u.Password); r.status != http.StatusOK {
			b.Fatalf("login: %v", r)
		}
		ds = append(ds, time.Since(t0))
	}
	reportPercentiles(b, ds)
}

// BenchmarkSessionOverhead is what a session costs a request. /api/me reads the session and its
// account (as every route does whose answer depends on who asks): anonymous against logged in is the
// overhead there. /conformance stands for the map's public reads (tiles, features), which a logged-in
// user's session does not touch: it should cost the same either way.
func BenchmarkSessionOverhead(b *testing.B) {
	u := roleUser(accounts.Viewer)
	base := testenv.ServerWithUsers(b, app.Config{}, u)
	for _, path := range []string{"/api/me", "/conformance"} {
		for _, mode := range []string{"anonymous", "session"} {
			b.Run(strings.TrimPrefix(path, "/")+"/"+mode, func(b *testing.B) {
				c := newClient(b, base)
				if mode == "session" {
					c = loggedIn(b, base, u)
				}
				var ds []time.Duration
				for b.Loop() {
					t0 := time.Now()
					if r := c.do("GET", path, nil); r.status != http.StatusOK {
						b.Fatalf("%v", r)
					}
					ds = append(ds, time.Since(t0))
				}
				reportPercentiles(b, ds)
			})
		}
	}
}

func reportPercentiles(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	at := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}
