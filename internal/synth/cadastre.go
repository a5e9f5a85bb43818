package synth

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// A county-scale cadastre for benchmarks (issue 11): the bundled data has 23 parcels, which flatters
// every figure. Cadastre draws n parcels the way a land bureau's layer lies: clustered around the town
// seats (denser near the seat), none overlapping, each a polygon of 5-20 vertices of 0.3-60 亩, most
// of them small. It is illustrative and says so in every feature; it is never loaded by `parkmap load`.
//
// The parcels sit on a lattice of cadastreCell-metre cells: a parcel takes a k×k block of free cells
// and is drawn inside the block's inscribed circle, so no two overlap by construction and a test can
// check it without a spatial index.
const (
	cadastreCell   = 40.0 // metres; one cell is 1,600 ㎡ = 2.4 亩
	cadastreSigmaM = 2600 // the spread of a town's parcels around its seat
	cadastreSeed   = 11   // the PCG stream (issue 11)
	muPerM2        = 15.0 / 10000
)

// cadastreBlocks are the block sides a parcel may take, in cells, with their weights: most parcels are
// one cell (0.3-2.4 亩), a few are 6×6 (up to 60 亩).
var cadastreBlocks = []cadastreBlock{{1, 70}, {2, 20}, {3, 7}, {6, 3}}

type cadastreBlock struct{ k, weight int }

// Cadastre writes n illustrative parcels as a GeoJSON FeatureCollection (properties in the county's
// own field names: DKBH, GDNF, YDMJ in 亩, TDYT) to w. county and towns are the committed
// data/geo/county.geojson and towns.geojson (the seats).
func Cadastre(w io.Writer, county, towns []byte, n int) error {
	outline, seats, err := countyAndSeats(county, towns)
	if err != nil {
		return fmt.Errorf("cadastre: %w", err)
	}
	if n <= 0 {
		return fmt.Errorf("cadastre: %d parcels asked for", n)
	}
	lat0 := seats[0].Lat()
	mx := 111320 * math.Cos(lat0*math.Pi/180) // metres per degree of longitude
	const my = 110574.0
	origin := orb.Point{outline.Bound().Min.Lon(), outline.Bound().Min.Lat()}
	toLonLat := func(x, y float64) orb.Point { return orb.Point{origin.Lon() + x/mx, origin.Lat() + y/my} }

	rng := rand.New(rand.NewPCG(rngSeed, cadastreSeed))
	taken := map[[2]int]bool{}
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprint(bw, `{"type":"FeatureCollection","name":"illustrative_cadastre","features":[`)
	written, tries := 0, 0
	for written < n {
		if tries++; tries > 50*n {
			return fmt.Errorf("cadastre: placed %d of %d parcels: the towns' clusters are full", written, n)
		}
		s := seats[rng.IntN(len(seats))]
		k := pickBlock(rng)
		x := (s.Lon()-origin.Lon())*mx + rng.NormFloat64()*cadastreSigmaM
		y := (s.Lat()-origin.Lat())*my + rng.NormFloat64()*cadastreSigmaM
		i0, j0 := int(math.Floor(x/cadastreCell)), int(math.Floor(y/cadastreCell))
		if !blockFree(taken, i0, j0, k) {
			continue
		}
		cx, cy := (float64(i0)+float64(k)/2)*cadastreCell, (float64(j0)+float64(k)/2)*cadastreCell
		if !planar.MultiPolygonContains(outline, toLonLat(cx, cy)) {
			continue
		}
		ring, areaM2 := parcelRing(rng, cx, cy, float64(k)*cadastreCell/2, toLonLat)
		for di := 0; di < k; di++ {
			for dj := 0; dj < k; dj++ {
				taken[[2]int{i0 + di, j0 + dj}] = true
			}
		}
		if written > 0 {
			bw.WriteByte(',')
		}
		fmt.Fprintf(bw, `{"type":"Feature","properties":{"DKBH":"C%07d","GDNF":"%d","YDMJ":"%.2f","TDYT":"工业用地","SJLY":"illustrative: parkmap-synth -cadastre"},"geometry":{"type":"Polygon","coordinates":[[`,
			written+1, 2018+rng.IntN(5), areaM2*muPerM2)
		for i, p := range ring {
			if i > 0 {
				bw.WriteByte(',')
			}
			fmt.Fprintf(bw, "[%.7f,%.7f]", p.Lon(), p.Lat())
		}
		fmt.Fprint(bw, "]]}}\n")
		written++
	}
	fmt.Fprint(bw, "]}\n")
	return bw.Flush()
}

