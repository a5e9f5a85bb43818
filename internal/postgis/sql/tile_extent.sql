-- Where the data lies, for TileJSON: the county's bounding box (islands included) and a point on its
-- surface to open the map at.
SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom), ST_X(label_point), ST_Y(label_point)
FROM api_county
