-- The end of every load, good or failed: the staging tables go (see load_stage.sql).
DROP TABLE IF EXISTS pg_temp.load_dataset_meta, pg_temp.load_county, pg_temp.load_zones, pg_temp.load_towns,
    pg_temp.load_plan_tables, pg_temp.load_targets, pg_temp.load_parks, pg_temp.load_park_phases,
    pg_temp.load_plan_cells, pg_temp.load_plan_findings, pg_temp.load_parcels, pg_temp.load_redevelopment,
    pg_temp.load_constraints
