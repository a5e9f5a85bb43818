package main

import (
	"slices"
	"time"
)

// bigTile is the bound on a tile (issue 11: every tile ≤ 500 KB).
const bigTile = 500 * 1000

// tileSample is one request of a tile run: its time, status and the bytes on the wire and decoded.
type tileSample struct {
	path    string
	d       time.Duration
	status  int
	wire    int64
	decoded int64
	failed  bool
}

// runStats sums up one run of a zoom.
type runStats struct {
	n, errors           int
	perSec              float64
	p50, p95            time.Duration
	avgWire, maxWire    int64
	avgMVT, maxMVT      int64
	bigWire, bigDecoded int // tiles over bigTile
}

// summarise computes a run's figures from its samples and its wall time.
func summarise(ss []tileSample, elapsed time.Duration) runStats {
	var st runStats
	st.n = len(ss)
	if st.n == 0 {
		return st
	}
	ds := make([]time.Duration, 0, len(ss))
	var wire, mvt int64
	for _, s := range ss {
		if s.failed {
			st.errors++
		}
		ds = append(ds, s.d)
		wire += s.wire
		mvt += s.decoded
		st.maxWire = max(st.maxWire, s.wire)
		st.maxMVT = max(st.maxMVT, s.decoded)
		if s.wire > bigTile {
			st.bigWire++
		}
		if s.decoded > bigTile {
			st.bigDecoded++
		}
	}
	slices.Sort(ds)
	st.p50, st.p95 = percentile(ds, 0.50), percentile(ds, 0.95)
	st.avgWire, st.avgMVT = wire/int64(st.n), mvt/int64(st.n)
	if elapsed > 0 {
		st.perSec = float64(st.n) / elapsed.Seconds()
	}
	return st
}

// percentile is the nearest-rank percentile of sorted durations (0 for none): the smallest value
// with at least q of the values at or below it.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}

// ratio is a/b, or 0 when b is 0 (a run that did not happen has no ratio).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
