package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/web"
)

// check-parcels: the eligibility check in batch from the command line, on the same rules and queries as
// POST /api/eligibility/batch. It reads only, so it connects as parkmap_reader (PARKMAP_READER_URL), like
// serve, not as the owner; progress goes to stderr.

type checkFlags struct {
	db, crs, typ, plotRatio, industry, format, out, collection, ids, rules, lang string
	facts                                                                        []string
	workers                                                                      int
}

func runCheckParcels(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check-parcels", stderr)
	var f checkFlags
	fs.StringVar(&f.db, "db", os.Getenv(readerURLEnv), "connection URL as the read-only role parkmap_reader (default $"+readerURLEnv+")")
	fs.StringVar(&f.crs, "crs", "", "CRS of the file's coordinates: EPSG:4326, GCJ02 (AMap), EPSG:4528 or EPSG:4549 (default: the file's crs member, else EPSG:4326)")
	fs.StringVar(&f.typ, "type", "", "proposal type: new_park, old_factory_redevelopment, low_efficiency_block or custom_plot (a feature's properties.type wins; a parcel id without one is checked by its kind)")
	fs.StringVar(&f.plotRatio, "plot-ratio", "", "planned plot ratio (容积率)")
	fs.StringVar(&f.industry, "industry", "", "leading industry (主导产业), for the nearest park of the same industry")
	fs.Func("fact", "a proposal fact name=value, repeatable (e.g. -fact leading_industry_share=0.75 -fact jointly_confirmed=true)", func(s string) error {
		f.facts = append(f.facts, s)
		return nil
	})
	fs.StringVar(&f.format, "format", "", "csv, xlsx, geojson or text (default: from -o's extension; text on standard output)")
	fs.StringVar(&f.lang, "lang", "zh", "csv and xlsx headers and values: zh (Chinese, for people) or en (the English identifiers, for scripts)")
	fs.StringVar(&f.out, "o", "", "output file (default: standard output)")
	fs.StringVar(&f.collection, "collection", "", "check a whole collection instead of a file: redevelopment or parcels")
	fs.StringVar(&f.ids, "ids", "", "check these parcel ids instead of a file, comma-separated (e.g. RD-018,GD2019-001)")
	fs.IntVar(&f.workers, "workers", 4, "checks at a time")
	fs.StringVar(&f.rules, "rules", "", "eligibility rules file (default: the bundled data/rules/eligibility.json)")
	file, err := parseCheckArgs(fs, args)
	if err != nil {
		return err
	}
	if n := btoi(file != "") + btoi(f.collection != "") + btoi(f.ids != ""); n != 1 {
		return usageError{"check-parcels needs exactly one of FILE.geojson, -collection or -ids"}
	}
	if err := requireDB(f.db, readerURLEnv); err != nil {
		return err
	}
	format, err := outputFormat(f.format, f.out)
	if err != nil {
		return err
	}
	lang, err := web.ParseBatchLang("-lang", f.lang)
	if err != nil {
		return usageError{err.Error()}
	}
	rules, err := app.EligibilityRules(f.rules)
	if err != nil {
		return err
	}
	proposal, err := flagProposal(rules, f)
	if err != nil {
		return err
	}
	store, err := postgis.Open(ctx, f.db, postgis.Options{AppName: "parkmap-check-parcels", ReadOnly: true, MaxConns: int32(max(f.workers, 1))})
	if err != nil {
		return err
	}
	defer store.Close()

	start := time.Now()
	req := eligibility.BatchRequest{Default: proposal, Collection: f.collection}
	switch {
	case file != "":
		b, err := readInput(file)
		if err != nil {
			return err
		}
		if req, err = rules.ParseBatchRequest(b, eligibility.BatchOverride{CRS: f.crs, Proposal: proposal}); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	case f.ids != "":
		if req.Items, err = req.ItemsForIDs(splitList(f.ids), nil); err != nil {
			return usageError{err.Error()}
		}
	}
	prog := newProgress(stderr)
	rows, err := eligibility.NewService(rules, store, f.workers).Batch(ctx, req, prog.update)
	prog.done()
	if err != nil {
		return err
	}
	if err := writeOutput(f.out, stdout, func(w io.Writer) error {
		switch format {
		case "csv":
			return web.WriteBatchCSV(w, rules, rows, lang)
		case "xlsx":
			return web.WriteBatchXLSX(w, rules, rows, lang)
		case "geojson":
			return web.WriteBatchGeoJSON(w, rules, rows)
		}
		return writeText(w, rows)
	}); err != nil {
		return err
	}
	sum := eligibility.BatchSummary(rows)
	dest := f.out
	if dest == "" {
		dest = "standard output"
	}
	fmt.Fprintf(stderr, "check-parcels: %d checked in %v (rules %s): %d eligible, %d not eligible, %d need information, %d errors → %s\n",
		len(rows), time.Since(start).Round(time.Millisecond), rules.Version, sum[eligibility.VerdictEligible], sum[eligibility.VerdictNotEligible],
		sum[eligibility.VerdictNeedsInformation], sum["error"], dest)
	if sum["error"] > 0 {
		return fmt.Errorf("%d of %d could not be checked: see their error column", sum["error"], len(rows))
	}
	return nil
}

