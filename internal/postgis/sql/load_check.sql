-- What the live tables' foreign keys would reject, checked in staging before the swap, so that a bad
-- dataset fails while no live table is touched. Returns one line per problem.
SELECT 'zone ' || id || ' got no polygon from the seats' FROM pg_temp.load_zones WHERE geom IS NULL OR ST_IsEmpty(geom)
UNION ALL SELECT 'county: ' || count(*) || ' rows, want 1' FROM pg_temp.load_county HAVING count(*) <> 1
UNION ALL SELECT 'town ' || t.code || ': no zone ' || t.zone_id FROM pg_temp.load_towns t
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_zones z WHERE z.id = t.zone_id)
UNION ALL SELECT 'park ' || p.id || ': no zone ' || p.zone_id FROM pg_temp.load_parks p
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_zones z WHERE z.id = p.zone_id)
UNION ALL SELECT 'phase of ' || f.park_id || ': no such park' FROM pg_temp.load_park_phases f
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_parks p WHERE p.id = f.park_id)
UNION ALL SELECT 'cell ' || c.table_id || '/' || c.row_ord || ': no table or park' FROM pg_temp.load_plan_cells c
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_plan_tables t WHERE t.id = c.table_id)
       OR (c.park_id IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.load_parks p WHERE p.id = c.park_id))
UNION ALL SELECT 'finding ' || f.id || ': no park ' || f.park_id FROM pg_temp.load_plan_findings f
    WHERE f.park_id IS NOT NULL AND NOT EXISTS (SELECT FROM pg_temp.load_parks p WHERE p.id = f.park_id)
UNION ALL SELECT 'parcel ' || c.code || ': no park ' || c.park_id || ' or table ' || c.source_table FROM pg_temp.load_parcels c
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_parks p WHERE p.id = c.park_id)
       OR NOT EXISTS (SELECT FROM pg_temp.load_plan_tables t WHERE t.id = c.source_table)
UNION ALL SELECT 'evaluation of ' || e.park_id || ' in ' || e.year || ': no such park' FROM pg_temp.load_park_evaluations e
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_parks p WHERE p.id = e.park_id)
UNION ALL SELECT 'evaluation of ' || e.park_id || ' in ' || e.year || ': no round for the year' FROM pg_temp.load_park_evaluations e
    WHERE NOT EXISTS (SELECT FROM pg_temp.load_evaluation_rounds r WHERE r.year = e.year)
