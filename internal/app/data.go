package app

import (
	"context"
	"fmt"

	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/plan"
)

// Briefing parses and checks the bundled briefing story (data/briefing/steps.json) against the
// plan's zones and the catalogue's layers.
func Briefing(cat *catalog.Catalog) (*plan.Briefing, error) {
	seed, err := data.LoadSeed()
	if err != nil {
		return nil, err
	}
	zones := make([]string, len(seed.Zones))
	for i, z := range seed.Zones {
		zones[i] = z.ID
	}
	b, err := plan.ParseBriefing(data.BriefingSteps(), zones, cat.IDs())
	if err != nil {
		return nil, fmt.Errorf("data/briefing/steps.json: %w", err)
	}
	return b, nil
}

// EligibilityRules parses and checks the bundled eligibility rules (data/rules/eligibility.json).
func EligibilityRules() (*eligibility.RuleSet, error) {
	rs, err := eligibility.ParseRules(data.EligibilityRules())
	if err != nil {
		return nil, fmt.Errorf("data/rules/eligibility.json: %w", err)
	}
	return rs, nil
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
