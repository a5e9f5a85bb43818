-- Rounds: every year's evaluation notice, newest first, with how many of the parks it graded have a
-- grade here (grades of parks the plan has, for that year).
SELECT r.year, r.issuer, coalesce(r.title, ''), to_char(r.notice_date, 'YYYY-MM-DD'), r.method, r.dimensions,
       r.parks_evaluated, r.parks_recognised, r.count_a, r.count_b, r.count_c, r.count_d, r.source,
       (SELECT count(*) FROM park_evaluations e JOIN parks p ON p.id = e.park_id WHERE e.year = r.year)::int
FROM evaluation_rounds r
ORDER BY r.year DESC
