package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/xuri/excelize/v2"
)

func TestCheckParcelsUsageErrors(t *testing.T) {
	t.Setenv("PARKMAP_READER_URL", "postgres://nobody@127.0.0.1:1/none")
	for _, args := range [][]string{
		{"check-parcels"},
		{"check-parcels", "a.geojson", "-collection", "redevelopment"},
		{"check-parcels", "a.geojson", "b.geojson"},
		{"check-parcels", "-collection", "redevelopment", "-format", "ods"},
		{"check-parcels", "-collection", "redevelopment", "-o", "out.ods"},
		{"check-parcels", "-collection", "redevelopment", "-lang", "fr"},
		{"check-parcels", "-collection", "redevelopment", "-fact", "plot_ratio"},
		{"check-parcels", "-collection", "redevelopment", "-fact", "plot_ration=2"},
		{"check-parcels", "-collection", "redevelopment", "-plot-ratio", "two"},
		{"check-parcels", "-collection", "redevelopment", "-type", "mall"},
		{"check-parcels", "-ids", "RD-001", "-no-such-flag"},
	} {
		var out, errb bytes.Buffer
		err := run(context.Background(), args, &out, &errb)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("parkmap %v: err = %v, want a usage error", args, err)
		}
	}
}

// The batch of all redevelopment areas from the command line: CSV with a byte-order mark, one row per area,
// progress and a summary on stderr.
func TestCheckParcelsCollection(t *testing.T) {
	url := testenv.ReaderURL(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "redevelopment.csv")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"check-parcels", "-db", url, "-collection", "redevelopment", "-plot-ratio", "2.2", "-o", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 51 || recs[0][0] != "编号" || recs[0][3] != "结论" || recs[1][0] != "RD-001" || recs[50][0] != "RD-050" ||
		!slices.Contains([]string{"符合准入", "不符合准入", "尚需补充信息"}, recs[1][3]) {
		t.Errorf("%d records, header %v, first row %v", len(recs), recs[0][:4], recs[1][:4])
	}
	// -lang en, to a workbook named by its extension: the identifiers, as scripts read them.
	xlsx := filepath.Join(dir, "redevelopment.xlsx")
	if err := run(context.Background(), []string{"check-parcels", "-db", url, "-collection", "redevelopment", "-lang", "en", "-o", xlsx}, &stdout, &stderr); err != nil {
		t.Fatalf("xlsx: %v\n%s", err, stderr.String())
	}
	wb, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if xrows, err := wb.GetRows("eligibility"); err != nil || len(xrows) != 51 || xrows[0][0] != "id" || xrows[0][3] != "verdict" || xrows[50][0] != "RD-050" {
		t.Errorf("xlsx: %d rows %v", len(xrows), err)
	}
	for _, want := range []string{"50/50 checked", "50 checked in", "rules 2019-05-v1", "not eligible"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q: %s", want, stderr.String())
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %s", stdout.String())
	}
}

func block45File(t *testing.T, dir string) string {
	t.Helper()
	minLon, minLat := 120.50, 27.64
	_, ky := geodesy.MetresPerDegree(minLat)
	maxLat := minLat + 200/ky
	maxLon := minLon + geodesy.LonSpanForArea(minLat, maxLat, geodesy.SquareMetresFromMu(45))
	fc := fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"Q45","name":"45亩低效工业区块"},`+
		`"geometry":{"type":"Polygon","coordinates":[[[%[1]v,%[2]v],[%[3]v,%[2]v],[%[3]v,%[4]v],[%[1]v,%[4]v],[%[1]v,%[2]v]]]}}]}`,
		minLon, minLat, maxLon, maxLat)
	p := filepath.Join(dir, "block.geojson")
	if err := os.WriteFile(p, []byte(fc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The land bureau's question on the command line: a 45-亩 low-efficiency block at plot ratio 2.2, every
// rule with its clause.
func TestCheckParcelsTheQuestion(t *testing.T) {
	url := testenv.ReaderURL(t)
	dir := t.TempDir()
	file := block45File(t, dir)
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"check-parcels", "-db", url, "-type", "low_efficiency_block", "-plot-ratio", "2.2", file}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	s := stdout.String()
	for _, want := range []string{"Q45", "verdict: needs_information", "(45 亩; measured)",
		"block_site_area", "整宗土地面积45亩，达到30亩以上  [专栏3]", "规划容积率2.2，不低于2.0  [§四(一)2]",
		"jointly_confirmed", "[§二(四), §四(一)1]"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	// With the confirmations and terms given as facts, flags after the file, as GeoJSON.
	out := filepath.Join(dir, "answer.geojson")
	stdout.Reset()
	err = run(context.Background(), []string{"check-parcels", "-db", url, file, "-type", "low_efficiency_block", "-plot-ratio", "2.2",
		"-fact", "jointly_confirmed=true", "-fact", "county_approved=是", "-fact", "leading_industry_share=0.8", "-fact", "land_premium_ratio=0.3",
		"-fact", "sale_price_production=2500", "-fact", "sale_price_other=2800", "-fact", "max_unit_price_ratio=1.3",
		"-fact", "smallest_unit_m2=500", "-fact", "rent_per_m2_month=25", "-o", out}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != 1 {
		t.Fatalf("%v: %s", err, b)
	}
	if p := fc.Features[0].Properties; p["verdict"] != "eligible" || p["block_site_area"] != "pass" || p["id"] != "Q45" {
		t.Errorf("properties %v", p)
	}
}

// A feature that cannot be checked is its row's error, and the command says so in its exit status.
func TestCheckParcelsReportsBadFeatures(t *testing.T) {
	url := testenv.ReaderURL(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.geojson")
	body := `{"type":"FeatureCollection","crs":"EPSG:4549","features":[
	 {"type":"Feature","properties":{"id":"ok"},"geometry":{"type":"Polygon","coordinates":[[[554667,3062219],[554767,3062219],[554767,3062319],[554667,3062319],[554667,3062219]]]}},
	 {"type":"Feature","properties":{"id":"bowtie"},"geometry":{"type":"Polygon","coordinates":[[[554667,3062219],[554767,3062319],[554767,3062219],[554667,3062319],[554667,3062219]]]}}]}`
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"check-parcels", "-db", url, "-type", "new_park", "-format", "csv", file}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "1 of 2") {
		t.Errorf("err = %v", err)
	}
	if !strings.Contains(stdout.String(), "Self-intersection") || !strings.Contains(stdout.String(), "ok,,15,") {
		t.Errorf("csv:\n%s", stdout.String())
	}
}
