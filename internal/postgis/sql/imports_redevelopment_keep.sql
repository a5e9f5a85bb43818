-- The version's redevelopment areas, kept for good ($1 the version's id, $2 the provenance note, $3
-- the 亩 in one unit of the file's area field). An area without an area field takes its drawn area.
INSERT INTO redevelopment_versions (import_id, id, name, town_code, kind, site_area_mu, current_plot_ratio, source_note, geom)
SELECT $1, id, name, town_code, kind, coalesce(area_mu * $3::float8, drawn_mu), plot_ratio, $2, geom
FROM pg_temp.import_work
