-- AuditEntries: newest first, with optional filters ('' and 0 and NULL mean "any").
SELECT id, at, actor, actor_roles, request_id, client_addr, action, table_name, row_key, before, after
FROM audit_log
WHERE ($1 = '' OR actor = $1)
  AND ($2 = '' OR table_name = $2)
  AND ($3 = '' OR row_key = $3)
  AND ($4 = '' OR action = $4)
  AND ($5::bigint = 0 OR id < $5)
  AND ($6::timestamptz IS NULL OR at >= $6)
  AND ($7::timestamptz IS NULL OR at < $7)
ORDER BY id DESC
LIMIT $8
