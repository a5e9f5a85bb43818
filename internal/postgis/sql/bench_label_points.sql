-- Where the live parcels are, for the load script's tile lists (cmd/parkload -tiles): a sample of
-- label points in an order fixed by the parcel's code, so that two runs ask for the same tiles and
-- their figures compare. md5 spreads the codes (C0000001, C0000002, ...) over the county.
SELECT ST_X(label_point), ST_Y(label_point)
FROM live_parcels
WHERE label_point IS NOT NULL
ORDER BY md5(code)
LIMIT $1
