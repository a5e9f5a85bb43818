-- SaveCase, first: the next number of the current calendar year (China Standard Time), from the
-- year's counter row. The upsert locks that row until the save's transaction ends, so saves of a
-- year are numbered one after another, and a save that rolls back gives its number back (0010).
-- now() is the transaction's start, the same instant the case's created_at records.
INSERT INTO eligibility_case_counters AS c (year, last)
VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer, 1)
ON CONFLICT (year) DO UPDATE SET last = c.last + 1
RETURNING year, last
