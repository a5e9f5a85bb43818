package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pingyang/parkmap/internal/tileseed"
	"github.com/pingyang/parkmap/tiles"
)

// tiles seed: a running server's tile cache warmed over the county, whose extent it reads from the
// server's TileJSON (issue 11); tiles export (tilesexport.go) writes the same tiles as one PMTiles archive.

const defaultZooms = "8-14"

func runTiles(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"tiles: name a subcommand: parkmap tiles seed|export"}
	}
	switch args[0] {
	case "seed":
		return runTilesSeed(ctx, args[1:], stdout, stderr)
	case "export":
		return runTilesExport(ctx, args[1:], stdout, stderr)
	default:
		return usageError{fmt.Sprintf("tiles: unknown subcommand %q (seed, export)", args[0])}
	}
}

// zoomFlag parses -zoom and checks it against the tileset's zooms [lo, hi].
func zoomFlag(cmd, value, set string, lo, hi int) (int, int, error) {
	minZ, maxZ, err := tiles.ParseZoomRange(value)
	if err != nil {
		return 0, 0, usageError{fmt.Sprintf("%s: -zoom: %v", cmd, err)}
	}
	if minZ < lo || maxZ > hi {
		return 0, 0, usageError{fmt.Sprintf("%s: -zoom %s is outside tileset %s's zooms %d-%d", cmd, value, set, lo, hi)}
	}
	return minZ, maxZ, nil
}

func runTilesSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("tiles seed", stderr)
	base := fs.String("url", "", "the running server, http://HOST:PORT")
	setID := fs.String("set", tiles.AllID, "the tileset: all, or one collection")
	zoom := fs.String("zoom", defaultZooms, "the zooms to ask for, as 8-14 or 12, within the tileset's")
	workers := fs.Int("c", 4, "requests at once")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *base == "" || !(strings.HasPrefix(*base, "http://") || strings.HasPrefix(*base, "https://")) {
		return usageError{fmt.Sprintf("tiles seed: -url %q: name the running server, as -url http://127.0.0.1:8080", *base)}
	}
	if *workers < 1 {
		return usageError{fmt.Sprintf("tiles seed: -c %d: ask for at least 1 tile at a time", *workers)}
	}
	if _, _, err := tiles.ParseZoomRange(*zoom); err != nil {
		return usageError{fmt.Sprintf("tiles seed: -zoom: %v", err)}
	}
	client := &http.Client{}
	doc, err := tileseed.TileJSON(ctx, client, *base, *setID)
	if err != nil {
		return err
	}
	minZ, maxZ, err := zoomFlag("tiles seed", *zoom, *setID, doc.MinZoom, doc.MaxZoom)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "tiles seed: %s z%d-%d over %v from %s\n", *setID, minZ, maxZ, doc.Bounds, *base)
	r := tileseed.Seed(ctx, client, tileseed.Options{Base: *base, Set: *setID, Bounds: doc.Bounds,
		MinZoom: minZ, MaxZoom: maxZ, Workers: *workers})
	secs := r.Elapsed.Seconds()
	fmt.Fprintf(stdout, "seeded %d tiles: %d with data, %d empty, %d failed; %d bytes in %v (%.0f tiles/s)\n",
		r.Requested, r.Tiles, r.Empty, r.Failed, r.Bytes, r.Elapsed.Round(time.Millisecond), float64(r.Requested)/max(secs, 1e-9))
	if r.Failed > 0 {
		return fmt.Errorf("tiles seed: %d of %d tiles failed; the first: %s", r.Failed, r.Requested, r.FirstError)
	}
	return nil
}
