package synth

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

var parcelCode = regexp.MustCompile(`^GD(\d{4})-(\d{3})$`)

type checkedParcel struct {
	code string
	park string
	rect rect
}

// checkParcels: every supply figure of 附件6/附件7 is drawn, as one parcel (two or three above
// SplitAboveMu), adding up to the figure to the hundredth of a 亩; the strips lie inside their park,
// do not overlap, and run without gaps from one side of it.
func (c *checker) checkParcels(seed *data.Seed, b []byte, parks []checkedPark, rep *Report) ([]checkedParcel, error) {
	fs, err := readCollection(ParcelsFile, b, []string{"code", "park_id", "year", "area_mu", "land_source",
		"planned_use", "plot_ratio", "status", "source_table", "provenance"})
	if err != nil {
		return nil, err
	}
	rep.Parcels = len(fs)
	cells, err := supplyCells(seed.Tables)
	if err != nil {
		return nil, err
	}
	type key struct {
		park, table string
		year        int
	}
	wantCents := map[key]int64{}
	for _, cell := range cells {
		wantCents[key{cell.Park, cell.Table, cell.Year}] += cell.Cents
	}
	parkByID := map[string]checkedPark{}
	for _, p := range parks {
		parkByID[p.id] = p
	}
	gotCents := map[key]int64{}
	gotCount := map[key]int{}
	byPark := map[string][]rect{}
	var out []checkedParcel
	lastCode, perYear := "", map[int]int{}
	for i, f := range fs {
		var p plan.Parcel // the properties; its geometry is checked from f
		if err := json.Unmarshal(f.Props, &p); err != nil {
			return nil, fmt.Errorf("%s feature %d: %w", ParcelsFile, i, err)
		}
		what := "parcel " + p.Code
		m := parcelCode.FindStringSubmatch(p.Code)
		if m == nil || m[1] != strconv.Itoa(p.Year) {
			c.failf("%s: code does not read GD<year>-NNN for year %d", what, p.Year)
		} else {
			perYear[p.Year]++
			if n, _ := strconv.Atoi(m[2]); n != perYear[p.Year] {
				c.failf("%s: running number %d, want %d", what, n, perYear[p.Year])
			}
		}
		if p.Code <= lastCode {
			c.failf("%s: not in code order after %s", what, lastCode)
		}
		lastCode = p.Code
		pk, ok := parkByID[p.ParkID]
		if !ok {
			c.failf("%s: unknown park %q", what, p.ParkID)
			continue
		}
		k := key{p.ParkID, p.SourceTable, p.Year}
		if _, ok := wantCents[k]; !ok {
			c.failf("%s: no supply figure for %s %d in %s", what, p.ParkID, p.Year, p.SourceTable)
		}
		if !hasDecimals(p.AreaMu, 2) || p.AreaMu <= 0 {
			c.failf("%s: area_mu %v", what, p.AreaMu)
		}
		gotCents[k] += int64(math.Round(p.AreaMu * 100))
		gotCount[k]++
		if !validLandSource(p.LandSource) {
			c.failf("%s: land_source %q", what, p.LandSource)
		}
		if p.ParkID == tengjiaoNanxiID && p.LandSource != tengjiaoNanxiLand {
			c.failf("%s: land_source %q, want %s (§三(一)2)", what, p.LandSource, tengjiaoNanxiLand)
		}
		if ratio, err := plotRatio(pk.park.BuildingAreaWanM2, pk.park.PlanAreaMu); err != nil || p.PlotRatio != ratio {
			c.failf("%s: plot_ratio %v, the plan's figures give %v", what, p.PlotRatio, ratio)
		}
		if p.PlannedUse != PlannedUse || p.Status != ParcelStatus || p.Provenance != plan.ProvenanceIllustr {
			c.failf("%s: planned_use %q status %q provenance %q", what, p.PlannedUse, p.Status, p.Provenance)
		}
		r, err := rectFromGeometry(f.Geometry)
		if err != nil {
			c.failf("%s: %v", what, err)
			continue
		}
		if e := math.Abs(r.areaMu()-p.AreaMu) / p.AreaMu; e > ParcelAreaTol {
			c.failf("%s: drawn %.3f 亩 for %v 亩", what, r.areaMu(), p.AreaMu)
		} else {
			rep.ParcelAreaErrMax = math.Max(rep.ParcelAreaErrMax, e)
		}
		if !r.within(pk.rect) || r.MinLat != pk.rect.MinLat || r.MaxLat != pk.rect.MaxLat {
			c.failf("%s: not a full-height strip of park %s", what, p.ParkID)
		}
		byPark[p.ParkID] = append(byPark[p.ParkID], r)
		out = append(out, checkedParcel{code: p.Code, park: p.ParkID, rect: r})
	}
	for k, want := range wantCents {
		if got := gotCents[k]; got != want {
			c.failf("parcels of %s %d (%s) add up to %.2f 亩, the plan says %.2f", k.park, k.year, k.table,
				float64(got)/100, float64(want)/100)
		}
		n := gotCount[k]
		if float64(want) <= SplitAboveMu*100 && n != 1 || float64(want) > SplitAboveMu*100 && (n < 2 || n > 3) {
			c.failf("%s %d (%s): %.2f 亩 drawn as %d parcels", k.park, k.year, k.table, float64(want)/100, n)
		}
	}
	for id, strips := range byPark {
		c.checkStrips(id, parkByID[id].rect, strips)
	}
	return out, nil
}

