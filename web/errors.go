package web

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/pingyang/parkmap/apperr"
)

// statusOf is the one table from application error codes to HTTP statuses.
var statusOf = map[string]int{
	apperr.Invalid:  http.StatusBadRequest,
	apperr.NotFound: http.StatusNotFound,
	apperr.Conflict: http.StatusConflict,
	// 428 (RFC 6585): an edit without If-Match could silently overwrite someone else's.
	apperr.PreconditionRequired: http.StatusPreconditionRequired,
	apperr.Unauthorized:         http.StatusUnauthorized,
	apperr.Forbidden:            http.StatusForbidden,
	apperr.TooLarge:             http.StatusRequestEntityTooLarge,
	apperr.TooMany:              http.StatusTooManyRequests,
	apperr.Unavailable:          http.StatusServiceUnavailable,
	apperr.Internal:             http.StatusInternalServerError,
}

// retryAfterSeconds is the Retry-After of an unavailable answer: about how long a database restart
// or a failover takes, and what a client (or a map's tile loader) should wait before asking again.
const retryAfterSeconds = "5"

// errorBody is the JSON every error response carries (OGC API exception shape: code + description).
type errorBody struct {
	Code        string `json:"code"`
	Description string `json:"description"`
	Field       string `json:"field,omitempty"`
	// Errors lists every field at fault when a request has several (a form's validation).
	Errors []apperr.FieldError `json:"errors,omitempty"`
}

// writeError answers err. Application errors show their message (never their cause); anything else
// is logged with the request and answered with a bare "internal error", so database text never
// reaches a client. Unavailable (the database is down or overloaded) is a 503 with Retry-After.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	if r.Context().Err() != nil {
		// The client went away; nothing useful can be written.
		return
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = &apperr.Error{Code: apperr.Internal, Message: "internal error"}
	}
	status, ok := statusOf[ae.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	// A tag or a content CRS set for the document that was to be written is not the error's.
	w.Header().Del("ETag")
	w.Header().Del("Content-Crs")
	if w.Header().Get("Cache-Control") == documentCacheControl {
		w.Header().Del("Cache-Control")
	}
	if ae.Code == apperr.Unavailable {
		// The cause (the driver's text) goes to the log only; the client learns when to come back.
		if ae.Cause != nil {
			log.Warn("request failed: unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		w.Header().Set("Retry-After", retryAfterSeconds)
	}
	if ae.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(ae.RetryAfter.Seconds()))))
	}
	writeJSON(w, status, "application/json", errorBody{Code: ae.Code, Description: ae.Message, Field: ae.Field, Errors: ae.Fields})
}
