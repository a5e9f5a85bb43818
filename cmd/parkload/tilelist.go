package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// maxZoom bounds -tiles: parkmap serves tiles to z18 at most.
const maxZoom = 18

// parseZooms reads "8-16" or "14" into the zooms in order.
func parseZooms(s string) ([]int, error) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(s), "-")
	from, err := strconv.Atoi(lo)
	if err != nil {
		return nil, fmt.Errorf("-tiles %q: want a zoom or a range such as 8-16", s)
	}
	to := from
	if isRange {
		if to, err = strconv.Atoi(hi); err != nil {
			return nil, fmt.Errorf("-tiles %q: want a zoom or a range such as 8-16", s)
		}
	}
	if from < 0 || to > maxZoom || from > to {
		return nil, fmt.Errorf("-tiles %q: zooms run from 0 to %d, low to high", s, maxZoom)
	}
	zs := make([]int, 0, to-from+1)
	for z := from; z <= to; z++ {
		zs = append(zs, z)
	}
	return zs, nil
}

// tileLists maps the sampled points to their tiles at each zoom, up to perZoom distinct tiles a
// zoom, taken in the points' order. The points come in a fixed random order from where the parcels
// are, so a zoom's list holds only tiles with data, and a dense tile is more likely on it than a
// sparse one, as on a planner's map. At county zoom there are fewer tiles than perZoom.
func tileLists(pts []orb.Point, zooms []int, perZoom int) map[int][]maptile.Tile {
	lists := make(map[int][]maptile.Tile, len(zooms))
	for _, z := range zooms {
		seen := map[maptile.Tile]bool{}
		for _, p := range pts {
			if len(lists[z]) == perZoom {
				break
			}
			t := maptile.At(p, maptile.Zoom(z))
			if !seen[t] {
				seen[t] = true
				lists[z] = append(lists[z], t)
			}
		}
	}
	return lists
}

// tilePath is the tile's path under a parkmap base URL, as the web map asks for it.
func tilePath(set string, t maptile.Tile) string {
	return fmt.Sprintf("/tiles/%s/%d/%d/%d.mvt", set, t.Z, t.X, t.Y)
}