// checkStrips: a park's strips do not overlap and together form one run from its east or west edge.
func (c *checker) checkStrips(park string, pr rect, strips []rect) {
	sort.Slice(strips, func(i, j int) bool { return strips[i].MinLon < strips[j].MinLon })
	for i := 1; i < len(strips); i++ {
		if strips[i].MinLon != strips[i-1].MaxLon {
			c.failf("park %s: parcel strips overlap or leave a gap at %v", park, strips[i].MinLon)
		}
	}
	if strips[0].MinLon != pr.MinLon && strips[len(strips)-1].MaxLon != pr.MaxLon {
		c.failf("park %s: parcel strips start from neither side of the park", park)
	}
}

func validLandSource(s string) bool {
	for _, v := range plan.LandSources {
		if v == s {
			return true
		}
	}
	return false
}

type checkedArea struct {
	id   string
	rect rect
}

// checkRedevelopment: 40–60 areas adding up to exactly 3447.19 亩, a quarter (23–27%) old factories,
// sizes 10–150 亩 with cases on both sides of the 80 亩 and 30 亩 thresholds, none on 南麂, more in the
// industrial towns, each placed by the same rules as the parks.
func (c *checker) checkRedevelopment(b []byte, county *outline, seats []seat, rep *Report) ([]checkedArea, error) {
	fs, err := readCollection(RedevelopmentFile, b, []string{"id", "name", "town", "kind", "site_area_mu",
		"current_plot_ratio", "provenance"})
	if err != nil {
		return nil, err
	}
	rep.Redevelopment = len(fs)
	if len(fs) < 40 || len(fs) > 60 {
		c.failf("%s: %d areas, want 40–60", RedevelopmentFile, len(fs))
	}
	var total, factories int64
	counts := map[string]int{}
	perTown := map[string]int{}
	has := map[string]bool{}
	var out []checkedArea
	for i, f := range fs {
		var p struct {
			ID               string  `json:"id"`
			Name             string  `json:"name"`
			Town             string  `json:"town"`
			Kind             string  `json:"kind"`
			SiteAreaMu       float64 `json:"site_area_mu"`
			CurrentPlotRatio float64 `json:"current_plot_ratio"`
			Provenance       string  `json:"provenance"`
		}
		if err := json.Unmarshal(f.Props, &p); err != nil {
			return nil, fmt.Errorf("%s feature %d: %w", RedevelopmentFile, i, err)
		}
		what := p.ID
		if want := fmt.Sprintf("RD-%03d", i+1); p.ID != want {
			c.failf("%s feature %d: id %s, want %s", RedevelopmentFile, i, p.ID, want)
		}
		if !hasDecimals(p.SiteAreaMu, 2) || p.SiteAreaMu < RedevelopmentMinMu || p.SiteAreaMu > RedevelopmentMaxMu {
			c.failf("%s: site_area_mu %v, want 2 decimals within %v–%v", what, p.SiteAreaMu, RedevelopmentMinMu, RedevelopmentMaxMu)
		}
		if !hasDecimals(p.CurrentPlotRatio, 2) || p.CurrentPlotRatio < 0.3 || p.CurrentPlotRatio > 1.5 {
			c.failf("%s: current_plot_ratio %v", what, p.CurrentPlotRatio)
		}
		if p.Provenance != plan.ProvenanceIllustr || !containsAll(p.Name, p.Town, "(示意)") {
			c.failf("%s: provenance %q name %q", what, p.Provenance, p.Name)
		}
		cents := int64(math.Round(p.SiteAreaMu * 100))
		total += cents
		perTown[p.Town]++
		switch p.Kind {
		case OldFactory:
			factories += cents
			side(counts, "factory", cents, OldFactoryThresholdMu)
		case LowEfficiencyBlock:
			side(counts, "block", cents, BlockThresholdMu)
		case IdleLand, ClearedLand:
		default:
			c.failf("%s: kind %q", what, p.Kind)
		}
		has[fmt.Sprintf("%s %d", p.Kind, cents)] = true
		if p.Town == NanjiTown {
			c.failf("%s: on the 南麂 islands", what)
		}
		own, ok := seatNamed(seats, p.Town)
		if !ok {
			c.failf("%s: unknown town %q", what, p.Town)
			continue
		}
		r, err := rectFromGeometry(f.Geometry)
		if err != nil {
			c.failf("%s: %v", what, err)
			continue
		}
		e := math.Abs(r.areaMu()-p.SiteAreaMu) / p.SiteAreaMu
		rep.RedevelopAreaErrMx = math.Max(rep.RedevelopAreaErrMx, e)
		if e > ParkAreaTol {
			c.failf("%s: drawn %.3f 亩 for %v 亩", what, r.areaMu(), p.SiteAreaMu)
		}
		c.checkPlacement(what, r, own, county, seats)
		out = append(out, checkedArea{id: p.ID, rect: r})
	}
	rep.RedevelopmentMu = float64(total) / 100
	if total != RedevelopmentTotalCents {
		c.failf("%s: areas add up to %.2f 亩, want %.2f (专栏3)", RedevelopmentFile, float64(total)/100, float64(RedevelopmentTotalCents)/100)
	}
	if total > 0 {
		rep.OldFactoryShare = float64(factories) / float64(total)
	}
	if rep.OldFactoryShare < minFactoryPart || rep.OldFactoryShare > maxFactoryPart {
		c.failf("%s: old factories are %.1f%% of the area, want %.0f–%.0f%%", RedevelopmentFile,
			100*rep.OldFactoryShare, 100*minFactoryPart, 100*maxFactoryPart)
	}
	for _, k := range []string{"factory ≥", "factory <", "block ≥", "block <"} {
		if counts[k] < minThresholdN {
			c.failf("%s: %d areas %s threshold, want at least %d", RedevelopmentFile, counts[k], k, minThresholdN)
		}
	}
	for _, k := range []string{OldFactory + " 8000", LowEfficiencyBlock + " 3000", LowEfficiencyBlock + " 2990"} {
		if !has[k] {
			c.failf("%s: no %s hundredths of a 亩 (a case exactly at or just under a threshold)", RedevelopmentFile, k)
		}
	}
	for _, t := range redevelopmentTowns {
		if t.industrial && perTown[t.town] < 3 || !t.industrial && perTown[t.town] > 2 {
			c.failf("%s: %d areas in %s", RedevelopmentFile, perTown[t.town], t.town)
		}
	}
	return out, nil
}

func side(counts map[string]int, kind string, cents int64, thresholdMu float64) {
	if float64(cents) >= thresholdMu*100 {
		counts[kind+" ≥"]++
	} else {
		counts[kind+" <"]++
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
