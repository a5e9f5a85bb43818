package postgis_test

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/plan"
)

// Eligibility facts against the real PostGIS and the bundled dataset. Expected values come from the
// committed geometry files (data.LoadDataset) and geo's spheroid formulas, never from the queries under
// test.

func eligibilityRules(t *testing.T) *eligibility.RuleSet {
	t.Helper()
	rs, err := eligibility.ParseRules(data.EligibilityRules())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func dataset(t *testing.T) *plan.Dataset {
	t.Helper()
	ds, err := data.LoadDataset()
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// rectMu draws a rectangle of mu 亩 (on the spheroid) with its south-west corner at sw, heightM tall.
func rectMu(sw orb.Point, mu, heightM float64) orb.MultiPolygon {
	_, ky := geodesy.MetresPerDegree(sw[1])
	maxLat := sw[1] + heightM/ky
	span := geodesy.LonSpanForArea(sw[1], maxLat, geodesy.SquareMetresFromMu(mu))
	return box(sw[0], sw[1], sw[0]+span, maxLat)
}

func box(minLon, minLat, maxLon, maxLat float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{minLon, minLat}, {maxLon, minLat}, {maxLon, maxLat}, {minLon, maxLat}, {minLon, minLat}}}}
}

// clearBlock is a 45-亩 block in 昆阳镇 on no park, redevelopment area or constraint.
var clearBlock = rectMu(orb.Point{120.50, 27.64}, 45, 200)

func factsFor(t *testing.T, s *postgis.Store, in eligibility.FactsInput) *eligibility.Facts {
	t.Helper()
	if in.ParcelID == "" && in.SRID == 0 {
		in.SRID = 4326
	}
	f, err := eligibility.NewService(nil, s, 1).Facts(context.Background(), in)
	if err != nil {
		t.Fatalf("facts of %+v: %v", in.ParcelID, err)
	}
	return f
}

func rectOf(mp orb.MultiPolygon) orb.Bound { return mp.Bound() }

// overlapMu is the exact spheroid area of the intersection of two lon/lat rectangles.
func overlapMu(a, b orb.Bound) float64 {
	minLon, minLat := math.Max(a.Min[0], b.Min[0]), math.Max(a.Min[1], b.Min[1])
	maxLon, maxLat := math.Min(a.Max[0], b.Max[0]), math.Min(a.Max[1], b.Max[1])
	if minLon >= maxLon || minLat >= maxLat {
		return 0
	}
	return geodesy.MuFromSquareMetres(geodesy.RectAreaM2(minLon, minLat, maxLon, maxLat))
}

