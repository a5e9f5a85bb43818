-- The redevelopment swap's second half: the version's rows ($1) become the live layer, provenance real.
INSERT INTO redevelopment (id, name, town_code, kind, site_area_mu, current_plot_ratio, provenance, provenance_note, geom, import_id)
SELECT id, name, town_code, kind, site_area_mu, current_plot_ratio, 'real', source_note, geom, import_id
FROM redevelopment_versions WHERE import_id = $1
