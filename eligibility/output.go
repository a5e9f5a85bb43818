package eligibility

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb/geojson"
)

// Batch output: one row per item with the verdict and each rule's result as its own column, as CSV
// (UTF-8 with a byte-order mark, so that Excel shows the Chinese) or as a GeoJSON FeatureCollection.

// utf8BOM makes Excel read a CSV file as UTF-8.
const utf8BOM = "\ufeff"

// BatchColumns are the columns of a batch, in order: id, name, area_mu, verdict, one per rule, then
// the rest of what a row says.
func (rs *RuleSet) BatchColumns() []string {
	cols := append([]string(nil), batchFixedColumns[:4]...)
	cols = append(cols, rs.RuleIDs()...)
	return append(cols, batchFixedColumns[4:]...)
}

// batchFixedColumns are the batch columns besides the rules': the first four come before them.
var batchFixedColumns = []string{"id", "name", "area_mu", "verdict", "type", "site_area_mu", "inside_county", "zones", "towns",
	"overlap_parks_mu", "overlap_redevelopment_mu", "missing_facts", "rules_version", "summary_zh", "error"}

type cell struct {
	key string
	val any // string, float64 or nil
}

// rowCells returns a row's values in BatchColumns order.
func (rs *RuleSet) rowCells(row BatchRow) []cell {
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
	c = append(c, cell{"area_mu", round(f.AreaMu, 2)}, cell{"verdict", a.Verdict})
	for _, r := range a.Rules {
		c = append(c, cell{r.ID, r.Result})
	}
	return append(c, cell{"type", a.Proposal.Type}, cell{"site_area_mu", f.SiteAreaMu}, cell{"inside_county", f.InsideCounty},
		cell{"zones", shares(f.Zones)}, cell{"towns", shares(f.Towns)}, cell{"overlap_parks_mu", f.OverlapParksMu},
		cell{"overlap_redevelopment_mu", f.OverlapRedevelopmentMu}, cell{"missing_facts", strings.Join(a.MissingFacts, " ")},
		cell{"rules_version", a.RulesVersion}, cell{"summary_zh", a.SummaryZh}, cell{"error", ""})
}

func shares(s []AreaShare) string {
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = fmt.Sprintf("%s %s%%", x.Name, formatNumber(round(x.Share*100, 1)))
	}
	return strings.Join(parts, "; ")
}

// WriteBatchCSV writes rows as CSV with a UTF-8 byte-order mark and a header of BatchColumns.
func (rs *RuleSet) WriteBatchCSV(w io.Writer, rows []BatchRow) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(rs.BatchColumns()); err != nil {
		return err
	}
	for _, row := range rows {
		cells := rs.rowCells(row)
		rec := make([]string, len(cells))
		for i, c := range cells {
			switch v := c.val.(type) {
			case string:
				rec[i] = v
			case float64:
				rec[i] = formatNumber(v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// BatchSummary counts the rows by verdict ("error" for rows that could not be checked).
func BatchSummary(rows []BatchRow) map[string]int {
	s := map[string]int{VerdictEligible: 0, VerdictNotEligible: 0, VerdictNeedsInformation: 0, "error": 0}
	for _, r := range rows {
		if r.Answer == nil {
			s["error"]++
		} else {
			s[r.Answer.Verdict]++
		}
	}
	return s
}

// WriteBatchGeoJSON writes rows as a FeatureCollection: each feature's geometry is the checked shape in
// WGS84 (null for a row that could not be checked) and its properties are the batch columns, in order.
func (rs *RuleSet) WriteBatchGeoJSON(w io.Writer, rows []BatchRow) error {
	bw := bufio.NewWriter(w)
	var err error
	summary, _ := marshal(BatchSummary(rows))
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
		for j, c := range rs.rowCells(row) {
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
