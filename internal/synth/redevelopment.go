package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/pingyang/parkmap/plan"
)

// Low-efficiency land redevelopment (专栏3): 3447.19 亩 started by the end of 2017, about a quarter of
// it old factories. The plan gives no list of sites, so the areas are illustrative: their number, towns,
// sizes and kinds are drawn here, their total and the old-factory share follow the plan, and the set
// deliberately straddles the eligibility thresholds the land bureau checks (§四(一)2: old factories
// ≥ 80 亩; 专栏3: blocks ≥ 30 亩).
const (
	RedevelopmentTotalCents = 344719 // 3447.19 亩
	OldFactory              = "旧厂房"
	LowEfficiencyBlock      = "低效工业区块"
	IdleLand                = "闲置土地"
	ClearedLand             = "拆后土地"
	OldFactoryThresholdMu   = 80.0
	BlockThresholdMu        = 30.0
	RedevelopmentMinMu      = 10.0
	RedevelopmentMaxMu      = 150.0
	oldFactoryShare         = 0.25
)

// redevelopmentTowns says how many areas each town gets: more in the industrial towns, one or two in
// the hill towns, none on the 南麂 islands.
var redevelopmentTowns = []struct {
	town       string
	n          int
	industrial bool
}{
	{"昆阳镇", 6, true}, {"鳌江镇", 6, true}, {"萧江镇", 6, true}, {"水头镇", 5, true}, {"万全镇", 5, true},
	{"腾蛟镇", 4, true}, {"麻步镇", 4, true}, {"滨海新区", 5, true},
	{"海西镇", 2, false}, {"山门镇", 1, false}, {"南雁镇", 1, false}, {"顺溪镇", 1, false}, {"凤卧镇", 1, false},
	{"怀溪镇", 1, false}, {"青街畲族乡", 1, false}, {"闹村乡", 1, false},
}

// Sizes in hundredths of a 亩. The fixed ones sit exactly on and just under the thresholds.
var (
	fixedFactoryCents = []int64{8000}       // an old factory of exactly 80 亩
	fixedBlockCents   = []int64{3000, 2990} // blocks of exactly 30 and of 29.9 亩
)

const (
	largeFactories, smallFactories = 4, 7   // ≥ 80 亩 and < 80 亩, besides the fixed one
	largeBlocks, smallBlocks       = 5, 6   // ≥ 30 亩 and < 30 亩, besides the fixed ones
	idleAreas, clearedAreas        = 13, 12 // the rest
)

type placedArea struct {
	plan.RedevelopmentArea
	Rect     rect
	townCode string
	index    int
}

// buildRedevelopment draws the areas' towns, kinds and sizes, then places them in id order with the
// same rules as the parks (and clear of them).
func buildRedevelopment(p *placer, rng *rand.Rand) ([]placedArea, error) {
	sizes, err := redevelopmentSizes(rng)
	if err != nil {
		return nil, err
	}
	// Slots: one per area, grouped by town. Old factories and blocks go to industrial towns only.
	type slot struct {
		town       seat
		index      int
		industrial bool
		kind       string
		cents      int64
	}
	var slots []*slot
	var industrial, other []*slot
	for _, t := range redevelopmentTowns {
		s, err := p.seat(t.town)
		if err != nil {
			return nil, fmt.Errorf("redevelopment: %w", err)
		}
		for i := 1; i <= t.n; i++ {
			sl := &slot{town: s, index: i, industrial: t.industrial}
			slots = append(slots, sl)
			if t.industrial {
				industrial = append(industrial, sl)
			} else {
				other = append(other, sl)
			}
		}
	}
	rng.Shuffle(len(industrial), func(i, j int) { industrial[i], industrial[j] = industrial[j], industrial[i] })
	order := append(industrial, other...)
	if len(order) != len(sizes) {
		return nil, fmt.Errorf("redevelopment: %d slots for %d sizes", len(order), len(sizes))
	}
	for i, sl := range order {
		sl.kind, sl.cents = sizes[i].kind, sizes[i].cents
	}
	sort.SliceStable(slots, func(i, j int) bool {
		if slots[i].town.Code != slots[j].town.Code {
			return slots[i].town.Code < slots[j].town.Code
		}
		return slots[i].index < slots[j].index
	})
	out := make([]placedArea, 0, len(slots))
	for k, sl := range slots {
		id := fmt.Sprintf("RD-%03d", k+1)
		mu := float64(sl.cents) / 100
		r, err := p.place("redevelopment area "+id, sl.town.Name, mu, rng)
		if err != nil {
			return nil, err
		}
		out = append(out, placedArea{
			RedevelopmentArea: plan.RedevelopmentArea{
				ID: id, Name: fmt.Sprintf("%s低效用地再开发区块 %02d (示意)", sl.town.Name, sl.index),
				Town: sl.town.Name, Kind: sl.kind, SiteAreaMu: mu,
				CurrentPlotRatio: float64(30+rng.IntN(121)) / 100, Provenance: plan.ProvenanceIllustr,
			},
			Rect: r, townCode: sl.town.Code, index: sl.index,
		})
	}
	return out, nil
}

