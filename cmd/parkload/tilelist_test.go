package main

import (
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

func TestParseZooms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		bad  bool
	}{
		{in: "8-16", want: []int{8, 9, 10, 11, 12, 13, 14, 15, 16}},
		{in: "14", want: []int{14}},
		{in: " 12-12 ", want: []int{12}},
		{in: "16-8", bad: true},
		{in: "8-19", bad: true},
		{in: "-1", bad: true},
		{in: "z14", bad: true},
		{in: "8-", bad: true},
		{in: "", bad: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseZooms(tc.in)
			if tc.bad {
				if err == nil {
					t.Fatalf("parseZooms(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("parseZooms(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestTileListsHoldTheSampledPointsTilesInOrder(t *testing.T) {
	// Two points in one z8 tile but different z16 tiles, one far away, and a repeat of the first.
	a, b, far := orb.Point{120.554, 27.672}, orb.Point{120.560, 27.670}, orb.Point{121.5, 31.2}
	lists := tileLists([]orb.Point{a, b, far, a}, []int{8, 16}, 10)
	want8 := []maptile.Tile{maptile.At(a, 8), maptile.At(far, 8)}
	if !slices.Equal(lists[8], want8) {
		t.Errorf("z8 tiles = %v, want %v (one per distinct tile, in the points' order)", lists[8], want8)
	}
	if len(lists[16]) != 3 || lists[16][0] != maptile.At(a, 16) || lists[16][1] != maptile.At(b, 16) {
		t.Errorf("z16 tiles = %v, want a's, b's, far's", lists[16])
	}
	if got := tileLists([]orb.Point{a, b, far}, []int{16}, 2)[16]; len(got) != 2 {
		t.Errorf("with perZoom 2, z16 holds %d tiles", len(got))
	}
	if p := tilePath("parcels", maptile.New(13678, 6880, 14)); p != "/tiles/parcels/14/13678/6880.mvt" {
		t.Errorf("tilePath = %s", p)
	}
}

func TestPercentileAndSummary(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.50, 50 * time.Millisecond}, {0.95, 95 * time.Millisecond}, {1, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := percentile(ds, tc.q); got != tc.want {
			t.Errorf("percentile(1..100ms, %v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if got := percentile([]time.Duration{7}, 0.95); got != 7 {
		t.Errorf("percentile of one = %v", got)
	}
	if got := percentile(nil, 0.5); got != 0 {
		t.Errorf("percentile of none = %v", got)
	}

	ss := []tileSample{
		{d: 30 * time.Millisecond, wire: 100, decoded: 400},
		{d: 10 * time.Millisecond, wire: 600_000, decoded: 900_000},
		{d: 20 * time.Millisecond, wire: 200, decoded: 600_000, failed: true},
		{d: 40 * time.Millisecond, wire: 100, decoded: 100},
	}
	st := summarise(ss, 2*time.Second)
	if st.n != 4 || st.errors != 1 || st.perSec != 2 {
		t.Errorf("n, errors, per second = %d, %d, %v; want 4, 1, 2", st.n, st.errors, st.perSec)
	}
	if st.p50 != 20*time.Millisecond || st.p95 != 40*time.Millisecond {
		t.Errorf("p50, p95 = %v, %v", st.p50, st.p95)
	}
	if st.avgWire != 150_100 || st.maxWire != 600_000 || st.avgMVT != 375_125 || st.maxMVT != 900_000 {
		t.Errorf("bytes: wire %d/%d mvt %d/%d", st.avgWire, st.maxWire, st.avgMVT, st.maxMVT)
	}
	if st.bigWire != 1 || st.bigDecoded != 2 {
		t.Errorf("over 500 KB: wire %d, decoded %d; want 1, 2", st.bigWire, st.bigDecoded)
	}
	if empty := summarise(nil, time.Second); empty.n != 0 || empty.perSec != 0 {
		t.Errorf("summary of nothing = %+v", empty)
	}
	if ratio(3, 2) != 1.5 || ratio(1, 0) != 0 {
		t.Errorf("ratio(3,2) = %v, ratio(1,0) = %v", ratio(3, 2), ratio(1, 0))
	}
}
