-- A park's construction phases (§三), in the plan's order, as a derived property of the park's feature
-- (catalog.Collection.Derived). v is the api_parks row.
(SELECT coalesce(json_agg(json_build_object(
            'phase', ph.phase,
            'area_mu', ph.area_mu::float8,
            'area_approx', ph.area_approx,
            'building_wan_m2', ph.building_wan_m2::float8,
            'building_approx', ph.building_approx,
            'note', ph.note,
            'clause', ph.clause) ORDER BY ph.ord), '[]'::json)
 FROM park_phases ph WHERE ph.park_id = v.id) AS phases
