package postgis

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/eligibility"
)

// EligibilityFacts gathers the geometry facts of an eligibility check (eligibility.Facts) in two statements:
// sql/eligibility_input.sql finds the parcel or checks and transforms the drawn geometry, and
// sql/eligibility_facts.sql measures everything else in one go. It only reads. An unknown parcel id is
// a apperr.NotFound error naming parcel_id; an invalid geometry a apperr.Invalid error naming geometry with
// PostGIS's reason (geometry validity, not a database error).
func (s *Store) EligibilityFacts(ctx context.Context, in eligibility.FactsInput) (*eligibility.Facts, error) {
	var (
		parcelID *string
		drawn    []byte
		err      error
	)
	if in.ParcelID != "" {
		parcelID = &in.ParcelID
	} else {
		if len(in.Geometry) == 0 {
			return nil, apperr.FieldErrorf(apperr.Invalid, "geometry", "no geometry to check")
		}
		if drawn, err = wkb.Marshal(in.Geometry); err != nil {
			return nil, dbError("eligibility input", err)
		}
	}
	var (
		p                                                         eligibility.ParcelInfo
		collection, id, name, kind, parkID, town, provenance, bad *string
		recorded, plotRatio                                       *float64
		shape                                                     []byte
	)
	err = s.pool.QueryRow(ctx, query("eligibility_input"), parcelID, drawn, in.SRID).
		Scan(&collection, &id, &name, &kind, &recorded, &plotRatio, &parkID, &town, &provenance, &bad, &shape)
	if errors.Is(err, pgx.ErrNoRows) && parcelID != nil {
		return nil, apperr.FieldErrorf(apperr.NotFound, "parcel_id",
			"no land-supply parcel or redevelopment area with parcel_id %.64q (ids look like GD2019-001 or RD-018)", in.ParcelID)
	}
	if err != nil {
		return nil, dbError("eligibility input", err)
	}
	if bad != nil {
		return nil, apperr.FieldErrorf(apperr.Invalid, "geometry",
			"geometry is not valid: %s (PostGIS ST_IsValidReason; a check reports an invalid shape, it never repairs it)", *bad)
	}
	g, err := wkb.Unmarshal(shape)
	if err != nil {
		return nil, dbError("eligibility input", err)
	}
	f := &eligibility.Facts{Geometry: multi(g)}
	var ownPark, ownArea *string
	if collection != nil {
		p = eligibility.ParcelInfo{ID: deref(id), Collection: *collection, Name: deref(name), Kind: deref(kind),
			PlotRatio: plotRatio, ParkID: deref(parkID), Town: deref(town), Provenance: deref(provenance)}
		if recorded != nil {
			p.RecordedAreaMu = *recorded
		}
		f.Parcel = &p
		ownPark = parkID
		if *collection == "redevelopment" {
			ownArea = id
		}
	}
	if err := s.measure(ctx, f, shape, ownPark, ownArea, in.Industries); err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Store) measure(ctx context.Context, f *eligibility.Facts, shape []byte, ownPark, ownArea *string, industries []string) error {
	var zones, towns, parks, areas, constraints, nearest []byte
	var basis *string
	var bounded, total int
	err := s.pool.QueryRow(ctx, query("eligibility_facts"), shape, ownPark, ownArea, industries).Scan(
		&f.AreaM2, &f.OutsideCountyMu, &zones, &towns, &parks, &areas, &constraints, &f.ConstraintKinds,
		&f.Industries, &basis, &nearest, &f.Point[0], &f.Point[1],
		&f.BBox[0], &f.BBox[1], &f.BBox[2], &f.BBox[3], &f.DataVersion, &bounded, &total)
	if err != nil {
		return dbError("eligibility facts", err)
	}
	f.TownsMethod = eligibility.TownsMethodFor(bounded, total)
	f.IndustriesBasis = deref(basis)
	if f.Industries == nil {
		f.Industries = []string{}
	}
	var cons []eligibility.Overlap
	for _, d := range []struct {
		raw []byte
		v   any
	}{{zones, &f.Zones}, {towns, &f.Towns}, {parks, &f.OverlapParks}, {areas, &f.OverlapRedevelopment}, {constraints, &cons}} {
		if err := json.Unmarshal(d.raw, d.v); err != nil {
			return dbError("eligibility facts", err)
		}
	}
	if len(nearest) > 0 && string(nearest) != "null" {
		f.NearestPark = &eligibility.NearestPark{}
		if err := json.Unmarshal(nearest, f.NearestPark); err != nil {
			return dbError("eligibility facts", err)
		}
	}
	f.Constraints = []eligibility.ConstraintOverlap{}
	for _, c := range cons {
		n := len(f.Constraints)
		if n == 0 || f.Constraints[n-1].Kind != c.Kind {
			f.Constraints = append(f.Constraints, eligibility.ConstraintOverlap{Kind: c.Kind, Areas: []eligibility.Overlap{}})
			n++
		}
		f.Constraints[n-1].Areas = append(f.Constraints[n-1].Areas, c)
	}
	return nil
}

// EligibilityParcels lists the ids and names of a collection a batch checks whole: redevelopment or
// parcels.
func (s *Store) EligibilityParcels(ctx context.Context, collection string) (ids, names []string, err error) {
	rows, err := s.pool.Query(ctx, query("eligibility_parcels"), collection)
	if err != nil {
		return nil, nil, dbError("parcels of "+collection, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, nil, dbError("parcels of "+collection, err)
		}
		ids, names = append(ids, id), append(names, name)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, dbError("parcels of "+collection, err)
	}
	return ids, names, nil
}

func multi(g orb.Geometry) orb.MultiPolygon {
	switch v := g.(type) {
	case orb.MultiPolygon:
		return v
	case orb.Polygon:
		return orb.MultiPolygon{v}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
