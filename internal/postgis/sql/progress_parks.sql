SELECT p.id, p.name, p.zone_id, p.status, p.counts_as_parks
FROM parks p
ORDER BY p.seq
