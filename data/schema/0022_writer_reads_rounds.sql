-- On a standby read database the service reads what people edit on the primary, as the writer
-- (internal/app: registers), so that an edit is seen at once. The writer could read every register
-- table but evaluation_rounds (0012 granted it to the reader only): the evaluations page then failed
-- on a standby. The rounds are the plan's own schedule, nothing secret. The audit log stays unreadable
-- to the writer: its list is read on the reader wherever the registers are read.
GRANT SELECT ON evaluation_rounds TO parkmap_writer;
