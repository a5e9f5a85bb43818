SELECT id, name_zh FROM zones ORDER BY id
