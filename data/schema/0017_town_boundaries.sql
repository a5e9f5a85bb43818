-- Town boundaries (issue 10): a town's real boundary, imported as a version of the towns layer,
-- replaces the seat-Voronoi approximation wherever the towns' extent is asked (the eligibility
-- facts), and, once every town has one, the zones become the union of their towns' boundaries. The
-- seats stay the towns' points.
ALTER TABLE layer_imports DROP CONSTRAINT layer_imports_layer_check;
ALTER TABLE layer_imports ADD CONSTRAINT layer_imports_layer_check
    CHECK (layer IN ('constraints', 'parks', 'parcels', 'redevelopment', 'towns'));

ALTER TABLE towns ADD COLUMN boundary geometry(MultiPolygon, 4326)
                      CHECK (boundary IS NULL OR (ST_IsValid(boundary) AND NOT ST_IsEmpty(boundary))),
                  ADD COLUMN boundary_note text,
                  ADD COLUMN import_id bigint REFERENCES layer_imports (id);
CREATE INDEX towns_boundary_idx ON towns USING gist (boundary);

CREATE TABLE town_versions (
    import_id   bigint NOT NULL REFERENCES layer_imports (id),
    code        text   NOT NULL,
    source_ids  text[] NOT NULL,
    source_note text   NOT NULL CHECK (source_note <> ''),
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    PRIMARY KEY (import_id, code)
);

-- The zones as the load derives them (Voronoi cells of the seats, illustrative), kept aside so that a
-- version without every town's boundary, or a rollback, gives them back.
CREATE TABLE zone_bundled_shapes (
    zone_id         text PRIMARY KEY,
    provenance      text NOT NULL,
    provenance_note text NOT NULL,
    geom_method     text NOT NULL,
    geom            geometry(MultiPolygon, 4326)
);
INSERT INTO zone_bundled_shapes SELECT id, provenance, provenance_note, geom_method, geom FROM zones;

GRANT SELECT ON town_versions, zone_bundled_shapes TO parkmap_reader;
GRANT SELECT, INSERT ON town_versions TO parkmap_writer;
GRANT SELECT ON zone_bundled_shapes TO parkmap_writer;
GRANT SELECT, UPDATE (boundary, boundary_note, import_id) ON towns TO parkmap_writer;
GRANT SELECT, UPDATE (geom, provenance, provenance_note, geom_method) ON zones TO parkmap_writer;
