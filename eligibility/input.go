package eligibility

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// Limits of a check request.
const (
	MaxVertices      = 10000 // per geometry
	MaxBatchFeatures = 5000
	maxTextFact      = 100 // runes of a text fact
	maxParcelID      = 64
)

type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// ParseGeometry reads a GeoJSON Polygon or MultiPolygon in crs and returns it as a MultiPolygon,
// converted to WGS84 when crs is GCJ-02 (projected coordinates stay as they are, for PostGIS). It refuses,
// naming field: another type, a ring that is not closed or has fewer than 4 positions, more than
// MaxVertices positions, and coordinates out of range for the CRS. Self-intersections are left to
// PostGIS's ST_IsValidReason: they are reported, never repaired.
func ParseGeometry(raw json.RawMessage, crs, field string) (orb.MultiPolygon, error) {
	var g rawGeometry
	if err := json.Unmarshal(raw, &g); err != nil || g.Type == "" {
		return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s must be a GeoJSON Polygon or MultiPolygon object", field)
	}
	if g.Type != "Polygon" && g.Type != "MultiPolygon" {
		return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s is a %s; it must be a Polygon or MultiPolygon", field, apperr.Quote(g.Type))
	}
	if len(g.Coordinates) == 0 || string(g.Coordinates) == "null" {
		return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s has no coordinates", field)
	}
	var mp orb.MultiPolygon
	switch g.Type {
	case "Polygon":
		var c [][][]float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s.coordinates must be an array of rings of [x, y] positions", field)
		}
		p, err := polygon(c, field, "")
		if err != nil {
			return nil, err
		}
		mp = orb.MultiPolygon{p}
	default:
		var c [][][][]float64
		if err := json.Unmarshal(g.Coordinates, &c); err != nil {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s.coordinates must be an array of polygons of rings of [x, y] positions", field)
		}
		if len(c) == 0 {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s is an empty MultiPolygon", field)
		}
		for i, pc := range c {
			p, err := polygon(pc, field, fmt.Sprintf("polygon %d ", i+1))
			if err != nil {
				return nil, err
			}
			mp = append(mp, p)
		}
	}
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	if n > MaxVertices {
		return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s has %d vertices; at most %d are accepted", field, n, MaxVertices)
	}
	if err := checkRange(mp, crs, field); err != nil {
		return nil, err
	}
	if crs == geodesy.CRSGCJ02 {
		for _, p := range mp {
			for _, r := range p {
				for i := range r {
					r[i] = geodesy.WGS84FromGCJ02(r[i])
				}
			}
		}
	}
	return mp, nil
}

func polygon(c [][][]float64, field, which string) (orb.Polygon, error) {
	if len(c) == 0 {
		return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s: %shas no rings", field, which)
	}
	p := make(orb.Polygon, 0, len(c))
	for j, rc := range c {
		where := fmt.Sprintf("%sring %d", which, j+1)
		if len(rc) > MaxVertices+1 {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s has more than %d vertices; at most %d are accepted", field, MaxVertices, MaxVertices)
		}
		if len(rc) < 4 {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s: %s has %d positions; a ring needs at least 4 (closed)", field, where, len(rc))
		}
		r := make(orb.Ring, len(rc))
		for k, pos := range rc {
			if len(pos) < 2 || len(pos) > 3 {
				return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s: %s position %d has %d numbers; want [x, y]", field, where, k+1, len(pos))
			}
			r[k] = orb.Point{pos[0], pos[1]}
		}
		if r[0] != r[len(r)-1] {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "%s: %s is not closed: it starts at %s and ends at %s; the last position must repeat the first",
				field, where, pointText(r[0]), pointText(r[len(r)-1]))
		}
		p = append(p, r)
	}
	return p, nil
}

// checkRange refuses coordinates that cannot be in crs, with a hint at the usual mix-ups (projected
// coordinates sent as degrees, northing given first).
func checkRange(mp orb.MultiPolygon, crs, field string) error {
	var minX, minY, maxX, maxY float64
	var hint string
	switch crs {
	case geodesy.CRSWGS84, geodesy.CRSGCJ02:
		minX, minY, maxX, maxY = -180, -90, 180, 90
		hint = "longitude −180…180, latitude −90…90, longitude first; projected coordinates need crs EPSG:4549 or EPSG:4528"
	case geodesy.CRSGKCM120:
		minX, minY, maxX, maxY = 0, 0, 1e6, 1e7
		hint = "easting 0…1,000,000 m without a zone prefix, then northing; eastings of 40,xxx,xxx need crs EPSG:4528; easting comes first"
	case geodesy.CRSGK40:
		minX, minY, maxX, maxY = 4e7, 0, 4.1e7, 1e7
		hint = "easting 40,000,000…41,000,000 m (zone 40 prefix), then northing; eastings of 5xx,xxx need crs EPSG:4549; easting comes first"
	}
	for _, p := range mp {
		for _, r := range p {
			for _, pt := range r {
				if pt[0] < minX || pt[0] > maxX || pt[1] < minY || pt[1] > maxY {
					return apperr.FieldErrorf(apperr.Invalid, field, "%s: position %s is out of range for %s (%s)", field, pointText(pt), crs, hint)
				}
			}
		}
	}
	return nil
}

