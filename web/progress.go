package web

import "github.com/gorilla/mux"

// ProgressStore answers progress against the 2022 targets (issue 5).
type ProgressStore interface{}

// progressRoutes registers GET /api/progress (issue 5).
func (s *server) progressRoutes(r *mux.Router) {}
