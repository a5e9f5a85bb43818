-- The audit row of a change, in the change's own transaction. No RETURNING: the writer may only
-- INSERT into audit_log, not read it.
INSERT INTO audit_log (actor, actor_roles, request_id, client_addr, action, table_name, row_key, before, after)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)
