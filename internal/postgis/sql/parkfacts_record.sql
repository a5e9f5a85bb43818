-- ParkFacts: one park's current facts (NULL where none: the plan's stands) beside the plan's own
-- values, with the facts' version (0: never edited). The plan's row decides whether the park exists.
SELECT p.id, p.name, p.status, p.firms, p.firms_basis, p.industries, p.dev_mode,
       f.status, f.firms_in_residence, f.industries, f.development_mode, f.operator, f.contact, f.notes,
       f.recognition_year, coalesce(f.version, 0), f.updated_at, coalesce(f.updated_by, '')
FROM parks p
LEFT JOIN park_facts f ON f.park_id = p.id
WHERE p.id = $1
