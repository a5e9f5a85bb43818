-- The constraints layer of the eligibility check (issue 4): areas where a park is ruled out (基本农田,
-- 生态保护红线) or needs an assessment first (洪涝风险区), overlaid on a parcel (§二(四), §四(一)1). kind is
-- free text so that a new kind needs only data and a rules-file fact; the bundled rows are illustrative.
CREATE TABLE constraints (
    id          text PRIMARY KEY,
    kind        text NOT NULL CHECK (kind <> ''),
    name        text NOT NULL,
    provenance  text NOT NULL CHECK (provenance IN ('real', 'illustrative')),
    source_note text NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    area_mu     double precision GENERATED ALWAYS AS (ST_Area(geom::geography) / (10000.0 / 15.0)) STORED,
    label_point geometry(Point, 4326) GENERATED ALWAYS AS (ST_PointOnSurface(geom)) STORED
);
CREATE INDEX constraints_kind_idx ON constraints (kind);
CREATE INDEX constraints_geom_idx ON constraints USING gist (geom);

CREATE VIEW api_constraints AS
SELECT c.id, c.kind, c.name, round(c.area_mu::numeric, 2)::float8 AS area_mu,
       c.provenance, c.source_note AS provenance_note,
       c.geom, c.label_point
FROM constraints c;
