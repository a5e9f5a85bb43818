-- Case: one case as saved, with its reviewer's 姓名 and 单位 as the account has them now.
SELECT c.id, c.number, c.request, c.crs, ST_AsGeoJSON(c.geom, 7), c.proposal, c.answer, c.rules_version,
       c.verdict, c.parcel_id, c.note, c.created_by, coalesce(u.display_name, ''), coalesce(u.unit, ''), c.created_at
FROM eligibility_cases c
LEFT JOIN app_users u ON u.username = c.created_by
WHERE c.number = $1
