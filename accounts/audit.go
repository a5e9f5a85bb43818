package accounts

import (
	"encoding/json"
	"time"

	"github.com/pingyang/parkmap/apperr"
)

// Actor is who makes a change, as the audit log records it: the user and the roles they held, and
// the request that carried it.
type Actor struct {
	Username   string
	Roles      []string
	RequestID  string
	ClientAddr string
}

// CommandLine is the actor of `parkmap user ...`: the operating-system account that ran it.
func CommandLine(osUser string) Actor {
	if osUser == "" {
		osUser = "unknown"
	}
	return Actor{Username: "cli:" + osUser, Roles: []string{Admin}, RequestID: "cli"}
}

// Audit actions this package writes.
const (
	ActionUserCreate = "user.create"
	ActionUserUpdate = "user.update"
	ActionPassword   = "user.password"
	ActionLogin      = "session.login"
	ActionLogout     = "session.logout"
)

// AuditEntry is one row of the append-only audit log.
type AuditEntry struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"`
	ActorRoles []string        `json:"actor_roles"`
	RequestID  string          `json:"request_id"`
	ClientAddr string          `json:"client_addr"`
	Action     string          `json:"action"`
	Table      string          `json:"table"`
	Key        string          `json:"key"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
}

// AuditQuery filters the audit log; entries come newest first, Limit at a time, below Before.
type AuditQuery struct {
	Actor, Table, Key string
	Action            string
	Since, Until      time.Time // zero: unbounded
	Before            int64     // 0: from the newest
	Limit             int
}

// One page of the audit log: DefaultAuditLimit entries unless the query says, at most MaxAuditLimit.
const (
	DefaultAuditLimit = 50
	MaxAuditLimit     = 500
)

// Check validates q and applies the default page size.
func (q AuditQuery) Check() (AuditQuery, error) {
	switch {
	case q.Limit == 0:
		q.Limit = DefaultAuditLimit
	case q.Limit < 0 || q.Limit > MaxAuditLimit:
		return q, apperr.FieldErrorf(apperr.Invalid, "limit", "limit must be from 1 to %d", MaxAuditLimit)
	}
	if q.Before < 0 {
		return q, apperr.FieldErrorf(apperr.Invalid, "before", "before must be a positive entry id")
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && q.Until.Before(q.Since) {
		return q, apperr.FieldErrorf(apperr.Invalid, "until", "until is before since")
	}
	for _, f := range []struct{ name, v string }{{"actor", q.Actor}, {"table", q.Table}, {"key", q.Key}, {"action", q.Action}} {
		if len(f.v) > 200 {
			return q, apperr.FieldErrorf(apperr.Invalid, f.name, "%s is longer than 200 bytes", f.name)
		}
	}
	return q, nil
}
