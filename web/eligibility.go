package web

import "github.com/gorilla/mux"

// EligibilityStore gathers the facts of a parcel eligibility check (issue 4).
type EligibilityStore interface{}

// eligibilityRoutes registers POST /api/eligibility and /api/eligibility/batch (issue 4).
func (s *server) eligibilityRoutes(r *mux.Router) {}
