package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pingyang/parkmap/internal/tilearchive"
	"github.com/pingyang/parkmap/internal/tileseed"
	"github.com/pingyang/parkmap/tiles"
)

// tiles export: the published tiles as one PMTiles v3 archive, for a static host or CDN (issue 11).
// The tiles come from a running server (-url) rather than straight from the database: the archive
// then holds exactly the bytes the server publishes (its cache, its gzip), and export needs no
// database access.

func runTilesExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("tiles export", stderr)
	base := fs.String("url", "", "the running server, http://HOST:PORT")
	format := fs.String("format", "pmtiles", "the archive format: pmtiles")
	out := fs.String("o", "", "the archive file to write")
	setID := fs.String("set", tiles.AllID, "the tileset: all, or one collection")
	zoom := fs.String("zoom", defaultZooms, "the zooms to export, as 8-14 or 12, within the tileset's")
	workers := fs.Int("c", 4, "requests at once")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case *format != "pmtiles":
		return usageError{fmt.Sprintf("tiles export: -format %q: the one format is pmtiles", *format)}
	case *out == "":
		return usageError{"tiles export: -o: name the archive file to write, as -o county.pmtiles"}
	case *base == "" || !(strings.HasPrefix(*base, "http://") || strings.HasPrefix(*base, "https://")):
		return usageError{fmt.Sprintf("tiles export: -url %q: name the running server, as -url http://127.0.0.1:8080", *base)}
	case *workers < 1:
		return usageError{fmt.Sprintf("tiles export: -c %d: ask for at least 1 tile at a time", *workers)}
	}
	if _, _, err := tiles.ParseZoomRange(*zoom); err != nil {
		return usageError{fmt.Sprintf("tiles export: -zoom: %v", err)}
	}
	client := &http.Client{}
	doc, err := tileseed.TileJSON(ctx, client, *base, *setID)
	if err != nil {
		return err
	}
	minZ, maxZ, err := zoomFlag("tiles export", *zoom, *setID, doc.MinZoom, doc.MaxZoom)
	if err != nil {
		return err
	}
	start := time.Now()
	// Best effort: a server whose database is away still serves its cached tiles, but not /readyz.
	version, err := datasetVersion(ctx, client, *base)
	if err != nil {
		fmt.Fprintf(stderr, "tiles export: the archive will not name its dataset version: %v\n", err)
	}
	a := tilearchive.New(tilearchive.Header{TileCompression: tilearchive.CompressionGzip, TileType: tilearchive.TileTypeMVT,
		MinZoom: uint8(minZ), MaxZoom: uint8(maxZ), Bounds: doc.Bounds,
		CenterZoom: uint8(min(max(int(doc.Center[2]), minZ), maxZ)), Center: [2]float64{doc.Center[0], doc.Center[1]}},
		archiveMetadata(doc, *base, version, minZ, maxZ, start))
	fmt.Fprintf(stderr, "tiles export: %s z%d-%d over %v from %s\n", *setID, minZ, maxZ, doc.Bounds, *base)
	err = tileseed.Fetch(ctx, client, tileseed.Options{Base: *base, Set: *setID, Bounds: doc.Bounds,
		MinZoom: minZ, MaxZoom: maxZ, Workers: *workers}, func(c tiles.Coord, gz []byte) error {
		return a.Add(uint8(c.Z), uint32(c.X), uint32(c.Y), gz)
	})
	if err != nil {
		return fmt.Errorf("tiles export: %w (no archive written)", err)
	}
	// The metadata names one dataset version: an archive whose tiles straddle a reload would not be it.
	if after, err := datasetVersion(ctx, client, *base); version != "" && err != nil {
		return fmt.Errorf("tiles export: the dataset version could not be read again to check that it held: %w (no archive written)", err)
	} else if version != "" && after != version {
		return fmt.Errorf("tiles export: the server's data changed while its tiles were fetched (dataset version %q, then %q): no archive written; export again", version, after)
	}
	st, err := writeArchive(a, *out)
	if errors.Is(err, tilearchive.ErrEmpty) {
		return fmt.Errorf("tiles export: the server has no tiles with data for %s at z%d-%d: no archive written", *setID, minZ, maxZ)
	}
	if err != nil {
		return fmt.Errorf("tiles export: %w", err)
	}
	fmt.Fprintf(stdout, "exported %d tiles (%d unique, %d directory entries, %d leaf directories) to %s: %d bytes in %v\n",
		st.Addressed, st.Contents, st.Entries, st.Leaves, *out, st.Bytes, time.Since(start).Round(time.Millisecond))
	return nil
}

// archiveMetadata is the archive's JSON metadata: the TileJSON's description of the layers (which
// MapLibre and other readers use), its attribution, and where and when the tiles came from:
// exported_at (RFC 3339, UTC) and dataset_version, which the web map shows so that a person knows
// the map is a snapshot and of when.
func archiveMetadata(doc tiles.TileJSON, base, version string, minZ, maxZ int, at time.Time) map[string]any {
	m := map[string]any{
		"exported_at":   at.UTC().Format(time.RFC3339),
		"name":          doc.Name,
		"description":   doc.Description,
		"attribution":   doc.Attribution,
		"type":          "overlay",
		"format":        "pbf",
		"vector_layers": doc.VectorLayers,
		"provenance": fmt.Sprintf("parkmap tiles export of %s, z%d-%d, fetched from %s at %s; the attribution says which layers are illustrative",
			doc.Name, minZ, maxZ, base, at.UTC().Format(time.RFC3339)),
	}
	if version != "" { // none when /readyz did not tell it
		m["dataset_version"] = version
	}
	return m
}

// datasetVersion is the dataset version the server's tiles are keyed by, as its /readyz tells it.
func datasetVersion(ctx context.Context, client *http.Client, base string) (string, error) {
	u := strings.TrimRight(base, "/") + "/readyz"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return "", err
	}
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var body struct {
		Version string `json:"dataset_version"`
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", u, res.Status)
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<16)).Decode(&body); err != nil || body.Version == "" {
		return "", fmt.Errorf("GET %s: no dataset_version (%v): is it a parkmap server?", u, err)
	}
	return body.Version, nil
}

// writeArchive writes through a temporary file renamed into place, so a failed export leaves no
// half archive where a static host would serve it.
func writeArchive(a *tilearchive.Archive, path string) (tilearchive.Stats, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".export-*.pmtiles")
	if err != nil {
		return tilearchive.Stats{}, err
	}
	defer os.Remove(f.Name())
	st, err := a.Write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return st, err
	}
	return st, os.Rename(f.Name(), path)
}