func pickBlock(rng *rand.Rand) int {
	return drawWeighted(rng, cadastreBlocks, func(b cadastreBlock) int { return b.weight }).k
}

func blockFree(taken map[[2]int]bool, i0, j0, k int) bool {
	for di := 0; di < k; di++ {
		for dj := 0; dj < k; dj++ {
			if taken[[2]int{i0 + di, j0 + dj}] {
				return false
			}
		}
	}
	return true
}

// parcelRing draws a closed ring of 5-20 vertices, counter-clockwise, around (cx, cy) in metres within
// radius r, of 0.3-60 亩 (200-40,000 ㎡; a draw outside that is drawn again), and its planar area in
// ㎡. The vertices sit at sorted random angles with jittered radii, which keeps the ring simple
// (star-shaped about its centre).
func parcelRing(rng *rand.Rand, cx, cy, r float64, toLonLat func(x, y float64) orb.Point) (orb.Ring, float64) {
	const minM2, maxM2 = 200, 40000
	rMin := math.Sqrt(minM2 / 1.2) // a pentagon at 0.8 of this radius still holds 200 ㎡, most draws
	for {
		v := 5 + rng.IntN(16)
		scale := rMin + (r-rMin)*math.Sqrt(rng.Float64())
		pts := make([][2]float64, v)
		for i := range pts {
			a := (float64(i) + 0.2 + 0.6*rng.Float64()) * 2 * math.Pi / float64(v)
			rr := scale * (0.8 + 0.2*rng.Float64())
			pts[i] = [2]float64{cx + rr*math.Cos(a), cy + rr*math.Sin(a)}
		}
		area := 0.0
		for i, p := range pts {
			q := pts[(i+1)%v]
			area += p[0]*q[1] - q[0]*p[1]
		}
		if area /= 2; area < minM2 || area > maxM2 {
			continue
		}
		ring := make(orb.Ring, 0, v+1)
		for _, p := range pts {
			ring = append(ring, toLonLat(p[0], p[1]))
		}
		return append(ring, ring[0]), area
	}
}

// countyAndSeats reads the committed county outline and the town seats (data/geo), which the
// benchmark layers are drawn in and around.
func countyAndSeats(county, towns []byte) (orb.MultiPolygon, []orb.Point, error) {
	cfc, err := geojson.UnmarshalFeatureCollection(county)
	if err != nil || len(cfc.Features) == 0 {
		return nil, nil, fmt.Errorf("county outline: %v", err)
	}
	var outline orb.MultiPolygon
	switch g := cfc.Features[0].Geometry.(type) {
	case orb.MultiPolygon:
		outline = g
	case orb.Polygon:
		outline = orb.MultiPolygon{g}
	default:
		return nil, nil, fmt.Errorf("county outline is a %s", g.GeoJSONType())
	}
	tfc, err := geojson.UnmarshalFeatureCollection(towns)
	if err != nil {
		return nil, nil, fmt.Errorf("towns: %w", err)
	}
	var seats []orb.Point
	for _, f := range tfc.Features {
		if p, ok := f.Geometry.(orb.Point); ok {
			seats = append(seats, p)
		}
	}
	if len(seats) == 0 {
		return nil, nil, fmt.Errorf("no town seats")
	}
	return outline, seats, nil
}
