-- The ids and names of a collection a batch checks whole ($1: redevelopment or parcels), in id order.
SELECT id, name
FROM (SELECT 'redevelopment'::text AS collection, r.id, r.name FROM redevelopment r
      UNION ALL
      SELECT 'parcels', pc.code, concat_ws(' ', pc.code, p.name) FROM live_parcels pc LEFT JOIN parks p ON p.id = pc.park_id) x
WHERE collection = $1::text
ORDER BY id COLLATE "C"
