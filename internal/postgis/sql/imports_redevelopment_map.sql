-- A redevelopment area's kind from its raw value ($1 every accepted spelling, $2 its kind, from
-- layerimport; unknown: NULL, reported), its town by name (the town's full name, or without its
-- 镇/乡/街道 suffix; unmatched: NULL, a warning), a missing name its id; its group its kind.
UPDATE pg_temp.import_work w
SET kind = k.kind, grp = coalesce(k.kind, '(unknown)'),
    town_code = (SELECT t.code FROM towns t
                 WHERE t.name = btrim(w.town_raw) OR t.code = btrim(w.town_raw)
                    OR regexp_replace(t.name, '(镇|乡|街道)$', '') = regexp_replace(btrim(w.town_raw), '(镇|乡|街道)$', '')
                 ORDER BY t.code LIMIT 1),
    name = coalesce(nullif(btrim(w.name), ''), w.id)
FROM (SELECT w2.fid, (SELECT m.kind FROM unnest($1::text[], $2::text[]) m(alias, kind)
                      WHERE lower(m.alias) = lower(btrim(w2.kind_raw)) LIMIT 1) AS kind
      FROM pg_temp.import_work w2) k
WHERE k.fid = w.fid
