// Package accounts is who may write: users, their roles, password hashing and policy, the login
// limits and the audit record of every change. It is pure Go above apperr; the database side is
// internal/postgis (Store), and which route needs which role is web's route table.
package accounts

import (
	"slices"

	"github.com/pingyang/parkmap/apperr"
)

// The service's roles (issue 9). Every role can read what is published; each adds writes.
const (
	Viewer    = "viewer"     // reads everything published (also behind -require-login)
	Planner   = "planner"    // edits park facts, enters actual progress
	Land      = "land"       // saves eligibility cases; imports parcels and constraint layers
	DataAdmin = "data_admin" // imports and rolls back any layer
	Admin     = "admin"      // manages users, reads the audit log
)

// Roles are all roles, in the order the page and the command line list them. The schema's CHECK
// constraint app_users_roles_known holds the same list; a test compares them.
var Roles = []string{Viewer, Planner, Land, DataAdmin, Admin}

// RoleNames are the roles' Chinese names, as the page and `parkmap user list` show them.
var RoleNames = map[string]string{
	Viewer:    "查看",
	Planner:   "规划编辑",
	Land:      "自然资源（地块）",
	DataAdmin: "数据管理",
	Admin:     "系统管理",
}

// NormalizeRoles checks roles against Roles and returns them sorted in Roles' order without
// repeats. A user holds at least one role: the empty set would be an account that can do nothing,
// not even read behind -require-login.
func NormalizeRoles(field string, roles []string) ([]string, error) {
	if len(roles) == 0 {
		return nil, apperr.FieldErrorf(apperr.Invalid, field, "at least one role is required (one of %v)", Roles)
	}
	for _, r := range roles {
		if !slices.Contains(Roles, r) {
			return nil, apperr.FieldErrorf(apperr.Invalid, field, "unknown role %s (the roles are %v)", apperr.Quote(r), Roles)
		}
	}
	var out []string
	for _, r := range Roles {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// HasAny reports whether held includes any of want.
func HasAny(held, want []string) bool {
	for _, w := range want {
		if slices.Contains(held, w) {
			return true
		}
	}
	return false
}
