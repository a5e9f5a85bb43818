package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/pingyang/parkmap/data"
	"github.com/pingyang/parkmap/plan"
)

func runCheckData(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check-data", stderr)
	asJSON := fs.Bool("json", false, "print every finding as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	seed, err := data.LoadSeed()
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(plan.CheckAll(seed.Parks, seed.Tables, seed.Targets)); err != nil {
			return err
		}
	}
	unknown, err := reportChecks(seed.Parks, seed.Tables, seed.Targets, seed.Known, stdout, false)
	if err != nil {
		return err
	}
	if unknown > 0 {
		return errChecksFailed
	}
	return nil
}

// reportChecks prints a summary of plan.CheckPlan: agreements are counted, the plan's known
// inconsistencies are listed with both figures, and anything else is flagged as a likely
// transcription error. It returns how many disagreements are not known.
func reportChecks(parks []plan.Park, tables []plan.PlanTable, targets []plan.Target, known map[string]string, w io.Writer, asWarnings bool) (int, error) {
	findings := plan.CheckAll(parks, tables, targets)
	var ok, unknown int
	prefix := ""
	if asWarnings {
		prefix = "check-data: warning: "
	}
	for _, f := range findings {
		switch {
		case f.OK:
			ok++
		case f.Known(known):
			fmt.Fprintf(w, "%sthe plan disagrees with itself [%s]: %s (%s: %s vs %s: %s)\n", prefix, f.ID, f.Message,
				f.Sources[0], f.Figures[0], f.Sources[1], f.Figures[1])
		default:
			unknown++
			fmt.Fprintf(w, "%sUNEXPECTED [%s]: %s — check the transcription in data/seed\n", prefix, f.ID, f.Message)
		}
	}
	_, err := fmt.Fprintf(w, "%s%d checks: %d agree, %d are the plan's own known inconsistencies (both figures kept), %d unexpected\n",
		prefix, len(findings), ok, len(findings)-ok-unknown, unknown)
	return unknown, err
}
