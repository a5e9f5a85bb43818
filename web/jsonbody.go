package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
)

// maxAccountBody bounds the account routes' bodies (a login, a password change, a user).
const maxAccountBody = 16 << 10

// decodeStrict reads a JSON object body into v: Content-Type must be application/json (an HTML form
// or text/plain, what a cross-site form can send, is refused even before the origin check), and a
// field v does not declare is a 400 naming it, so that a body cannot set what the route does not
// offer (roles in a self-service update: mass assignment).
func decodeStrict(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return apperr.FieldErrorf(apperr.Invalid, "Content-Type", "the body must be JSON (Content-Type: application/json)")
	}
	b, err := readBody(w, r, limit)
	if err != nil {
		if apperr.CodeOf(err) == apperr.TooLarge {
			return apperr.FieldErrorf(apperr.TooLarge, "body", "the body is over %d KB", limit>>10)
		}
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return apperr.FieldErrorf(apperr.Invalid, "body", "the body must be one JSON object")
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return apperr.FieldErrorf(apperr.Invalid, "body", "the body must be a JSON object")
	case errors.As(err, &typeErr):
		return apperr.FieldErrorf(apperr.Invalid, typeErr.Field, "%s has the wrong type: expected %s", typeErr.Field, typeErr.Type)
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return apperr.FieldErrorf(apperr.Invalid, "body", "the body is not valid JSON")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		field := name
		if len(field) > 64 || !utf8.ValidString(field) {
			field = "body"
		}
		return apperr.FieldErrorf(apperr.Invalid, field, "unknown field %s: this request does not accept it", quoteShort(name))
	}
	return apperr.FieldErrorf(apperr.Invalid, "body", "the body is not a valid JSON object for this request")
}
