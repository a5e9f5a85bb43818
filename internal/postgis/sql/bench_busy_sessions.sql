-- The other sessions of the load script's own application (parkload) still running a statement, for
-- BenchWaitIdle. A role sees the state of its own sessions in pg_stat_activity.
SELECT count(*)
FROM pg_stat_activity
WHERE application_name = current_setting('application_name')
  AND state = 'active'
  AND pid <> pg_backend_pid()
