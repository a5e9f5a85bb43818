-- Whether a collection holds real features, illustrative ones, or both (an import makes a layer real:
-- issue 10), in the same pass as the extent's.
SELECT coalesce(bool_or(v.provenance = 'real'), false), coalesce(bool_or(v.provenance <> 'real'), false)
FROM {{view}} v
