// Package app wires parkmap's parts into one HTTP handler: the PostGIS store behind the interfaces the
// web layer declares. cmd/parkmap and the end-to-end tests build the service the same way through it.
package app

import (
	"fmt"
	"log/slog"
	"net/http"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/plan"
	"github.com/pingyang/parkmap/web"
)

// Options configure the service.
type Options struct {
	Log     *slog.Logger
	BaseURL string
	// TiandituKey and TiandituReviewNumber (审图号) enable the web map's optional Tianditu basemap.
	TiandituKey          string
	TiandituReviewNumber string
}

// NewHandler returns the full parkmap HTTP handler reading from store.
func NewHandler(store *postgis.Store, o Options) http.Handler {
	briefing, err := Briefing()
	if err != nil && o.Log != nil {
		o.Log.Error("briefing unavailable", "err", err)
	}
	rules, err := EligibilityRules()
	if err != nil && o.Log != nil {
		o.Log.Error("eligibility rules unavailable", "err", err)
	}
	return web.NewHandler(web.Deps{
		Log:         o.Log,
		Health:      store,
		Features:    store,
		Tiles:       store,
		Eligibility: store,
		Rules:       rules,
		Progress:    store,
		Briefing:    briefing,
		BaseURL:     o.BaseURL,
		Page:        web.PageOptions{TiandituKey: o.TiandituKey, TiandituReviewNumber: o.TiandituReviewNumber},
	})
}

// Briefing parses and checks the bundled briefing story (data/briefing/steps.json) against the
// plan's zones. The file is compiled in and checked by the tests, so an error here means a broken build.
func Briefing() (*plan.Briefing, error) {
	seed, err := data.LoadSeed()
	if err != nil {
		return nil, err
	}
	zones := make([]string, len(seed.Zones))
	for i, z := range seed.Zones {
		zones[i] = z.ID
	}
	b, err := plan.ParseBriefing(data.BriefingSteps(), zones)
	if err != nil {
		return nil, fmt.Errorf("data/briefing/steps.json: %w", err)
	}
	return b, nil
}

// EligibilityRules parses and checks the bundled eligibility rules (data/rules/eligibility.json). The
// file is compiled in and checked by the tests, so an error here means a broken build.
func EligibilityRules() (*eligibility.RuleSet, error) {
	rs, err := eligibility.ParseRules(data.EligibilityRules())
	if err != nil {
		return nil, fmt.Errorf("data/rules/eligibility.json: %w", err)
	}
	return rs, nil
}
