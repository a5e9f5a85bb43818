package accounts

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/pingyang/parkmap/apperr"
)

// Password policy: long rather than complex (NIST SP 800-63B), at most 128 characters so that a
// megabyte "password" cannot make the hash the cost of a request.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 128
)

// hashParams are argon2id's parameters: RFC 9106's second recommendation (t=3, 64 MiB) with the
// parallelism of the two-core servers parkmap runs on. About 0.1-0.2 s per hash there (make bench
// measures login); Hasher bounds how many run at once, so a burst of logins cannot take the memory.
var hashParams = &argon2id.Params{Memory: 64 * 1024, Iterations: 3, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// CheckPassword applies the policy to a new password for username.
func CheckPassword(field, username, pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case pw == "":
		return apperr.FieldErrorf(apperr.Invalid, field, "%s is required", field)
	case !utf8.ValidString(pw):
		return apperr.FieldErrorf(apperr.Invalid, field, "%s is not valid UTF-8", field)
	case n < MinPasswordLen:
		return apperr.FieldErrorf(apperr.Invalid, field, "%s must have at least %d characters", field, MinPasswordLen)
	case n > MaxPasswordLen:
		return apperr.FieldErrorf(apperr.Invalid, field, "%s must have at most %d characters", field, MaxPasswordLen)
	case pw == username:
		return apperr.FieldErrorf(apperr.Invalid, field, "%s must not be the user name", field)
	}
	return nil
}

// Hasher hashes and verifies passwords with argon2id, at most a few at a time.
type Hasher struct {
	slots chan struct{}
	// dummy is verified against when the user does not exist, so that an unknown name costs as much
	// time as a wrong password and the answer cannot tell them apart.
	dummy string
}

// NewHasher returns a Hasher that runs at most parallel hashes at once (at least 1).
func NewHasher(parallel int) *Hasher {
	if parallel < 1 {
		parallel = 1
	}
	h := &Hasher{slots: make(chan struct{}, parallel)}
	d, err := argon2id.CreateHash("parkmap: no such user", hashParams)
	if err != nil {
		panic(fmt.Sprintf("accounts: argon2id: %v", err)) // only if the system's random source fails
	}
	h.dummy = d
	return h
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return apperr.Wrap("password", apperr.Unavailable, ctx.Err(), "the server is busy; try again")
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns the argon2id hash of pw in the PHC string format ($argon2id$v=19$m=...).
func (h *Hasher) Hash(ctx context.Context, pw string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	s, err := argon2id.CreateHash(pw, hashParams)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return s, nil
}

// Verify reports whether pw matches hash; an empty hash (no such user) is checked against a dummy
// and never matches.
func (h *Hasher) Verify(ctx context.Context, pw, hash string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	if hash == "" {
		_, _ = argon2id.ComparePasswordAndHash(pw, h.dummy)
		return false, nil
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	if err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	return ok, nil
}
