package layerimport

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
)

// The units an area field may be in, as ParseAreaUnit returns them and AreaCheck.Unit shows them.
const (
	UnitMu          = "亩"
	UnitHectare     = "公顷"
	UnitSquareMetre = "㎡"
	UnitSquareKm    = "平方公里"
)

// areaUnits are the units with how many 亩 one of them is (1 亩 = 10000/15 ㎡) and the spellings a
// user or a file's field name gives them, in the order DetectAreaUnit tries them.
var areaUnits = []struct {
	unit      string
	mu        float64
	spellings []string
}{
	{UnitMu, 1, []string{"亩", "mu"}},
	{UnitHectare, 15, []string{"公顷", "ha", "hectare", "hectares", "hm2", "hm²"}},
	{UnitSquareMetre, 15.0 / 10000, []string{"㎡", "平方米", "m2", "m²", "sqm", "squaremetre", "squaremetres", "squaremeter", "squaremeters"}},
	{UnitSquareKm, 1500, []string{"平方公里", "平方千米", "km2", "km²", "sqkm"}},
}

// UnitBand is how far (as a share) the median ratio of an area field to the drawn areas may be from
// a unit's for the unit to be told: a bureau's figure is the surveyed or the granted area, which may
// differ from the drawn shape by a few per cent (rounding, a 退线, a shape redrawn since), but the
// units lie 15 times or more apart, so ±15 % never takes one for another.
const UnitBand = 0.15

// UnitMinShare is the share of features whose own ratio must fall within UnitBand of the unit told
// from the median: below it the field is a mixture (some 亩, some 公顷) or not an area at all, and
// the user is asked.
const UnitMinShare = 0.5

// DisagreeShare and DisagreeMinMu say when one feature's area field and drawn area disagree: more
// than 5 % apart (beyond the rounding of a figure to two decimals and the difference of a plane and
// the spheroid) and more than 0.1 亩 (so that a sliver's rounding is not listed).
const (
	DisagreeShare = 0.05
	DisagreeMinMu = 0.1
)

// ParseAreaUnit reads a user's spelling of an area unit (公顷, ha, hectare; 亩, mu; ㎡, 平方米, m2,
// sqm; 平方公里, km2) and returns the canonical one. "" is no unit (the unit is told from the data);
// anything else is an Invalid error on area_unit, in English and Chinese.
func ParseAreaUnit(s string) (string, error) {
	n := strings.ToLower(normName(s))
	if n == "" {
		return "", nil
	}
	for _, u := range areaUnits {
		if slices.Contains(u.spellings, n) {
			return u.unit, nil
		}
	}
	return "", apperr.Fields([]apperr.FieldError{{Field: "area_unit",
		Message:   fmt.Sprintf("unknown area unit %s (one of 公顷/ha, 亩/mu, ㎡/m2, 平方公里/km2)", apperr.Quote(s)),
		MessageZh: fmt.Sprintf("无法识别的面积单位“%s”（可用：公顷、亩、平方米、平方公里）", s)}})
}

// ToMu converts value in unit (a canonical unit, as ParseAreaUnit returns) to 亩; an unknown unit
// gives NaN, so that a mistake shows in every sum rather than passing as 亩.
func ToMu(value float64, unit string) float64 {
	for _, u := range areaUnits {
		if u.unit == unit {
			return value * u.mu
		}
	}
	return math.NaN()
}

// DetectAreaUnit tells the unit of an area field from features that have both a positive value
// (values[i]) and a positive drawn area (drawnMu[i], 亩 on the spheroid): the median of value/drawn
// is 1 for 亩, 1/15 for 公顷, 666.67 for ㎡ and 1/1500 for 平方公里. The unit is told when the median
// lies within UnitBand of one and at least UnitMinShare of the features do too; otherwise ok is false
// and the reason asks the user to give the unit.
func DetectAreaUnit(values, drawnMu []float64) (unit, reason, reasonZh string, ok bool) {
	var ratios []float64
	for i := range min(len(values), len(drawnMu)) {
		if values[i] > 0 && drawnMu[i] > 0 && !math.IsInf(values[i], 0) {
			ratios = append(ratios, values[i]/drawnMu[i])
		}
	}
	if len(ratios) == 0 {
		return "", "no feature has both a positive area value and a drawn area; cannot tell the unit, give it",
			"没有要素同时具有正的面积字段值和图形面积，无法判断单位，请指定", false
	}
	slices.Sort(ratios)
	m := median(ratios)
	for _, u := range areaUnits {
		want := 1 / u.mu
		if math.Abs(m/want-1) > UnitBand {
			continue
		}
		in := countIn(ratios, want)
		share := float64(in) / float64(len(ratios))
		if share < UnitMinShare {
			return "", fmt.Sprintf("the median ratio of the area field to the drawn area is %.4g (%s), but only %d of %d features (%.0f%%) lie within ±%.0f%% of it; cannot tell the unit, give it",
					m, u.unit, in, len(ratios), 100*share, 100*UnitBand),
				fmt.Sprintf("面积字段与图形面积之比的中位数为 %.4g（%s），但只有 %d/%d 个要素（%.0f%%）在其 ±%.0f%% 以内，无法判断单位，请指定",
					m, u.unit, in, len(ratios), 100*share, 100*UnitBand), false
		}
		return u.unit, fmt.Sprintf("the median ratio of the area field to the drawn area is %.4g, %s's %.4g; %d of %d features (%.0f%%) lie within ±%.0f%%",
				m, u.unit, want, in, len(ratios), 100*share, 100*UnitBand),
			fmt.Sprintf("面积字段与图形面积（亩）之比的中位数为 %.4g，与%s的 %.4g 相符；%d/%d 个要素（%.0f%%）在 ±%.0f%% 以内",
				m, u.unit, want, in, len(ratios), 100*share, 100*UnitBand), true
	}
	return "", fmt.Sprintf("the area field is not in proportion to the drawn areas (median ratio %.4g, none of 亩 1, 公顷 1/15, ㎡ 666.7, 平方公里 1/1500); cannot tell the unit, give it", m),
		fmt.Sprintf("面积字段与图形面积不成比例，无法判断单位，请指定（比值中位数 %.4g，不是亩 1、公顷 1/15、平方米 666.7 或平方公里 1/1500）", m), false
}

