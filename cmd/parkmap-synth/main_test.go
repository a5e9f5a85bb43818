package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/synth"
)

// The command writes every generated file into -out; TestRegenerateMatchesCommitted (internal/synth)
// compares their bytes with data/geo, so this only checks the wiring.
func TestWritesEveryFile(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	echarts := filepath.Join("..", "..", defaultECharts)
	if err := run([]string{"-echarts", echarts, "-out", dir}, &out, &errb); err != nil {
		t.Fatalf("parkmap-synth: %v\n%s", err, errb.String())
	}
	for _, n := range synth.FileNames {
		if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", n, err)
		}
		if !strings.Contains(out.String(), n) {
			t.Errorf("output does not report %s:\n%s", n, out.String())
		}
	}
}

func TestUsageAndInputErrors(t *testing.T) {
	for _, args := range [][]string{{"-no-such-flag"}, {"stray"}, {"-constraints", "5"}, {"-constraints", "-1", "-o", "x.geojson"},
		{"-cadastre", "5", "-constraints", "5", "-o", "x.geojson"}} {
		var out, errb bytes.Buffer
		if err := run(args, &out, &errb); !errors.Is(err, errUsage) {
			t.Errorf("parkmap-synth %v: err = %v, want a usage error", args, err)
		}
	}
	var out, errb bytes.Buffer
	err := run([]string{"-echarts", filepath.Join(t.TempDir(), "missing.js"), "-out", t.TempDir()}, &out, &errb)
	if err == nil || errors.Is(err, errUsage) || !strings.Contains(err.Error(), "npm ci") {
		t.Errorf("missing outline source: %v", err)
	}
}
