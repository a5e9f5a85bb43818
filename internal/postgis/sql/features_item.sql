-- One feature of a collection by its id.
SELECT {{feature}} FROM {{view}} v WHERE v.id = $1
