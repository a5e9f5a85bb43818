package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paulmach/orb/maptile"

	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/tiles"
)

// tileConfig is the tile mode's work (-tiles): which tiles, how hard, for how long.
type tileConfig struct {
	base, set, dbURL string
	zooms            []int
	perZoom, points  int           // tiles a zoom at most; parcels sampled to find them
	warmN, conc      int           // warm requests a zoom; concurrent clients in every run
	renderN          int           // uncached requests a zoom after the first, and as many floor tiles
	limit            time.Duration // each run's time limit
}

// zoomResult holds one zoom's seven runs: parkmap cold and its floor; parkmap rendering again,
// uncached, the floor again and the HTTP floor (httpfloor.go); parkmap warm and its ceiling.
type zoomResult struct {
	z, tiles                        int
	cold, floor, warm, ceiling      runStats
	rendered, floorAgain, httpFloor runStats
}

// runTiles measures parkmap's tiles at each zoom against the two references of issue 11, and prints
// the figures with their ratios to w. The server must have just started (or the data just changed)
// for the cold run to be cold: each tile is asked for once, first.
func runTiles(ctx context.Context, cfg tileConfig, w io.Writer) ([]zoomResult, error) {
	store, err := postgis.Open(ctx, cfg.dbURL, postgis.Options{AppName: "parkload", ReadOnly: true, MaxConns: int32(cfg.conc)})
	if err != nil {
		return nil, fmt.Errorf("floor database: %w", err)
	}
	defer store.Close()
	pts, err := store.BenchLabelPoints(ctx, cfg.points)
	if err != nil {
		return nil, err
	}
	if len(pts) == 0 {
		return nil, errors.New("no live parcels to find tiles with data")
	}
	lists := tileLists(pts, cfg.zooms, cfg.perZoom)
	httpFloor, stopHTTPFloor, err := startHTTPFloor(cfg.dbURL, cfg.conc)
	if err != nil {
		return nil, fmt.Errorf("HTTP floor: %w", err)
	}
	defer stopHTTPFloor()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.conc, DisableCompression: true}, Timeout: time.Minute}
	fmt.Fprintf(w, "parkload tiles: /tiles/%s, zooms %d-%d, up to %d tiles a zoom (from %d sampled parcels), -c %d, Accept-Encoding: gzip, each run ≤ %v\n",
		cfg.set, cfg.zooms[0], cfg.zooms[len(cfg.zooms)-1], cfg.perZoom, len(pts), cfg.conc, cfg.limit)
	if cfg.set != "parcels" {
		fmt.Fprintf(w, "the floor renders the parcels only; /tiles/%s holds more layers\n", cfg.set)
	}
	var results []zoomResult
	failed := 0
	for _, z := range cfg.zooms {
		r, err := benchZoom(ctx, cfg, store, client, httpFloor, lists[z])
		if err != nil {
			return results, fmt.Errorf("z%d: %w", z, err)
		}
		r.z = z
		results = append(results, r)
		failed += r.cold.errors + r.floor.errors + r.rendered.errors + r.floorAgain.errors + r.httpFloor.errors + r.warm.errors + r.ceiling.errors
	}
	printResults(w, results)
	if failed > 0 {
		return results, fmt.Errorf("%d requests failed", failed)
	}
	return results, nil
}

