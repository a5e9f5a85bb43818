package cql2

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/wkt"
)

// geometryOf reads a geometry literal. A WKT literal is written back as WKT text from the tokens the
// grammar took and read by go-geom's WKT decoder, which knows each type's nesting; BBOX is built here.
// Then what PostGIS would refuse with an error is refused first: positions that are not 2D, numbers
// that are not finite, rings that do not close, too many vertices.
func geometryOf(g *geomLiteral) (geom.T, error) {
	kind := strings.ToUpper(g.Kind)
	if kind == "BBOX" {
		return bbox(g.Body)
	}
	var b strings.Builder
	b.WriteString(kind)
	writeCoords(&b, g.Body)
	t, err := wkt.Unmarshal(b.String())
	if err != nil {
		return nil, fmt.Errorf("%s is not well formed: %s", kind, wktReason(err))
	}
	if t.Layout() != geom.XY {
		return nil, fmt.Errorf("%s has positions of %d numbers; parkmap's data is 2D (two numbers a position)", kind, t.Stride())
	}
	if err := checkCoords(t.FlatCoords()); err != nil {
		return nil, err
	}
	if len(t.FlatCoords())/2 > MaxVertices {
		return nil, fmt.Errorf("%s has %d positions; at most %d are allowed", kind, len(t.FlatCoords())/2, MaxVertices)
	}
	if err := checkParts(t); err != nil {
		return nil, fmt.Errorf("%s %v", kind, err)
	}
	return t, nil
}

// wktReason is the first line of go-geom's error without its position, which counts in the text
// rebuilt here, not in the filter as the user wrote it (the error says where the literal starts).
func wktReason(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	if i := strings.Index(msg, " at line "); i > 0 {
		msg = msg[:i]
	}
	return strings.TrimPrefix(msg, "syntax error: ")
}

func writeCoords(b *strings.Builder, c *coords) {
	b.WriteByte('(')
	for i, item := range c.Items {
		if i > 0 {
			b.WriteByte(',')
		}
		if item.Nested != nil {
			writeCoords(b, item.Nested)
		} else {
			b.WriteString(strings.Join(item.Nums, " "))
		}
	}
	b.WriteByte(')')
}

// bbox reads BBOX(x1, y1, x2, y2) (or its 6-number form with heights, which are ignored) as a
// polygon: the lower corner first, each in the filter CRS's axis order.
func bbox(c *coords) (geom.T, error) {
	var nums []float64
	for _, item := range c.Items {
		if item.Nested != nil || len(item.Nums) != 1 {
			return nil, errors.New("BBOX takes 4 numbers separated by commas")
		}
		var v float64
		if _, err := fmt.Sscan(item.Nums[0], &v); err != nil {
			return nil, fmt.Errorf("BBOX: %q is not a number", item.Nums[0])
		}
		nums = append(nums, v)
	}
	switch len(nums) {
	case 4:
	case 6:
		nums = []float64{nums[0], nums[1], nums[3], nums[4]}
	default:
		return nil, fmt.Errorf("BBOX takes 4 numbers (or 6 with heights); got %d", len(nums))
	}
	if err := checkCoords(nums); err != nil {
		return nil, err
	}
	x0, y0, x1, y1 := nums[0], nums[1], nums[2], nums[3]
	if x0 > x1 || y0 > y1 {
		return nil, errors.New("BBOX gives the lower corner first: its first two numbers must not exceed its last two")
	}
	return geom.NewPolygonFlat(geom.XY, []float64{x0, y0, x1, y0, x1, y1, x0, y1, x0, y0}, []int{10}), nil
}

func checkCoords(flat []float64) error {
	for _, v := range flat {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e9 {
			return fmt.Errorf("the coordinate %g is out of range", v)
		}
	}
	return nil
}

// checkParts refuses lines of one position and rings that are not closed or have fewer than four.
func checkParts(t geom.T) error {
	var lines [][]geom.Coord
	var rings [][]geom.Coord
	switch g := t.(type) {
	case *geom.LineString:
		lines = append(lines, g.Coords())
	case *geom.MultiLineString:
		lines = append(lines, g.Coords()...)
	case *geom.Polygon:
		rings = append(rings, g.Coords()...)
	case *geom.MultiPolygon:
		for _, p := range g.Coords() {
			rings = append(rings, p...)
		}
	}
	for _, l := range lines {
		if len(l) < 2 {
			return errors.New("has a line of fewer than 2 positions")
		}
	}
	for _, r := range rings {
		if len(r) < 4 {
			return errors.New("has a ring of fewer than 4 positions")
		}
		if !r[0].Equal(geom.XY, r[len(r)-1]) {
			return errors.New("has a ring that does not close: its last position must repeat its first")
		}
	}
	return nil
}
