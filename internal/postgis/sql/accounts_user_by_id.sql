-- UserByID: the account a session names, read on every request that carries a session (primary key).
SELECT id, username, display_name, unit, roles, disabled, auth_epoch, created_at, last_login_at
FROM app_users
WHERE id = $1
