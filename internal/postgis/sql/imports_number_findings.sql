-- Fields that should hold a number and do not (blocking: a parcel's year or area must not be lost
-- silently): the field and the value, as the file gave it. A year outside 1949-2100 is one too.
SELECT fid, coalesce(id, ''), 'bad_number', f.field || ': ' || left(f.raw, 40), 0::float8
FROM pg_temp.import_work w
CROSS JOIN LATERAL (VALUES ('year', w.year_raw, w.year IS NULL OR w.year NOT BETWEEN 1949 AND 2100),
                           ('area', w.area_raw, w.area_mu IS NULL OR w.area_mu <= 0),
                           ('plot_ratio', w.plot_ratio_raw, w.plot_ratio IS NULL OR w.plot_ratio < 0)) f(field, raw, bad)
WHERE coalesce(btrim(f.raw), '') <> '' AND f.bad
ORDER BY 1, 4
