-- One page of a collection's features in a stable order, with the number of rows that match in all:
-- the window count is taken before LIMIT, and the feature JSON is built only for the rows returned.
-- The filter conditions use $1.. ; the page's limit and offset are the last two parameters.
SELECT count(*) OVER () AS matched, {{feature}} AS feature
FROM {{view}} v
WHERE {{where}}
ORDER BY {{order}}
LIMIT {{limit}} OFFSET {{offset}}
