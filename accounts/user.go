package accounts

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
)

// User is an account as the service and the page see it; the password hash never leaves Store.
type User struct {
	ID          int64      `json:"-"`
	Username    string     `json:"username"`
	DisplayName string     `json:"display_name"`
	Unit        string     `json:"unit"`
	Roles       []string   `json:"roles"`
	Disabled    bool       `json:"disabled"`
	Epoch       int64      `json:"-"` // grows when the password, roles or disabled flag change
	CreatedAt   time.Time  `json:"created_at"`
	LastLoginAt *time.Time `json:"last_login_at"`
}

// Has reports whether u holds any of roles.
func (u User) Has(roles ...string) bool { return HasAny(u.Roles, roles) }

// usernamePattern is the schema's app_users_username_format: short Latin names (pinyin, as
// Chinese offices name accounts: zhang.san), so that a name reads the same in every log and shell.
var usernamePattern = regexp.MustCompile(`^[a-z][a-z0-9_.-]{1,31}$`)

// CheckUsername validates a user name.
func CheckUsername(field, name string) error {
	if name == "" {
		return apperr.FieldErrorf(apperr.Invalid, field, "%s is required", field)
	}
	if !usernamePattern.MatchString(name) {
		return apperr.FieldErrorf(apperr.Invalid, field,
			"%s must be 2 to 32 characters: lower-case letters, digits, . _ or -, starting with a letter", field)
	}
	return nil
}

// NewUser is what creating an account takes.
type NewUser struct {
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	Unit        string   `json:"unit"`
	Roles       []string `json:"roles"`
	Password    string   `json:"password"`
}

// Check validates n and returns it with its text trimmed and its roles normalised.
func (n NewUser) Check() (NewUser, error) {
	n.Username = strings.TrimSpace(n.Username)
	if err := CheckUsername("username", n.Username); err != nil {
		return n, err
	}
	var err error
	if n.DisplayName, err = checkText("display_name", n.DisplayName, 1, 64); err != nil {
		return n, err
	}
	if n.Unit, err = checkText("unit", n.Unit, 0, 64); err != nil {
		return n, err
	}
	if n.Roles, err = NormalizeRoles("roles", n.Roles); err != nil {
		return n, err
	}
	if err := CheckPassword("password", n.Username, n.Password); err != nil {
		return n, err
	}
	return n, nil
}

// Change is an administrator's edit of an account; nil fields stay as they are.
type Change struct {
	DisplayName *string   `json:"display_name"`
	Unit        *string   `json:"unit"`
	Roles       *[]string `json:"roles"`
	Disabled    *bool     `json:"disabled"`
	Password    *string   `json:"password"` // a reset by the administrator
}

// Check validates c for the account username and normalises it.
func (c Change) Check(username string) (Change, error) {
	if c.DisplayName == nil && c.Unit == nil && c.Roles == nil && c.Disabled == nil && c.Password == nil {
		return c, apperr.Errorf(apperr.Invalid, "nothing to change: give display_name, unit, roles, disabled or password")
	}
	if c.DisplayName != nil {
		v, err := checkText("display_name", *c.DisplayName, 1, 64)
		if err != nil {
			return c, err
		}
		c.DisplayName = &v
	}
	if c.Unit != nil {
		v, err := checkText("unit", *c.Unit, 0, 64)
		if err != nil {
			return c, err
		}
		c.Unit = &v
	}
	if c.Roles != nil {
		v, err := NormalizeRoles("roles", *c.Roles)
		if err != nil {
			return c, err
		}
		c.Roles = &v
	}
	if c.Password != nil {
		if err := CheckPassword("password", username, *c.Password); err != nil {
			return c, err
		}
	}
	return c, nil
}

// checkText trims s and checks its length in characters and that it holds no control characters.
func checkText(field, s string, min, max int) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return s, apperr.FieldErrorf(apperr.Invalid, field, "%s is not valid UTF-8", field)
	}
	n := utf8.RuneCountInString(s)
	if n < min {
		return s, apperr.FieldErrorf(apperr.Invalid, field, "%s is required", field)
	}
	if n > max {
		return s, apperr.FieldErrorf(apperr.Invalid, field, "%s is longer than %d characters", field, max)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return s, apperr.FieldErrorf(apperr.Invalid, field, "%s contains a control character", field)
		}
	}
	return s, nil
}
