package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/eligibility"
)

// Store is what the register needs from the database.
type Store interface {
	// SaveCase numbers c (the next number of the current year) and writes it with its audit row in
	// one transaction; a save that fails takes no number.
	SaveCase(ctx context.Context, a accounts.Actor, c NewCase) (Case, error)
	// Cases lists cases matching q, newest first.
	Cases(ctx context.Context, q Query) ([]Case, error)
	// Case returns one case by number; apperr.NotFound if there is none.
	Case(ctx context.Context, number string) (Case, error)
}

// Service is the register's use cases: save a check as a case, list, reopen.
type Service struct {
	store Store
	check *eligibility.Service
}

// NewService returns the register on store, checking with check (the rules in force).
func NewService(store Store, check *eligibility.Service) *Service {
	return &Service{store: store, check: check}
}

// saveKeys are the fields of a save: a check request's and the note.
var saveKeys = []string{"parcel_id", "geometry", "crs", "proposal", "note"}

// ParseSave reads a save's body: a check request (as POST /api/eligibility takes it) and note. It
// returns the parsed request, the request as submitted without the note, and the note.
func (s *Service) ParseSave(body []byte) (eligibility.CheckRequest, json.RawMessage, string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		// The check's own parser names what is wrong with the body.
		if _, perr := s.check.Rules.ParseCheckRequest(body); perr != nil {
			return eligibility.CheckRequest{}, nil, "", perr
		}
		return eligibility.CheckRequest{}, nil, "", apperr.FieldErrorf(apperr.Invalid, "body", "the body must be one JSON object")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(saveKeys, k) {
			return eligibility.CheckRequest{}, nil, "", apperr.FieldErrorf(apperr.Invalid, k,
				"unknown field %s: the body may have %s", apperr.Quote(k), strings.Join(saveKeys, ", "))
		}
	}
	note := ""
	if raw, ok := m["note"]; ok {
		if string(raw) != "null" {
			if err := json.Unmarshal(raw, &note); err != nil {
				return eligibility.CheckRequest{}, nil, "", apperr.FieldErrorf(apperr.Invalid, "note", "note must be a string")
			}
		}
		delete(m, "note")
	}
	note, err := CheckNote(note)
	if err != nil {
		return eligibility.CheckRequest{}, nil, "", err
	}
	rest, err := json.Marshal(m)
	if err != nil {
		return eligibility.CheckRequest{}, nil, "", err
	}
	req, err := s.check.Rules.ParseCheckRequest(rest)
	if err != nil {
		return eligibility.CheckRequest{}, nil, "", err
	}
	return req, rest, note, nil
}

// CheckNote trims a note and checks its length and text.
func CheckNote(note string) (string, error) {
	note = strings.TrimSpace(note)
	switch {
	case !utf8.ValidString(note) || strings.ContainsRune(note, 0):
		return "", apperr.FieldErrorf(apperr.Invalid, "note", "note must be text")
	case utf8.RuneCountInString(note) > MaxNote:
		return "", apperr.FieldErrorf(apperr.Invalid, "note", "note is %d characters; at most %d", utf8.RuneCountInString(note), MaxNote)
	}
	return note, nil
}

// Save runs the check of body itself (an answer sent by the client is never trusted: the body has
// no place for one) and saves request, answer and actor as a new case. A parcel outside the county
// is saved with the answer the check gives it; a request the check refuses is not saved.
func (s *Service) Save(ctx context.Context, a accounts.Actor, body []byte) (Case, error) {
	req, raw, note, err := s.ParseSave(body)
	if err != nil {
		return Case{}, err
	}
	ans, err := s.check.Check(ctx, req)
	if err != nil {
		return Case{}, err
	}
	answer, err := json.Marshal(ans)
	if err != nil {
		return Case{}, err
	}
	proposal, err := json.Marshal(ans.Proposal)
	if err != nil {
		return Case{}, err
	}
	return s.store.SaveCase(ctx, a, NewCase{Request: raw, CRS: req.CRS, Geometry: ans.Facts.Geometry, Proposal: proposal,
		Answer: answer, RulesVersion: ans.RulesVersion, Verdict: ans.Verdict, ParcelID: req.Input.ParcelID, Note: note})
}

// Verdicts are the verdicts a search may name.
var Verdicts = []string{eligibility.VerdictEligible, eligibility.VerdictNotEligible, eligibility.VerdictNeedsInformation}

// Check checks a query's values, naming the parameter at fault.
func (q Query) Check() error {
	for _, p := range []struct{ name, v string }{{"number", q.Number}, {"parcel", q.Parcel}} {
		if !utf8.ValidString(p.v) || strings.ContainsRune(p.v, 0) || utf8.RuneCountInString(p.v) > maxSearch {
			return apperr.FieldErrorf(apperr.Invalid, p.name, "%s must be text of at most %d characters", p.name, maxSearch)
		}
	}
	if q.Verdict != "" && !slices.Contains(Verdicts, q.Verdict) {
		return apperr.FieldErrorf(apperr.Invalid, "verdict", "verdict must be one of %s", strings.Join(Verdicts, ", "))
	}
	if q.Limit < 0 || q.Limit > MaxLimit {
		return apperr.FieldErrorf(apperr.Invalid, "limit", "limit must be a whole number from 1 to %d", MaxLimit)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Until.After(q.Since) {
		return apperr.FieldErrorf(apperr.Invalid, "until", "until must be after since")
	}
	return q.checkLocation()
}

// List returns the cases matching q, newest first (at most q.Limit, default DefaultLimit).
func (s *Service) List(ctx context.Context, q Query) ([]Case, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	q.Number, q.Parcel = strings.TrimSpace(q.Number), strings.TrimSpace(q.Parcel)
	return s.store.Cases(ctx, q)
}

// Export returns every case matching q (its Limit and Before ignored), newest first, page by page so
// that no single query holds more than MaxLimit rows; more than MaxExport is too large to export.
func (s *Service) Export(ctx context.Context, q Query) ([]Case, error) {
	q.Limit, q.Before = MaxLimit, 0
	var out []Case
	for {
		page, err := s.List(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(out) > MaxExport {
			return nil, apperr.Fields([]apperr.FieldError{{Field: "f",
				Message:   fmt.Sprintf("more than %d cases match: narrow the search (number, parcel, verdict, since, until, bbox, point) to export them", MaxExport),
				MessageZh: fmt.Sprintf("符合条件的案例超过 %d 件，请缩小查询范围后再导出", MaxExport)}})
		}
		if len(page) < q.Limit {
			return out, nil
		}
		q.Before = page[len(page)-1].ID
	}
}

// Get reopens a case: as saved and, when the rules in force have another version, the answer the
// saved request gets under them.
func (s *Service) Get(ctx context.Context, number string) (Reopened, error) {
	c, err := s.store.Case(ctx, strings.TrimSpace(number))
	if err != nil {
		return Reopened{}, err
	}
	out := Reopened{Case: c}
	if c.RulesVersion == s.check.Rules.Version {
		return out, nil
	}
	req, err := s.check.Rules.ParseCheckRequest(c.Request)
	if err == nil {
		var ans eligibility.Answer
		if ans, err = s.check.Check(ctx, req); err == nil {
			out.Today = &ans
			return out, nil
		}
	}
	if _, ok := apperr.As(err); !ok || apperr.CodeOf(err) == apperr.Internal || apperr.CodeOf(err) == apperr.Unavailable {
		return Reopened{}, err
	}
	ae, _ := apperr.As(err)
	out.TodayError = ae.Message
	return out, nil
}
