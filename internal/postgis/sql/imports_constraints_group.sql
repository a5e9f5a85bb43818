-- The preview totals constraints by kind ("(unknown)" for a kind the findings report).
UPDATE pg_temp.import_work SET grp = coalesce(kind, '(unknown)')
