package synth

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// bundledGeo reads the bundled county outline and town seats the generators draw around.
func bundledGeo(t *testing.T) (county, towns []byte) {
	t.Helper()
	var err error
	if county, err = os.ReadFile(filepath.Join("..", "..", "data", "geo", CountyFile)); err != nil {
		t.Fatal(err)
	}
	if towns, err = os.ReadFile(filepath.Join("..", "..", "data", "geo", TownsFile)); err != nil {
		t.Fatal(err)
	}
	return county, towns
}

// checkNoOverlap fails when two of the rings overlap: rings whose boxes meet may have no vertex of
// either inside the other. what names the features in the message.
func checkNoOverlap(t *testing.T, rings []orb.Ring, what string) {
	t.Helper()
	for i := range rings {
		bi := rings[i].Bound()
		for j := i + 1; j < len(rings); j++ {
			if !bi.Intersects(rings[j].Bound()) {
				continue
			}
			for _, pair := range [][2]orb.Ring{{rings[i], rings[j]}, {rings[j], rings[i]}} {
				for _, q := range pair[1] {
					if planar.RingContains(pair[0], q) {
						t.Fatalf("%s %d and %d overlap", what, i+1, j+1)
					}
				}
			}
		}
	}
}
