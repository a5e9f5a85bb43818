package coordtable

import (
	"bytes"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzReadCSV feeds arbitrary bytes to ReadCSV: it must never panic, and whatever it accepts must be
// a layer GDAL can stage: at least one parcel, each one polygon whose rings are closed with three
// distinct corners at least, the outer ring counter-clockwise, and a CRS decided. The seed corpus in
// testdata/fuzz/FuzzReadCSV holds lon/lat, zone 40, GBK, BOM, tab-separated, holes and broken tables.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(lonLat))
	f.Add([]byte(zone40))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := ReadCSV(bytes.NewReader(b), Options{})
		if err != nil {
			return
		}
		if len(tb.Parcels) == 0 || tb.CRS.CRS == "" {
			t.Fatalf("accepted with %d parcels, CRS %q", len(tb.Parcels), tb.CRS.CRS)
		}
		for _, p := range tb.Parcels {
			if p.ID == "" || len(p.Geometry) != 1 || len(p.Geometry[0]) == 0 {
				t.Fatalf("parcel %q: geometry %v", p.ID, p.Geometry)
			}
			for i, r := range p.Geometry[0] {
				if len(r) < 4 || r[0] != r[len(r)-1] || distinct(r) < 3 {
					t.Fatalf("parcel %q ring %d not closed or too small: %v", p.ID, i, r)
				}
				if i == 0 && r.Orientation() == orb.CW {
					t.Fatalf("parcel %q: outer ring clockwise", p.ID)
				}
			}
		}
	})
}
