package web

import (
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/layerimport"
)

// The route table's importing roles are exactly those of some layer: a role added to a target is
// let through to the handler (which checks the layer's own), and no role imports nothing.
func TestImportRolesCoverTargets(t *testing.T) {
	var union []string
	for _, tg := range layerimport.Targets() {
		for _, r := range tg.Roles {
			if !slices.Contains(union, r) {
				union = append(union, r)
			}
		}
	}
	slices.Sort(union)
	got := slices.Sorted(slices.Values(importRoles))
	if !slices.Equal(got, union) {
		t.Errorf("importRoles %v, the targets' roles %v", got, union)
	}
}

// An upload is saved under its own base name, never a path, never hidden, its extension kept.
func TestUploadName(t *testing.T) {
	for in, want := range map[string]string{
		"管控图层.geojson":             "管控图层.geojson",
		"../../etc/passwd":         "passwd",
		`C:\Users\张三\地块.zip`:       "地块.zip",
		".hidden.kml":              "hidden.kml",
		"..":                       "",
		"  . .gpkg":                "gpkg",
		"a\x00b\nc.txt":            "a_b_c.txt",
		"x:y.dxf":                  "x_y.dxf",
		"":                         "",
		"/":                        "",
		"dir/sub/地块 (1).xlsx":      "地块 (1).xlsx",
		"\u00e9t\u00e9.csv":        "\u00e9t\u00e9.csv",
		"name-without-extension":   "name-without-extension",
		"trailing/":                "",
		"a/.b/..c.kmz":             "c.kmz",
		"zip.zip.zip":              "zip.zip.zip",
		"  spaced name .geojson  ": "spaced name .geojson",
	} {
		if got := uploadName(in); got != want {
			t.Errorf("uploadName(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("地", 200)
	if got := uploadName(long + ".geojson"); len([]rune(got)) != 120 || got[len(got)-8:] != ".geojson" {
		t.Errorf("a long name: %q", got)
	}
}
