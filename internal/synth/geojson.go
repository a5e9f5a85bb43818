package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/paulmach/orb"
)

// The files are written by hand rather than through a map so that key order, number formatting and
// line breaks are fixed: one feature per line, keys in the order given, coordinates with at most
// 7 decimals, areas with at most 2, and a trailing newline. Regenerating then reproduces the committed
// bytes exactly, and a diff of a change reads feature by feature.

// prop is one property; props keep their order.
type prop struct {
	Key   string
	Value any // string, int, or float64 (written in its shortest form, already rounded)
}

type props []prop

type featureWriter struct {
	features [][]byte
}

func (w *featureWriter) add(p props, geometry []byte) {
	var b bytes.Buffer
	b.WriteString(`{"type":"Feature","properties":{`)
	for i, kv := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(kv.Key))
		b.WriteByte(':')
		switch v := kv.Value.(type) {
		case string:
			b.Write(jsonString(v))
		case int:
			b.WriteString(strconv.Itoa(v))
		case float64:
			b.WriteString(formatNumber(v))
		default:
			panic(fmt.Sprintf("synth: property %s has unsupported type %T", kv.Key, v)) // programming error
		}
	}
	b.WriteString(`},"geometry":`)
	b.Write(geometry)
	b.WriteByte('}')
	w.features = append(w.features, b.Bytes())
}

func (w *featureWriter) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, f := range w.features {
		b.Write(f)
		if i < len(w.features)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a Go string always encodes
	return bytes.TrimRight(b.Bytes(), "\n")
}

// formatNumber writes v in its shortest round-tripping decimal form, never in exponent notation.
func formatNumber(v float64) string {
	if v == 0 {
		return "0" // also turns -0 into 0
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func writePoint(b *bytes.Buffer, p orb.Point) {
	b.WriteByte('[')
	b.WriteString(formatNumber(round7(p[0])))
	b.WriteByte(',')
	b.WriteString(formatNumber(round7(p[1])))
	b.WriteByte(']')
}

func pointJSON(p orb.Point) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"Point","coordinates":`)
	writePoint(&b, p)
	b.WriteByte('}')
	return b.Bytes()
}

func multiPolygonJSON(mp orb.MultiPolygon) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"MultiPolygon","coordinates":[`)
	for i, poly := range mp {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j, r := range poly {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('[')
			for k, p := range r {
				if k > 0 {
					b.WriteByte(',')
				}
				writePoint(&b, p)
			}
			b.WriteByte(']')
		}
		b.WriteByte(']')
	}
	b.WriteString("]}")
	return b.Bytes()
}
