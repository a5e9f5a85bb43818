package eligibility

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// Collections a batch may check whole.
var BatchCollections = []string{"redevelopment", "parcels"}

// BatchItem is one parcel of a batch: a geometry or a parcel id with its proposal. Err, when set, is a
// problem with this item alone; its row reports it and the batch goes on.
type BatchItem struct {
	ID       string
	Name     string
	Input    FactsInput
	Proposal Proposal
	Err      *apperr.Error
}

// BatchRequest is a parsed batch: items to check, or a collection to check whole (the caller lists its
// ids and makes the items with ItemsForIDs).
type BatchRequest struct {
	Items      []BatchItem
	Collection string
	Default    Proposal
	CRS        string
}

// BatchOverride is what the command line sets over a batch file: its crs and proposal defaults.
type BatchOverride struct {
	CRS      string
	Proposal Proposal
}

var batchKeys = []string{"type", "name", "bbox", "features", "crs", "proposal", "parcel_ids", "collection"}

// ParseBatchRequest reads a batch body: a GeoJSON FeatureCollection (each feature's properties may
// carry proposal facts over the top-level "proposal"; "crs" is a string or a GeoJSON 2008 named crs),
// {"parcel_ids": [...]} or {"collection": "redevelopment"}. Structural errors name their field; a bad
// feature becomes an error row.
func (rs *RuleSet) ParseBatchRequest(body []byte, o BatchOverride) (BatchRequest, error) {
	var m map[string]json.RawMessage
	if err := decodeStrict(body, &m); err != nil {
		return BatchRequest{}, bodyError(err)
	}
	if m == nil {
		return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "body", "the body must be a GeoJSON FeatureCollection, {\"parcel_ids\": [...]} or {\"collection\": \"redevelopment\"}")
	}
	var typ string
	if raw, ok := m["type"]; ok {
		if json.Unmarshal(raw, &typ) != nil || typ != "FeatureCollection" {
			return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "type", "type must be FeatureCollection; got %s (one geometry goes to POST /api/eligibility)", apperr.Quote(typ))
		}
	}
	if err := onlyKeys(m, batchKeys, ""); err != nil {
		return BatchRequest{}, err
	}
	var req BatchRequest
	var err error
	if raw, ok := m["proposal"]; ok && string(raw) != "null" {
		if req.Default, err = rs.ParseProposal(raw, "proposal", false); err != nil {
			return BatchRequest{}, err
		}
	}
	req.Default = req.Default.Merge(o.Proposal)
	crs := o.CRS
	if raw, ok := m["crs"]; ok && crs == "" {
		if crs, err = crsMember(raw); err != nil {
			return BatchRequest{}, err
		}
	}
	if req.CRS, err = geodesy.ParseCRS(crs, "crs"); err != nil {
		return BatchRequest{}, err
	}
	_, hasIDs := m["parcel_ids"]
	_, hasColl := m["collection"]
	_, hasFeatures := m["features"]
	if n := btoi(hasIDs) + btoi(hasColl) + btoi(hasFeatures || typ != ""); n != 1 {
		return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "features", "give exactly one of features (a GeoJSON FeatureCollection), parcel_ids or collection")
	}
	switch {
	case hasIDs:
		var ids []string
		if err := json.Unmarshal(m["parcel_ids"], &ids); err != nil || len(ids) == 0 {
			return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "parcel_ids", "parcel_ids must be a non-empty array of ids such as RD-018")
		}
		if len(ids) > MaxBatchFeatures {
			return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "parcel_ids", "parcel_ids has %d ids; at most %d are accepted", len(ids), MaxBatchFeatures)
		}
		req.Items, err = req.ItemsForIDs(ids, nil)
		return req, err
	case hasColl:
		if err := json.Unmarshal(m["collection"], &req.Collection); err != nil || !slices.Contains(BatchCollections, req.Collection) {
			return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "collection", "collection must be one of %s", strings.Join(BatchCollections, ", "))
		}
		return req, nil
	}
	if typ == "" {
		return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "type", "a GeoJSON batch needs \"type\": \"FeatureCollection\"")
	}
	var features []json.RawMessage
	if err := json.Unmarshal(m["features"], &features); err != nil {
		return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "features", "features must be an array of GeoJSON Features")
	}
	if len(features) == 0 || len(features) > MaxBatchFeatures {
		return BatchRequest{}, apperr.FieldErrorf(apperr.Invalid, "features", "features has %d features; give 1 to %d", len(features), MaxBatchFeatures)
	}
	for i, raw := range features {
		req.Items = append(req.Items, rs.featureItem(raw, i, req))
	}
	return req, nil
}

