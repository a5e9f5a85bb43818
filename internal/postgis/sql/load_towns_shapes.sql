-- After the towns and zones are replaced (in the load's swap): the derived zones are kept aside, for an
-- import's swap to give back when the towns' boundaries are not all there, and the current imported
-- version of the towns layer (if any) is applied again, its zones with it (as imports_towns_zones.sql).
DELETE FROM zone_bundled_shapes;
INSERT INTO zone_bundled_shapes (zone_id, provenance, provenance_note, geom_method, geom)
SELECT id, provenance, provenance_note, geom_method, geom FROM pg_temp.load_zones;
UPDATE towns t
SET boundary = v.geom, boundary_note = v.source_note, import_id = v.import_id
FROM town_versions v JOIN layer_current c ON c.import_id = v.import_id AND c.layer = 'towns'
WHERE v.code = t.code;
UPDATE zones z
SET geom = u.geom, provenance = 'real', geom_method = 'union of the imported town boundaries',
    provenance_note = '真实数据：由导入的乡镇边界按规划分区合并 / Real: the union of the imported town boundaries by the plan''s zones'
FROM (SELECT t.zone_id, ST_Multi(ST_CollectionExtract(ST_Union(t.boundary), 3)) AS geom FROM towns t GROUP BY t.zone_id) u
WHERE u.zone_id = z.id AND NOT EXISTS (SELECT FROM towns WHERE boundary IS NULL)
