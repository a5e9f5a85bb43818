INSERT INTO app_users (username, display_name, unit, roles, password_hash)
VALUES ($1, $2, $3, $4, $5)
RETURNING id, username, display_name, unit, roles, disabled, auth_epoch, created_at, last_login_at
