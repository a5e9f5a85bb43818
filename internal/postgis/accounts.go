package postgis

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
)

// Accounts is accounts.Store on two pools: reads a session needs on every request (the account by
// id, the user list, the audit log) go to the reader, which may see every column but the password
// hash; the credentials of a login and every change go to the writer, which may INSERT into the
// audit log and nothing more there. The command line passes the owner's store as both.
type Accounts struct {
	reader, writer *Store
	// auditReader reads the audit log: the reader, or the serving pool where the accounts are read
	// on the primary (a standby's, WithAuditReader), since the writer may not read the log at all.
	auditReader *Store
}

// NewAccounts returns the accounts store on reader and writer.
func NewAccounts(reader, writer *Store) *Accounts {
	return &Accounts{reader: reader, writer: writer, auditReader: reader}
}

// WithAuditReader reads the audit log through s (parkmap_reader) instead of the accounts' reader:
// on a standby the accounts are read on the primary as the writer, which must not read the log
// (least privilege); a log a few seconds behind on the standby is fine for a list.
func (a *Accounts) WithAuditReader(s *Store) *Accounts {
	a.auditReader = s
	return a
}

// sessionCleanup is how often expired sessions are deleted from the sessions table.
const sessionCleanup = 10 * time.Minute

// SessionStore returns the scs store of sessions on the writer pool (github.com/alexedwards/scs/
// pgxstore, on the table 0008 creates), shared by every replica, and stop, which ends its cleanup.
// The cleanup of expired rows is ours: pgxstore's own goroutine sets its stop channel without
// synchronisation (a data race with StopCleanup that -race reports), so it is turned off.
func (s *Store) SessionStore() (store scs.Store, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(sessionCleanup)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				_, _ = s.pool.Exec(ctx, query("sessions_delete_expired")) // retried at the next tick
			}
		}
	}()
	return pgxstore.NewWithCleanupInterval(s.pool, 0), func() { cancel(); <-done }
}

func scanUser(row pgx.Row, extra ...any) (accounts.User, error) {
	var u accounts.User
	dest := append([]any{&u.ID, &u.Username, &u.DisplayName, &u.Unit, &u.Roles, &u.Disabled, &u.Epoch, &u.CreatedAt, &u.LastLoginAt}, extra...)
	err := row.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, apperr.Errorf(apperr.NotFound, "no such user")
	}
	return u, err
}

// Credentials implements accounts.Store.
func (a *Accounts) Credentials(ctx context.Context, username string) (accounts.User, string, error) {
	var hash string
	u, err := scanUser(a.writer.pool.QueryRow(ctx, query("accounts_credentials"), username), &hash)
	return u, hash, dbError("credentials", err)
}

// UserByID implements accounts.Store.
func (a *Accounts) UserByID(ctx context.Context, id int64) (accounts.User, error) {
	u, err := scanUser(a.reader.pool.QueryRow(ctx, query("accounts_user_by_id"), id))
	return u, dbError("user", err)
}

// Users implements accounts.Store.
func (a *Accounts) Users(ctx context.Context) ([]accounts.User, error) {
	rows, err := a.reader.pool.Query(ctx, query("accounts_users"))
	if err != nil {
		return nil, dbError("users", err)
	}
	defer rows.Close()
	var out []accounts.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, dbError("users", err)
		}
		out = append(out, u)
	}
	return out, dbError("users", rows.Err())
}

// auditedUser is an account as its audit rows show it: never the hash, only that it changed.
type auditedUser struct {
	Username        string   `json:"username"`
	DisplayName     string   `json:"display_name"`
	Unit            string   `json:"unit"`
	Roles           []string `json:"roles"`
	Disabled        bool     `json:"disabled"`
	PasswordChanged bool     `json:"password_changed,omitempty"`
}

func audited(u accounts.User) *auditedUser {
	return &auditedUser{Username: u.Username, DisplayName: u.DisplayName, Unit: u.Unit, Roles: u.Roles, Disabled: u.Disabled}
}

