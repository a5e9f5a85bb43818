package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pingyang/parkmap/internal/app"
	"github.com/pingyang/parkmap/internal/testenv"
	"github.com/xuri/excelize/v2"
)

// actualsFill is what the test writes into the template the page downloaded, and what
// web/ui/test/actuals.mjs then expects to see: in the preview, and on the card after 应用.
type actualsFill struct {
	Parks   []string           `json:"parks"`
	Years   []int              `json:"years"`
	Cells   map[string]float64 `json:"cells"`   // park/year/measure → value
	Sources map[string]string  `json:"sources"` // year → the 来源 cell of that year's rows
	Bad     []actualsBadCell   `json:"bad"`     // cells spoiled in the bad copy
}

// actualsBadCell is one cell of the bad copy, with what is typed into it instead of a figure.
type actualsBadCell struct {
	Park    string `json:"park"`
	Year    int    `json:"year"`
	Measure string `json:"measure"`
	Raw     string `json:"raw"`
}

// The template's columns (actuals.Headers): A park id, B name, C year, D… the measures, then 来源.
var actualsColumns = map[string]int{
	"land_supplied_mu": 4, "floor_started_wan_m2": 5, "floor_completed_wan_m2": 6, "output_yi": 7,
	"tax_wan": 8, "firms": 9, "firms_above_scale": 10, "investment_yi": 11,
}

const actualsSourceColumn = 12

// TestActualsInBrowser runs web/ui/test/actuals.mjs: actual yearly figures in the web map (issue
// 12) in headless Chromium. A planner corrects a park's status on its card, enters and clears a
// figure in the 录入 form (the page's and the service's errors beside the inputs), downloads the
// template for 2023–2024 from the page; this test fills what was downloaded with excelize (two years
// of four measures for two parks, and a copy with text and a negative in number cells); the page
// uploads the bad copy (errors in red, 应用 disabled), then the good one (the preview cell by cell,
// its counts), applies it, and the card shows the figures with their sources; a viewer sees the
// figures without 录入 or 批量导入. The API is then asked what was written. Screenshots go to
// artifacts/screenshots/actuals-*.png. It fails, never skips, without node, playwright-core or Chromium.
func TestActualsInBrowser(t *testing.T) {
	planner := testenv.User{Username: "zheng.shi", Password: "planner-password-10", DisplayName: "郑十", Unit: "县经信局", Roles: []string{"planner"}}
	viewer := testenv.User{Username: "feng.yi", Password: "viewer-password-11", DisplayName: "冯一", Unit: "县统计局", Roles: []string{"viewer"}}
	db := testenv.LoadedDatabase(t)
	testenv.AddUsers(t, db, planner, viewer)
	base := testenv.ServeDatabase(t, db, app.Config{})

	fill := actualsFill{
		Parks:   []string{"jinrong-dianzi", "binhai-yinshua"},
		Years:   []int{2023, 2024},
		Cells:   map[string]float64{},
		Sources: map[string]string{"2023": "2023年度统计年报", "2024": "2024年度统计年报"},
	}
	for i, p := range fill.Parks {
		for j, y := range fill.Years {
			k := float64(1 + i + 2*j)
			fill.Cells[fmt.Sprintf("%s/%d/land_supplied_mu", p, y)] = 10*k + 0.5
			fill.Cells[fmt.Sprintf("%s/%d/output_yi", p, y)] = 1.25 * k
			fill.Cells[fmt.Sprintf("%s/%d/tax_wan", p, y)] = 100 * k
			fill.Cells[fmt.Sprintf("%s/%d/firms", p, y)] = 20 + k
		}
	}
	fill.Bad = []actualsBadCell{
		{Park: fill.Parks[0], Year: 2023, Measure: "output_yi", Raw: "很多"},
		{Park: fill.Parks[1], Year: 2024, Measure: "tax_wan", Raw: "-5"},
	}

	dir := t.TempDir()
	download := filepath.Join(dir, "template.xlsx")
	filled := filepath.Join(dir, "filled.xlsx")
	bad := filepath.Join(dir, "bad.xlsx")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- fillWhenDownloaded(ctx, download, filled, bad, fill) }()

	pj, err := json.Marshal(planner)
	if err != nil {
		t.Fatal(err)
	}
	vj, err := json.Marshal(viewer)
	if err != nil {
		t.Fatal(err)
	}
	fj, err := json.Marshal(fill)
	if err != nil {
		t.Fatal(err)
	}
	runBrowserScript(t, "actuals.mjs", "PARKMAP_URL="+base, "PARKMAP_PLANNER="+string(pj), "PARKMAP_VIEWER="+string(vj),
		"PARKMAP_DOWNLOAD="+download, "PARKMAP_FILLED="+filled, "PARKMAP_BAD="+bad, "PARKMAP_FILL="+string(fj))
	if err := <-done; err != nil {
		t.Fatalf("filling the downloaded template: %v", err)
	}

	// What the page applied is what the service holds: every figure filled, with its year's source.
	var got struct {
		Figures []struct {
			ParkID  string  `json:"park_id"`
			Year    int     `json:"year"`
			Measure string  `json:"measure"`
			Value   float64 `json:"value"`
			Source  string  `json:"source"`
		} `json:"figures"`
	}
	if code := getJSON(t, base+"/api/actuals?from=2023&to=2024", &got); code != 200 {
		t.Fatalf("GET /api/actuals: %d", code)
	}
	n := 0
	for _, f := range got.Figures {
		want, ok := fill.Cells[fmt.Sprintf("%s/%d/%s", f.ParkID, f.Year, f.Measure)]
		if !ok {
			t.Errorf("a figure nobody filled: %+v", f)
			continue
		}
		n++
		if f.Value != want || f.Source != fill.Sources[strconv.Itoa(f.Year)] {
			t.Errorf("%s/%d/%s = %v from %q, want %v from %q", f.ParkID, f.Year, f.Measure, f.Value, f.Source, want, fill.Sources[strconv.Itoa(f.Year)])
		}
	}
	if n != len(fill.Cells) {
		t.Errorf("the service holds %d of the %d figures filled", n, len(fill.Cells))
	}
}

