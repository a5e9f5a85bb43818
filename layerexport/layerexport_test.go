package layerexport

import (
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
)

func TestCheck(t *testing.T) {
	f, o, err := Check(Options{Format: "SHP", Encoding: "gbk"})
	if err != nil || f.ID != "shp" || o.CRS != "EPSG:4490" || o.Encoding != "GBK" {
		t.Errorf("shp gbk: %v %+v %v", f, o, err)
	}
	for _, c := range []struct {
		o     Options
		field string
	}{
		{Options{Format: "dwg"}, "format"},
		{Options{Format: "gpkg", CRS: "EPSG:3857"}, "crs"},
		{Options{Format: "csv", Encoding: "GBK"}, "encoding"},
		{Options{Format: "shp", Encoding: "Big5"}, "encoding"},
	} {
		_, _, err := Check(c.o)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.Invalid || e.Field != c.field || e.Fields[0].MessageZh == "" {
			t.Errorf("%+v: %v, want invalid %s", c.o, err, c.field)
		}
	}
}

// Every collection's columns are unique in every format, short names fit dBase's 10 bytes, and the
// people formats' headers are Chinese.
func TestColumnsAreUniqueAndFit(t *testing.T) {
	for _, c := range catalog.DefaultCollections() {
		for _, f := range Formats {
			seen := map[string]bool{}
			for _, col := range Columns(c, f) {
				k := strings.ToLower(col.Name)
				if seen[k] {
					t.Errorf("%s %s: %q twice", c.ID, f.ID, col.Name)
				}
				seen[k] = true
				if f.Short && len(col.Name) > 10 {
					t.Errorf("%s: short name %q is %d bytes", c.ID, col.Name, len(col.Name))
				}
				if f.People && col.Name != col.Property.Title && !strings.HasPrefix(col.Name, col.Property.Title+"（") {
					t.Errorf("%s %s: header %q is not the title %q", c.ID, f.ID, col.Name, col.Property.Title)
				}
			}
		}
	}
	used := map[string]bool{"building_a": true}
	if got := shortName("building_area_alt_wan_m2", used); got != "building01" {
		t.Errorf("short name after a taken cut: %q", got)
	}
}
