// Package apperr is parkmap's one application error type. Every layer returns it for what a caller can
// act on (bad input, a missing resource, an outage); web maps its Code to one HTTP status
// (web/errors.go), and no other package knows about HTTP. The wrapped Cause is for logs and errors.Is;
// only Message is ever shown to a client, so database text can never leak.
package apperr

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Application error codes.
const (
	Invalid  = "invalid"   // the request is malformed or out of range
	NotFound = "not_found" // the named collection, feature or tile layer does not exist
	Conflict = "conflict"  // the change collides with another (a stale version, a duplicate)
	// PreconditionRequired: a change that must name the version it edits (If-Match) did not.
	PreconditionRequired = "precondition_required"
	Unauthorized         = "unauthorized"      // no valid login
	Forbidden            = "forbidden"         // logged in, but the role may not do this
	TooLarge             = "too_large"         // the request body or geometry exceeds a limit
	TooMany              = "too_many_requests" // a rate limit or lockout; RetryAfter says when to come back
	Unavailable          = "unavailable"       // a dependency (the database) is down or overloaded; try again
	Internal             = "internal"          // anything else: logged, never shown
)

// Error is an application error whose Message is safe to show a user: it names what was wrong and
// never carries database text. Op names the operation that failed ("tile", "items parks"), for logs.
type Error struct {
	Op      string
	Code    string
	Message string
	// Field names the parameter or body field at fault, where there is one.
	Field string
	// Cause is the underlying error (a pgconn error, a timeout), kept for logs and errors.Is/As.
	Cause error
	// RetryAfter, when positive, is how long to wait before asking again (a lockout's remaining time).
	RetryAfter time.Duration
	// Fields, when set, are every field at fault in one request (a form's several mistakes at once),
	// each with its message in English and Chinese; Field and Message are then the first's.
	Fields []FieldError
}

// FieldError is one field's mistake in a request that has several.
type FieldError struct {
	Field     string `json:"field"`
	Message   string `json:"description"`
	MessageZh string `json:"description_zh"`
}

// Fields returns an Invalid error listing every field error in list (at least one).
func Fields(list []FieldError) *Error {
	e := &Error{Code: Invalid, Fields: list}
	if len(list) > 0 {
		e.Field, e.Message = list[0].Field, list[0].Message
		if len(list) > 1 {
			e.Message += fmt.Sprintf(" (and %d more)", len(list)-1)
		}
	}
	return e
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the cause, so errors.Is(err, context.DeadlineExceeded) and the like see through.
func (e *Error) Unwrap() error { return e.Cause }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an *Error about one named field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with code and a user-safe message that keeps cause for logs.
func Wrap(op, code string, cause error, format string, args ...any) *Error {
	return &Error{Op: op, Code: code, Cause: cause, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of an application error anywhere in err's chain, or Internal.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns the application error in err's chain, if there is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Quote quotes user input for a message, cut to 64 runes, so an error can name what was sent without
// echoing an unbounded or invalid string back.
func Quote(s string) string {
	if !utf8.ValidString(s) {
		return "(not valid UTF-8)"
	}
	if r := []rune(s); len(r) > 64 {
		s = string(r[:64]) + "…"
	}
	return strconv.Quote(s)
}
