package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/app"
)

// serve -tiles-archive refuses, before anything is opened, an address the page could not read or
// would read from the wrong place, with a usage error that names the flag; a good one is kept in the
// config, which Run hands to the page (the browser test, web/pmtiles_browser_e2e_test.go, reads it there).
func TestServeTilesArchiveFlag(t *testing.T) {
	for arg, want := range map[string]string{
		"pingyang.pmtiles":                 "relative path",
		"ftp://tiles.example.cn/p.pmtiles": `scheme "ftp"`,
		"https:///p.pmtiles":               "no host",
		"//tiles.example.cn/p.pmtiles":     "scheme-relative",
	} {
		var out, errb bytes.Buffer
		// The database is unreachable: a start that got past the flags would fail on it instead.
		err := run(context.Background(), []string{"serve", "-addr", "127.0.0.1:0", "-db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=1",
			"-tiles-archive", arg}, &out, &errb)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), "-tiles-archive") || !strings.Contains(err.Error(), want) {
			t.Errorf("serve -tiles-archive %q: %v; want a usage error saying %q", arg, err, want)
		}
	}
	for _, arg := range []string{"https://tiles.example.cn/p.pmtiles", "/static-tiles/p.pmtiles"} {
		m := app.NewMain(io.Discard)
		if err := m.ParseFlags([]string{"-db", "postgres://x", "-tiles-archive", arg}, io.Discard, func(string) string { return "" }); err != nil {
			t.Errorf("serve -tiles-archive %q: %v", arg, err)
		}
		if m.Config.TilesArchive != arg {
			t.Errorf("serve -tiles-archive %q: config has %q", arg, m.Config.TilesArchive)
		}
	}
}
