package layerimport

import (
	"math"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

// drawn are realistic parcel areas in 亩, from a sliver to a large plot.
var drawn = []float64{3.2, 12.75, 40.1, 7.9, 150.4, 22.0, 0.8, 65.3, 18.45, 9.99}

// fileValues are drawn in unit, each off by a bureau's few per cent (alternately over and under).
func fileValues(unit string, off float64) []float64 {
	out := make([]float64, len(drawn))
	for i, d := range drawn {
		f := 1 + off
		if i%2 == 1 {
			f = 1 - off
		}
		out[i] = d * f / ToMu(1, unit)
	}
	return out
}

func TestDetectAreaUnit(t *testing.T) {
	for _, unit := range []string{UnitMu, UnitHectare, UnitSquareMetre, UnitSquareKm} {
		got, reason, zh, ok := DetectAreaUnit(fileValues(unit, 0.04), drawn)
		if !ok || got != unit || !strings.Contains(reason, "10 of 10 features (100%)") || !strings.Contains(zh, unit) {
			t.Errorf("%s: %q, %v, %q / %q", unit, got, ok, reason, zh)
		}
	}
	// 公顷 from the median with 6 of 10 within the band; the others are in 亩 (a mixed field).
	mixed := fileValues(UnitHectare, 0.02)
	copy(mixed[6:], drawn[6:])
	if got, reason, _, ok := DetectAreaUnit(mixed, drawn); !ok || got != UnitHectare || !strings.Contains(reason, "6 of 10 features (60%)") {
		t.Errorf("mixed 6/4: %q, %v, %q", got, ok, reason)
	}
	// Values not in proportion to the shapes.
	scattered := []float64{3, 100, 2, 50, 1, 300, 7, 1, 90, 4}
	if got, reason, zh, ok := DetectAreaUnit(scattered, drawn); ok || got != "" || !strings.Contains(zh, "面积字段与图形面积不成比例，无法判断单位，请指定") ||
		!strings.Contains(reason, "give it") {
		t.Errorf("scattered: %q, %v, %q / %q", got, ok, reason, zh)
	}
	// The median is 亩 but fewer than half lie within ±15 % of it.
	loose := []float64{0.8, 0.84, 1.0, 1.0, 1.0, 1.17, 1.2}
	if got, _, zh, ok := DetectAreaUnit(loose, []float64{1, 1, 1, 1, 1, 1, 1}); ok || got != "" || !strings.Contains(zh, "3/7") {
		t.Errorf("loose: %q, %v, %q", got, ok, zh)
	}
	// Only features with both areas positive count; none at all is said.
	if _, reason, _, ok := DetectAreaUnit([]float64{0, -1, 5}, []float64{3, 3, 0}); ok || !strings.Contains(reason, "no feature") {
		t.Errorf("none usable: %v %q", ok, reason)
	}
	if got, _, _, ok := DetectAreaUnit([]float64{0, 1, 2, 3}, []float64{5, 1, 2, 3}); !ok || got != UnitMu {
		t.Errorf("a zero value is left out: %q %v", got, ok)
	}
}

func TestToMuAndParseAreaUnit(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		mu   float64
	}{{1, UnitHectare, 15}, {10000.0 / 15, UnitSquareMetre, 1}, {1, UnitSquareKm, 1500}, {2.5, UnitMu, 2.5}} {
		if got := ToMu(c.v, c.unit); math.Abs(got-c.mu) > 1e-9 {
			t.Errorf("ToMu(%v, %s) = %v, want %v", c.v, c.unit, got, c.mu)
		}
	}
	if !math.IsNaN(ToMu(1, "acre")) {
		t.Error("ToMu of an unknown unit is not NaN")
	}
	for in, want := range map[string]string{"公顷": UnitHectare, "ha": UnitHectare, " Hectare ": UnitHectare, "亩": UnitMu,
		"MU": UnitMu, "㎡": UnitSquareMetre, "平方米": UnitSquareMetre, "m2": UnitSquareMetre, "m²": UnitSquareMetre,
		"sqm": UnitSquareMetre, "ｍ２": UnitSquareMetre, "square metres": UnitSquareMetre, "平方公里": UnitSquareKm,
		"km2": UnitSquareKm, "": ""} {
		if got, err := ParseAreaUnit(in); got != want || err != nil {
			t.Errorf("ParseAreaUnit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := ParseAreaUnit("acre")
	ae, ok := apperr.As(err)
	if !ok || ae.Code != apperr.Invalid || ae.Field != "area_unit" || len(ae.Fields) != 1 ||
		!strings.Contains(ae.Fields[0].MessageZh, "无法识别的面积单位“acre”") || !strings.Contains(ae.Message, `"acre"`) {
		t.Errorf("unknown unit: %#v", err)
	}
}

func TestCheckAreas(t *testing.T) {
	pairs := []AreaPair{
		{Fid: 1, ID: "A", Raw: "1.0000", DrawnMu: 15.1},   // 15 亩: 0.7 % off
		{Fid: 2, ID: "B", Raw: "2.2", DrawnMu: 30},        // 33 亩: 10 % and 3 亩 off
		{Fid: 3, ID: "C", Raw: "0.0366", DrawnMu: 0.5},    // 0.549 亩: 10 % but 0.049 亩 off
		{Fid: 4, ID: "D", Raw: "", DrawnMu: 8},            // no value
		{Fid: 5, ID: "E", Raw: "—", DrawnMu: 8},           // not a number
		{Fid: 6, ID: "F", Raw: "３.０", DrawnMu: 44.0},      // full-width: 45 亩, 2.3 % off
		{Fid: 7, ID: "G", Raw: "1,000.5", DrawnMu: 15000}, // 15007.5 亩
		{Fid: 8, ID: "H", Raw: "2", DrawnMu: 0},           // no shape: nothing to compare
	}
	c, err := CheckAreas("YDMJ", "", pairs)
	if err != nil {
		t.Fatal(err)
	}
	if c.Field != "YDMJ" || c.Unit != UnitHectare || c.Features != 5 || !strings.Contains(c.UnitZh, "1 个要素的面积值不是正数") ||
		!strings.Contains(c.UnitReason, "1 features with a value have no drawn area") {
		t.Errorf("check: %+v", c)
	}
	if want := 15 + 33 + 0.549 + 45 + 15007.5; math.Abs(c.FileMu-want) > 1e-6 {
		t.Errorf("file 亩 %v, want %v", c.FileMu, want)
	}
	if want := 15.1 + 30 + 0.5 + 44 + 15000; math.Abs(c.DrawnMu-want) > 1e-9 {
		t.Errorf("drawn 亩 %v, want %v", c.DrawnMu, want)
	}
	if len(c.Disagree) != 1 || c.Disagree[0].ID != "B" || math.Abs(c.Disagree[0].FileMu-33) > 1e-9 || c.Disagree[0].DrawnMu != 30 {
		t.Errorf("disagree: %+v", c.Disagree)
	}
	// The user says 亩: every feature but the huge one now disagrees, and the reason says who decided.
	c, err = CheckAreas("YDMJ", "mu", pairs)
	if err != nil || c.Unit != UnitMu || !strings.HasPrefix(c.UnitZh, "由用户指定") || len(c.Disagree) != 5 {
		t.Errorf("given 亩: %v %+v", err, c)
	}
	if _, err := CheckAreas("YDMJ", "英亩", pairs); apperr.CodeOf(err) != apperr.Invalid {
		t.Errorf("a bad unit: %v", err)
	}
	// Not in proportion: no unit, no sums, and the reason asks for the unit.
	c, err = CheckAreas("BSM", "", []AreaPair{{Fid: 1, Raw: "3303260001", DrawnMu: 3}, {Fid: 2, Raw: "3303260002", DrawnMu: 700}})
	if err != nil || c.Unit != "" || c.FileMu != 0 || c.Disagree != nil || !strings.Contains(c.UnitZh, "请指定") || c.Features != 2 {
		t.Errorf("not an area: %v %+v", err, c)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"12.5": 12.5, " 1,234 ": 1234, "１２": 12, "-3": -3, "1e3": 1000} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "NaN", "Inf", "0x10", "1_000", "3亩", "约3"} {
		if _, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) is a number", in)
		}
	}
}
