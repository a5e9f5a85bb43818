-- The plan's own inconsistencies about a park (check-data's findings that disagree, both figures kept),
-- as a derived property of the park's feature. v is the api_parks row.
(SELECT coalesce(json_agg(json_build_object(
            'id', f.id,
            'known', f.known,
            'sources', f.sources,
            'figures', f.figures,
            'message', f.message,
            'note_zh', f.note_zh) ORDER BY f.id), '[]'::json)
 FROM plan_findings f WHERE f.park_id = v.id AND NOT f.ok) AS inconsistencies
