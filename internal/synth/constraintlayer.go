package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// A county-scale constraints layer (三区三线) for benchmarks (issue 11): the bundled layer has three
// areas, but a county's 永久基本农田 is tens of thousands of patches, many of hundreds of vertices,
// beside a few ecological red-line areas of thousands. ConstraintLayer draws such a layer: n farmland
// patches clustered around the town seats (the plains the towns farm), constraintRedLines large
// red-line areas and constraintFloodZones flood-risk areas (wholly inside the county; a patch by its
// centre, as a cadastre's parcel), none overlapping another. It is
// illustrative and says so in every feature (名称 ends in 示意, SJLY names the generator); it is never
// loaded by `parkmap load`. The file declares CGCS2000 (EPSG:4490), as a land bureau's file does.
//
// The shapes sit on a lattice of constraintCell-metre cells, as the cadastre's do: a patch takes a
// k×k block of free cells and is drawn inside the block's inscribed circle; a large area takes every
// cell its circle touches first, so no two overlap by construction.
const (
	constraintCell       = 60.0 // metres; one cell is 3,600 ㎡ = 5.4 亩
	constraintSigmaM     = 4200 // the spread of a town's farmland around its seat
	constraintStream     = 1103 // the PCG stream (issue 11)
	constraintRedLines   = 6
	constraintFloodZones = 4
)

// constraintBlocks are the block sides a farmland patch may take, in cells, with their weights: most
// are one or two cells (2-20 亩), a few are 5×5 (up to 130 亩).
var constraintBlocks = []cadastreBlock{{1, 55}, {2, 28}, {3, 12}, {5, 5}}

// largeArea is a class of the big constraint areas: how many, their radius and vertex count ranges.
type largeArea struct {
	kind, name       string
	count            int
	rMin, rMax       float64 // metres
	vertMin, vertMax int
}

var largeAreas = []largeArea{
	{"生态保护红线", "生态保护红线区块%02d（示意）", constraintRedLines, 1800, 3600, 2000, 6000},
	{"洪涝风险区", "洪涝风险区%02d（示意）", constraintFloodZones, 700, 1400, 400, 1200},
}

// ConstraintLayer writes an illustrative county-scale constraints layer of n farmland patches (plus
// the few large areas) as a GeoJSON FeatureCollection declaring EPSG:4490, with the county's own kind
// of field names (BSM, LX, MC, SJLY), to w. county and towns are the committed data/geo files.
func ConstraintLayer(w io.Writer, county, towns []byte, n int) error {
	outline, seats, err := countyAndSeats(county, towns)
	if err != nil {
		return fmt.Errorf("constraint layer: %w", err)
	}
	if n <= 0 {
		return fmt.Errorf("constraint layer: %d patches asked for", n)
	}
	lat0 := seats[0].Lat()
	mx := 111320 * math.Cos(lat0*math.Pi/180) // metres per degree of longitude
	const my = 110574.0
	b := outline.Bound()
	origin := orb.Point{b.Min.Lon(), b.Min.Lat()}
	toLonLat := func(x, y float64) orb.Point { return orb.Point{origin.Lon() + x/mx, origin.Lat() + y/my} }
	width, height := (b.Max.Lon()-b.Min.Lon())*mx, (b.Max.Lat()-b.Min.Lat())*my

	rng := rand.New(rand.NewPCG(rngSeed, constraintStream))
	taken := map[[2]int]bool{}
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprint(bw, `{"type":"FeatureCollection","name":"illustrative_constraints",`+
		`"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},"features":[`)
	written := 0
	feature := func(kind, name string, ring orb.Ring) {
		if written > 0 {
			bw.WriteByte(',')
		}
		written++
		fmt.Fprintf(bw, `{"type":"Feature","properties":{"BSM":"YS%07d","LX":"%s","MC":"%s","SJLY":"illustrative: parkmap-synth -constraints"},"geometry":{"type":"Polygon","coordinates":[[`,
			written, kind, name)
		for i, p := range ring {
			if i > 0 {
				bw.WriteByte(',')
			}
			fmt.Fprintf(bw, "[%.7f,%.7f]", p.Lon(), p.Lat())
		}
		fmt.Fprint(bw, "]]}}\n")
	}

	// The large areas first, anywhere in the county where the whole shape fits and no other lies.
	for _, la := range largeAreas {
		for i := 0; i < la.count; i++ {
			for tries := 0; ; tries++ {
				if tries > 2000 {
					return fmt.Errorf("constraint layer: no room for %s %d", la.kind, i+1)
				}
				r := la.rMin + (la.rMax-la.rMin)*rng.Float64()
				cx, cy := rng.Float64()*width, rng.Float64()*height
				if !circleFree(taken, cx, cy, r) {
					continue
				}
				ring := smoothRing(rng, cx, cy, r, la.vertMin+rng.IntN(la.vertMax-la.vertMin+1), toLonLat)
				if !ringInside(outline, ring) {
					continue
				}
				takeCircle(taken, cx, cy, r)
				feature(la.kind, fmt.Sprintf(la.name, i+1), ring)
				break
			}
		}
	}

	for patches, tries := 0, 0; patches < n; {
		if tries++; tries > 50*n {
			return fmt.Errorf("constraint layer: placed %d of %d farmland patches: the towns' plains are full", patches, n)
		}
		s := seats[rng.IntN(len(seats))]
		k := drawWeighted(rng, constraintBlocks, func(b cadastreBlock) int { return b.weight }).k
		x := (s.Lon()-origin.Lon())*mx + rng.NormFloat64()*constraintSigmaM
		y := (s.Lat()-origin.Lat())*my + rng.NormFloat64()*constraintSigmaM
		i0, j0 := int(math.Floor(x/constraintCell)), int(math.Floor(y/constraintCell))
		if !blockFree(taken, i0, j0, k) {
			continue
		}
		cx, cy := (float64(i0)+float64(k)/2)*constraintCell, (float64(j0)+float64(k)/2)*constraintCell
		if !planar.MultiPolygonContains(outline, toLonLat(cx, cy)) {
			continue
		}
		for di := 0; di < k; di++ {
			for dj := 0; dj < k; dj++ {
				taken[[2]int{i0 + di, j0 + dj}] = true
			}
		}
		// 20-300 vertices, more of them on the bigger patches (a surveyed field edge follows ditches
		// and paths: the bureau's patches are far from the cadastre's 5-20-vertex parcels).
		v := 20 + rng.IntN(60*k+1)
		if v > 300 {
			v = 300
		}
		patches++
		feature("永久基本农田", fmt.Sprintf("基本农田图斑%06d（示意）", patches),
			smoothRing(rng, cx, cy, float64(k)*constraintCell/2*(0.75+0.25*rng.Float64()), v, toLonLat))
	}
	fmt.Fprint(bw, "]}\n")
	return bw.Flush()
}