// benchZoom runs one zoom's tiles: parkmap cold (each once, keeping the answers), the floor, parkmap
// uncached again, the floor and the HTTP floor (served at httpFloor) as often, parkmap warm (the
// tiles that answered, cycled) and the ceiling serving those answers.
func benchZoom(ctx context.Context, cfg tileConfig, store *postgis.Store, client *http.Client, httpFloor string, list []maptile.Tile) (zoomResult, error) {
	r := zoomResult{tiles: len(list)}
	var mu sync.Mutex
	kept := map[string]*response{}
	var keptPaths []string
	// The cold run keeps the bodies and gunzips them only after the clock stops: the client's own
	// decoding would otherwise take the two cores' time from the requests still in flight, a cost the
	// floor (which sends no gzip) does not have.
	coldCtx, cancel := context.WithTimeout(ctx, cfg.limit)
	samples, elapsed := runJobs(coldCtx, cfg.conc, len(list), func(ctx context.Context, i int) tileSample {
		p := tilePath(cfg.set, list[i])
		s, resp := getTile(ctx, client, cfg.base+p, false, true)
		if resp != nil {
			mu.Lock()
			kept[p] = resp
			keptPaths = append(keptPaths, p)
			mu.Unlock()
		}
		return s
	})
	cancel()
	for i, s := range samples {
		if resp := kept[strings.TrimPrefix(s.path, cfg.base)]; resp != nil {
			n, err := decodedSize(resp.header.Get("Content-Encoding"), resp.body)
			samples[i].decoded, samples[i].failed = n, s.failed || err != nil
		}
	}
	r.cold = summarise(samples, elapsed)
	floorRun := func(n int) (runStats, error) {
		st := timed(ctx, cfg, n, func(ctx context.Context, i int) tileSample {
			t := list[i%len(list)]
			t0 := time.Now()
			mvt, err := store.BenchFloorTile(ctx, tiles.Coord{Z: int(t.Z), X: int(t.X), Y: int(t.Y)})
			n := int64(len(mvt))
			return tileSample{d: time.Since(t0), wire: n, decoded: n, failed: err != nil && ctx.Err() == nil}
		})
		// Tiles cut off by the time limit are still being rendered: the next run starts after them.
		waitCtx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		return st, store.BenchWaitIdle(waitCtx)
	}
	var err error
	if r.floor, err = floorRun(len(list)); err != nil {
		return r, err
	}
	// Uncached again: each request names a dataset version the server has not heard of (?v=, as the
	// page asks after an edit), so it renders the tile rather than look in its cache, as the first
	// request did; the floor repeats the same tiles as often. This is the steady cost of an uncached
	// tile: the cold run above is also the first time the server's database sessions touch the data,
	// a cost (mostly PostgreSQL's, measured: 13.4 ms of its CPU a z14 tile then, 9.4 ms four passes
	// later, same sessions, same plan) that the floor's sessions, used since the tile lists were read,
	// have paid before their first tile.
	r.rendered = timed(ctx, cfg, cfg.renderN, func(ctx context.Context, i int) tileSample {
		p := tilePath(cfg.set, list[i%len(list)])
		s, _ := getTile(ctx, client, cfg.base+p+"?v=parkload-render-"+strconv.Itoa(i/len(list)), false, false)
		return s
	})
	if r.floorAgain, err = floorRun(cfg.renderN); err != nil {
		return r, err
	}
	r.httpFloor = timed(ctx, cfg, cfg.renderN, func(ctx context.Context, i int) tileSample {
		t := list[i%len(list)]
		s, _ := getTile(ctx, client, fmt.Sprintf("%s/%d/%d/%d.mvt", httpFloor, t.Z, t.X, t.Y), false, false)
		return s
	})
	waitCtx, cancelWait := context.WithTimeout(ctx, time.Minute)
	err = store.BenchWaitIdle(waitCtx)
	cancelWait()
	if err != nil {
		return r, err
	}
	if len(keptPaths) == 0 {
		return r, nil
	}
	warmRun := func(base string) runStats {
		return timed(ctx, cfg, cfg.warmN, func(ctx context.Context, i int) tileSample {
			s, _ := getTile(ctx, client, base+keptPaths[i%len(keptPaths)], false, false)
			return s
		})
	}
	r.warm = warmRun(cfg.base)
	ceiling, stop, err := startCeiling(kept)
	if err != nil {
		return r, fmt.Errorf("static server: %w", err)
	}
	defer stop()
	r.ceiling = warmRun(ceiling)
	return r, nil
}

// timed runs n jobs on cfg.conc workers within cfg.limit and sums them up.
func timed(ctx context.Context, cfg tileConfig, n int, job func(context.Context, int) tileSample) runStats {
	ctx, cancel := context.WithTimeout(ctx, cfg.limit)
	defer cancel()
	return summarise(runJobs(ctx, cfg.conc, n, job))
}

