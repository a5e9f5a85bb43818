-- The numbers and the year of every feature from their raw text, whatever type ogr2ogr gave the
-- field (a DBF's N(19,11) reads '2019.00000000000'): a value that is not a number stays NULL and the
-- findings (imports_number_findings.sql) name it. An area stays in the file's unit until the unit step.
UPDATE pg_temp.import_work
SET year = CASE WHEN btrim(year_raw) ~ '^[0-9]{4}(\.0*)?$' THEN floor(btrim(year_raw)::numeric)::int END,
    area_mu = CASE WHEN btrim(area_raw) ~ '^[+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$'
                   THEN btrim(area_raw)::float8 END,
    plot_ratio = CASE WHEN btrim(plot_ratio_raw) ~ '^[+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$'
                      THEN btrim(plot_ratio_raw)::float8 END
WHERE year_raw IS NOT NULL OR area_raw IS NOT NULL OR plot_ratio_raw IS NOT NULL
