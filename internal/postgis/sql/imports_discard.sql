-- A prepared version ($1) whose publish failed: its rows and its unnumbered history row go.
SELECT parkmap_discard_prepared_import($1)