// median of sorted xs (at least one).
func median(xs []float64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// countIn counts the ratios within UnitBand of want.
func countIn(ratios []float64, want float64) int {
	n := 0
	for _, r := range ratios {
		if math.Abs(r/want-1) <= UnitBand {
			n++
		}
	}
	return n
}

// AreaPair is one feature's area field (as the file has it, text) and its drawn area (亩, on the
// spheroid), as the store measures them (internal/postgis sql/imports_area_pairs.sql).
type AreaPair struct {
	Fid     int64
	ID      string
	Raw     string
	DrawnMu float64
}

// CheckAreas compares the area field named field with the drawn areas: the unit is unit (a user's
// override, any spelling ParseAreaUnit accepts) or, when unit is "", told by DetectAreaUnit; the sums
// are in 亩 over the features with a positive value and a drawn area (Features counts them); a feature
// is listed as disagreeing when its two areas differ by more than DisagreeShare and DisagreeMinMu. When
// the unit cannot be told the check says why and has no sums. The error is an unknown unit's.
func CheckAreas(field, unit string, pairs []AreaPair) (AreaCheck, error) {
	c := AreaCheck{Field: field}
	u, err := ParseAreaUnit(unit)
	if err != nil {
		return c, err
	}
	var vals, drawn []float64
	var with []AreaPair
	unusable, shapeless := 0, 0
	for _, p := range pairs {
		v, ok := parseNumber(p.Raw)
		switch {
		case !ok || v <= 0:
			if strings.TrimSpace(p.Raw) != "" {
				unusable++
			}
		case p.DrawnMu <= 0:
			shapeless++ // an empty shape is the preview's own finding; there is nothing to compare
		default:
			vals, drawn, with = append(vals, v), append(drawn, p.DrawnMu), append(with, p)
		}
	}
	c.Features = len(with)
	if u != "" {
		c.Unit, c.UnitReason, c.UnitZh = u, "given by the user", "由用户指定"
	} else {
		var ok bool
		c.Unit, c.UnitReason, c.UnitZh, ok = DetectAreaUnit(vals, drawn)
		if !ok {
			c.Unit = ""
		}
	}
	if unusable > 0 {
		c.UnitReason += fmt.Sprintf("; %d features have a value that is not a positive number", unusable)
		c.UnitZh += fmt.Sprintf("；%d 个要素的面积值不是正数", unusable)
	}
	if shapeless > 0 {
		c.UnitReason += fmt.Sprintf("; %d features with a value have no drawn area to compare it with", shapeless)
		c.UnitZh += fmt.Sprintf("；%d 个有面积值的要素没有图形面积可比", shapeless)
	}
	if c.Unit == "" {
		return c, nil
	}
	for i, p := range with {
		mu := ToMu(vals[i], c.Unit)
		c.FileMu += mu
		c.DrawnMu += p.DrawnMu
		if d := math.Abs(mu - p.DrawnMu); d > DisagreeMinMu && d > DisagreeShare*p.DrawnMu {
			c.Disagree = append(c.Disagree, AreaDisagreement{Fid: p.Fid, ID: p.ID, FileMu: mu, DrawnMu: p.DrawnMu})
		}
	}
	return c, nil
}

// parseNumber reads a number as a bureau's table writes it: full-width digits folded, spaces and
// thousands separators dropped. NaN and infinities are not numbers here.
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(foldWidth(s)), ",", "")
	if s == "" || strings.ContainsAny(s, "xXpP_") { // not hex floats nor Go's digit separators
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	return n, true
}
