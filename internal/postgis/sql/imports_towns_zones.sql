-- After the towns swap: once every town has a real boundary, each zone is the union of its towns'
-- boundaries (§二(四) puts each town in one zone), provenance real; otherwise the zones stay derived.
UPDATE zones z
SET geom = u.geom, provenance = 'real', geom_method = 'union of the imported town boundaries',
    provenance_note = '真实数据：由导入的乡镇边界按规划分区合并 / Real: the union of the imported town boundaries by the plan''s zones'
FROM (SELECT t.zone_id, ST_Multi(ST_CollectionExtract(ST_Union(t.boundary), 3)) AS geom
      FROM towns t GROUP BY t.zone_id) u
WHERE u.zone_id = z.id AND NOT EXISTS (SELECT FROM towns WHERE boundary IS NULL)