func printResults(w io.Writer, rs []zoomResult) {
	fmt.Fprintln(w, "\nuncached, first: cold = each tile once, first request since the server started (its database sessions' first touch of")
	fmt.Fprintln(w, "the data); floor = the same tiles by a bare ST_AsMVT of the parcels' geometry, no attributes, prepared, from Go, on")
	fmt.Fprintln(w, "sessions that read the tile lists. ratio = cold time a tile ÷ floor's. Where parkmap draws the parcels' overview")
	fmt.Fprintln(w, "(cells, z8-z13 in dense tiles) it is not the floor's tile, so the ratio is not like for like")
	fmt.Fprintf(w, "%3s %5s | %8s %8s %8s | %8s %8s %8s | %6s %6s | %8s %8s %8s %8s %6s %6s | %8s\n",
		"z", "tiles", "cold/s", "p50", "p95", "floor/s", "p50", "p95", "ratio", "p50÷", "wire KB", "max", "mvt KB", "max", ">500KB", "errors", "floor KB")
	for _, r := range rs {
		c, f := r.cold, r.floor
		fmt.Fprintf(w, "%3d %5d | %8.1f %8s %8s | %8.1f %8s %8s | %6.2f %6.2f | %8.1f %8.1f %8.1f %8.1f %6d %6d | %8.1f\n",
			r.z, r.tiles, c.perSec, ms(c.p50), ms(c.p95), f.perSec, ms(f.p50), ms(f.p95),
			ratio(f.perSec, c.perSec), ratio(float64(c.p50), float64(f.p50)),
			kb(c.avgWire), kb(c.maxWire), kb(c.avgMVT), kb(c.maxMVT), c.bigDecoded, c.errors+f.errors, kb(f.avgMVT))
	}
	fmt.Fprintln(w, "\nuncached, steady: the same tiles again, cycled, each request naming a dataset version the server has not heard of")
	fmt.Fprintln(w, "(?v=), so each is rendered, compressed and cached as the first was; floor = the same tiles as many times.")
	fmt.Fprintln(w, "ratio = parkmap's time a tile ÷ floor's (target z12-z16 ≤ 1.5). http floor = the floor's statement served over")
	fmt.Fprintln(w, "HTTP by a bare Go server in a process of its own (net/http, pgx, the same gzip), same client: http÷ = its time")
	fmt.Fprintln(w, "÷ the floor's (what any HTTP tile server adds on this machine), pm÷http = parkmap's ÷ its (what parkmap adds)")
	fmt.Fprintf(w, "%3s %6s | %9s %8s %8s | %9s %8s %8s | %6s %6s | %9s %8s | %6s %7s | %6s\n",
		"z", "n", "render/s", "p50", "p95", "floor/s", "p50", "p95", "ratio", "p50÷", "http/s", "p50", "http÷", "pm÷http", "errors")
	for _, r := range rs {
		u, f, h := r.rendered, r.floorAgain, r.httpFloor
		fmt.Fprintf(w, "%3d %6d | %9.1f %8s %8s | %9.1f %8s %8s | %6.2f %6.2f | %9.1f %8s | %6.2f %7.2f | %6d\n",
			r.z, u.n, u.perSec, ms(u.p50), ms(u.p95), f.perSec, ms(f.p50), ms(f.p95),
			ratio(f.perSec, u.perSec), ratio(float64(u.p50), float64(f.p50)),
			h.perSec, ms(h.p50), ratio(f.perSec, h.perSec), ratio(h.perSec, u.perSec), u.errors+f.errors+h.errors)
	}
	fmt.Fprintln(w, "\nwarm: the same tiles again, cycled; ceiling = their exact bytes and headers from memory, a static server in a")
	fmt.Fprintln(w, "process of its own on a loopback port, same client and concurrency. ratio = warm throughput ÷ ceiling's (target ≥ 0.70)")
	fmt.Fprintf(w, "%3s %6s | %9s %8s %8s | %9s %8s %8s | %6s %6s\n",
		"z", "n", "warm/s", "p50", "p95", "ceiling/s", "p50", "p95", "ratio", "errors")
	for _, r := range rs {
		wm, cl := r.warm, r.ceiling
		fmt.Fprintf(w, "%3d %6d | %9.0f %8s %8s | %9.0f %8s %8s | %6.2f %6d\n",
			r.z, wm.n, wm.perSec, ms(wm.p50), ms(wm.p95), cl.perSec, ms(cl.p50), ms(cl.p95),
			ratio(wm.perSec, cl.perSec), wm.errors+cl.errors)
	}
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
}

func kb(n int64) float64 { return float64(n) / 1000 }
