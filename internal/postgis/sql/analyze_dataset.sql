-- Fresh statistics for the tables a load replaced, right after the swap commits. Without them the
-- planner guesses the size of a table it has never analyzed (the constraints layer's 3 rows looked like
-- thousands), and the tile statement, which joins every layer, crossed jit_above_cost: each new tile
-- then paid ~90 ms of JIT compilation. ANALYZE takes SHARE UPDATE EXCLUSIVE: readers and writers go on.
ANALYZE county, towns, zones, parks, park_phases, parcels, redevelopment, constraints, plan_tables, plan_cells,
    plan_findings, targets, dataset_meta
