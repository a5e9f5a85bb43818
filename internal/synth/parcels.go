package synth

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/plan"
)

// Parcels follow the yearly supply figures of 附件6 and 附件7 (columns with measure "supply").
const (
	PlannedUse        = "工业用地（小微企业园）"
	ParcelStatus      = "计划供地" // the data records planned, not actual, supply
	SplitAboveMu      = 100.0  // a cell above this many 亩 is drawn as 2–3 parcels
	tengjiaoNanxiID   = "tengjiao-nanxi"
	tengjiaoNanxiLand = "低效再开发" // §三(一)2: 项目建设用地为低效土地综合利用
)

// SupplyTables are the plan tables whose supply columns the parcels follow.
var SupplyTables = []string{"附件6", "附件7"}

// landSourceWeights favour new and existing land (§四(五)1: 存量和新增土地).
var landSourceWeights = []landSourceWeight{{"新增", 5}, {"存量", 3}, {"低效再开发", 1}, {"拆后", 1}}

type landSourceWeight struct {
	source string
	weight int
}

// supplyCell is one planned yearly supply figure, in hundredths of a 亩 (all figures have ≤ 2 decimals).
type supplyCell struct {
	Park  string
	Year  int
	Cents int64
	Table string
}

// supplyCells reads every supply figure of 附件6 and 附件7; "—" cells have none.
func supplyCells(tables []plan.PlanTable) ([]supplyCell, error) {
	var out []supplyCell
	found := 0
	for _, t := range tables {
		if !isSupplyTable(t.ID) {
			continue
		}
		found++
		for _, col := range t.Columns {
			if col.Measure != "supply" {
				continue
			}
			if col.Year < 2018 || col.Year > 2022 {
				return nil, fmt.Errorf("%s column %s: year %d", t.ID, col.Key, col.Year)
			}
			for _, row := range t.Rows {
				if row.Park == "" {
					continue
				}
				c := plan.ParseCell(row.Cells[col.Key])
				if c.NoFigure() {
					continue
				}
				cents, err := toCents(*c.Value)
				if err != nil {
					return nil, fmt.Errorf("%s %s %s: %w", t.ID, row.Park, col.Key, err)
				}
				if cents <= 0 {
					continue
				}
				out = append(out, supplyCell{Park: row.Park, Year: col.Year, Cents: cents, Table: t.ID})
			}
		}
	}
	if found != len(SupplyTables) {
		return nil, fmt.Errorf("found %d of the supply tables %v", found, SupplyTables)
	}
	return out, nil
}

func isSupplyTable(id string) bool {
	for _, s := range SupplyTables {
		if s == id {
			return true
		}
	}
	return false
}

func toCents(v float64) (int64, error) {
	c := math.Round(v * 100)
	if math.Abs(v*100-c) > 1e-6 {
		return 0, fmt.Errorf("%v has more than 2 decimals", v)
	}
	return int64(c), nil
}

// placedParcel is a parcel with its strip.
type placedParcel struct {
	plan.Parcel
	Rect    orb.Bound
	parkSeq int
	part    int
}

