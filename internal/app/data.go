package app

import (
	"context"
	"fmt"
	"os"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/plan"
)

// Briefing parses and checks the briefing story against the plan's zones and the catalogue's layers:
// the file at path, or the bundled data/briefing/steps.json when path is "".
func Briefing(cat *catalog.Catalog, path string) (*plan.Briefing, error) {
	b, name, err := fileOrBundled(path, data.BriefingSteps, "data/briefing/steps.json")
	if err != nil {
		return nil, err
	}
	seed, err := data.LoadSeed()
	if err != nil {
		return nil, err
	}
	zones := make([]string, len(seed.Zones))
	for i, z := range seed.Zones {
		zones[i] = z.ID
	}
	br, err := plan.ParseBriefing(b, zones, cat.IDs())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return br, nil
}

// EligibilityRules parses and checks the eligibility rules: the file at path, or the bundled
// data/rules/eligibility.json when path is "". A county changes a threshold by editing a copy.
func EligibilityRules(path string) (*eligibility.RuleSet, error) {
	b, name, err := fileOrBundled(path, data.EligibilityRules, "data/rules/eligibility.json")
	if err != nil {
		return nil, err
	}
	rs, err := eligibility.ParseRules(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rs, nil
}

// fileOrBundled reads path, or returns the bundled bytes (named bundledName) when path is "".
func fileOrBundled(path string, bundled func() []byte, bundledName string) ([]byte, string, error) {
	if path == "" {
		return bundled(), bundledName, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, path, err
	}
	return b, path, nil
}

// Migrate applies the schema migrations to the database at url and returns the ones it applied.
func Migrate(ctx context.Context, url string) ([]int, error) {
	store, err := postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-migrate"})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	return store.Migrate(ctx, data.Migrations())
}

// LoadBundled migrates the database at url, then replaces its dataset with the bundled one (data/):
// staged, then swapped in one short transaction (Store.Load), so a serving database keeps answering.
// `parkmap load` and the tests' loaded databases both come from here.
func LoadBundled(ctx context.Context, url string, ds *plan.Dataset) (postgis.LoadSummary, error) {
	if _, err := Migrate(ctx, url); err != nil {
		return postgis.LoadSummary{}, err
	}
	version, err := data.Version()
	if err != nil {
		return postgis.LoadSummary{}, err
	}
	store, err := postgis.Open(ctx, url, postgis.Options{AppName: "parkmap-load"})
	if err != nil {
		return postgis.LoadSummary{}, err
	}
	defer store.Close()
	return store.Load(ctx, ds, version, "parkmap bundled dataset (data/)")
}
