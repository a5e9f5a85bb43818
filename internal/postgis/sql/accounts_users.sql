SELECT id, username, display_name, unit, roles, disabled, auth_epoch, created_at, last_login_at
FROM app_users
ORDER BY username
