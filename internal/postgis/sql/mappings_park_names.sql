-- MappingHints: every id, name and alias of the parks, the values a park field of a file may hold.
SELECT id FROM parks
UNION SELECT name FROM parks
UNION SELECT unnest(aliases) FROM parks
ORDER BY 1
