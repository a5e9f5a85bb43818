-- Fresh statistics for the tables a load replaced. Without them the planner guesses the size of a table
-- it has never analyzed (the constraints layer's 3 rows looked like thousands), and the tile statement,
-- which joins every layer, crossed jit_above_cost: each new tile then paid ~90 ms of JIT compilation.
ANALYZE county, towns, zones, parks, parcels, redevelopment, constraints, plan_cells, dataset_meta