type sizedKind struct {
	kind  string
	cents int64
}

// redevelopmentSizes returns kinds and sizes, old factories and blocks first (for the industrial towns),
// each group shuffled. Old factories total a quarter of 3447.19 亩; the idle and cleared areas take up
// the rest exactly.
func redevelopmentSizes(rng *rand.Rand) ([]sizedKind, error) {
	draw := func(n int, lo, hi int64) []int64 {
		v := make([]int64, n)
		for i := range v {
			v[i] = lo + rng.Int64N(hi-lo+1)
		}
		return v
	}
	factoryTotal := int64(math.Round(RedevelopmentTotalCents * oldFactoryShare))
	large := draw(largeFactories, 9000, 14500)
	small, err := fitSum(draw(smallFactories, 2000, 7000), factoryTotal-sum(fixedFactoryCents)-sum(large), 1000, 7900)
	if err != nil {
		return nil, fmt.Errorf("old factory sizes: %w", err)
	}
	factories := concat(fixedFactoryCents, large, small)
	blocks := concat(fixedBlockCents, draw(largeBlocks, 3500, 15000), draw(smallBlocks, 1000, 2800))
	rest, err := fitSum(draw(idleAreas+clearedAreas, 2000, 14000),
		RedevelopmentTotalCents-sum(factories)-sum(blocks), 1000, 15000)
	if err != nil {
		return nil, fmt.Errorf("idle and cleared land sizes: %w", err)
	}
	var head, tail []sizedKind
	for _, c := range factories {
		head = append(head, sizedKind{OldFactory, c})
	}
	for _, c := range blocks {
		head = append(head, sizedKind{LowEfficiencyBlock, c})
	}
	for i, c := range rest {
		k := IdleLand
		if i >= idleAreas {
			k = ClearedLand
		}
		tail = append(tail, sizedKind{k, c})
	}
	rng.Shuffle(len(head), func(i, j int) { head[i], head[j] = head[j], head[i] })
	rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	return append(head, tail...), nil
}

// fitSum scales v so that it adds up to target exactly, keeping every value within [lo, hi]: values that
// would leave the range are pinned to its end and the others rescaled, then the rounding remainder goes
// to the values with the largest fractions (lowest index first among equals).
func fitSum(v []int64, target, lo, hi int64) ([]int64, error) {
	n := int64(len(v))
	if n == 0 || target < n*lo || target > n*hi {
		return nil, fmt.Errorf("cannot fit %d values in [%d, %d] to %d", n, lo, hi, target)
	}
	pinned := make([]int64, len(v)) // 0 = free, else the pinned value
	exact := make([]float64, len(v))
	for iter := 0; iter <= len(v); iter++ {
		var pinnedSum, freeSum int64
		for i, x := range v {
			if pinned[i] != 0 {
				pinnedSum += pinned[i]
			} else {
				freeSum += x
			}
		}
		scale := float64(target-pinnedSum) / float64(freeSum)
		changed := false
		for i, x := range v {
			if pinned[i] != 0 {
				exact[i] = float64(pinned[i])
				continue
			}
			exact[i] = float64(x) * scale
			if exact[i] < float64(lo) {
				pinned[i], changed = lo, true
			} else if exact[i] > float64(hi) {
				pinned[i], changed = hi, true
			}
		}
		if !changed {
			break
		}
	}
	out := make([]int64, len(v))
	var got int64
	for i, e := range exact {
		out[i] = int64(math.Floor(e))
		got += out[i]
	}
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return exact[idx[a]]-math.Floor(exact[idx[a]]) > exact[idx[b]]-math.Floor(exact[idx[b]])
	})
	for k := 0; got < target; k = (k + 1) % len(idx) {
		if i := idx[k]; out[i] < hi {
			out[i]++
			got++
		}
	}
	for _, x := range out {
		if x < lo || x > hi {
			return nil, fmt.Errorf("value %d outside [%d, %d] after fitting", x, lo, hi)
		}
	}
	return out, nil
}

func sum(v []int64) int64 {
	var s int64
	for _, x := range v {
		s += x
	}
	return s
}

func concat(vs ...[]int64) []int64 {
	var out []int64
	for _, v := range vs {
		out = append(out, v...)
	}
	return out
}

func redevelopmentFile(areas []placedArea) []byte {
	var fc featureWriter
	for _, a := range areas {
		fc.add(props{
			{"id", a.ID}, {"name", a.Name}, {"town", a.Town}, {"kind", a.Kind}, {"site_area_mu", round2(a.SiteAreaMu)},
			{"current_plot_ratio", a.CurrentPlotRatio}, {"provenance", a.Provenance},
		}, multiPolygonJSON(a.Rect.multiPolygon()))
	}
	return fc.bytes()
}
