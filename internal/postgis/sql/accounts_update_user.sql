-- $6: the new password hash, or '' to keep it. auth_epoch grows when the password, roles or
-- disabled flag change, which ends the account's other sessions (web/session.go compares it).
UPDATE app_users
SET display_name        = $2,
    unit                = $3,
    roles               = $4,
    disabled            = $5,
    password_hash       = CASE WHEN $6 = '' THEN password_hash ELSE $6 END,
    password_changed_at = CASE WHEN $6 = '' THEN password_changed_at ELSE now() END,
    auth_epoch          = auth_epoch + CASE WHEN $6 <> '' OR roles IS DISTINCT FROM $4 OR disabled IS DISTINCT FROM $5
                                            THEN 1 ELSE 0 END,
    updated_at          = now()
WHERE id = $1
RETURNING id, username, display_name, unit, roles, disabled, auth_epoch, created_at, last_login_at