func TestEligibilityFactsOfKnownParcels(t *testing.T) {
	store, _ := featureDB(t)
	ds := dataset(t)
	byID := map[string]plan.RedevelopmentArea{}
	for _, r := range ds.Redevelopment {
		byID[r.ID] = r
	}
	for _, id := range []string{"RD-018", "RD-016", "RD-033", "RD-012"} {
		f := factsFor(t, store, eligibility.FactsInput{ParcelID: id})
		r := byID[id]
		want := geodesy.MuFromSquareMetres(geodesy.MultiPolygonAreaM2(r.Geometry))
		if f.Parcel == nil || f.Parcel.ID != id || f.Parcel.Kind != r.Kind || f.SiteAreaMu != r.SiteAreaMu || f.SiteAreaBasis != "recorded" {
			t.Errorf("%s: parcel %+v site %v (%s)", id, f.Parcel, f.SiteAreaMu, f.SiteAreaBasis)
		}
		if math.Abs(f.AreaMu-want) > 0.001 || math.Abs(f.AreaM2-geodesy.SquareMetresFromMu(want)) > 1 {
			t.Errorf("%s: %v 亩 / %v m², the spheroid gives %.4f 亩", id, f.AreaMu, f.AreaM2, want)
		}
		if f.InsideCounty != eligibility.InsideFully || len(f.Towns) != 1 || f.Towns[0].Name != r.Town || f.Towns[0].Share != 1 ||
			len(f.Zones) != 1 || f.Zones[0].Share != 1 {
			t.Errorf("%s: inside %s, towns %+v, zones %+v", id, f.InsideCounty, f.Towns, f.Zones)
		}
		if len(f.OverlapRedevelopment) != 0 {
			t.Errorf("%s overlaps itself: %+v", id, f.OverlapRedevelopment)
		}
	}
	f := factsFor(t, store, eligibility.FactsInput{ParcelID: "GD2019-001"})
	if f.Parcel == nil || f.Parcel.Collection != "parcels" || f.Parcel.ParkID != "tengjiao-nanxi" || len(f.OverlapParks) != 1 ||
		!f.OverlapParks[0].Own || f.OverlapOtherParksMu != 0 || math.Abs(f.OverlapParksMu-f.AreaMu) > 0.01 {
		t.Errorf("a supply parcel lies in its own park: %+v %+v", f.Parcel, f.OverlapParks)
	}
	// Its industries are its park's (皮革皮件); the nearest other park sharing one is in 水头.
	if f.IndustriesBasis != "park" || f.NearestPark == nil || (f.NearestPark.ID != "shuitou-pige" && f.NearestPark.ID != "shuitou-chongwu") ||
		f.NearestPark.DistanceM < 1000 {
		t.Errorf("nearest same-industry park: %+v (%s %v)", f.NearestPark, f.IndustriesBasis, f.Industries)
	}
	if _, err := store.EligibilityFacts(context.Background(), eligibility.FactsInput{ParcelID: "RD-999"}); err == nil || err.(*apperr.Error).Field != "parcel_id" {
		t.Errorf("unknown parcel: %v", err)
	} else {
		wantCode(t, err, apperr.NotFound)
	}
}

// Overlaps in 亩 against the exact area of the intersection of the committed rectangles.
func TestEligibilityOverlapsInMu(t *testing.T) {
	store, _ := featureDB(t)
	ds := dataset(t)
	var park, area orb.Bound
	for _, p := range ds.Parks {
		if p.ID == "kunyang-lipin" {
			park = rectOf(p.Geometry)
		}
	}
	for _, r := range ds.Redevelopment {
		if r.ID == "RD-004" {
			area = rectOf(r.Geometry)
		}
	}
	// From the middle of 昆阳礼品小微园 to the middle of RD-004, north-east of it: parts of both, and of
	// whatever else lies between.
	shape := box(park.Center()[0], park.Center()[1], area.Center()[0], area.Center()[1])
	wantParks, wantAreas := map[string]float64{}, map[string]float64{}
	var sumParks, sumAreas float64
	for _, p := range ds.Parks {
		if mu := overlapMu(shape.Bound(), rectOf(p.Geometry)); mu > 0 {
			wantParks[p.ID], sumParks = mu, sumParks+mu
		}
	}
	for _, r := range ds.Redevelopment {
		if mu := overlapMu(shape.Bound(), rectOf(r.Geometry)); mu > 0 {
			wantAreas[r.ID], sumAreas = mu, sumAreas+mu
		}
	}
	if wantParks["kunyang-lipin"] < 5 || wantAreas["RD-004"] < 5 {
		t.Fatalf("the test shape overlaps too little: %v %v", wantParks, wantAreas)
	}
	f := factsFor(t, store, eligibility.FactsInput{Geometry: shape})
	if len(f.OverlapParks) != len(wantParks) || math.Abs(f.OverlapParksMu-sumParks) > 0.01 {
		t.Errorf("park overlap %v 亩 %+v, want %.4f %v", f.OverlapParksMu, f.OverlapParks, sumParks, wantParks)
	}
	for _, o := range f.OverlapParks {
		if math.Abs(o.OverlapMu-wantParks[o.ID]) > 0.01 {
			t.Errorf("park %s: %v 亩, want %.4f", o.ID, o.OverlapMu, wantParks[o.ID])
		}
	}
	if f.OverlapOtherParksMu != f.OverlapParksMu {
		t.Errorf("a drawn shape has no own park: %v vs %v", f.OverlapOtherParksMu, f.OverlapParksMu)
	}
	if len(f.OverlapRedevelopment) != len(wantAreas) || math.Abs(f.OverlapRedevelopmentMu-sumAreas) > 0.01 {
		t.Errorf("redevelopment overlap %v 亩 %+v, want %.4f %v", f.OverlapRedevelopmentMu, f.OverlapRedevelopment, sumAreas, wantAreas)
	}
	for _, o := range f.OverlapRedevelopment {
		if math.Abs(o.OverlapMu-wantAreas[o.ID]) > 0.01 {
			t.Errorf("%s: %v 亩, want %.4f", o.ID, o.OverlapMu, wantAreas[o.ID])
		}
	}
	// Each illustrative constraint partly covers one redevelopment area.
	n := 0
	for _, c := range ds.Constraints {
		for _, r := range ds.Redevelopment {
			want := overlapMu(rectOf(c.Geometry), rectOf(r.Geometry))
			if want == 0 {
				continue
			}
			n++
			f := factsFor(t, store, eligibility.FactsInput{ParcelID: r.ID})
			got, loaded := f.ConstraintMu(c.Kind)
			if !loaded || math.Abs(got-want) > 0.01 || got >= f.AreaMu {
				t.Errorf("%s over %s: %v 亩 (loaded %v), want %.4f, less than %.2f", c.ID, r.ID, got, loaded, want, f.AreaMu)
			}
		}
	}
	if n != 3 {
		t.Errorf("%d constraint overlaps with redevelopment areas, want 3", n)
	}
}

