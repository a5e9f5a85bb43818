package accounts

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/pingyang/parkmap/apperr"
)

// Store is what the service needs from the database. Every method that changes a row writes its
// audit entry in the same transaction.
type Store interface {
	// Credentials returns the account named username and its password hash; apperr.NotFound if
	// there is none.
	Credentials(ctx context.Context, username string) (User, string, error)
	// UserByID returns the account with id (apperr.NotFound if none): what a session names.
	UserByID(ctx context.Context, id int64) (User, error)
	Users(ctx context.Context) ([]User, error)
	// CreateUser adds an account (apperr.Conflict if the name is taken).
	CreateUser(ctx context.Context, a Actor, u NewUser, hash string) (User, error)
	// UpdateUser applies c (and the new password hash, when not empty) to username's account under
	// a row lock, growing its epoch when the password, roles or disabled flag change.
	UpdateUser(ctx context.Context, a Actor, action, username string, c Change, hash string) (User, error)
	// RecordLogin sets the account's last login and audits it.
	RecordLogin(ctx context.Context, a Actor, u User) error
	// RecordLogout audits the end of a session.
	RecordLogout(ctx context.Context, a Actor) error
	AuditEntries(ctx context.Context, q AuditQuery) ([]AuditEntry, error)
}

// Service is accounts' use cases: log in, change one's password, administer accounts, read the
// audit log. web and `parkmap user` both call it.
type Service struct {
	store  Store
	hasher *Hasher
	limits *limiter
}

// hashSlots is how many argon2id hashes run at once (64 MiB each).
const hashSlots = 4

// NewService returns a Service on store with the given login limits.
func NewService(store Store, limits LoginLimits) *Service {
	return newService(store, limits, time.Now)
}

func newService(store Store, limits LoginLimits, now func() time.Time) *Service {
	return &Service{store: store, hasher: NewHasher(hashSlots), limits: newLimiter(limits, now)}
}

// errWrongLogin is the one answer for an unknown name, a wrong password and a disabled account.
var errWrongLogin = apperr.Errorf(apperr.Unauthorized, "wrong user name or password")

func tooMany(wait time.Duration, what string) error {
	return &apperr.Error{Code: apperr.TooMany, RetryAfter: wait,
		Message: "too many failed " + what + "; try again in " + waitText(wait)}
}

// waitText is a lockout's remaining time as a person reads it: whole minutes, rounded up.
func waitText(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d seconds", int(math.Ceil(d.Seconds())))
	}
	m := int(math.Ceil(d.Minutes()))
	if m == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", m)
}

// Login checks a user name and password from addr and returns the account.
func (s *Service) Login(ctx context.Context, a Actor, username, password string) (User, error) {
	if username == "" {
		return User{}, apperr.FieldErrorf(apperr.Invalid, "username", "username is required")
	}
	if password == "" {
		return User{}, apperr.FieldErrorf(apperr.Invalid, "password", "password is required")
	}
	if len(username) > 64 || len(password) > 4*MaxPasswordLen {
		return User{}, errWrongLogin // cannot exist; not worth a hash or a bucket
	}
	if wait := s.limits.wait(username, a.ClientAddr); wait > 0 {
		return User{}, tooMany(wait, "logins")
	}
	u, hash, err := s.store.Credentials(ctx, username)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return User{}, err
	}
	ok, err := s.hasher.Verify(ctx, password, hash)
	if err != nil {
		return User{}, err
	}
	if !ok || u.Disabled {
		s.limits.failed(username, a.ClientAddr)
		return User{}, errWrongLogin
	}
	s.limits.succeeded(username)
	a.Username, a.Roles = u.Username, u.Roles
	if err := s.store.RecordLogin(ctx, a, u); err != nil {
		return User{}, err
	}
	return u, nil
}

// Logout audits the end of a's session.
func (s *Service) Logout(ctx context.Context, a Actor) error { return s.store.RecordLogout(ctx, a) }

// User returns the account a session names; apperr.NotFound if it no longer exists.
func (s *Service) User(ctx context.Context, id int64) (User, error) { return s.store.UserByID(ctx, id) }

// ChangePassword changes a's own password after checking the current one; wrong current passwords
// count against the same lockout as logins.
func (s *Service) ChangePassword(ctx context.Context, a Actor, current, next string) (User, error) {
	if current == "" {
		return User{}, apperr.FieldErrorf(apperr.Invalid, "current_password", "current_password is required")
	}
	if err := CheckPassword("new_password", a.Username, next); err != nil {
		return User{}, err
	}
	if wait := s.limits.wait(a.Username, a.ClientAddr); wait > 0 {
		return User{}, tooMany(wait, "password checks")
	}
	u, hash, err := s.store.Credentials(ctx, a.Username)
	if err != nil {
		return User{}, err
	}
	ok, err := s.hasher.Verify(ctx, current, hash)
	if err != nil {
		return User{}, err
	}
	if !ok {
		s.limits.failed(a.Username, a.ClientAddr)
		return User{}, apperr.FieldErrorf(apperr.Unauthorized, "current_password", "the current password is wrong")
	}
	if current == next {
		return User{}, apperr.FieldErrorf(apperr.Invalid, "new_password", "new_password is the current password")
	}
	newHash, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return User{}, err
	}
	return s.store.UpdateUser(ctx, a, ActionPassword, u.Username, Change{}, newHash)
}

// Create adds an account.
func (s *Service) Create(ctx context.Context, a Actor, n NewUser) (User, error) {
	n, err := n.Check()
	if err != nil {
		return User{}, err
	}
	hash, err := s.hasher.Hash(ctx, n.Password)
	if err != nil {
		return User{}, err
	}
	return s.store.CreateUser(ctx, a, n, hash)
}

// Update applies an administrator's change to username's account. An administrator cannot take
// the admin role from, or disable, their own account: the last admin locking themselves out is a
// call to the vendor, not a click.
func (s *Service) Update(ctx context.Context, a Actor, username string, c Change) (User, error) {
	c, err := c.Check(username)
	if err != nil {
		return User{}, err
	}
	if username == a.Username {
		if c.Disabled != nil && *c.Disabled {
			return User{}, apperr.FieldErrorf(apperr.Invalid, "disabled", "you cannot disable your own account")
		}
		if c.Roles != nil && !HasAny(*c.Roles, []string{Admin}) && HasAny(a.Roles, []string{Admin}) {
			return User{}, apperr.FieldErrorf(apperr.Invalid, "roles", "you cannot take the admin role from your own account")
		}
	}
	var hash string
	if c.Password != nil {
		if hash, err = s.hasher.Hash(ctx, *c.Password); err != nil {
			return User{}, err
		}
	}
	return s.store.UpdateUser(ctx, a, ActionUserUpdate, username, c, hash)
}

// Users lists every account.
func (s *Service) Users(ctx context.Context) ([]User, error) { return s.store.Users(ctx) }

// Audit returns a page of the audit log.
func (s *Service) Audit(ctx context.Context, q AuditQuery) ([]AuditEntry, error) {
	q, err := q.Check()
	if err != nil {
		return nil, err
	}
	return s.store.AuditEntries(ctx, q)
}