// smoothRing draws a closed counter-clockwise ring of v vertices around (cx, cy) within radius r:
// the radius wanders smoothly (three harmonics) with a little noise, between 0.55 r and r, and the
// vertices sit at increasing angles, so the ring is star-shaped about its centre and simple.
func smoothRing(rng *rand.Rand, cx, cy, r float64, v int, toLonLat func(x, y float64) orb.Point) orb.Ring {
	var amp, phase [3]float64
	for h := range amp {
		amp[h] = 0.04 + 0.06*rng.Float64()
		phase[h] = 2 * math.Pi * rng.Float64()
	}
	ring := make(orb.Ring, 0, v+1)
	for i := 0; i < v; i++ {
		a := (float64(i) + 0.5*rng.Float64()) * 2 * math.Pi / float64(v)
		f := 0.8 + 0.03*rng.Float64()
		for h := range amp {
			f += amp[h] * math.Sin(float64(h+2)*a+phase[h])
		}
		f = min(1, max(0.55, f))
		ring = append(ring, toLonLat(cx+r*f*math.Cos(a), cy+r*f*math.Sin(a)))
	}
	return append(ring, ring[0])
}

// circleFree reports whether every lattice cell the circle touches is free.
func circleFree(taken map[[2]int]bool, cx, cy, r float64) bool {
	free := true
	eachCellOf(cx, cy, r, func(c [2]int) {
		if taken[c] {
			free = false
		}
	})
	return free
}

func takeCircle(taken map[[2]int]bool, cx, cy, r float64) {
	eachCellOf(cx, cy, r, func(c [2]int) { taken[c] = true })
}

// eachCellOf calls f for each lattice cell of the circle's bounding square.
func eachCellOf(cx, cy, r float64, f func([2]int)) {
	i0, i1 := int(math.Floor((cx-r)/constraintCell)), int(math.Floor((cx+r)/constraintCell))
	j0, j1 := int(math.Floor((cy-r)/constraintCell)), int(math.Floor((cy+r)/constraintCell))
	for i := i0; i <= i1; i++ {
		for j := j0; j <= j1; j++ {
			f([2]int{i, j})
		}
	}
}

// ringInside reports whether every vertex of ring lies inside the county.
func ringInside(outline orb.MultiPolygon, ring orb.Ring) bool {
	for _, p := range ring {
		if !planar.MultiPolygonContains(outline, p) {
			return false
		}
	}
	return true
}