func pointText(p orb.Point) string {
	return "[" + strconv.FormatFloat(p[0], 'f', -1, 64) + ", " + strconv.FormatFloat(p[1], 'f', -1, 64) + "]"
}

// ParseProposal reads a proposal object: "type" and facts the rules file declares as proposal facts.
// lenient accepts numbers and booleans written as text (GIS attribute tables often hold them so); the
// request body is strict. A null fact is unknown.
func (rs *RuleSet) ParseProposal(raw json.RawMessage, field string, lenient bool) (Proposal, error) {
	var m map[string]any
	if err := decodeStrict(raw, &m); err != nil || m == nil {
		return Proposal{}, apperr.FieldErrorf(apperr.Invalid, field, "%s must be a JSON object", field)
	}
	return rs.proposalFrom(m, field, lenient, false)
}

// proposalFrom checks the keys and values of a proposal. With ignoreUnknown (feature properties), keys
// that are no fact are skipped rather than refused: they are the feature's own attributes.
func (rs *RuleSet) proposalFrom(m map[string]any, field string, lenient, ignoreUnknown bool) (Proposal, error) {
	p := Proposal{Facts: map[string]any{}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		name := field + "." + k
		if k == "type" {
			if v == nil {
				continue
			}
			s, ok := v.(string)
			if !ok {
				return Proposal{}, apperr.FieldErrorf(apperr.Invalid, name, "%s must be a string: one of %s", name, strings.Join(rs.TypeIDs(), ", "))
			}
			if _, ok := rs.Type(s); !ok {
				return Proposal{}, apperr.FieldErrorf(apperr.Invalid, name, "unknown %s %s: one of %s", name, apperr.Quote(s), strings.Join(rs.TypeIDs(), ", "))
			}
			p.Type = s
			continue
		}
		d, ok := rs.Fact(k)
		if !ok || d.Source != FactFromProposal {
			if ignoreUnknown {
				continue
			}
			if ok {
				return Proposal{}, apperr.FieldErrorf(apperr.Invalid, name, "%s is measured from the geometry, not given in the proposal", name)
			}
			return Proposal{}, apperr.FieldErrorf(apperr.Invalid, name, "%s is not a fact the rules know; the proposal may give type, %s",
				name, strings.Join(rs.proposalFactNames(), ", "))
		}
		if v == nil {
			continue
		}
		val, err := factValue(d, v, name, lenient)
		if err != nil {
			return Proposal{}, err
		}
		p.Facts[k] = val
	}
	return p, nil
}

func (rs *RuleSet) proposalFactNames() []string {
	var names []string
	for _, f := range rs.Facts {
		if f.Source == FactFromProposal {
			names = append(names, f.Name)
		}
	}
	return names
}

func factValue(d FactDecl, v any, name string, lenient bool) (any, error) {
	switch d.Type {
	case "number":
		x, ok := v.(float64)
		if s, isText := v.(string); isText && lenient {
			f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			x, ok = f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
		}
		if !ok {
			return nil, apperr.FieldErrorf(apperr.Invalid, name, "%s must be a number%s", name, unitNote(d))
		}
		if (d.Min != nil && x < *d.Min) || (d.Max != nil && x > *d.Max) {
			return nil, apperr.FieldErrorf(apperr.Invalid, name, "%s must be %s%s; got %s", name, rangeText(d), unitNote(d), FormatNumber(x))
		}
		return x, nil
	case "boolean":
		b, ok := v.(bool)
		if s, isText := v.(string); isText && lenient {
			switch strings.ToLower(strings.TrimSpace(s)) {
			case "true", "yes", "1", "是":
				b, ok = true, true
			case "false", "no", "0", "否":
				b, ok = false, true
			}
		}
		if !ok {
			return nil, apperr.FieldErrorf(apperr.Invalid, name, "%s must be true or false", name)
		}
		return b, nil
	default:
		s, ok := v.(string)
		if !ok || !utf8.ValidString(s) || strings.ContainsRune(s, 0) || utf8.RuneCountInString(s) > maxTextFact {
			return nil, apperr.FieldErrorf(apperr.Invalid, name, "%s must be text of at most %d characters", name, maxTextFact)
		}
		return strings.TrimSpace(s), nil
	}
}

func rangeText(d FactDecl) string {
	switch {
	case d.Min != nil && d.Max != nil:
		return "from " + FormatNumber(*d.Min) + " to " + FormatNumber(*d.Max)
	case d.Min != nil:
		return "at least " + FormatNumber(*d.Min)
	case d.Max != nil:
		return "at most " + FormatNumber(*d.Max)
	}
	return "a number"
}

func unitNote(d FactDecl) string {
	if d.Note != "" {
		return " (" + d.Note + ")"
	}
	if d.Unit != "" {
		return " (" + d.Unit + ")"
	}
	return ""
}

// decodeStrict decodes exactly one JSON value, keeping numbers as float64.
func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON value")
	}
	return nil
}

// bodyError turns a JSON decoding error of a request body into a message naming where it went wrong.
func bodyError(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return apperr.FieldErrorf(apperr.Invalid, "body", "the body is not valid JSON (at byte %d: %s)", syn.Offset, syn.Error())
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return apperr.FieldErrorf(apperr.Invalid, "body", "the body is empty or ends before its JSON value does")
	}
	return apperr.FieldErrorf(apperr.Invalid, "body", "the body must be one JSON object")
}
