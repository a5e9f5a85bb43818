package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/cases"
	"github.com/pingyang/parkmap/plan"
	"github.com/pingyang/parkmap/spreadsheet"
)

// The register's search by location and its export (issue 12): bbox and point parsed here (the
// service checks their ranges), and the cases a search finds as CSV or xlsx for the land bureau's
// own files, in Chinese.

// fieldErrZh is one parameter's mistake in English and Chinese (the register's, the batch's lang).
func fieldErrZh(field, en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}

// parseNumbers reads n comma-separated decimal numbers of parameter name.
func parseNumbers(name, v string, n int, shape, shapeZh string) ([]float64, error) {
	parts := strings.Split(v, ",")
	if len(parts) != n {
		return nil, fieldErrZh(name, fmt.Sprintf("%s must be %d numbers %s; got %d values", name, n, shape, len(parts)),
			fmt.Sprintf("%s 应为 %d 个以逗号分隔的数（%s），收到 %d 个", name, n, shapeZh, len(parts)))
	}
	out := make([]float64, n)
	for i, p := range parts {
		x, ok := parseDecimal(p)
		if !ok {
			return nil, fieldErrZh(name, fmt.Sprintf("%s value %d is not a finite decimal number", name, i+1),
				fmt.Sprintf("%s 的第 %d 个值不是有效的数", name, i+1))
		}
		out[i] = x
	}
	return out, nil
}

// parseCaseLocation reads the register's bbox and point parameters, either or both absent.
func parseCaseLocation(q url.Values) (bbox, point []float64, err error) {
	if _, ok := q["bbox"]; ok {
		if bbox, err = parseNumbers("bbox", q.Get("bbox"), 4, "minLon,minLat,maxLon,maxLat", "最小经度,最小纬度,最大经度,最大纬度"); err != nil {
			return nil, nil, err
		}
	}
	if _, ok := q["point"]; ok {
		if point, err = parseNumbers("point", q.Get("point"), 2, "lon,lat", "经度,纬度"); err != nil {
			return nil, nil, err
		}
	}
	return bbox, point, nil
}

// caseColumns are the export's headers, in the land bureau's words.
var caseColumns = []string{"案例编号", "日期", "地块", "结论", "规则版本", "审查人", "备注"}

// verdictZh names a verdict as the page does.
var verdictZh = map[string]string{"eligible": "符合准入", "not_eligible": "不符合准入", "needs_information": "尚需补充信息"}

// caseRow is one case's cells in caseColumns order.
func caseRow(c cases.Case) []string {
	parcel := "绘制地块"
	if c.ParcelID != nil {
		parcel = *c.ParcelID
	}
	if c.AreaMu != nil {
		parcel += fmt.Sprintf("（%.2f 亩）", *c.AreaMu)
	}
	verdict := verdictZh[c.Verdict]
	if verdict == "" {
		verdict = c.Verdict
	}
	reviewer := c.CreatedByName
	if reviewer == "" {
		reviewer = c.CreatedBy
	}
	if c.CreatedByUnit != "" {
		reviewer += "（" + c.CreatedByUnit + "）"
	}
	row := []string{c.Number, c.CreatedAt.In(plan.ChinaTime).Format(time.DateTime), parcel, verdict, c.RulesVersion, reviewer, c.Note}
	for i := range row {
		row[i] = spreadsheet.SafeText(row[i])
	}
	return row
}

// writeCasesExport answers a search with f=csv or f=xlsx: the file of the cases found.
func writeCasesExport(w http.ResponseWriter, format string, list []cases.Case) error {
	name := "eligibility-cases-" + time.Now().In(plan.ChinaTime).Format("20060102")
	var buf bytes.Buffer
	switch format {
	case "csv":
		err := spreadsheet.WriteCSV(&buf, caseColumns, func(put func([]string) error) error {
			for _, c := range list {
				if err := put(caseRow(c)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", mediaCSV)
	default:
		if err := casesWorkbook(&buf, list); err != nil {
			return err
		}
		w.Header().Set("Content-Type", mediaXLSX)
	}
	w.Header().Set("Content-Disposition", attachment(name+"."+format, "准入案例-"+name[len("eligibility-cases-"):]+"."+format))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, err := buf.WriteTo(w)
	return ignoreWriteError(err)
}

// casesWorkbook writes list as a one-sheet workbook, every cell text (a case number or note is never
// a number or a formula), the header row bold and frozen.
func casesWorkbook(buf *bytes.Buffer, list []cases.Case) error {
	return spreadsheet.WriteXLSX(buf, "准入案例", caseColumns, []float64{26, 20, 22, 14, 14, 26, 40}, func(put func([]any) error) error {
		for _, c := range list {
			row := caseRow(c)
			cells := make([]any, len(row))
			for i, v := range row {
				cells[i] = v
			}
			if err := put(cells); err != nil {
				return err
			}
		}
		return nil
	})
}
