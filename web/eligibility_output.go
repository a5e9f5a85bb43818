package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb/geojson"
	"github.com/pingyang/parkmap/eligibility"
	"github.com/pingyang/parkmap/geodesy"
	"github.com/pingyang/parkmap/spreadsheet"
)

// Batch output (POST /api/eligibility/batch and parkmap check-parcels): one row per item with the
// verdict and each rule's result as its own column, as CSV (UTF-8 with a byte-order mark, so that Excel
// shows the Chinese), as an xlsx workbook or as a GeoJSON FeatureCollection. A spreadsheet is for
// people by default, in Chinese: headers in the rule set's and the page's words, verdicts and results
// as the page shows them (issue 13); lang=en keeps the identifiers the scripts read, as they were.

// BatchLang is the language of a batch spreadsheet's headers and values.
type BatchLang string

// The batch languages: Chinese for people (the default), English identifiers for scripts.
const (
	BatchZh BatchLang = "zh"
	BatchEn BatchLang = "en"
)

// ParseBatchLang reads the lang parameter (or -lang flag) named field: "" is Chinese.
func ParseBatchLang(field, v string) (BatchLang, error) {
	switch v {
	case "", string(BatchZh):
		return BatchZh, nil
	case string(BatchEn):
		return BatchEn, nil
	}
	return "", fieldErrZh(field, fmt.Sprintf("%s must be zh (Chinese headers and values, the default) or en (English identifiers); got %s", field, quoteShort(v)),
		fmt.Sprintf("%s 应为 zh（中文表头和取值，默认）或 en（英文标识）；收到 %s", field, quoteShort(v)))
}

// BatchColumns are the columns of a batch, in order: id, name, area_mu, verdict, one per rule, then
// the rest of what a row says. They are the GeoJSON properties and the lang=en headers.
func BatchColumns(rs *eligibility.RuleSet) []string {
	cols := append([]string(nil), eligibility.BatchFixedColumns()[:4]...)
	cols = append(cols, rs.RuleIDs()...)
	return append(cols, eligibility.BatchFixedColumns()[4:]...)
}

// BatchHeader is a batch spreadsheet's header in lang: BatchColumns, or in Chinese each fixed column's
// title and each rule's title_zh (the rule set keeps them unique).
func BatchHeader(rs *eligibility.RuleSet, lang BatchLang) []string {
	if lang == BatchEn {
		return BatchColumns(rs)
	}
	fixed := eligibility.BatchFixedTitlesZh()
	cols := append([]string(nil), fixed[:4]...)
	for _, r := range rs.Rules {
		cols = append(cols, r.TitleZh)
	}
	return append(cols, fixed[4:]...)
}

// The page's words (web/ui/eligibility/strings.js) for a rule's result and for inside_county; a verdict's
// are verdictZh, as the case register's export says them.
var (
	resultZh = map[string]string{eligibility.ResultPass: "满足", eligibility.ResultFail: "不满足",
		eligibility.ResultNeedsInformation: "需补充", eligibility.ResultNotApplicable: "不适用"}
	insideZh = map[string]string{eligibility.InsideFully: "全部在县域内", eligibility.InsidePartly: "部分在县域内",
		eligibility.InsideOutside: "不在县域内"}
)

// verdictErrorZh is the verdict of a row that could not be checked (the "error" of lang=en).
const verdictErrorZh = "无法检查"

type cell struct {
	key string
	val any // string, float64 or nil
}

// rowCells returns a row's values in BatchColumns order, as identifiers (lang=en and GeoJSON).
func rowCells(rs *eligibility.RuleSet, row eligibility.BatchRow) []cell {
	c := []cell{{"id", row.Item.ID}, {"name", row.Item.Name}}
	a := row.Answer
	if a == nil {
		c = append(c, cell{"area_mu", nil}, cell{"verdict", "error"})
		for _, id := range rs.RuleIDs() {
			c = append(c, cell{id, nil})
		}
		msg := ""
		if row.Err != nil {
			msg = row.Err.Message
		}
		return append(c, cell{"type", row.Item.Proposal.Type}, cell{"site_area_mu", nil}, cell{"inside_county", nil},
			cell{"zones", nil}, cell{"towns", nil}, cell{"overlap_parks_mu", nil}, cell{"overlap_redevelopment_mu", nil},
			cell{"missing_facts", nil}, cell{"rules_version", rs.Version}, cell{"summary_zh", nil}, cell{"error", msg})
	}
	f := a.Facts
	c = append(c, cell{"area_mu", geodesy.Round(f.AreaMu, 2)}, cell{"verdict", a.Verdict})
	for _, r := range a.Rules {
		c = append(c, cell{r.ID, r.Result})
	}
	return append(c, cell{"type", a.Proposal.Type}, cell{"site_area_mu", f.SiteAreaMu}, cell{"inside_county", f.InsideCounty},
		cell{"zones", shares(f.Zones)}, cell{"towns", shares(f.Towns)}, cell{"overlap_parks_mu", f.OverlapParksMu},
		cell{"overlap_redevelopment_mu", f.OverlapRedevelopmentMu}, cell{"missing_facts", strings.Join(a.MissingFacts, " ")},
		cell{"rules_version", a.RulesVersion}, cell{"summary_zh", a.SummaryZh}, cell{"error", ""})
}

