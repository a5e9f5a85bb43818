TRUNCATE dataset_meta, plan_findings, plan_cells, plan_tables, park_phases, parcels, redevelopment, constraints, parks, towns, zones, county, targets
