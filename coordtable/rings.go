package coordtable

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/apperr"
)

// pointNumber is the number a 点号 is ordered by: its trailing digits (J12 → 12, 12 → 12).
var pointNumber = regexp.MustCompile(`(\d{1,9})$`)

// parcelProblem reports a fault of one parcel at row.
func (b *builder) parcelProblem(p *rawParcel, row int, en, zh string) {
	b.ps.add(row, rowField(row), fmt.Sprintf("row %d: parcel %s: %s", row, p.ID, en), fmt.Sprintf("第 %d 行：地块 %s：%s", row, p.ID, zh))
}

// rings groups a parcel's vertices into rings (圈号 1 the outer boundary, the others holes), orders
// each by its point numbers where the table has them, closes it if need be and orients it.
func (b *builder) rings(p *rawParcel, northFirst bool) {
	byRing := map[int][]vertex{}
	var numbers []int
	for _, v := range p.vertices {
		if _, ok := byRing[v.ring]; !ok {
			numbers = append(numbers, v.ring)
		}
		byRing[v.ring] = append(byRing[v.ring], v)
	}
	sort.Ints(numbers)
	if numbers[0] != 1 {
		b.parcelProblem(p, p.Row, fmt.Sprintf("there is no outer ring (ring 1), only ring %d", numbers[0]),
			fmt.Sprintf("缺少外环（圈号 1），只有圈号 %d", numbers[0]))
		return
	}
	poly := make(orb.Polygon, 0, len(numbers))
	for i, n := range numbers {
		vs, closed, ok := b.order(p, n, byRing[n])
		if !ok {
			return
		}
		ring := make(orb.Ring, 0, len(vs)+1)
		for _, v := range vs {
			pt := orb.Point{v.a, v.b}
			if northFirst {
				pt = orb.Point{v.b, v.a}
			}
			ring = append(ring, pt)
		}
		if distinct(ring) < 3 {
			b.parcelProblem(p, vs[0].row, fmt.Sprintf("ring %d has %d distinct points: a ring needs at least 3", n, distinct(ring)),
				fmt.Sprintf("圈 %d 只有 %d 个不同的点，至少需要 3 个", n, distinct(ring)))
			return
		}
		if ring[0] != ring[len(ring)-1] {
			ring = append(ring, ring[0])
			if !closed {
				// The table's own last point was not the first: closed here, and said so.
				b.unclosed++
				if len(b.unclosedIDs) < 5 && !slices.Contains(b.unclosedIDs, p.ID) {
					b.unclosedIDs = append(b.unclosedIDs, p.ID)
				}
			}
		}
		if o := ring.Orientation(); (i == 0 && o == orb.CW) || (i > 0 && o == orb.CCW) {
			ring.Reverse()
		}
		poly = append(poly, ring)
	}
	p.Geometry = orb.MultiPolygon{poly}
}

// order sorts a ring's vertices by their point numbers when the table has them. A closing repeat of
// the first point number (J1 … J1) is the ring's closure, not a second point: it is dropped and
// closed reports it. Any other number used twice is an error, since one of the two rows belongs to
// another ring or parcel.
func (b *builder) order(p *rawParcel, ringNo int, vs []vertex) (out []vertex, closed, ok bool) {
	if _, has := b.l.slot[rolePoint]; !has || len(vs) < 2 {
		return vs, false, true
	}
	first, last := vs[0], vs[len(vs)-1]
	if last.no == first.no {
		if last.a != first.a || last.b != first.b {
			b.parcelProblem(p, last.row, fmt.Sprintf("point %s of ring %d comes again (first on row %d) with other coordinates", apperr.Quote(last.no), ringNo, first.row),
				fmt.Sprintf("圈 %d 的点号 %s 再次出现（首次在第 %d 行），但坐标不同", ringNo, last.no, first.row))
			return nil, false, false
		}
		vs, closed = vs[:len(vs)-1], true
	}
	seen := map[string]int{}
	nums := make([]int, len(vs))
	numeric := true
	for i, v := range vs {
		if row, dup := seen[v.no]; dup {
			b.parcelProblem(p, v.row, fmt.Sprintf("point number %s is used twice in ring %d (first on row %d)", apperr.Quote(v.no), ringNo, row),
				fmt.Sprintf("圈 %d 中点号 %s 重复（首次在第 %d 行）", ringNo, v.no, row))
			return nil, false, false
		}
		seen[v.no] = v.row
		m := pointNumber.FindString(v.no)
		if m == "" {
			numeric = false
			continue
		}
		nums[i], _ = strconv.Atoi(m)
	}
	if !numeric {
		b.unordered++
		return vs, closed, true
	}
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return nums[idx[i]] < nums[idx[j]] })
	out = make([]vertex, len(vs))
	for i, k := range idx {
		out[i] = vs[k]
	}
	// Two point numbers with the same digits (J1 and K1) cannot be ordered by them.
	for i := 1; i < len(out); i++ {
		if nums[idx[i]] == nums[idx[i-1]] {
			b.unordered++
			return vs, closed, true
		}
	}
	return out, closed, true
}

func distinct(r orb.Ring) int {
	seen := map[orb.Point]bool{}
	for _, p := range r {
		seen[p] = true
	}
	return len(seen)
}
