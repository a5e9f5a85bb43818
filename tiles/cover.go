package tiles

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// Block is the rectangle of tiles at one zoom that covers a bounding box: what a static export
// writes and what a cache seed asks for.
type Block struct {
	Z                      int
	MinX, MinY, MaxX, MaxY int // inclusive
}

// Count is the number of tiles in the block.
func (b Block) Count() int { return (b.MaxX - b.MinX + 1) * (b.MaxY - b.MinY + 1) }

// Coords lists the block's tiles, row by row.
func (b Block) Coords() []Coord {
	cs := make([]Coord, 0, b.Count())
	for y := b.MinY; y <= b.MaxY; y++ {
		for x := b.MinX; x <= b.MaxX; x++ {
			cs = append(cs, Coord{Z: b.Z, X: x, Y: y})
		}
	}
	return cs
}

// Cover returns, for every zoom from minZ to maxZ, the block of tiles that covers the bounds
// (west, south, east, north in degrees, as TileJSON's bounds are). A bound on a tile edge takes in the
// tile beyond it: one row too many costs a few empty tiles, one too few would lose shapes.
func Cover(bounds [4]float64, minZ, maxZ int) []Block {
	var bs []Block
	for z := minZ; z <= maxZ; z++ {
		nw := maptile.At(orb.Point{bounds[0], bounds[3]}, maptile.Zoom(z))
		se := maptile.At(orb.Point{bounds[2], bounds[1]}, maptile.Zoom(z))
		bs = append(bs, Block{Z: z, MinX: int(nw.X), MinY: int(nw.Y), MaxX: int(se.X), MaxY: int(se.Y)})
	}
	return bs
}

// Bounds is the extent's bounding box as TileJSON writes it (rounded outwards).
func (e Extent) Bounds() [4]float64 {
	return [4]float64{down6(e.MinLon), down6(e.MinLat), up6(e.MaxLon), up6(e.MaxLat)}
}

// ParseZoomRange reads a zoom range written "8-14" or a single zoom "12", each within 0-MaxZoom and
// the first not above the second.
func ParseZoomRange(s string) (minZ, maxZ int, err error) {
	lo, hi, ok := strings.Cut(s, "-")
	if !ok {
		hi = lo
	}
	if minZ, err = zoomNumber(lo); err == nil {
		maxZ, err = zoomNumber(hi)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("%q is not a zoom range such as 8-14: %w", clip(s), err)
	}
	if minZ > maxZ {
		return 0, 0, fmt.Errorf("%q runs backwards: write the lower zoom first, as in %d-%d", clip(s), maxZ, minZ)
	}
	return minZ, maxZ, nil
}

func zoomNumber(s string) (int, error) {
	z, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", clip(s))
	}
	if z < 0 || z > MaxZoom {
		return 0, fmt.Errorf("zoom %d is outside 0-%d", z, MaxZoom)
	}
	return z, nil
}
