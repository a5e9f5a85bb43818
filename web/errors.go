package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/pingyang/parkmap/apperr"
)

// statusOf is the one table from application error codes to HTTP statuses.
var statusOf = map[string]int{
	apperr.Invalid:     http.StatusBadRequest,
	apperr.NotFound:    http.StatusNotFound,
	apperr.TooLarge:    http.StatusRequestEntityTooLarge,
	apperr.Unavailable: http.StatusServiceUnavailable,
	apperr.Internal:    http.StatusInternalServerError,
}

// errorBody is the JSON every error response carries (OGC API exception shape: code + description).
type errorBody struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Field       string `json:"field,omitempty"`
}

// writeError answers err. Application errors show their message; anything else is logged with the
// request and answered with a bare "internal error", so database text never reaches a client.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		if r.Context().Err() != nil {
			// The client went away; nothing useful can be written.
			return
		}
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = &apperr.Error{Code: apperr.Internal, Message: "internal error"}
	}
	status, ok := statusOf[ae.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, "application/json", errorBody{Code: ae.Code, Description: ae.Message, Field: ae.Field})
}
