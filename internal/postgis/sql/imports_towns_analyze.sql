ANALYZE towns