// Towns are Voronoi cells of the seats: a shape across the bisector of 昆阳镇's and 鳌江镇's seats splits
// between them as the bisector cuts it.
func TestEligibilityTownShares(t *testing.T) {
	store, _ := featureDB(t)
	ky, ao := orb.Point{120.5541, 27.67202}, orb.Point{120.55509, 27.59436}
	// The bisector: points equidistant (in degrees, as the cells are) from both seats; at lon x it has
	// lat y(x).
	bis := func(x float64) float64 {
		return ((ky[0]*ky[0] + ky[1]*ky[1] - ao[0]*ao[0] - ao[1]*ao[1]) - 2*x*(ky[0]-ao[0])) / (2 * (ky[1] - ao[1]))
	}
	minLon, maxLon := 120.553, 120.557
	minLat, maxLat := bis(minLon)-0.002, bis(minLon)+0.003
	shape := box(minLon, minLat, maxLon, maxLat)
	north := orb.Ring{{minLon, bis(minLon)}, {maxLon, bis(maxLon)}, {maxLon, maxLat}, {minLon, maxLat}, {minLon, bis(minLon)}}
	wantNorth := math.Abs(geodesy.RingAreaM2(north)) / geodesy.MultiPolygonAreaM2(shape)
	f := factsFor(t, store, eligibility.FactsInput{Geometry: shape})
	shares := map[string]float64{}
	for _, tw := range f.Towns {
		shares[tw.Name] = tw.Share
	}
	if len(f.Towns) != 2 || math.Abs(shares["昆阳镇"]-wantNorth) > 0.001 || math.Abs(shares["鳌江镇"]-(1-wantNorth)) > 0.001 {
		t.Errorf("towns %+v, want 昆阳镇 %.4f and 鳌江镇 %.4f", f.Towns, wantNorth, 1-wantNorth)
	}
	if len(f.Zones) != 1 || f.Zones[0].ID != "culture" || f.TownsMethod == "" {
		t.Errorf("zones %+v (both towns are in 文化时尚智造区)", f.Zones)
	}
}

