// Command parkmap serves Pingyang County's small and micro enterprise park plan (2018–2022) from
// PostGIS as OGC API Features and vector tiles, and loads and checks the bundled dataset.
//
//	parkmap serve      [-addr 127.0.0.1:8080] [-db URL] [-write-db URL] [-base-url URL] [-rules FILE] [-briefing FILE]
//	parkmap migrate    [-db URL]
//	parkmap load       [-db URL]            (migrates first; check-data in one line: unexpected findings warn)
//	parkmap check-data [-json]              (no database needed)
//	parkmap check-parcels [-db URL] [-crs CRS] [-type T] [-plot-ratio R] [-fact k=v]… [-format csv|geojson|text] [-o FILE] FILE.geojson|-collection C|-ids ID,…
//	parkmap healthcheck [-url URL]
//	parkmap tiles seed -url http://HOST:PORT [-set all|COLLECTION] [-zoom 8-14] [-c 4]
//	parkmap tiles export -url http://HOST:PORT -o FILE [-format pmtiles] [-set all|COLLECTION] [-zoom 8-14] [-c 4]
//	parkmap import LAYER FILE [-map FIELD=SOURCE]… [-kind K] [-crs C] [-encoding E] [-repair] [-dry-run]
//	parkmap versions LAYER [-json]       (LAYER: parks, parcels, redevelopment, towns, constraints)
//	parkmap rollback LAYER VERSION
//	parkmap user add|passwd|disable|enable|list [-db URL] …
//
// Each database role has its URL (issue 9): migrate and load run as the owner, parkmap_owner
// (DATABASE_URL); serve connects as parkmap_reader (PARKMAP_READER_URL, -db) and parkmap_writer
// (PARKMAP_WRITER_URL, -write-db) and refuses a superuser; check-parcels reads as parkmap_reader
// (PARKMAP_READER_URL). -db overrides the variable. The geometry files it
// loads are written by a separate command, parkmap-synth, which this binary does not link.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// usageError is a mistake on the command line: it exits 2 and prints the usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: parkmap <command> [flags]

commands:
  serve        serve the API, the tiles and the map (flags: -addr, -db, -write-db, -require-login,
               -base-url, -rules, -briefing, -tianditu-key, -tianditu-gs, -tile-cache-mb,
               -tiles-archive URL: the page draws its vector tiles from a tiles export archive)
  migrate      apply the schema migrations (flags: -db)
  load         migrate, then stage the bundled dataset and swap it in (flags: -db)
  check-data   check the plan's totals and report its own inconsistencies (flags: -json)
  check-parcels FILE.geojson | -collection redevelopment | -ids RD-018,…
               check parcel eligibility, with the plan's clause for every rule (flags: -db, -crs, -type,
               -plot-ratio, -industry, -fact name=value, -format csv|geojson|text, -o, -workers)
  export COLLECTION -format gpkg|geojson|shp|csv|xlsx|bubiao [-crs EPSG:4490|4549|4528|4326]
               [-encoding UTF-8|GBK] [-o FILE]
               a published collection as a file, through GDAL (flags: -db)
  tiles seed   -url http://HOST:PORT [-set all] [-zoom 8-14] [-c 4]: ask a running server for every tile
               of the county in the zooms, so that its tile cache is warm
  tiles export -url http://HOST:PORT -o FILE [-format pmtiles] [-set all] [-zoom 8-14] [-c 4]: the server's
               tiles (as published, gzip) as one PMTiles v3 archive, for a static host or CDN
  healthcheck  exit 0 if the service at -url answers 200 (for container health checks)
  import       constraints FILE: stage a layer file with GDAL, preview it, publish it as a version
               (flags: -kind, -map, -id-field, -name-field, -crs, -encoding, -repair, -dry-run, -json, -note, -db)
  versions     constraints: the layer's published versions (flags: -json, -db)
  rollback     constraints VERSION: make an earlier version current again (flags: -db)
  mappings     LAYER: the layer's saved field mappings, one per source (flags: -json, -db)
  user         add | passwd | disable | enable | list: the accounts that may log in (flags: -db;
               parkmap user with no subcommand shows its usage)

The database: migrate, load, import, versions and rollback run as the owner parkmap_owner,
DATABASE_URL; serve as parkmap_reader, PARKMAP_READER_URL (and parkmap_writer, PARKMAP_WRITER_URL,
-write-db); check-parcels and export as parkmap_reader, PARKMAP_READER_URL. -db overrides the variable.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "parkmap:", err)
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, stderr)
	case "migrate":
		return runMigrate(ctx, rest, stdout, stderr)
	case "load":
		return runLoad(ctx, rest, stdout, stderr)
	case "check-data":
		return runCheckData(rest, stdout, stderr)
	case "check-parcels":
		return runCheckParcels(ctx, rest, stdout, stderr)
	case "export":
		return runExport(ctx, rest, stdout, stderr)
	case "tiles":
		return runTiles(ctx, rest, stdout, stderr)
	case "healthcheck":
		return runHealthcheck(ctx, rest, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "versions":
		return runVersions(ctx, rest, stdout, stderr)
	case "rollback":
		return runRollback(ctx, rest, stdout, stderr)
	case "mappings":
		return runMappings(ctx, rest, stdout, stderr)
	case "user":
		return runUser(ctx, rest, userIO{stdin: os.Stdin, stdout: stdout, stderr: stderr})
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}
