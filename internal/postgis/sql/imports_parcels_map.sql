-- A parcel's park, when the file names one: the plan's id, name or alias (as the parks import
-- matches; an unmatched name is a warning and the parcel has no park). Its group is its year.
UPDATE pg_temp.import_work w
SET park_id = (SELECT p.id FROM parks p
               WHERE lower(p.id) = lower(regexp_replace(w.park_raw, '\s', '', 'g'))
                  OR regexp_replace(p.name, '\s', '', 'g') = regexp_replace(w.park_raw, '\s', '', 'g')
                  OR EXISTS (SELECT FROM unnest(p.aliases) a
                             WHERE regexp_replace(a, '\s', '', 'g') = regexp_replace(w.park_raw, '\s', '', 'g'))
               ORDER BY p.id LIMIT 1),
    grp = coalesce(w.year::text, '(无年份)')