// buildParcels cuts each park's supply cells, in year order, as longitude strips from one side of the
// park (the side drawn from rng); the rest of the park stands for land supplied before 2018. A strip's
// area is proportional to its longitude span, so each one is exact up to rounding its edge.
func buildParcels(parks []placedPark, cells []supplyCell, rng *rand.Rand) ([]placedParcel, error) {
	byPark := map[string][]supplyCell{}
	for _, c := range cells {
		byPark[c.Park] = append(byPark[c.Park], c)
	}
	var out []placedParcel
	known := map[string]bool{}
	for _, pk := range parks {
		known[pk.ID] = true
		pc := byPark[pk.ID]
		if len(pc) == 0 {
			continue
		}
		sort.SliceStable(pc, func(i, j int) bool { return pc[i].Year < pc[j].Year })
		fromEast := rng.IntN(2) == 0
		ratio, err := plotRatio(pk.BuildingAreaWanM2, pk.PlanAreaMu)
		if err != nil {
			return nil, fmt.Errorf("park %s: %w", pk.ID, err)
		}
		total, err := toCents(pk.PlanAreaMu)
		if err != nil {
			return nil, fmt.Errorf("park %s: %w", pk.ID, err)
		}
		r := pk.Rect
		edge := func(cents int64) float64 {
			if cents == total {
				if fromEast {
					return r.Min[0]
				}
				return r.Max[0]
			}
			span := geodesy.LonSpanForArea(r.Min[1], r.Max[1], geodesy.SquareMetresFromMu(float64(cents)/100))
			if fromEast {
				return round7(r.Max[0] - span)
			}
			return round7(r.Min[0] + span)
		}
		var cum int64
		for _, c := range pc {
			for i, part := range splitCell(c.Cents, rng) {
				if cum+part > total {
					return nil, fmt.Errorf("park %s: supply up to %d adds to %.2f 亩, more than its %.2f 亩",
						pk.ID, c.Year, float64(cum+part)/100, pk.PlanAreaMu)
				}
				a, b := edge(cum), edge(cum+part)
				cum += part
				strip := box(math.Min(a, b), r.Min[1], math.Max(a, b), r.Max[1])
				land := tengjiaoNanxiLand
				if pk.ID != tengjiaoNanxiID {
					land = drawLandSource(rng)
				}
				out = append(out, placedParcel{
					Parcel: plan.Parcel{
						ParkID: pk.ID, Year: c.Year, AreaMu: float64(part) / 100, LandSource: land,
						PlannedUse: PlannedUse, PlotRatio: ratio, Status: ParcelStatus,
						SourceTable: c.Table, Provenance: plan.ProvenanceIllustr,
					},
					Rect: strip, parkSeq: pk.Seq, part: i,
				})
			}
		}
	}
	for p := range byPark {
		if !known[p] {
			return nil, fmt.Errorf("supply figures for unknown park %q", p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.parkSeq != b.parkSeq {
			return a.parkSeq < b.parkSeq
		}
		return a.part < b.part
	})
	n := map[int]int{}
	for i := range out {
		n[out[i].Year]++
		out[i].Code = fmt.Sprintf("GD%d-%03d", out[i].Year, n[out[i].Year])
	}
	return out, nil
}

// splitCell keeps a cell of up to SplitAboveMu 亩 whole and cuts a larger one into 2 or 3 parts of
// roughly equal size that add up to it exactly.
func splitCell(cents int64, rng *rand.Rand) []int64 {
	if float64(cents) <= SplitAboveMu*100 {
		return []int64{cents}
	}
	n := 2 + rng.IntN(2)
	w := make([]float64, n)
	var sum float64
	for i := range w {
		w[i] = 0.75 + 0.5*rng.Float64()
		sum += w[i]
	}
	parts := make([]int64, n)
	left := cents
	for i := 0; i < n-1; i++ {
		parts[i] = int64(math.Floor(float64(cents) * w[i] / sum))
		left -= parts[i]
	}
	parts[n-1] = left
	return parts
}

func drawLandSource(rng *rand.Rand) string {
	return drawWeighted(rng, landSourceWeights, func(w landSourceWeight) int { return w.weight }).source
}

// drawWeighted draws one of items with a chance proportional to its weight (one rng.IntN per draw,
// so a generator's stream, and the committed files it makes, stay as they were).
func drawWeighted[T any](rng *rand.Rand, items []T, weight func(T) int) T {
	total := 0
	for _, it := range items {
		total += weight(it)
	}
	k := rng.IntN(total)
	for _, it := range items {
		if k < weight(it) {
			return it
		}
		k -= weight(it)
	}
	return items[0]
}

// plotRatio is the park's floor area over its plan area, building_area_wan_m2·10000 /
// (plan_area_mu·10000/15), rounded half up to 2 decimals in exact decimal arithmetic so that a figure
// such as 5.99·15/30 = 2.995 becomes 3.00 and not 2.99.
func plotRatio(buildingWanM2, planMu float64) (float64, error) {
	b, ok1 := new(big.Rat).SetString(strconv.FormatFloat(buildingWanM2, 'f', -1, 64))
	m, ok2 := new(big.Rat).SetString(strconv.FormatFloat(planMu, 'f', -1, 64))
	if !ok1 || !ok2 || m.Sign() <= 0 {
		return 0, fmt.Errorf("plot ratio of %v 万㎡ on %v 亩", buildingWanM2, planMu)
	}
	r := new(big.Rat).Mul(b, big.NewRat(1500, 1)) // ·15 for 亩 → m², ·100 for 2 decimals
	r.Quo(r, m)
	r.Add(r, big.NewRat(1, 2))
	n := new(big.Int).Quo(r.Num(), r.Denom()) // floor, r being positive
	return float64(n.Int64()) / 100, nil
}

func parcelsFile(parcels []placedParcel) []byte {
	var fc featureWriter
	for _, p := range parcels {
		fc.add(props{
			{"code", p.Code}, {"park_id", p.ParkID}, {"year", p.Year}, {"area_mu", round2(p.AreaMu)},
			{"land_source", p.LandSource}, {"planned_use", p.PlannedUse}, {"plot_ratio", p.PlotRatio},
			{"status", p.Status}, {"source_table", p.SourceTable}, {"provenance", p.Provenance},
		}, multiPolygonJSON(shape(p.Rect)))
	}
	return fc.bytes()
}
