ANALYZE parks
