-- How many features tile ($1, $2, $3) holds, summed from a collection's cells ({{cells}}: counts per
-- z18 tile, data/schema/0020_parcel_cells.sql), for a layer drawn only where its tile is dense or only
-- where it is not (tiles.Density). Uncorrelated, it is computed once per tile. $1 ≤ 13.
(SELECT coalesce(sum(c.parcels), 0) FROM {{cells}} AS c
 WHERE c.x >= $2 << (18 - $1) AND c.x < ($2 + 1) << (18 - $1) AND c.y >= $3 << (18 - $1) AND c.y < ($3 + 1) << (18 - $1))
