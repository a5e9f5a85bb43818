package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/pgtest"
	"github.com/pingyang/parkmap/internal/testenv"
)

// The tile mode runs end to end against a served instance with the bundled data, so that it cannot
// rot: every zoom asked for is measured in all four runs and printed. Nothing here is timed.
func TestTileModeReportsEveryZoom(t *testing.T) {
	db := testenv.LoadedDatabase(t)
	base := testenv.ServeDatabase(t, db, app.Config{})
	zooms, err := parseZooms("8-16")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cfg := tileConfig{base: base, set: "parcels", dbURL: pgtest.RoleURL(db, testenv.ReaderRole), zooms: zooms,
		perZoom: 3, points: 100, warmN: 12, renderN: 7, conc: 2, limit: 10 * time.Minute}
	rs, err := runTiles(context.Background(), cfg, &out)
	if err != nil {
		t.Fatalf("runTiles: %v\n%s", err, out.String())
	}
	if len(rs) != len(zooms) {
		t.Fatalf("%d zooms reported, want %d\n%s", len(rs), len(zooms), out.String())
	}
	for i, r := range rs {
		if r.z != zooms[i] || r.tiles == 0 || r.cold.n != r.tiles || r.floor.n != r.tiles ||
			r.warm.n != cfg.warmN || r.ceiling.n != cfg.warmN || r.rendered.n != cfg.renderN || r.floorAgain.n != cfg.renderN {
			t.Errorf("z%d: %d tiles, runs cold %d floor %d rendered %d floor again %d warm %d ceiling %d", zooms[i], r.tiles,
				r.cold.n, r.floor.n, r.rendered.n, r.floorAgain.n, r.warm.n, r.ceiling.n)
		}
		// A forced render is a tile like the first one: same tiles, so data in some of them; the HTTP
		// floor serves the floor's tiles, so data too.
		if r.rendered.maxWire == 0 || r.rendered.errors > 0 {
			t.Errorf("z%d: the uncached renders brought %d bytes at most, %d errors", r.z, r.rendered.maxWire, r.rendered.errors)
		}
		if r.httpFloor.n != cfg.renderN || r.httpFloor.maxWire == 0 || r.httpFloor.errors > 0 {
			t.Errorf("z%d: the HTTP floor answered %d of %d, %d bytes at most, %d errors", r.z, r.httpFloor.n, cfg.renderN, r.httpFloor.maxWire, r.httpFloor.errors)
		}
		if r.cold.maxMVT == 0 || r.floor.maxMVT == 0 {
			t.Errorf("z%d: tiles with data were empty (parkmap max %d B, floor max %d B)", r.z, r.cold.maxMVT, r.floor.maxMVT)
		}
		if n := strings.Count(out.String(), fmt.Sprintf("\n%3d ", r.z)); n != 3 {
			t.Errorf("z%d is printed in %d tables, want 3 (uncached first and steady, warm)\n%s", r.z, n, out.String())
		}
	}
}
