-- ParkHistory: the audit rows of a park's facts ($1 the park, $2 the table, $3 the action), newest
-- first, with the editor's display name and unit where the account exists.
SELECT a.id, a.at, a.actor, coalesce(u.display_name, ''), coalesce(u.unit, ''), a.before, a.after
FROM audit_log a
LEFT JOIN app_users u ON u.username = a.actor
WHERE a.table_name = $2 AND a.row_key = $1 AND a.action = $3
ORDER BY a.id DESC
LIMIT $4
