package synth

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/paulmach/orb"
)

func TestZigzag(t *testing.T) {
	for _, tc := range []struct{ in, want int64 }{{0, 0}, {1, -1}, {2, 1}, {3, -2}, {4, 2}, {28, 14}, {65471, -32736}} {
		if got := zigzag(tc.in); got != tc.want {
			t.Errorf("zigzag(%d) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestDecodeEChartsRingByHand(t *testing.T) {
	// '@' = 64 → 0, 'D' = 68 → 4 → +2, 'C' = 67 → 3 → -2. From (122880, 28160)/1024 = (120, 27.5):
	// (0,0) (+2,0) (0,+2) (-2,-2), a right triangle 2/1024° a side, back at the start.
	got, err := decodeEChartsRing("@@D@@DCC", [2]int64{122880, 28160}, 1024)
	if err != nil {
		t.Fatal(err)
	}
	s := 2.0 / 1024
	want := orb.Ring{{120, 27.5}, {120 + s, 27.5}, {120 + s, 27.5 + s}, {120, 27.5}}
	if !got.Equal(want) {
		t.Errorf("decoded %v, want %v", got, want)
	}
}

func TestDecodeEChartsRingErrors(t *testing.T) {
	for name, s := range map[string]string{
		"odd length":        "@@D",
		"below the base":    "@@ !",
		"replacement glyph": "@\uFFFD",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := decodeEChartsRing(s, [2]int64{0, 0}, 1024); err == nil {
				t.Errorf("decodeEChartsRing(%q) succeeded", s)
			}
		})
	}
}

// encodeRing is the inverse of decodeEChartsRing (ECharts' encoder, as the map packages were made with).
func encodeRing(pts [][2]int64) (string, [2]int64) {
	var units []uint16
	prev := pts[0]
	for _, p := range pts {
		for k := 0; k < 2; k++ {
			d := p[k] - prev[k]
			z := (d << 1) ^ (d >> 63)
			units = append(units, uint16(z+echartsCodeBase))
		}
		prev = p
	}
	return string(utf16.Decode(units)), pts[0]
}

func TestDecodeEChartsRoundTrip(t *testing.T) {
	// Random walks with steps up to ±20000 units, so that code units need two- and three-byte UTF-8,
	// and one step of +14 (code 92, the backslash JSON must escape).
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 50; n++ {
		p := [2]int64{123000 + rng.Int64N(1000), 28000 + rng.Int64N(1000)}
		pts := [][2]int64{p}
		for i := 0; i < 30; i++ {
			step := int64(20000)
			if i%5 == 0 {
				step = 3
			}
			p = [2]int64{p[0] + rng.Int64N(2*step+1) - step, p[1] + rng.Int64N(2*step+1) - step}
			pts = append(pts, p)
		}
		pts = append(pts, [2]int64{p[0] + 14, p[1]})
		s, off := encodeRing(pts)
		// Through JSON, as in the module.
		js, _ := json.Marshal(s)
		var back string
		if err := json.Unmarshal(js, &back); err != nil {
			t.Fatal(err)
		}
		r, err := decodeEChartsRing(back, off, 1024)
		if err != nil {
			t.Fatal(err)
		}
		for i, q := range pts {
			if r[i] != (orb.Point{float64(q[0]) / 1024, float64(q[1]) / 1024}) {
				t.Fatalf("walk %d vertex %d: %v, want %v", n, i, r[i], q)
			}
		}
	}
}

func TestDecodeEChartsJS(t *testing.T) {
	tri, off := encodeRing([][2]int64{{122880, 28160}, {122882, 28160}, {122882, 28162}, {122880, 28160}})
	sq, off2 := encodeRing([][2]int64{{122890, 28170}, {122891, 28170}, {122891, 28171}, {122890, 28171}, {122890, 28170}})
	fc := map[string]any{
		"type": "FeatureCollection", "UTF8Encoding": true,
		"features": []any{
			map[string]any{"type": "Feature", "id": "1", "properties": map[string]any{"name": "甲"},
				"geometry": map[string]any{"type": "Polygon", "coordinates": []string{tri}, "encodeOffsets": [][2]int64{off}}},
			map[string]any{"type": "Feature", "id": "2", "properties": map[string]any{"name": "乙"},
				"geometry": map[string]any{"type": "MultiPolygon", "coordinates": [][]string{{tri}, {sq}},
					"encodeOffsets": [][][2]int64{{off}, {off2}}}},
		},
	}
	body, _ := json.Marshal(fc)
	js := "(function (root, factory) {factory({}, root.echarts);}(this, function (exports, echarts) {" +
		"echarts.registerMap('测试', " + string(body) + ");}));"
	feats, err := decodeEChartsJS([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	if len(feats) != 2 || feats[0].Name != "甲" || feats[1].Name != "乙" || feats[1].ID != "2" {
		t.Fatalf("features %+v", feats)
	}
	if len(feats[0].Geometry) != 1 || len(feats[1].Geometry) != 2 || feats[1].Vertices != 9 {
		t.Errorf("geometry shapes: %d, %d parts, %d vertices", len(feats[0].Geometry), len(feats[1].Geometry), feats[1].Vertices)
	}
	if got := feats[1].Geometry[1][0][2]; got != (orb.Point{122891.0 / 1024, 28171.0 / 1024}) {
		t.Errorf("square's third vertex %v", got)
	}

	for name, bad := range map[string]string{
		"no registerMap":    strings.Replace(js, "registerMap", "register", 1),
		"plain GeoJSON":     strings.Replace(js, `"UTF8Encoding":true`, `"UTF8Encoding":false`, 1),
		"malformed offsets": strings.Replace(js, `"encodeOffsets":[[[`, `"encodeOffsets":[[`, 1),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := decodeEChartsJS([]byte(bad)); err == nil {
				t.Error("decoded without error")
			}
		})
	}
	if _, err := decodeEChartsJS([]byte("var x = 1;")); !errors.Is(err, errNotECharts) {
		t.Errorf("error %v, want errNotECharts", err)
	}
}
