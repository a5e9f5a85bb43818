package web

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/evaluations"
)

// errNoEvaluations answers the evaluation routes of a handler built without them (some unit tests).
var errNoEvaluations = apperr.Errorf(apperr.Unavailable, "park evaluations are unavailable")

// maxEvaluationBody bounds a PUT of a grade (a source of at most 300 characters).
const maxEvaluationBody = 8 << 10

func (s *server) evaluationRoutes(r *mux.Router) {
	r.Handle("/api/evaluations", s.adapt(s.handleEvaluations)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/parks/{id}/evaluations", s.adapt(s.handleParkEvaluations)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/parks/{id}/evaluations/{year}", s.adapt(s.handlePutEvaluation)).Methods(http.MethodPut)
	r.Handle("/api/parks/{id}/evaluations/{year}", s.adapt(s.handleDeleteEvaluation)).Methods(http.MethodDelete)
}

// publicGrades hides who entered a grade from a caller not logged in: staff names are not for the
// public (as a park's facts' updated_by). The answer then depends on who asks: private, revalidated.
func publicGrades(r *http.Request, list []evaluations.Grade) []evaluations.Grade {
	if userOf(r.Context()) != nil {
		return list
	}
	out := make([]evaluations.Grade, len(list))
	for i, g := range list {
		g.EnteredBy = ""
		out[i] = g
	}
	return out
}

func writeEvaluations(w http.ResponseWriter, v any) {
	w.Header().Set("Cache-Control", "private, no-cache")
	writeJSON(w, http.StatusOK, mediaJSON, v)
}

func (s *server) handleEvaluations(w http.ResponseWriter, r *http.Request) error {
	if s.Evaluations == nil {
		return errNoEvaluations
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	o, err := s.Evaluations.Overview(r.Context())
	if err != nil {
		return err
	}
	o.Parks = publicGrades(r, o.Parks)
	writeEvaluations(w, o)
	return nil
}

func (s *server) handleParkEvaluations(w http.ResponseWriter, r *http.Request) error {
	if s.Evaluations == nil {
		return errNoEvaluations
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	rec, err := s.Evaluations.Park(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	rec.Evaluations = publicGrades(r, rec.Evaluations)
	writeEvaluations(w, rec)
	return nil
}

func (s *server) handlePutEvaluation(w http.ResponseWriter, r *http.Request) error {
	if s.Evaluations == nil {
		return errNoEvaluations
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	var body evaluations.Put
	if err := decodeStrict(w, r, maxEvaluationBody, &body); err != nil {
		return err
	}
	v := mux.Vars(r)
	c, err := s.Evaluations.Put(r.Context(), actorOf(r), v["id"], v["year"], body)
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, c)
	return nil
}

func (s *server) handleDeleteEvaluation(w http.ResponseWriter, r *http.Request) error {
	if s.Evaluations == nil {
		return errNoEvaluations
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	v := mux.Vars(r)
	c, err := s.Evaluations.Delete(r.Context(), actorOf(r), v["id"], v["year"])
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, c)
	return nil
}