// batchRecord is a row's values in BatchHeader order in lang: for lang=en the identifiers as they are,
// for Chinese the page's words and every text kept from reading as a formula (SafeText).
func batchRecord(rs *eligibility.RuleSet, row eligibility.BatchRow, lang BatchLang) []any {
	cells := rowCells(rs, row)
	out := make([]any, len(cells))
	for i, c := range cells {
		out[i] = c.val
		s, ok := c.val.(string)
		if lang == BatchEn || !ok {
			continue
		}
		out[i] = spreadsheet.SafeText(cellZh(rs, row, c.key, s))
	}
	return out
}

// cellZh is the Chinese of a text cell under column key; a value the page has no word for stays as it is.
func cellZh(rs *eligibility.RuleSet, row eligibility.BatchRow, key, s string) string {
	word := func(m map[string]string) string {
		if w, ok := m[s]; ok {
			return w
		}
		return s
	}
	switch key {
	case "verdict":
		if row.Answer == nil {
			return verdictErrorZh
		}
		return word(verdictZh)
	case "type":
		if t, ok := rs.Type(s); ok {
			return t.NameZh
		}
	case "inside_county":
		return word(insideZh)
	case "missing_facts":
		if row.Answer == nil {
			return s
		}
		names := make([]string, len(row.Answer.MissingFacts))
		for i, name := range row.Answer.MissingFacts {
			names[i] = name
			if f, ok := rs.Fact(name); ok {
				names[i] = f.NameZh
			}
		}
		return strings.Join(names, "、")
	case "error":
		if row.Err != nil && len(row.Err.Fields) > 0 && row.Err.Fields[0].MessageZh != "" {
			return row.Err.Fields[0].MessageZh
		}
	case "id", "name", "zones", "towns", "rules_version", "summary_zh":
	default: // a rule's column: no rule id is a fixed column's (ParseRules)
		return word(resultZh)
	}
	return s
}

// WriteBatchCSV writes rows as CSV (UTF-8 with a byte-order mark, CRLF) with the header in lang.
func WriteBatchCSV(w io.Writer, rs *eligibility.RuleSet, rows []eligibility.BatchRow, lang BatchLang) error {
	return spreadsheet.WriteCSV(w, BatchHeader(rs, lang), func(put func([]string) error) error {
		for _, row := range rows {
			vals := batchRecord(rs, row, lang)
			rec := make([]string, len(vals))
			for i, v := range vals {
				switch v := v.(type) {
				case string:
					rec[i] = v
				case float64:
					rec[i] = eligibility.FormatNumber(v)
				}
			}
			if err := put(rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// WriteBatchXLSX writes rows as a one-sheet workbook with the CSV's cells in lang, areas as numbers.
func WriteBatchXLSX(w io.Writer, rs *eligibility.RuleSet, rows []eligibility.BatchRow, lang BatchLang) error {
	sheet := "准入检查"
	if lang == BatchEn {
		sheet = "eligibility"
	}
	return spreadsheet.WriteXLSX(w, sheet, BatchHeader(rs, lang), nil, func(put func([]any) error) error {
		for _, row := range rows {
			if err := put(batchRecord(rs, row, lang)); err != nil {
				return err
			}
		}
		return nil
	})
}

func shares(s []eligibility.AreaShare) string {
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = fmt.Sprintf("%s %s%%", x.Name, eligibility.FormatNumber(geodesy.Round(x.Share*100, 1)))
	}
	return strings.Join(parts, "; ")
}

// WriteBatchGeoJSON writes rows as a FeatureCollection: each feature's geometry is the checked shape in
// WGS84 (null for a row that could not be checked) and its properties are the batch columns, in order.
func WriteBatchGeoJSON(w io.Writer, rs *eligibility.RuleSet, rows []eligibility.BatchRow) error {
	bw := bufio.NewWriter(w)
	var err error
	summary, _ := marshal(eligibility.BatchSummary(rows))
	version, _ := marshal(rs.Version)
	fmt.Fprintf(bw, `{"type":"FeatureCollection","rules_version":%s,"summary":%s,"features":[`, version, summary)
	for i, row := range rows {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n")
		geom := []byte("null")
		if row.Answer != nil && row.Answer.Facts != nil && row.Answer.Facts.Geometry != nil {
			if geom, err = marshal(geojson.NewGeometry(row.Answer.Facts.Geometry)); err != nil {
				return err
			}
		}
		id, _ := marshal(row.Item.ID)
		fmt.Fprintf(bw, `{"type":"Feature","id":%s,"geometry":%s,"properties":{`, id, geom)
		for j, c := range rowCells(rs, row) {
			if j > 0 {
				bw.WriteByte(',')
			}
			k, _ := marshal(c.key)
			v, err := marshal(c.val)
			if err != nil {
				return err
			}
			bw.Write(k)
			bw.WriteByte(':')
			bw.Write(v)
		}
		bw.WriteString("}}")
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// marshal encodes v without HTML escaping, so Chinese and symbols stay readable.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