// parseCheckArgs parses flags on either side of the one FILE argument.
func parseCheckArgs(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return "", nil
	}
	file := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return "", usageError{"unexpected argument " + fs.Arg(0) + ": check-parcels takes one file"}
	}
	return file, nil
}

func outputFormat(format, out string) (string, error) {
	switch format {
	case "csv", "xlsx", "geojson", "text":
		return format, nil
	case "":
		switch strings.ToLower(filepath.Ext(out)) {
		case ".csv":
			return "csv", nil
		case ".xlsx":
			return "xlsx", nil
		case ".geojson", ".json":
			return "geojson", nil
		case "":
			return "text", nil
		}
		return "", usageError{"cannot tell the format from " + out + ": give -format csv, xlsx, geojson or text"}
	}
	return "", usageError{fmt.Sprintf("-format %q: csv, xlsx, geojson or text", format)}
}

// flagProposal turns the proposal flags into a proposal, checked against the rules as a request's is.
func flagProposal(rules *eligibility.RuleSet, f checkFlags) (eligibility.Proposal, error) {
	m := map[string]any{}
	if f.typ != "" {
		m["type"] = f.typ
	}
	if f.plotRatio != "" {
		m["plot_ratio"] = f.plotRatio
	}
	if f.industry != "" {
		m["leading_industry"] = f.industry
	}
	for _, kv := range f.facts {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return eligibility.Proposal{}, usageError{fmt.Sprintf("-fact %q: want name=value", kv)}
		}
		m[strings.TrimSpace(k)] = v
	}
	b, _ := json.Marshal(m)
	p, err := rules.ParseProposal(b, "proposal", true)
	if err != nil {
		return eligibility.Proposal{}, usageError{err.Error()}
	}
	return p, nil
}

func readInput(file string) ([]byte, error) {
	var b []byte
	var err error
	if file == "-" {
		b, err = io.ReadAll(io.LimitReader(os.Stdin, web.MaxBatchBytes+1))
	} else {
		var st os.FileInfo
		if st, err = os.Stat(file); err == nil && st.Size() > web.MaxBatchBytes {
			return nil, fmt.Errorf("%s: %d bytes; at most %d MB are accepted", file, st.Size(), web.MaxBatchBytes>>20)
		}
		b, err = os.ReadFile(file)
	}
	if err != nil {
		return nil, err
	}
	return bytes.TrimPrefix(b, []byte("\ufeff")), nil
}

// writeOutput writes to the file through a temporary file renamed into place, or to stdout.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	werr := write(tmp)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

// writeText writes each answer for a person: the verdict, the summary, and every rule with its clause.
func writeText(w io.Writer, rows []eligibility.BatchRow) error {
	mark := map[string]string{eligibility.ResultPass: "✓ 通过", eligibility.ResultFail: "✗ 不符合", eligibility.ResultNeedsInformation: "? 需补充",
		eligibility.ResultNotApplicable: "– 不适用"}
	var b strings.Builder
	for _, row := range rows {
		fmt.Fprintf(&b, "== %s %s\n", row.Item.ID, row.Item.Name)
		if row.Answer == nil {
			fmt.Fprintf(&b, "   error: %s\n\n", row.Err.Message)
			continue
		}
		a := row.Answer
		fmt.Fprintf(&b, "   verdict: %s  (%s 亩; %s)\n   %s\n   %s\n", a.Verdict, formatMu(a.Facts.SiteAreaMu), a.Facts.SiteAreaBasis, a.SummaryZh, a.SummaryEn)
		for _, r := range a.Rules {
			fmt.Fprintf(&b, "   %-8s %-26s %s  [%s] %s\n", mark[r.Result], r.ID, r.ReasonZh, r.Clause, r.ReasonEn)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func formatMu(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// progress reports "check-parcels: n/total checked" on stderr: rewritten in place ten times a second on
// a terminal, else a line a second (and the last one), so that a log stays readable.
type progress struct {
	w     io.Writer
	tty   bool
	every time.Duration
	last  time.Time
	n     int
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, every: time.Second}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty, p.every = true, 100*time.Millisecond
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	p.n = done
	if done < total && time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	if p.tty {
		fmt.Fprintf(p.w, "\rcheck-parcels: %d/%d checked", done, total)
	} else {
		fmt.Fprintf(p.w, "check-parcels: %d/%d checked\n", done, total)
	}
}

func (p *progress) done() {
	if p.tty && p.n > 0 {
		fmt.Fprintln(p.w)
	}
}
