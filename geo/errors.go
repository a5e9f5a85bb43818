package geo

import (
	"errors"
	"fmt"
)

// Application error codes. The web layer maps each to one HTTP status (web/errors.go); no other
// layer knows about HTTP.
const (
	EInvalid     = "invalid"     // the request is malformed or out of range
	ENotFound    = "not_found"   // the named collection, feature or tile layer does not exist
	ETooLarge    = "too_large"   // the request body or geometry exceeds a limit
	EUnavailable = "unavailable" // a dependency (the database) is down
	EInternal    = "internal"    // anything else: logged, never shown
)

// Error is an application error whose Message is safe to show a user: it names what was wrong and
// never carries database text.
type Error struct {
	Code    string
	Message string
	// Field names the parameter or body field at fault, where there is one.
	Field string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an *Error about one named field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error anywhere in err's chain, or EInternal.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
