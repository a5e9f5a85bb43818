-- Whether the serving database is a hot standby (versions.go): a standby refuses LISTEN and NOTIFY
-- never reaches it, so the version watcher then follows changes by its poll alone.
SELECT pg_is_in_recovery()
