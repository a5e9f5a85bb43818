package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/pingyang/parkmap/tiles"
)

// Bad flags are usage errors naming the flag, found before any database is reached.
func TestTilesUsageErrors(t *testing.T) {
	t.Setenv("PARKMAP_READER_URL", "postgres://nobody@127.0.0.1:1/none")
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"tiles"}, "subcommand"},
		{[]string{"tiles", "pack"}, "subcommand"},
		{[]string{"tiles", "seed"}, "-url"},
		{[]string{"tiles", "seed", "-url", "http://127.0.0.1:1", "-zoom", "a-b"}, "-zoom"},
		{[]string{"tiles", "export", "-o", "x.pmtiles"}, "-url"},
		{[]string{"tiles", "export", "-url", "http://127.0.0.1:1"}, "-o"},
		{[]string{"tiles", "export", "-url", "http://127.0.0.1:1", "-o", "x", "-format", "mbtiles"}, "-format"},
		{[]string{"tiles", "export", "-url", "http://127.0.0.1:1", "-o", "x", "-zoom", "9-8"}, "-zoom"},
		{[]string{"tiles", "export", "-url", "http://127.0.0.1:1", "-o", "x", "-c", "0"}, "-c"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), c.args, &out, &errb)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.flag) {
			t.Errorf("parkmap %v: err = %v, want a usage error naming %s", c.args, err, c.flag)
		}
	}
	if !strings.Contains(usage, "tiles seed") || !strings.Contains(usage, "tiles export") {
		t.Errorf("the usage text lacks the tiles commands")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"`parkmap tiles seed", "`parkmap tiles export"} {
		if !bytes.Contains(readme, []byte(cmd)) {
			t.Errorf("README.md's command list lacks %s", cmd)
		}
	}
}

// seed asks for every tile of the extent: their count is what the TileJSON bounds imply, and with the
// database cut off afterwards every one of them is still served (from the cache) while a tile that
// was not seeded is not.
func TestTilesSeedWarmsCache(t *testing.T) {
	base, proxy, _ := testenv.CutServer(t, app.Config{})
	var stdout, stderr bytes.Buffer
	args := []string{"tiles", "seed", "-url", base, "-set", "all", "-zoom", "8-11", "-c", "2"}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	var doc tiles.TileJSON
	getJSON(t, base+"/tiles/all.json", &doc)
	var coords []tiles.Coord
	for _, b := range tiles.Cover(doc.Bounds, 8, 11) {
		coords = append(coords, b.Coords()...)
	}
	if !strings.HasPrefix(stdout.String(), "seeded "+strconv.Itoa(len(coords))+" tiles") || !strings.Contains(stdout.String(), " 0 failed") {
		t.Errorf("seed: %q, the extent holds %d tiles at z8-11", stdout.String(), len(coords))
	}
	proxy.Cut()
	defer proxy.Restore()
	for _, c := range coords {
		res, err := http.Get(base + "/tiles/all/" + c.String() + ".mvt")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNoContent {
			t.Errorf("seeded tile %s with the database away: %d", c, res.StatusCode)
		}
	}
	unseeded := tiles.Cover(doc.Bounds, 12, 12)[0].Coords()[0]
	res, err := http.Get(base + "/tiles/all/" + unseeded.String() + ".mvt")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("unseeded tile %s with the database away: %d, want 503", unseeded, res.StatusCode)
	}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
}
