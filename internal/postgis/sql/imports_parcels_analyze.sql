ANALYZE parcels
