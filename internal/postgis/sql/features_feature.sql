-- One GeoJSON Feature (RFC 7946) per row of a collection's view v: lon/lat to 7 decimals (about 1 cm),
-- exterior rings counter-clockwise, and the catalogue's properties as one JSON object, built here so
-- that a row needs no per-column Go code. The properties placeholder takes the catalogue's columns
-- (identifiers) a request asks for; the geometry one is the shape, or NULL for skipGeometry.
json_build_object(
    'type', 'Feature',
    'id', v.id,
    'geometry', {{geometry}},
    'properties', (SELECT to_json(p) FROM (SELECT {{properties}}) p)
)
