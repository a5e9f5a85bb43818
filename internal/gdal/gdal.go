// Package gdal runs GDAL's command-line tools (gdal-bin's ogrinfo and ogr2ogr) for the layer imports
// (issue 10): it reads what CRS a file declares, and copies a file's layer into a PostGIS table. The
// tools run with exec.CommandContext and their arguments as a slice, never through a shell, so a file
// name is never parsed as a command.
package gdal

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
)

// Info is what ogrinfo says of a file's layer.
type Info struct {
	Layer string
	// CRS is the layer's CRS as EPSG:n where GDAL identified one, else its WKT name; "" when the
	// file declares none.
	CRS      string
	Features int
	// Extent is the layer's bounds in the file's own coordinates and axis order (minX, minY, maxX,
	// maxY), for telling a CRS the file does not declare; HasExtent is false where ogrinfo gave none.
	Extent    [4]float64
	HasExtent bool
}

var (
	layerRe  = regexp.MustCompile(`(?m)^Layer name: (.*)$`)
	countRe  = regexp.MustCompile(`(?m)^Feature Count: (\d+)$`)
	extentRe = regexp.MustCompile(`(?m)^Extent: \(([-\d.eE+]+), ([-\d.eE+]+)\) - \(([-\d.eE+]+), ([-\d.eE+]+)\)$`)
	nameRe   = regexp.MustCompile(`(?m)^(?:PROJCRS|GEOGCRS|GEODCRS|COMPOUNDCRS)\["([^"]*)"`)
	// The CRS's own identifier is the last top-level ID of the WKT (indented by 4), after its parts'.
	epsgRe = regexp.MustCompile(`(?m)^    ID\["EPSG",(\d+)\]\]$`)
)

// ReadInfo runs `ogrinfo -ro -so FILE [LAYER]` and reads the layer's name, CRS and feature count.
// layer "" means the file's first layer.
func ReadInfo(ctx context.Context, file, layer string, config map[string]string) (Info, error) {
	args := []string{"-ro", "-so"}
	args = append(args, configArgs(config)...)
	args = append(args, file)
	if layer != "" {
		args = append(args, layer)
	} else {
		args = append(args, "-al")
	}
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, "ogrinfo", args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return Info{}, fmt.Errorf("ogrinfo %s: %w: %s", file, err, strings.TrimSpace(errb.String()))
	}
	s := out.String()
	// With -al every layer is listed; the first is the one imported.
	if locs := layerRe.FindAllStringIndex(s, -1); len(locs) > 1 {
		s = s[:locs[1][0]]
	}
	var in Info
	if m := layerRe.FindStringSubmatch(s); m != nil {
		in.Layer = strings.TrimSpace(m[1])
	}
	if m := countRe.FindStringSubmatch(s); m != nil {
		fmt.Sscan(m[1], &in.Features) //nolint:errcheck // digits by the expression
	}
	if m := extentRe.FindStringSubmatch(s); m != nil {
		in.HasExtent = true
		for i := range 4 {
			if _, err := fmt.Sscan(m[i+1], &in.Extent[i]); err != nil {
				in.HasExtent = false
			}
		}
	}
	if strings.Contains(s, "Layer SRS WKT:\n(unknown)") {
		return in, nil
	}
	if m := epsgRe.FindAllStringSubmatch(s, -1); len(m) > 0 {
		in.CRS = "EPSG:" + m[len(m)-1][1]
	} else if m := nameRe.FindStringSubmatch(s); m != nil {
		in.CRS = m[1]
	}
	return in, nil
}

// Stage is one copy of a file's layer into PostGIS.
type Stage struct {
	// DatabaseURL is a postgres:// URL; its password, if any, goes to ogr2ogr as PGPASSWORD, never on
	// its command line (which ps shows).
	DatabaseURL string
	File, Layer string
	// Table is schema.table, created by ogr2ogr (it must not exist).
	Table string
	// SourceCRS, when set, overrides the file's (-s_srs).
	SourceCRS string
	// Config are GDAL configuration options (SHAPE_ENCODING …), OpenOptions driver open options.
	Config      map[string]string
	OpenOptions []string
	// Progress receives ogr2ogr's progress bar and messages (stderr).
	Progress io.Writer
}

// Run copies the layer: every feature as a MultiPolygon in EPSG:4326, the geometry column geom, the
// feature number fid, field names as the file spells them (no laundering: Chinese names stay), and
// every field as text: the importer parses what it needs itself and names a value that is not a
// number, where a typed column would refuse the whole file (a GeoJSON year given once as 2021 and
// once as 二〇二二 becomes a JSON column COPY cannot fill).
func (s Stage) Run(ctx context.Context) error {
	conn, password, err := conninfo(s.DatabaseURL)
	if err != nil {
		return err
	}
	args := []string{"-f", "PostgreSQL", "PG:" + conn, s.File}
	if s.Layer != "" {
		args = append(args, s.Layer)
	}
	args = append(args, "-nln", s.Table, "-nlt", "PROMOTE_TO_MULTI", "-t_srs", "EPSG:4326",
		"-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid", "-lco", "LAUNDER=NO", "-lco", "SPATIAL_INDEX=NONE",
		"-fieldTypeToString", "All",
		"--config", "PG_USE_COPY", "YES", "-progress")
	if s.SourceCRS != "" {
		args = append(args, "-s_srs", s.SourceCRS)
	}
	args = append(args, configArgs(s.Config)...)
	for _, o := range s.OpenOptions {
		args = append(args, "-oo", o)
	}
	return ogr2ogr(ctx, args, password, s.File, s.Progress)
}

// ogr2ogr runs ogr2ogr with args, the database password in PGPASSWORD (never on the command line,
// which ps shows), its progress and messages to progress as well as kept for the error, which names
// file and ogr2ogr's last lines.
func ogr2ogr(ctx context.Context, args []string, password, file string, progress io.Writer) error {
	cmd := exec.CommandContext(ctx, "ogr2ogr", args...)
	if password != "" {
		cmd.Env = append(cmd.Environ(), "PGPASSWORD="+password)
	}
	var errb bytes.Buffer
	w := io.Writer(&errb)
	if progress != nil {
		w = io.MultiWriter(&errb, progress)
	}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("ogr2ogr %s: %w: %s", file, err, lastLines(errb.String(), 5))
	}
	return nil
}

func configArgs(config map[string]string) []string {
	var out []string
	for k, v := range config {
		out = append(out, "--config", k, v)
	}
	return out
}

// conninfo turns a postgres:// URL into libpq's key=value form, which GDAL's PG: prefix takes (it
// does not pass a URI's query through intact), and returns the password apart.
func conninfo(raw string) (string, string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", "", fmt.Errorf("database url: want postgres://…")
	}
	kv := [][2]string{{"host", u.Hostname()}, {"port", u.Port()}, {"dbname", strings.TrimPrefix(u.Path, "/")},
		{"user", u.User.Username()}}
	q := u.Query()
	// Only libpq's own parameters: pgx's (pool_max_conns …) would make libpq refuse the string.
	for _, k := range []string{"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "options"} {
		kv = append(kv, [2]string{k, q.Get(k)})
	}
	var parts []string
	for _, p := range kv {
		if p[1] == "" {
			continue
		}
		parts = append(parts, p[0]+"='"+strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(p[1])+"'")
	}
	pw, _ := u.User.Password()
	return strings.Join(parts, " "), pw, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
