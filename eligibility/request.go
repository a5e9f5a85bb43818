package eligibility

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// CheckRequest is a parsed POST /api/eligibility body: a parcel id or a geometry, and the proposal.
type CheckRequest struct {
	Input    FactsInput
	CRS      string
	Proposal Proposal
}

var checkKeys = []string{"parcel_id", "geometry", "crs", "proposal"}

// ParseCheckRequest reads and checks a check request body. Every error names the field at fault.
func (rs *RuleSet) ParseCheckRequest(body []byte) (CheckRequest, error) {
	var m map[string]json.RawMessage
	if err := decodeStrict(body, &m); err != nil {
		return CheckRequest{}, bodyError(err)
	}
	if m == nil {
		return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "body", "the body must be a JSON object with parcel_id or geometry, and proposal")
	}
	if err := onlyKeys(m, checkKeys, ""); err != nil {
		return CheckRequest{}, err
	}
	var req CheckRequest
	var err error
	if raw, ok := m["proposal"]; ok && string(raw) != "null" {
		if req.Proposal, err = rs.ParseProposal(raw, "proposal", false); err != nil {
			return CheckRequest{}, err
		}
	}
	var crs string
	if raw, ok := m["crs"]; ok {
		if err := json.Unmarshal(raw, &crs); err != nil {
			return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "crs", "crs must be a string such as EPSG:4326, GCJ02, EPSG:4528 or EPSG:4549")
		}
	}
	if req.CRS, err = geodesy.ParseCRS(crs, "crs"); err != nil {
		return CheckRequest{}, err
	}
	rawID, hasID := m["parcel_id"]
	rawGeom, hasGeom := m["geometry"]
	switch {
	case hasID && hasGeom:
		return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "parcel_id", "give either parcel_id or geometry, not both")
	case hasID:
		if _, ok := m["crs"]; ok {
			return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "crs", "crs applies to a geometry; a parcel_id needs none")
		}
		var id string
		if err := json.Unmarshal(rawID, &id); err != nil {
			return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "parcel_id", "parcel_id must be a string such as RD-018 or GD2019-001")
		}
		if req.Input.ParcelID, err = checkParcelID(id, "parcel_id"); err != nil {
			return CheckRequest{}, err
		}
	case hasGeom:
		if req.Input.Geometry, err = ParseGeometry(rawGeom, req.CRS, "geometry"); err != nil {
			return CheckRequest{}, err
		}
		req.Input.SRID = geodesy.SRID(req.CRS)
		if req.Proposal.Type == "" {
			return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "proposal.type", "proposal.type is required for a drawn geometry: one of %s",
				strings.Join(rs.TypeIDs(), ", "))
		}
	default:
		return CheckRequest{}, apperr.FieldErrorf(apperr.Invalid, "parcel_id", "give parcel_id (a land-supply parcel or redevelopment area) or geometry (a GeoJSON Polygon or MultiPolygon)")
	}
	req.Input.Industries = industriesOf(req.Proposal)
	return req, nil
}

func industriesOf(p Proposal) []string {
	if s, ok := p.Facts["leading_industry"].(string); ok && s != "" {
		return []string{s}
	}
	return nil
}

func checkParcelID(id, field string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" || !utf8.ValidString(id) || strings.ContainsRune(id, 0) || len(id) > maxParcelID {
		return "", apperr.FieldErrorf(apperr.Invalid, field, "%s must be a parcel or redevelopment area id such as RD-018 or GD2019-001", field)
	}
	return id, nil
}

func onlyKeys(m map[string]json.RawMessage, allowed []string, prefix string) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		known := false
		for _, a := range allowed {
			known = known || k == a
		}
		if !known {
			return apperr.FieldErrorf(apperr.Invalid, prefix+k, "unknown field %s: the body may have %s", apperr.Quote(prefix+k), strings.Join(allowed, ", "))
		}
	}
	return nil
}

// Merge returns the default proposal overridden by p: p's type if it has one, and each fact it gives.
func (d Proposal) Merge(p Proposal) Proposal {
	out := Proposal{Type: d.Type, Facts: map[string]any{}}
	for k, v := range d.Facts {
		out.Facts[k] = v
	}
	if p.Type != "" {
		out.Type = p.Type
	}
	for k, v := range p.Facts {
		out.Facts[k] = v
	}
	return out
}

// appError returns err as a *apperr.Error when it is an application error (a problem with the input).
func appError(err error) (*apperr.Error, bool) {
	var e *apperr.Error
	if errors.As(err, &e) && e.Code != apperr.Internal && e.Code != apperr.Unavailable {
		return e, true
	}
	return nil, false
}

// asError returns err as a *apperr.Error, wrapping any other error as an invalid input.
func asError(err error) *apperr.Error {
	var e *apperr.Error
	if errors.As(err, &e) {
		return e
	}
	return apperr.Errorf(apperr.Invalid, "%v", err)
}
