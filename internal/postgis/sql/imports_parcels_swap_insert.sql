-- The parcels swap's second half: the version's rows ($1) become the live layer, provenance real.
INSERT INTO parcels (code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, source_table,
                     provenance, provenance_note, geom, import_id)
SELECT code, park_id, year, area_mu, land_source, planned_use, plot_ratio, status, NULL,
       'real', source_note, geom, import_id
FROM parcel_versions WHERE import_id = $1
