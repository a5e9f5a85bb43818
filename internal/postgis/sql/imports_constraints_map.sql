-- Each feature's canonical kind from its raw value ($1 every accepted spelling, $2 its kind; a Latin
-- spelling matches in any case); an unknown one stays NULL (reported), and a missing name becomes
-- "kind id".
UPDATE pg_temp.import_work w
SET kind = (SELECT m.kind FROM unnest($1::text[], $2::text[]) m(alias, kind)
            WHERE lower(m.alias) = lower(btrim(w.kind_raw)) LIMIT 1),
    name = coalesce(nullif(btrim(w.name), ''), coalesce(w.kind_raw, '') || ' ' || coalesce(w.id, ''))
