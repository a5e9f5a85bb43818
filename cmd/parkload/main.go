// Command parkload is parkmap's load script: it sends a bounded number of requests, for a bounded
// time, to a parkmap server on this machine and reports throughput and latency percentiles per path.
// It refuses any host that is not a loopback address, so it can never load someone else's server.
//
//	parkload -base http://127.0.0.1:8080 -c 8 -n 2000 -d 30s [-login admin]   (password in $PARKLOAD_PASSWORD)
//
// With -tiles the load is tiles only, per zoom, against the two references of issue 11 (tilemode.go):
//
//	parkload -base http://127.0.0.1:8080 -tiles 8-16 -set parcels -db READER_URL -c 4 -n 2000 -d 60s
//
// There -n is the warm requests a zoom, -render the forced renders a zoom (and as many floor tiles)
// and -d each run's time limit.
//
// With -login every request carries that user's session, which measures what a logged-in planner's
// map costs against an anonymous one's (the session read and the account read per request).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// paths is a planner's session in miniature: the park list, a filtered list, one park, and tiles at the
// county, town and street zooms around 昆阳镇 (120.554 E, 27.672 N).
var paths = []string{
	"/collections/parks/items",
	"/collections/parks/items?zone=culture&status=在建",
	"/collections/parks/items/wanyang",
	"/collections/redevelopment/items?limit=50",
	"/tiles/all/8/213/107.mvt",
	"/tiles/all/10/854/430.mvt",
	"/tiles/all/12/3419/1720.mvt",
	"/tiles/all/14/13678/6880.mvt", // 昆阳礼品小微园
}

type sample struct {
	path   string
	d      time.Duration
	status int
	bytes  int64
}

func main() {
	if child := childProcess(); child != nil {
		if err := child(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "parkload:", err)
			os.Exit(1)
		}
		return
	}
	base := flag.String("base", "http://127.0.0.1:8080", "parkmap base URL (loopback only)")
	conc := flag.Int("c", 8, "concurrent clients")
	n := flag.Int("n", 2000, "total requests (upper bound); with -tiles, warm requests a zoom")
	dur := flag.Duration("d", 30*time.Second, "time limit; with -tiles, each run's")
	login := flag.String("login", "", "log in as this user first (password in $PARKLOAD_PASSWORD); every request then carries the session")
	zooms := flag.String("tiles", "", "tile mode: the zooms to measure, such as 8-16")
	set := flag.String("set", "parcels", "tile mode: the tileset (parcels, all, ...)")
	db := flag.String("db", os.Getenv("PARKMAP_READER_URL"), "tile mode: the database the server reads (for the tile lists and the floor)")
	perZoom := flag.Int("per-zoom", 100, "tile mode: tiles a zoom at most")
	points := flag.Int("points", 5000, "tile mode: parcels sampled to find the tiles with data")
	render := flag.Int("render", 300, "tile mode: uncached requests a zoom after the first (each a render, and as many floor tiles)")
	flag.Parse()
	var err error
	if *zooms != "" {
		err = runTileMode(*base, *zooms, tileConfig{set: *set, dbURL: *db, perZoom: *perZoom, points: *points,
			warmN: *n, renderN: *render, conc: *conc, limit: *dur})
	} else {
		err = run(*base, *conc, *n, *dur, *login)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "parkload:", err)
		os.Exit(1)
	}
}

// runTileMode checks the tile mode's flags and runs it, printing to stdout.
func runTileMode(base, zooms string, cfg tileConfig) error {
	if err := loopbackOnly(base); err != nil {
		return err
	}
	zs, err := parseZooms(zooms)
	if err != nil {
		return err
	}
	if cfg.dbURL == "" {
		return fmt.Errorf("-db (or $PARKMAP_READER_URL): the tile mode reads the tile lists and the floor from the database")
	}
	if cfg.conc < 1 || cfg.perZoom < 1 || cfg.points < 1 || cfg.warmN < 1 || cfg.warmN > 1_000_000 ||
		cfg.renderN < 1 || cfg.renderN > 1_000_000 || cfg.limit <= 0 || cfg.limit > 10*time.Minute {
		return fmt.Errorf("bounds: -c, -per-zoom, -points ≥ 1, 1 ≤ -n, -render ≤ 1000000, 0 < -d ≤ 10m")
	}
	cfg.base, cfg.zooms = strings.TrimRight(base, "/"), zs
	_, err = runTiles(context.Background(), cfg, os.Stdout)
	return err
}

// loopbackOnly refuses a base URL whose host is not this machine.
func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: parkload only loads servers on this machine", u.Hostname())
		}
	}
	return nil
}

func run(base string, conc, n int, dur time.Duration, login string) error {
	if err := loopbackOnly(base); err != nil {
		return err
	}
	if conc < 1 || n < 1 || n > 1_000_000 || dur <= 0 || dur > 10*time.Minute {
		return fmt.Errorf("bounds: -c ≥ 1, 1 ≤ -n ≤ 1000000, 0 < -d ≤ 10m")
	}
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc}, Timeout: 30 * time.Second}
	if login != "" {
		jar, err := logIn(client, base, login, os.Getenv("PARKLOAD_PASSWORD"))
		if err != nil {
			return err
		}
		client.Jar = jar
		fmt.Printf("logged in as %s\n", login)
	}

	jobs := make(chan string)
	results := make(chan sample, conc)
	var wg sync.WaitGroup
	for i := 0; i < conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				results <- fetch(ctx, client, base, p)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := 0; i < n; i++ {
			select {
			case jobs <- paths[i%len(paths)]:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	start := time.Now()
	byPath := map[string][]sample{}
	var total, failed int
	for s := range results {
		if s.status == 0 {
			continue // cut off by the time limit
		}
		byPath[s.path] = append(byPath[s.path], s)
		total++
		if s.status >= 400 {
			failed++
		}
	}
	elapsed := time.Since(start)
	fmt.Printf("%d requests in %v (%.0f req/s), %d concurrent, %d errors\n", total, elapsed.Round(time.Millisecond),
		float64(total)/elapsed.Seconds(), conc, failed)
	fmt.Printf("%-50s %6s %8s %8s %8s %9s\n", "path", "n", "p50", "p95", "p99", "bytes")
	for _, p := range paths {
		ss := byPath[p]
		if len(ss) == 0 {
			continue
		}
		sort.Slice(ss, func(i, j int) bool { return ss[i].d < ss[j].d })
		q := func(f float64) time.Duration { return ss[int(f*float64(len(ss)-1))].d }
		fmt.Printf("%-50s %6d %8v %8v %8v %9d\n", p, len(ss), q(0.50).Round(10*time.Microsecond),
			q(0.95).Round(10*time.Microsecond), q(0.99).Round(10*time.Microsecond), ss[0].bytes)
	}
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

func fetch(ctx context.Context, c *http.Client, base, path string) sample {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		return sample{path: path}
	}
	t0 := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return sample{path: path}
		}
		return sample{path: path, d: time.Since(t0), status: 599}
	}
	nb, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return sample{path: path, d: time.Since(t0), status: resp.StatusCode, bytes: nb}
}

// logIn posts the credentials to /api/session and returns a cookie jar holding the session.
func logIn(c *http.Client, base, user, password string) (http.CookieJar, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(map[string]string{"username": user, "password": password})
	if err != nil {
		return nil, err
	}
	lc := &http.Client{Transport: c.Transport, Timeout: c.Timeout, Jar: jar}
	resp, err := lc.Post(base+"/api/session", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("log in: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 500))
		return nil, fmt.Errorf("log in as %s: %d %s", user, resp.StatusCode, b)
	}
	return jar, nil
}