func TestEligibilityOutsideTheCounty(t *testing.T) {
	store, conn := featureDB(t)
	// A 200 m square centred on a vertex of the county outline lies partly outside it.
	var lon, lat float64
	err := conn.QueryRow(context.Background(), `SELECT ST_X(p), ST_Y(p) FROM (
		SELECT ST_PointN(ST_ExteriorRing(d.geom), 1) AS p FROM county c, ST_Dump(c.geom) d
		ORDER BY ST_Area(d.geom) DESC LIMIT 1) x`).Scan(&lon, &lat)
	if err != nil {
		t.Fatal(err)
	}
	kx, ky := geodesy.MetresPerDegree(lat)
	shape := box(lon-100/kx, lat-100/ky, lon+100/kx, lat+100/ky)
	f := factsFor(t, store, eligibility.FactsInput{Geometry: shape})
	if f.InsideCounty != eligibility.InsidePartly || f.OutsideCountyMu <= 0.01 || f.OutsideCountyMu >= f.AreaMu {
		t.Errorf("inside %s, outside %v of %v 亩", f.InsideCounty, f.OutsideCountyMu, f.AreaMu)
	}
	far := factsFor(t, store, eligibility.FactsInput{Geometry: box(121.5, 28.5, 121.51, 28.51)})
	if far.InsideCounty != eligibility.InsideOutside || far.OutsideCountyMu != far.AreaMu || len(far.Towns) != 0 || len(far.Zones) != 0 {
		t.Errorf("a shape far away: %s, %v of %v 亩, towns %v", far.InsideCounty, far.OutsideCountyMu, far.AreaMu, far.Towns)
	}
}

func TestEligibilityRefusesInvalidGeometry(t *testing.T) {
	store, _ := featureDB(t)
	_, err := store.EligibilityFacts(context.Background(), eligibility.FactsInput{Geometry: bowtie(), SRID: 4326})
	e, ok := err.(*apperr.Error)
	if !ok || e.Code != apperr.Invalid || e.Field != "geometry" || !containsAll(e.Message, "Self-intersection", "not valid") {
		t.Errorf("bowtie: %v", err)
	}
}

