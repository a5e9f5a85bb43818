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
// shows the Chinese) or as a GeoJSON FeatureCollection.

// BatchColumns are the columns of a batch, in order: id, name, area_mu, verdict, one per rule, then
// the rest of what a row says.
func BatchColumns(rs *eligibility.RuleSet) []string {
	cols := append([]string(nil), eligibility.BatchFixedColumns()[:4]...)
	cols = append(cols, rs.RuleIDs()...)
	return append(cols, eligibility.BatchFixedColumns()[4:]...)
}

type cell struct {
	key string
	val any // string, float64 or nil
}

// rowCells returns a row's values in BatchColumns order.
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

func shares(s []eligibility.AreaShare) string {
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = fmt.Sprintf("%s %s%%", x.Name, eligibility.FormatNumber(geodesy.Round(x.Share*100, 1)))
	}
	return strings.Join(parts, "; ")
}

// WriteBatchCSV writes rows as CSV with a UTF-8 byte-order mark and a header of BatchColumns.
func WriteBatchCSV(w io.Writer, rs *eligibility.RuleSet, rows []eligibility.BatchRow) error {
	return spreadsheet.WriteCSV(w, BatchColumns(rs), func(put func([]string) error) error {
		for _, row := range rows {
			cells := rowCells(rs, row)
			rec := make([]string, len(cells))
			for i, c := range cells {
				switch v := c.val.(type) {
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
