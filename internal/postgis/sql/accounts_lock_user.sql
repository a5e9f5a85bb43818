-- UpdateUser's first step: the row as it is, locked until the transaction ends, so that two
-- administrators' edits apply one after the other and each audit row's "before" is true.
SELECT id, username, display_name, unit, roles, disabled, auth_epoch, created_at, last_login_at
FROM app_users
WHERE username = $1
FOR UPDATE
