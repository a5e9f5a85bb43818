// Package data embeds parkmap's bundled dataset and schema migrations: the plan's figures as
// transcribed in seed/ (see PROVENANCE.md), the drawn geometries in geo/ (the county outline is real,
// every other shape is illustrative and written by cmd/parkmap-synth), and schema/NNNN_*.sql.
package data

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/pingyang/parkmap/plan"
)

//go:embed schema/*.sql
var schemaFS embed.FS

//go:embed seed/*.json
var seedFS embed.FS

//go:embed geo/*.geojson
var geoFS embed.FS

// Migrations returns the schema migrations, named NNNN_name.sql, in a filesystem rooted at schema/.
func Migrations() fs.FS {
	sub, err := fs.Sub(schemaFS, "schema")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sub
}

// GeoFS returns the committed geometry files (data/geo/*.geojson), rooted at geo/.
func GeoFS() fs.FS {
	sub, err := fs.Sub(geoFS, "geo")
	if err != nil {
		panic(err)
	}
	return sub
}

// Seed is the plan's figures without geometry: what cmd/parkmap-synth draws from.
type Seed struct {
	Parks   []plan.Park
	Towns   []SeedTown
	Zones   []plan.Zone
	Tables  []plan.PlanTable
	Targets []plan.Target
	// Known maps a plan.Finding ID to a note on the plan's own inconsistency it records.
	Known map[string]string
	// Provenance is each layer's provenance (seed/provenance.json), for the features that do not
	// carry their own.
	Provenance map[string]LayerProvenance
	// EvaluationRounds and Evaluations are the park evaluations already public, with their sources
	// (seed/evaluations.json).
	EvaluationRounds []plan.EvaluationRound
	Evaluations      []plan.ParkEvaluation
}

// LayerProvenance is where a layer's shapes come from: "real" or "illustrative", and a note that says
// from which source, or why they are schematic. {name} in Note stands for the feature's property name.
type LayerProvenance struct {
	Provenance string `json:"provenance"`
	Note       string `json:"note"`
}

// SeedTown is a town as transcribed, with its seat where a public source gives one.
type SeedTown struct {
	plan.Town
	SeatLonLat *[2]float64 `json:"seat"`
}

// LoadSeed parses the embedded seed files.
func LoadSeed() (*Seed, error) {
	var s Seed
	var parks struct {
		Parks []plan.Park `json:"parks"`
	}
	var towns struct {
		Towns []SeedTown `json:"towns"`
	}
	var zones struct {
		Zones []plan.Zone `json:"zones"`
	}
	var tables struct {
		Tables []plan.PlanTable `json:"tables"`
	}
	var targets struct {
		Targets []plan.Target `json:"targets"`
	}
	var known struct {
		Known map[string]string `json:"known"`
	}
	var prov struct {
		Layers map[string]LayerProvenance `json:"layers"`
	}
	var evals struct {
		Rounds []plan.EvaluationRound `json:"rounds"`
		Grades []plan.ParkEvaluation  `json:"grades"`
	}
	for name, v := range map[string]any{
		"seed/parks.json": &parks, "seed/towns.json": &towns, "seed/zones.json": &zones,
		"seed/tables.json": &tables, "seed/targets.json": &targets,
		"seed/inconsistencies.json": &known, "seed/provenance.json": &prov, "seed/evaluations.json": &evals,
	} {
		b, err := seedFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
	}
	s.Parks, s.Towns, s.Zones, s.Tables, s.Targets = parks.Parks, towns.Towns, zones.Zones, tables.Tables, targets.Targets
	s.Known, s.Provenance = known.Known, prov.Layers
	s.EvaluationRounds, s.Evaluations = evals.Rounds, evals.Grades
	for i := range s.Evaluations {
		s.Evaluations[i].Origin = plan.OriginDataset
	}
	if err := plan.CheckEvaluations(s.EvaluationRounds, s.Evaluations, s.Parks); err != nil {
		return nil, fmt.Errorf("seed/evaluations.json: %w", err)
	}
	for i := range s.Towns {
		if p := s.Towns[i].SeatLonLat; p != nil {
			s.Towns[i].Seat[0], s.Towns[i].Seat[1] = p[0], p[1]
		}
	}
	return &s, nil
}
