-- Each feature's park from the file's park field (park_raw): the plan's id first, then its name, then
-- an alias, compared without spaces and case; never the nearest spelling (an unmatched park is
-- listed, not guessed). The feature's id is the raw value, its group the park's name.
UPDATE pg_temp.import_work w
SET park_id = m.id, matched_by = m.how, id = coalesce(w.park_raw, ''), grp = coalesce(m.name, '(未匹配)')
FROM (SELECT w2.fid, x.id, x.how, x.name
      FROM pg_temp.import_work w2
      LEFT JOIN LATERAL (
          SELECT p.id, p.name, h.how
          FROM parks p
          CROSS JOIN LATERAL (VALUES
              (1, 'id', lower(p.id) = lower(regexp_replace(w2.park_raw, '\s', '', 'g'))),
              (2, 'name', regexp_replace(p.name, '\s', '', 'g') = regexp_replace(w2.park_raw, '\s', '', 'g')),
              (3, 'alias', EXISTS (SELECT FROM unnest(p.aliases) a
                                   WHERE regexp_replace(a, '\s', '', 'g') = regexp_replace(w2.park_raw, '\s', '', 'g')))
          ) h(rank, how, hit)
          WHERE h.hit
          ORDER BY h.rank, p.id
          LIMIT 1) x ON true) m
WHERE m.fid = w.fid
