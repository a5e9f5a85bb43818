package web

import (
	"mime"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/cases"
)

// errNoCases answers the register's routes of a handler built without it (some unit tests).
var errNoCases = apperr.Errorf(apperr.Unavailable, "eligibility cases are unavailable")

// casesRoutes registers the land bureau's register of checks (issue 12).
func (s *server) casesRoutes(r *mux.Router) {
	r.Handle("/api/eligibility/cases", s.adapt(s.handleSaveCase)).Methods(http.MethodPost)
	r.Handle("/api/eligibility/cases", s.adapt(s.handleCases)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/eligibility/cases/{number}", s.adapt(s.handleCase)).Methods(http.MethodGet, http.MethodHead)
}

// caseLocation is a case's URL path.
func caseLocation(number string) string { return "/api/eligibility/cases/" + url.PathEscape(number) }

// handleSaveCase saves a check as a case: the body is POST /api/eligibility's and a note; the service
// runs the check itself, so an answer is never taken from the client.
func (s *server) handleSaveCase(w http.ResponseWriter, r *http.Request) error {
	if s.Cases == nil {
		return errNoCases
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return apperr.FieldErrorf(apperr.Invalid, "Content-Type", "the body must be JSON (Content-Type: application/json)")
	}
	body, err := readBody(w, r, MaxCheckBytes)
	if err != nil {
		return err
	}
	c, err := s.Cases.Save(r.Context(), actorOf(r), body)
	if err != nil {
		return err
	}
	w.Header().Set("Location", s.baseURL(r)+caseLocation(c.Number))
	writePrivate(w, http.StatusCreated, c)
	return nil
}

var casesParams = map[string]bool{"number": true, "parcel": true, "verdict": true, "since": true, "until": true,
	"limit": true, "before": true, "bbox": true, "point": true}

type casesBody struct {
	Cases []cases.Case `json:"cases"`
	// NextBefore is the before of the next page, when this one is full.
	NextBefore int64 `json:"next_before,omitempty"`
}

// handleCases lists the register, newest first, with filters (by location too); with f=csv or
// f=xlsx it exports what the filters find.
func (s *server) handleCases(w http.ResponseWriter, r *http.Request) error {
	if s.Cases == nil {
		return errNoCases
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	format := q.Get("f")
	switch format {
	case "", "json":
		format = "json"
	case "csv", "xlsx":
	default:
		return fieldErrZh("f", "f must be json, csv or xlsx", "f 应为 json、csv 或 xlsx")
	}
	delete(q, "f")
	if err := checkCommon(q, func(n string) bool { return casesParams[n] }, " (the parameters are number, parcel, verdict, since, until, bbox, point, limit, before, f)"); err != nil {
		return err
	}
	pg, err := parsePage(q, cases.MaxLimit, "a case id")
	if err != nil {
		return err
	}
	bbox, point, err := parseCaseLocation(q)
	if err != nil {
		return err
	}
	cq := cases.Query{Number: q.Get("number"), Parcel: q.Get("parcel"), Verdict: q.Get("verdict"),
		Limit: pg.Limit, Before: pg.Before, Since: pg.Since, Until: pg.Until, BBox: bbox, Point: point}
	if format != "json" {
		// An export holds every case the search finds: limit and before page the JSON list only.
		list, err := s.Cases.Export(r.Context(), cq)
		if err != nil {
			return err
		}
		return writeCasesExport(w, format, list)
	}
	list, err := s.Cases.List(r.Context(), cq)
	if err != nil {
		return err
	}
	body := casesBody{Cases: list}
	if len(list) > 0 {
		body.NextBefore = pg.nextBefore(len(list), cases.DefaultLimit, list[len(list)-1].ID)
	}
	writePrivate(w, http.StatusOK, body)
	return nil
}

// handleCase reopens a case: as saved, and today's answer beside it when the rules have changed.
func (s *server) handleCase(w http.ResponseWriter, r *http.Request) error {
	if s.Cases == nil {
		return errNoCases
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	c, err := s.Cases.Get(r.Context(), mux.Vars(r)["number"])
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, c)
	return nil
}
