-- A park by the plan's id, name and aliases (lower-cased, without spaces; rank: id, then name, then
-- alias), a town by its name without the 镇/乡/街道 suffix or its code, and a kind by every spelling
-- ($1, canonical kinds $2, from layerimport: the constraints' or the redevelopment areas').
INSERT INTO pg_temp.import_keys (class, key, value, label, how, rank)
SELECT 'park', lower(regexp_replace(p.id, '\s', '', 'g')), p.id, p.name, 'id', 1 FROM parks p
UNION ALL
SELECT 'park', lower(regexp_replace(p.name, '\s', '', 'g')), p.id, p.name, 'name', 2 FROM parks p
UNION ALL
SELECT 'park', lower(regexp_replace(a, '\s', '', 'g')), p.id, p.name, 'alias', 3 FROM parks p, unnest(p.aliases) a
UNION ALL
SELECT 'town', regexp_replace(t.name, '(镇|乡|街道)$', ''), t.code, t.name, 'name', 1 FROM towns t
UNION ALL
SELECT 'town', t.code, t.code, t.name, 'code', 2 FROM towns t
UNION ALL
SELECT 'town', left(t.code, 9), t.code, t.name, 'code', 3 FROM towns t -- the 9-digit 乡镇代码 of a 12-digit one
UNION ALL
SELECT 'kind', lower(m.alias), m.kind, m.kind, 'alias', 1 FROM unnest($1::text[], $2::text[]) m(alias, kind)