// ItemsForIDs makes one item per parcel id with the default proposal; names, when given, match ids.
func (req BatchRequest) ItemsForIDs(ids, names []string) ([]BatchItem, error) {
	items := make([]BatchItem, len(ids))
	for i, id := range ids {
		it := BatchItem{ID: id, Proposal: req.Default.Merge(Proposal{})}
		if i < len(names) {
			it.Name = names[i]
		}
		clean, err := checkParcelID(id, fmt.Sprintf("parcel_ids[%d]", i))
		if err != nil {
			return nil, err
		}
		it.Input = FactsInput{ParcelID: clean, Industries: industriesOf(it.Proposal)}
		items[i] = it
	}
	return items, nil
}

func (rs *RuleSet) featureItem(raw json.RawMessage, i int, req BatchRequest) BatchItem {
	field := fmt.Sprintf("features[%d]", i)
	it := BatchItem{ID: "#" + strconv.Itoa(i+1)}
	var f struct {
		Type       string          `json:"type"`
		ID         any             `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}
	if err := json.Unmarshal(raw, &f); err != nil || f.Type != "Feature" {
		it.Err = apperr.FieldErrorf(apperr.Invalid, field, "%s is not a GeoJSON Feature", field)
		return it
	}
	switch id := f.ID.(type) {
	case string:
		it.ID = id
	case float64:
		it.ID = FormatNumber(id)
	default:
		for _, k := range []string{"id", "code", "parcel_id"} {
			if s := textProp(f.Properties[k]); s != "" {
				it.ID = s
				break
			}
		}
	}
	it.Name = textProp(f.Properties["name"])
	own, err := rs.proposalFrom(f.Properties, field+".properties", true, true)
	if err != nil {
		it.Err = asError(err)
		return it
	}
	it.Proposal = req.Default.Merge(own)
	it.Input.Industries = industriesOf(it.Proposal)
	if len(f.Geometry) == 0 || string(f.Geometry) == "null" {
		id, err := checkParcelID(textProp(f.Properties["parcel_id"]), field+".properties.parcel_id")
		if err != nil {
			it.Err = apperr.FieldErrorf(apperr.Invalid, field+".geometry", "%s has no geometry and no properties.parcel_id", field)
			return it
		}
		it.Input.ParcelID = id
		return it
	}
	mp, err := ParseGeometry(f.Geometry, req.CRS, field+".geometry")
	if err != nil {
		it.Err = asError(err)
		return it
	}
	it.Input.Geometry, it.Input.SRID = mp, geodesy.SRID(req.CRS)
	if it.Proposal.Type == "" {
		it.Err = apperr.FieldErrorf(apperr.Invalid, field+".properties.type", "%s needs a proposal type (properties.type, or the batch's proposal.type): one of %s",
			field, strings.Join(rs.TypeIDs(), ", "))
	}
	return it
}

// crsMember reads a FeatureCollection's crs: a string, or a GeoJSON 2008
// {"type":"name","properties":{"name":...}}.
func crsMember(raw json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var named struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if json.Unmarshal(raw, &named) == nil && named.Properties.Name != "" {
		return named.Properties.Name, nil
	}
	return "", apperr.FieldErrorf(apperr.Invalid, "crs", "crs must be a string such as EPSG:4549, or {\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4549\"}}")
}

func textProp(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return FormatNumber(x)
	}
	return ""
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BatchRow is one checked item: its answer, or the error that stopped it.
type BatchRow struct {
	Item   BatchItem
	Answer *Answer
	Err    *apperr.Error
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

// batchFixed are the columns of a batch row besides one per rule, each with the Chinese header a
// person's spreadsheet shows (a script asks for the ids, lang=en).
var batchFixed = [][2]string{{"id", "编号"}, {"name", "名称"}, {"area_mu", "面积（亩）"}, {"verdict", "结论"},
	{"type", "类型"}, {"site_area_mu", "用地面积（亩）"}, {"inside_county", "是否在县域内"}, {"zones", "所在功能区"},
	{"towns", "所在乡镇"}, {"overlap_parks_mu", "与园区重叠（亩）"}, {"overlap_redevelopment_mu", "与低效用地重叠（亩）"},
	{"missing_facts", "尚需补充的事项"}, {"rules_version", "规则版本"}, {"summary_zh", "结论说明"}, {"error", "错误"}}

// BatchFixedColumns are the columns of a batch row besides one per rule (the first four come before
// the rules'); a rule id must not be one of them.
func BatchFixedColumns() []string { return batchColumn(0) }

// BatchFixedTitlesZh are BatchFixedColumns' Chinese headers, in the same order; a rule's title_zh,
// its column's Chinese header, must not be one of them.
func BatchFixedTitlesZh() []string { return batchColumn(1) }

func batchColumn(i int) []string {
	out := make([]string, len(batchFixed))
	for j, c := range batchFixed {
		out[j] = c[i]
	}
	return out
}