// audit writes one audit row in tx. before and after are marshalled to JSON (nil: SQL NULL).
func audit(ctx context.Context, tx pgx.Tx, a accounts.Actor, action, table, key string, before, after any) error {
	js := func(v any) (*string, error) {
		if v == nil {
			return nil, nil
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		s := string(b)
		return &s, nil
	}
	b, err := js(before)
	if err != nil {
		return err
	}
	aft, err := js(after)
	if err != nil {
		return err
	}
	roles := a.Roles
	if roles == nil {
		roles = []string{}
	}
	_, err = tx.Exec(ctx, query("audit_insert"), a.Username, roles, a.RequestID, a.ClientAddr, action, table, key, b, aft)
	return err
}

// CreateUser implements accounts.Store.
func (a *Accounts) CreateUser(ctx context.Context, act accounts.Actor, n accounts.NewUser, hash string) (accounts.User, error) {
	var u accounts.User
	err := pgx.BeginFunc(ctx, a.writer.pool, func(tx pgx.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRow(ctx, query("accounts_create_user"), n.Username, n.DisplayName, n.Unit, n.Roles, hash))
		if err != nil {
			return err
		}
		return audit(ctx, tx, act, accounts.ActionUserCreate, "app_users", u.Username, nil, audited(u))
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return u, apperr.FieldErrorf(apperr.Conflict, "username", "user %s already exists", apperr.Quote(n.Username))
	}
	return u, dbError("create user", err)
}

// UpdateUser implements accounts.Store.
func (a *Accounts) UpdateUser(ctx context.Context, act accounts.Actor, action, username string, c accounts.Change, hash string) (accounts.User, error) {
	var after accounts.User
	err := pgx.BeginFunc(ctx, a.writer.pool, func(tx pgx.Tx) error {
		before, err := scanUser(tx.QueryRow(ctx, query("accounts_lock_user"), username))
		if err != nil {
			return err
		}
		next := before
		if c.DisplayName != nil {
			next.DisplayName = *c.DisplayName
		}
		if c.Unit != nil {
			next.Unit = *c.Unit
		}
		if c.Roles != nil {
			next.Roles = *c.Roles
		}
		if c.Disabled != nil {
			next.Disabled = *c.Disabled
		}
		after, err = scanUser(tx.QueryRow(ctx, query("accounts_update_user"),
			before.ID, next.DisplayName, next.Unit, next.Roles, next.Disabled, hash))
		if err != nil {
			return err
		}
		aft := audited(after)
		aft.PasswordChanged = hash != ""
		return audit(ctx, tx, act, action, "app_users", username, audited(before), aft)
	})
	return after, dbError("update user", err)
}

// RecordLogin implements accounts.Store.
func (a *Accounts) RecordLogin(ctx context.Context, act accounts.Actor, u accounts.User) error {
	err := pgx.BeginFunc(ctx, a.writer.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("accounts_record_login"), u.ID); err != nil {
			return err
		}
		return audit(ctx, tx, act, accounts.ActionLogin, "sessions", u.Username, nil, nil)
	})
	return dbError("record login", err)
}

// RecordLogout implements accounts.Store.
func (a *Accounts) RecordLogout(ctx context.Context, act accounts.Actor) error {
	err := pgx.BeginFunc(ctx, a.writer.pool, func(tx pgx.Tx) error {
		return audit(ctx, tx, act, accounts.ActionLogout, "sessions", act.Username, nil, nil)
	})
	return dbError("record logout", err)
}

// AuditEntries implements accounts.Store.
func (a *Accounts) AuditEntries(ctx context.Context, q accounts.AuditQuery) ([]accounts.AuditEntry, error) {
	rows, err := a.auditReader.pool.Query(ctx, query("audit_entries"), q.Actor, q.Table, q.Key, q.Action, q.Before,
		nullTime(q.Since), nullTime(q.Until), q.Limit)
	if err != nil {
		return nil, dbError("audit", err)
	}
	defer rows.Close()
	out := []accounts.AuditEntry{}
	for rows.Next() {
		var e accounts.AuditEntry
		var before, after []byte
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.ActorRoles, &e.RequestID, &e.ClientAddr, &e.Action,
			&e.Table, &e.Key, &before, &after); err != nil {
			return nil, dbError("audit", err)
		}
		e.Before, e.After = rawOrNull(before), rawOrNull(after)
		out = append(out, e)
	}
	return out, dbError("audit", rows.Err())
}

func rawOrNull(b []byte) json.RawMessage {
	if b == nil {
		return json.RawMessage("null")
	}
	return b
}
