package synth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// ECharts map modules (echarts.registerMap(name, geoJSON)) store rings compressed when the GeoJSON has
// "UTF8Encoding": true: each ring is a string whose UTF-16 code units come in (x, y) pairs, each unit
// minus 64 a zig-zag encoded delta from the previous vertex, the first delta taken from the ring's
// encodeOffsets; the integers are degrees times encodeScale (UTF8Scale, 1024 by default).
const (
	echartsCodeBase     = 64
	echartsDefaultScale = 1024
)

// echartsFeature is one decoded feature of an ECharts map: its name and its rings, still in the
// source's coordinates (GCJ-02 for the Chinese map packages).
type echartsFeature struct {
	ID       string
	Name     string
	Geometry orb.MultiPolygon
	Vertices int // decoded vertices, repeated ones included
}

type echartsCollection struct {
	Type         string            `json:"type"`
	Features     []echartsFeatJSON `json:"features"`
	UTF8Encoding bool              `json:"UTF8Encoding"`
	UTF8Scale    float64           `json:"UTF8Scale"`
}

type echartsFeatJSON struct {
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Geometry struct {
		Type          string          `json:"type"`
		Coordinates   json.RawMessage `json:"coordinates"`
		EncodeOffsets json.RawMessage `json:"encodeOffsets"`
	} `json:"geometry"`
}

var errNotECharts = errors.New("not an ECharts map module")

// decodeEChartsJS reads an ECharts map module: the JavaScript wrapper is skipped up to the first
// object passed to registerMap, which is parsed as JSON and decoded feature by feature.
func decodeEChartsJS(js []byte) ([]echartsFeature, error) {
	i := bytes.Index(js, []byte("registerMap("))
	if i < 0 {
		return nil, fmt.Errorf("%w: no registerMap call", errNotECharts)
	}
	j := bytes.IndexByte(js[i:], '{')
	if j < 0 {
		return nil, fmt.Errorf("%w: no object after registerMap", errNotECharts)
	}
	var fc echartsCollection
	if err := json.NewDecoder(bytes.NewReader(js[i+j:])).Decode(&fc); err != nil {
		return nil, fmt.Errorf("parse ECharts GeoJSON: %w", err)
	}
	return decodeEChartsCollection(fc)
}

func decodeEChartsCollection(fc echartsCollection) ([]echartsFeature, error) {
	if fc.Type != "FeatureCollection" {
		return nil, fmt.Errorf("%w: type %q", errNotECharts, fc.Type)
	}
	if !fc.UTF8Encoding {
		return nil, fmt.Errorf("%w: UTF8Encoding is not set (plain GeoJSON is not expected here)", errNotECharts)
	}
	scale := fc.UTF8Scale
	if scale == 0 {
		scale = echartsDefaultScale
	}
	out := make([]echartsFeature, 0, len(fc.Features))
	for _, f := range fc.Features {
		ef := echartsFeature{Name: f.Properties.Name}
		_ = json.Unmarshal(f.ID, &ef.ID) // ids are informative only; numeric or missing ids leave ""
		var err error
		switch f.Geometry.Type {
		case "Polygon":
			var rings []string
			var offs [][2]int64
			if err = unmarshalPair(f.Geometry.Coordinates, &rings, f.Geometry.EncodeOffsets, &offs); err == nil {
				var p orb.Polygon
				p, err = decodeEChartsPolygon(rings, offs, scale)
				ef.Geometry = orb.MultiPolygon{p}
			}
		case "MultiPolygon":
			var polys [][]string
			var offs [][][2]int64
			if err = unmarshalPair(f.Geometry.Coordinates, &polys, f.Geometry.EncodeOffsets, &offs); err == nil {
				if len(polys) != len(offs) {
					err = fmt.Errorf("%d polygons but %d offset lists", len(polys), len(offs))
				}
				for k := 0; err == nil && k < len(polys); k++ {
					var p orb.Polygon
					p, err = decodeEChartsPolygon(polys[k], offs[k], scale)
					ef.Geometry = append(ef.Geometry, p)
				}
			}
		default:
			err = fmt.Errorf("unsupported geometry type %q", f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("feature %q: %w", ef.Name, err)
		}
		for _, p := range ef.Geometry {
			for _, r := range p {
				ef.Vertices += len(r)
			}
		}
		out = append(out, ef)
	}
	return out, nil
}

func unmarshalPair(a json.RawMessage, av any, b json.RawMessage, bv any) error {
	if err := json.Unmarshal(a, av); err != nil {
		return fmt.Errorf("coordinates: %w", err)
	}
	if err := json.Unmarshal(b, bv); err != nil {
		return fmt.Errorf("encodeOffsets: %w", err)
	}
	return nil
}

func decodeEChartsPolygon(rings []string, offs [][2]int64, scale float64) (orb.Polygon, error) {
	if len(rings) != len(offs) {
		return nil, fmt.Errorf("%d rings but %d offsets", len(rings), len(offs))
	}
	p := make(orb.Polygon, 0, len(rings))
	for i, s := range rings {
		r, err := decodeEChartsRing(s, offs[i], scale)
		if err != nil {
			return nil, fmt.Errorf("ring %d: %w", i, err)
		}
		p = append(p, r)
	}
	return p, nil
}

// decodeEChartsRing decodes one compressed ring exactly as ECharts' decodeRing does, reading the string
// as UTF-16 code units (JavaScript's charCodeAt).
func decodeEChartsRing(s string, off [2]int64, scale float64) (orb.Ring, error) {
	runes := []rune(s)
	for _, c := range runes {
		if c == utf8.RuneError {
			return nil, errors.New("invalid UTF-8 or lone surrogate in encoded ring")
		}
	}
	units := utf16.Encode(runes)
	if len(units)%2 != 0 {
		return nil, fmt.Errorf("odd number of code units (%d)", len(units))
	}
	r := make(orb.Ring, 0, len(units)/2)
	x, y := off[0], off[1]
	for i := 0; i < len(units); i += 2 {
		dx, dy := int64(units[i])-echartsCodeBase, int64(units[i+1])-echartsCodeBase
		if dx < 0 || dy < 0 {
			return nil, fmt.Errorf("code unit below %d at %d", echartsCodeBase, i)
		}
		x += zigzag(dx)
		y += zigzag(dy)
		r = append(r, orb.Point{float64(x) / scale, float64(y) / scale})
	}
	return r, nil
}

func zigzag(v int64) int64 { return (v >> 1) ^ -(v & 1) }