// Each rule passes and fails on a known parcel of the bundled dataset (or a shape drawn beside one).
func TestEligibilityRulesOnKnownParcels(t *testing.T) {
	store, _ := featureDB(t)
	rs := eligibilityRules(t)
	full := map[string]any{"plot_ratio": 2.2, "leading_industry_share": 0.75, "sale_price_production": 2500.0,
		"sale_price_other": 2800.0, "max_unit_price_ratio": 1.2, "smallest_unit_m2": 600.0, "rent_per_m2_month": 20.0,
		"land_premium_ratio": 0.4, "jointly_confirmed": true, "county_approved": true, "exits_planned": true}
	ds := dataset(t)
	var parkShape orb.MultiPolygon
	for _, p := range ds.Parks {
		if p.ID == "kunyang-lipin" {
			parkShape = p.Geometry
		}
	}
	type tc struct {
		rule, parcel string
		geometry     orb.MultiPolygon
		typ          string
		facts        []any
		want         string
	}
	tests := []tc{
		{"redevelopment_site_area", "RD-018", nil, "", nil, eligibility.ResultPass}, // 旧厂房, exactly 80 亩
		{"redevelopment_site_area", "RD-016", nil, "", nil, eligibility.ResultFail}, // 旧厂房, 44.83 亩
		{"redevelopment_plot_ratio", "RD-018", nil, "", []any{"plot_ratio", 2.0}, eligibility.ResultPass},
		{"redevelopment_plot_ratio", "RD-018", nil, "", []any{"plot_ratio", 1.99}, eligibility.ResultFail},
		{"block_site_area", "RD-033", nil, "", nil, eligibility.ResultPass}, // 低效工业区块, exactly 30 亩
		{"block_site_area", "RD-012", nil, "", nil, eligibility.ResultFail}, // 低效工业区块, 29.9 亩
		{"block_joint_confirmation", "RD-033", nil, "", nil, eligibility.ResultPass},
		{"block_joint_confirmation", "RD-033", nil, "", []any{"jointly_confirmed", false}, eligibility.ResultFail},
		{"block_county_approval", "RD-033", nil, "", nil, eligibility.ResultPass},
		{"block_county_approval", "RD-033", nil, "", []any{"county_approved", false}, eligibility.ResultFail},
		{"block_county_approval", "RD-033", nil, "", []any{"county_approved", nil}, eligibility.ResultNeedsInformation},
		{"park_plot_ratio", "RD-033", nil, "", []any{"plot_ratio", 2.0}, eligibility.ResultPass},
		{"park_plot_ratio", "RD-033", nil, "", []any{"plot_ratio", 1.99}, eligibility.ResultFail},
		{"no_basic_farmland", "RD-033", nil, "", nil, eligibility.ResultPass},
		{"no_basic_farmland", "RD-040", nil, "", nil, eligibility.ResultFail}, // partly under CN-001
		{"no_ecological_red_line", "RD-033", nil, "new_park", nil, eligibility.ResultPass},
		{"no_ecological_red_line", "RD-043", nil, "", nil, eligibility.ResultFail}, // partly under CN-002
		{"flood_zone_assessed", "RD-033", nil, "", nil, eligibility.ResultPass},
		{"flood_zone_assessed", "RD-009", nil, "", nil, eligibility.ResultNeedsInformation}, // partly under CN-003
		{"flood_zone_assessed", "RD-009", nil, "", []any{"flood_assessment_passed", true}, eligibility.ResultPass},
		{"flood_zone_assessed", "RD-009", nil, "", []any{"flood_assessment_passed", false}, eligibility.ResultFail},
		{"within_county", "", clearBlock, "new_park", nil, eligibility.ResultPass},
		{"within_county", "", box(121.5, 28.5, 121.51, 28.51), "new_park", nil, eligibility.ResultFail},
		{"no_overlap_other_park", "GD2019-001", nil, "new_park", nil, eligibility.ResultPass}, // in its own park only
		{"no_overlap_other_park", "", parkShape, "new_park", nil, eligibility.ResultFail},
		{"leading_industry_share", "RD-002", nil, "", []any{"leading_industry_share", 0.70}, eligibility.ResultPass},
		{"leading_industry_share", "RD-002", nil, "", []any{"leading_industry_share", 0.69}, eligibility.ResultFail},
		{"custom_plot_exits", "RD-015", nil, "custom_plot", nil, eligibility.ResultPass}, // 10.63 亩
		{"custom_plot_exits", "RD-015", nil, "custom_plot", []any{"exits_planned", false}, eligibility.ResultFail},
		{"custom_plot_exits", "", rectMu(orb.Point{120.50, 27.64}, 9.9, 100), "custom_plot", []any{"exits_planned", false}, eligibility.ResultNotApplicable},
		{"land_premium_cap", "RD-002", nil, "", []any{"land_premium_ratio", 0.5}, eligibility.ResultPass},
		{"land_premium_cap", "RD-002", nil, "", []any{"land_premium_ratio", 0.6}, eligibility.ResultFail},
		{"sale_price_production", "RD-002", nil, "", []any{"sale_price_production", 2600.0}, eligibility.ResultPass},
		{"sale_price_production", "RD-002", nil, "", []any{"sale_price_production", 2700.0}, eligibility.ResultFail},
		{"sale_price_other", "RD-002", nil, "", []any{"sale_price_other", 2900.0}, eligibility.ResultPass},
		{"sale_price_other", "RD-002", nil, "", []any{"sale_price_other", 3000.0}, eligibility.ResultFail},
		{"max_unit_price", "RD-002", nil, "", []any{"max_unit_price_ratio", 1.3}, eligibility.ResultPass},
		{"max_unit_price", "RD-002", nil, "", []any{"max_unit_price_ratio", 1.31}, eligibility.ResultFail},
		{"smallest_unit", "RD-002", nil, "", []any{"smallest_unit_m2", 500.0}, eligibility.ResultPass},
		{"smallest_unit", "RD-002", nil, "", []any{"smallest_unit_m2", 400.0}, eligibility.ResultFail},
		{"rent_cap", "RD-002", nil, "", []any{"rent_per_m2_month", 25.0}, eligibility.ResultPass},
		{"rent_cap", "RD-002", nil, "", []any{"rent_per_m2_month", 26.0}, eligibility.ResultFail},
	}
	covered := map[string]map[string]bool{}
	for _, tt := range tests {
		p := eligibility.Proposal{Type: tt.typ, Facts: map[string]any{}}
		for k, v := range full {
			p.Facts[k] = v
		}
		for i := 0; i+1 < len(tt.facts); i += 2 {
			if tt.facts[i+1] == nil {
				delete(p.Facts, tt.facts[i].(string))
			} else {
				p.Facts[tt.facts[i].(string)] = tt.facts[i+1]
			}
		}
		name := tt.rule + "/" + tt.parcel + "/" + tt.want
		t.Run(name, func(t *testing.T) {
			f := factsFor(t, store, eligibility.FactsInput{ParcelID: tt.parcel, Geometry: tt.geometry})
			a, err := rs.Evaluate(f, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range a.Rules {
				if r.ID == tt.rule {
					if r.Result != tt.want {
						t.Errorf("%s on %s (%s): %s, want %s: %s", tt.rule, tt.parcel, a.Proposal.Type, r.Result, tt.want, r.ReasonZh)
					}
					if covered[tt.rule] == nil {
						covered[tt.rule] = map[string]bool{}
					}
					covered[tt.rule][r.Result] = true
				}
			}
		})
	}
	for _, id := range rs.RuleIDs() {
		if !covered[id][eligibility.ResultPass] || !covered[id][eligibility.ResultFail] {
			t.Errorf("rule %s lacks a pass or a fail case on a known parcel: %v", id, covered[id])
		}
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

// The check reads the parks as they are now: a planner's correction of a park's industries and
// status (park_facts) is what the nearest same-industry park and the overlaps answer with, not the
// plan's 2018 values.
func TestEligibilityUsesCurrentParkFacts(t *testing.T) {
	store, conn := featureDB(t)
	// GD2019-001 lies in 腾蛟南溪 (皮革皮件); its nearest other 皮革皮件 park is in 水头. Once 平阳科技产业
	// 创新园's current industries include 皮革皮件 too, the answer may move; its status follows.
	before := factsFor(t, store, eligibility.FactsInput{ParcelID: "GD2019-001"})
	if _, err := conn.Exec(context.Background(), `INSERT INTO park_facts (park_id, status, industries, updated_by)
		VALUES ('tengjiao-nanxi', '已认定', ARRAY['皮革皮件', '箱包'], 't'),
		       ('shuitou-pige', NULL, ARRAY['印刷包装'], 't'), ('shuitou-chongwu', NULL, ARRAY['宠物用品'], 't')`); err != nil {
		t.Fatal(err)
	}
	after := factsFor(t, store, eligibility.FactsInput{ParcelID: "GD2019-001"})
	if len(after.OverlapParks) != 1 || after.OverlapParks[0].Status != "已认定" {
		t.Errorf("own park as now: %+v", after.OverlapParks)
	}
	if !slices.Contains(after.Industries, "箱包") {
		t.Errorf("industries %v, want the park's current ones", after.Industries)
	}
	if before.NearestPark == nil || after.NearestPark != nil && (after.NearestPark.ID == "shuitou-pige" || after.NearestPark.ID == "shuitou-chongwu") {
		t.Errorf("nearest same-industry park before %+v, after the 水头 parks changed industry %+v", before.NearestPark, after.NearestPark)
	}
}
