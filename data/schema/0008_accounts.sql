-- Accounts, sessions and the audit log (issue 9).

-- app_users are the people who may log in. roles is a set of the service's role names; the
-- service's route table (web/access.go) says what each may do. A user is never deleted, only
-- disabled, so that every audit row keeps naming someone who exists. auth_epoch grows whenever the
-- password, the roles or the disabled flag change: a session records the epoch it was made in and
-- stops working once they differ, on every replica at once.
CREATE TABLE app_users (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            text        NOT NULL,
    display_name        text        NOT NULL,
    unit                text        NOT NULL DEFAULT '',
    roles               text[]      NOT NULL DEFAULT '{}',
    password_hash       text        NOT NULL,
    disabled            boolean     NOT NULL DEFAULT false,
    auth_epoch          bigint      NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    last_login_at       timestamptz,
    CONSTRAINT app_users_username_format CHECK (username ~ '^[a-z][a-z0-9_.-]{1,31}$'),
    CONSTRAINT app_users_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 64),
    CONSTRAINT app_users_unit_length CHECK (char_length(unit) <= 64),
    CONSTRAINT app_users_roles_known CHECK (roles <@ ARRAY['viewer', 'planner', 'land', 'data_admin', 'admin']::text[]),
    CONSTRAINT app_users_hash_argon2id CHECK (password_hash LIKE '$argon2id$%')
);
CREATE UNIQUE INDEX app_users_username ON app_users (username);

-- sessions is the table github.com/alexedwards/scs/pgxstore reads and writes (its documented shape).
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea       NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- audit_log is append-only: one row per change, written in the change's own transaction, so a change
-- without its row (or a row without its change) cannot exist. actor_roles is the roles the actor held
-- at the time. row_key is the changed row's key as text (a username, a park id). before/after are the
-- row as JSON (NULL for an insert's before and a delete's after); a password hash is never in them.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    actor_roles text[]      NOT NULL DEFAULT '{}',
    request_id  text        NOT NULL DEFAULT '',
    client_addr text        NOT NULL DEFAULT '',
    action      text        NOT NULL,
    table_name  text        NOT NULL,
    row_key     text        NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_row ON audit_log (table_name, row_key, at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);

-- Append-only even for the owner: updates and deletes are refused by a trigger (a superuser could
-- drop it, and that drop is itself in the server log).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Grants. The reader may see who the users are (names, units, roles: the page shows who edited what)
-- but never a password hash, and it reads the audit log for GET /api/audit. The writer keeps the
-- accounts (no DELETE: users are disabled, not removed), owns the sessions' lifecycle, and may only
-- INSERT into the audit log.
GRANT SELECT (id, username, display_name, unit, roles, disabled, auth_epoch, created_at, updated_at,
              password_changed_at, last_login_at) ON app_users TO parkmap_reader;
GRANT SELECT ON audit_log TO parkmap_reader;
GRANT SELECT, INSERT, UPDATE ON app_users TO parkmap_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO parkmap_writer;
GRANT INSERT ON audit_log TO parkmap_writer;
