package archtest

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/pingyang/parkmap/"

// allowed lists, for each package of the module, the module's packages it may import (non-test
// files). A package missing here fails the test, so a new package must take its place in the order.
var allowed = map[string][]string{
	"apperr":               {},
	"geodesy":              {"apperr"},
	"coordfile":            {"apperr", "geodesy"},
	"coordtable":           {"apperr", "geodesy", "coordfile"},
	"plan":                 {"apperr", "geodesy"},
	"cql2":                 {},
	"catalog":              {"apperr", "geodesy", "plan", "cql2"},
	"eligibility":          {"apperr", "geodesy", "plan"},
	"accounts":             {"apperr"},
	"parkfacts":            {"apperr", "accounts", "plan"},
	"evaluations":          {"apperr", "accounts", "plan"},
	"spreadsheet":          {},
	"intake":               {"apperr"},
	"layerimport":          {"apperr", "accounts"},
	"actuals":              {"apperr", "accounts", "plan", "spreadsheet"},
	"layerexport":          {"apperr", "geodesy", "plan", "catalog", "coordfile", "spreadsheet"},
	"internal/gdal":        {},
	"cases":                {"apperr", "accounts", "geodesy", "plan", "eligibility"},
	"tiles":                {"apperr", "geodesy", "catalog", "plan"},
	"data":                 {"apperr", "plan"},
	"internal/postgis":     {"cql2", "apperr", "accounts", "layerimport", "parkfacts", "evaluations", "actuals", "cases", "geodesy", "plan", "catalog", "eligibility", "tiles"},
	"internal/tileseed":    {"tiles"},
	"internal/tilearchive": {},
	"internal/exporter":    {"apperr", "catalog", "coordfile", "layerexport", "spreadsheet", "internal/gdal", "internal/postgis"},
	"internal/importer":    {"apperr", "accounts", "layerimport", "coordfile", "coordtable", "intake", "geodesy", "internal/gdal", "internal/postgis"},
	"web":                  {"cql2", "apperr", "layerexport", "spreadsheet", "accounts", "layerimport", "intake", "parkfacts", "evaluations", "actuals", "cases", "geodesy", "plan", "catalog", "eligibility", "tiles"},
	"internal/app":         {"apperr", "spreadsheet", "accounts", "layerimport", "layerexport", "internal/importer", "internal/exporter", "parkfacts", "evaluations", "actuals", "cases", "geodesy", "plan", "catalog", "eligibility", "tiles", "data", "internal/postgis", "web"},
	"internal/pgtest":      {},
	"internal/libreoffice": {},
	"internal/testenv":     {"accounts", "parkfacts", "catalog", "tiles", "data", "internal/app", "internal/pgtest", "internal/postgis"},
	"internal/synth":       {"apperr", "geodesy", "plan", "data"},
	"internal/e2e":         {},
	"internal/archtest":    {},
	"cmd/parkmap":          {"apperr", "spreadsheet", "accounts", "layerimport", "layerexport", "coordfile", "intake", "internal/gdal", "internal/importer", "internal/exporter", "parkfacts", "evaluations", "actuals", "cases", "geodesy", "plan", "catalog", "eligibility", "tiles", "internal/tileseed", "internal/tilearchive", "data", "internal/postgis", "internal/app", "web"},
	"cmd/parkmap-synth":    {"apperr", "geodesy", "plan", "data", "internal/synth"},
	"cmd/parkload":         {"tiles", "internal/postgis"},
}

// pgxImporters may import pgx: the store, and the test cluster's own setup.
var pgxImporters = []string{"internal/postgis", "internal/pgtest"}

type pkg struct {
	ImportPath string
	Imports    []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports", module+"...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

func TestDependenciesPointOneWay(t *testing.T) {
	for _, p := range listPackages(t) {
		name := strings.TrimPrefix(p.ImportPath, module)
		ok, known := allowed[name]
		if !known {
			t.Errorf("package %s has no place in the layering (add it to allowed, below what imports it)", name)
			continue
		}
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, "github.com/jackc/pgx") && !slices.Contains(pgxImporters, name) {
				t.Errorf("%s imports %s: only %v talk to PostgreSQL", name, imp, pgxImporters)
			}
			dep, ours := strings.CutPrefix(imp, module)
			if ours && !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s, which is not below it", name, dep)
			}
		}
	}
}
