-- ApplyActuals: clear one figure (park $1, year $2, measure $3): back to no data.
DELETE FROM park_actuals WHERE park_id = $1 AND year = $2 AND measure = $3
