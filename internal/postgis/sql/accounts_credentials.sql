-- Credentials: the account and its password hash, for a login (the writer pool: the reader may not
-- read password_hash).
SELECT id, username, display_name, unit, roles, disabled, auth_epoch, created_at, last_login_at, password_hash
FROM app_users
WHERE username = $1
