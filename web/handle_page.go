package web

import "github.com/gorilla/mux"

// pageRoutes registers the embedded web map (issue 3).
func (s *server) pageRoutes(r *mux.Router) {}