// fillWhenDownloaded waits for the page's download of the template at src, then writes the filled
// copy (good) and the spoiled one (bad), each renamed into place once complete, so that the script
// never reads half a file. No deadline of its own: go test's -timeout ends a wait that never ends.
func fillWhenDownloaded(ctx context.Context, src, good, bad string, fill actualsFill) error {
	for {
		if _, err := os.Stat(src); err == nil {
			break
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	if err := fillTemplate(src, bad, fill, true); err != nil {
		return fmt.Errorf("bad copy: %w", err)
	}
	return fillTemplate(src, good, fill, false)
}

// fillTemplate writes fill's figures into the template's rows of its parks and years (found by the
// id and year cells, as a person would), each row's 来源 too, and with spoil the bad cells' text.
func fillTemplate(src, dst string, fill actualsFill, spoil bool) error {
	f, err := excelize.OpenFile(src)
	if err != nil {
		return err
	}
	defer f.Close()
	const sheet = "实际数据"
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	wanted := map[string]bool{}
	for _, p := range fill.Parks {
		for _, y := range fill.Years {
			wanted[fmt.Sprintf("%s/%d", p, y)] = true
		}
	}
	found := 0
	for i, r := range rows {
		if i < 2 || len(r) < 3 || !wanted[r[0]+"/"+r[2]] {
			continue
		}
		found++
		row := i + 1
		for m, col := range actualsColumns {
			v, ok := fill.Cells[r[0]+"/"+r[2]+"/"+m]
			if !ok {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(col, row)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
		}
		src, _ := excelize.CoordinatesToCellName(actualsSourceColumn, row)
		if err := f.SetCellStr(sheet, src, fill.Sources[r[2]]); err != nil {
			return err
		}
		if !spoil {
			continue
		}
		for _, b := range fill.Bad {
			if b.Park+"/"+strconv.Itoa(b.Year) != r[0]+"/"+r[2] {
				continue
			}
			// A number typed wrong (a negative) stays a number; anything else is text in a number cell.
			cell, _ := excelize.CoordinatesToCellName(actualsColumns[b.Measure], row)
			if v, err := strconv.ParseFloat(b.Raw, 64); err == nil {
				err = f.SetCellValue(sheet, cell, v)
				if err != nil {
					return err
				}
			} else if err := f.SetCellStr(sheet, cell, b.Raw); err != nil {
				return err
			}
		}
	}
	if found != len(wanted) {
		return fmt.Errorf("the template has %d of the %d park-year rows wanted", found, len(wanted))
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	if err := os.WriteFile(dst+".part", buf.Bytes(), 0o600); err != nil {
		return err
	}
	return os.Rename(dst+".part", dst)
}
