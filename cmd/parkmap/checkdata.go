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
	unknown, err := reportChecks(seed.Parks, seed.Tables, seed.Targets, seed.Known, stdout)
	if err != nil {
		return err
	}
	if unknown > 0 {
		return errChecksFailed
	}
	return nil
}

// checkTally sorts plan.CheckAll's findings: how many agree, the plan's known inconsistencies
// (data/seed/inconsistencies.json), and the disagreements nobody has recorded.
type checkTally struct {
	all, agree        int
	known, unexpected []plan.Finding
}

func tallyChecks(parks []plan.Park, tables []plan.PlanTable, targets []plan.Target, known map[string]string) checkTally {
	var t checkTally
	for _, f := range plan.CheckAll(parks, tables, targets) {
		t.all++
		switch {
		case f.OK:
			t.agree++
		case f.Known(known):
			t.known = append(t.known, f)
		default:
			t.unexpected = append(t.unexpected, f)
		}
	}
	return t
}

// reportChecks prints a summary of the checks for check-data: agreements are counted, the plan's
// known inconsistencies are listed with both figures, and anything else is flagged as a likely
// transcription error. It returns how many disagreements are not known.
func reportChecks(parks []plan.Park, tables []plan.PlanTable, targets []plan.Target, known map[string]string, w io.Writer) (int, error) {
	t := tallyChecks(parks, tables, targets, known)
	for _, f := range t.known {
		fmt.Fprintf(w, "the plan disagrees with itself [%s]: %s (%s: %s vs %s: %s)\n", f.ID, f.Message,
			f.Sources[0], f.Figures[0], f.Sources[1], f.Figures[1])
	}
	for _, f := range t.unexpected {
		fmt.Fprintf(w, "UNEXPECTED [%s]: %s — check the transcription in data/seed\n", f.ID, f.Message)
	}
	_, err := fmt.Fprintf(w, "%d checks: %d agree, %d are the plan's own known inconsistencies (both figures kept), %d unexpected\n",
		t.all, t.agree, len(t.known), len(t.unexpected))
	return len(t.unexpected), err
}

// reportLoadChecks is what load (every start of make run) says of the same checks: the plan's known
// inconsistencies are information, not faults, so they are one line in Chinese with where to read
// them; only a disagreement nobody has recorded (a likely transcription error) is a warning, each
// on its own line.
func reportLoadChecks(parks []plan.Park, tables []plan.PlanTable, targets []plan.Target, known map[string]string, w io.Writer) error {
	t := tallyChecks(parks, tables, targets, known)
	for _, f := range t.unexpected {
		if _, err := fmt.Fprintf(w, "load: 警告：规划数据核对发现未登记的不一致 [%s]：%s（请核对 data/seed 的录入）\n", f.ID, f.Message); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "load: 信息：规划数据核对 %d 项，%d 项一致；规划文本自身有 %d 处数字前后不一致，两个数字均保留并注明出处（逐条见 parkmap check-data）\n",
		t.all, t.agree, len(t.known))
	return err
}
