package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
)

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"frobnicate"},
		{"serve", "-no-such-flag"},
		{"migrate", "stray"},
		{"load"}, // no database
	} {
		var out, errb bytes.Buffer
		t.Setenv("DATABASE_URL", "")
		err := run(context.Background(), args, &out, &errb)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("parkmap %v: err = %v, want a usage error", args, err)
		}
	}
}

func TestCheckDataPassesOnTheBundledPlan(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"check-data"}, &out, &errb); err != nil {
		t.Fatalf("check-data: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"0 unexpected", "附件3/building_wan_m2/total", "67.69", "70.29", "170多亩"} {
		if !strings.Contains(s, want) {
			t.Errorf("check-data output lacks %q:\n%s", want, s)
		}
	}
}

// load migrates and loads into an empty database, and loading twice replaces rather than duplicates.
func TestLoadTwiceIntoAFreshDatabase(t *testing.T) {
	url := pgtest.NewDatabase(t)
	for i := 0; i < 2; i++ {
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"load", "-db", url}, &out, &errb); err != nil {
			t.Fatalf("load #%d: %v\n%s%s", i+1, err, out.String(), errb.String())
		}
		if !strings.Contains(out.String(), "20 parks") {
			t.Errorf("load #%d output: %s", i+1, out.String())
		}
		// The plan's known inconsistencies are one line of information in Chinese, not a warning each.
		if checks := linesWith(errb.String(), "规划数据核对"); len(checks) != 1 || !strings.HasPrefix(checks[0], "load: 信息：") ||
			!strings.Contains(checks[0], fmt.Sprintf("规划文本自身有 %d 处", knownInconsistencies(t))) ||
			strings.Contains(strings.ToLower(errb.String()), "warning") {
			t.Errorf("load #%d reports the checks as:\n%s", i+1, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "-db", url}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Errorf("migrate after load: %s", out.String())
	}
}

func TestLoadRefusesAnUnreachableDatabase(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"load", "-db", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, &out, &errb)
	if err == nil {
		t.Fatal("load into an unreachable database succeeded")
	}
}

// syncBuffer is a bytes.Buffer the server's logger and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// parkmap serve answers /healthz, /readyz and the landing page on the address it logs, and a
// cancelled context (SIGINT or SIGTERM in main) shuts it down cleanly.
func TestServeAnswersAndShutsDown(t *testing.T) {
	url := testenv.ReaderURL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	logs := &syncBuffer{}
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-db", url}, &out, logs) }()
	serving := regexp.MustCompile(`msg=serving url=(http://127\.0\.0\.1:\d+)/`)
	var base string
	for base == "" {
		select {
		case err := <-errc:
			t.Fatalf("serve stopped: %v\n%s", err, logs.String())
		case <-time.After(20 * time.Millisecond): // poll the log for the address; no limit but go test's
		}
		if m := serving.FindStringSubmatch(logs.String()); m != nil {
			base = m[1]
		}
	}
	for path, want := range map[string]string{"/healthz": `"status":"ok"`, "/readyz": `"database":"ok"`, "/": `"links"`} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %s", path, res.StatusCode, body)
		}
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("serve after cancel: %v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", logs.String())
	}
}

// A rules or briefing file that fails its checks stops the start with the file and the reason.
func TestServeRefusesBadRulesAndBriefing(t *testing.T) {
	url := testenv.ReaderURL(t)
	dir := t.TempDir()
	rules := filepath.Join(dir, "eligibility.json")
	bad := strings.Replace(string(data.EligibilityRules()), `"clause"`, `"clauze"`, 1)
	if err := os.WriteFile(rules, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	briefing := filepath.Join(dir, "steps.json")
	if err := os.WriteFile(briefing, []byte(strings.Replace(string(data.BriefingSteps()), `"culture"`, `"kulture"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for flag, path := range map[string]string{"-rules": rules, "-briefing": briefing} {
		var out, errb bytes.Buffer
		err := run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0", "-db", url, flag, path}, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("serve %s with a bad file: %v; want an error naming %s", flag, err, path)
		}
		if strings.Contains(errb.String(), "serving") {
			t.Errorf("serve %s with a bad file started serving:\n%s", flag, errb.String())
		}
	}
}

// serve never runs as a superuser, nor as a role that may write (the owner, the writer): a -db that
// names one stops the start with a message that says which role to use, before anything is served.
func TestServeRefusesASuperuserOrAWriter(t *testing.T) {
	db := testenv.LoadedDatabase(t) // the superuser's URL
	u, err := neturl.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	super := u.User.Username()
	for _, tc := range []struct{ url, want string }{
		{db, "parkmap serve refuses to connect as superuser " + super + ": use parkmap_reader (PARKMAP_READER_URL)"},
		{pgtest.RoleURL(db, testenv.WriterRole), "parkmap serve refuses to serve as parkmap_writer, which may write ("},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0", "-db", tc.url}, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("serve -db %s: %v; want an error with %q", tc.url, err, tc.want)
		}
		if strings.Contains(errb.String(), "serving") {
			t.Errorf("serve -db %s started serving:\n%s", tc.url, errb.String())
		}
	}
}

// linesWith returns the lines of s that contain sub.
func linesWith(s, sub string) []string {
	var got []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			got = append(got, l)
		}
	}
	return got
}

// knownInconsistencies is how many of the plan's own inconsistencies data/seed records.
func knownInconsistencies(t *testing.T) int {
	t.Helper()
	seed, err := data.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	return len(seed.Known)
}
