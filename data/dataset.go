package data

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/pingyang/parkmap/plan"
)

// LoadDataset parses the seed and the committed geometry files into one dataset, joining each drawn
// shape to the plan row it illustrates. A shape without a row, or a row without a shape, is an error.
func LoadDataset() (*plan.Dataset, error) {
	seed, err := LoadSeed()
	if err != nil {
		return nil, err
	}
	ds := &plan.Dataset{Zones: seed.Zones, Tables: seed.Tables, Targets: seed.Targets, Parks: seed.Parks,
		KnownInconsistencies: seed.Known, EvaluationRounds: seed.EvaluationRounds, Evaluations: seed.Evaluations}

	county, err := readCollection("county.geojson")
	if err != nil {
		return nil, err
	}
	if len(county.Features) != 1 {
		return nil, fmt.Errorf("county.geojson: want 1 feature, have %d", len(county.Features))
	}
	cf := county.Features[0]
	mp, err := multiPolygon(cf.Geometry)
	if err != nil {
		return nil, fmt.Errorf("county.geojson: %w", err)
	}
	ds.County = plan.County{Name: cf.Properties.MustString("name", ""), Adcode: cf.Properties.MustString("adcode", ""),
		Source: cf.Properties.MustString("source", ""), Geometry: mp,
		Provenance: cf.Properties.MustString("provenance", ""), ProvenanceNote: cf.Properties.MustString("provenance_note", "")}
	if err := seed.provenance("county", &ds.County.Provenance, &ds.County.ProvenanceNote, cf.Properties); err != nil {
		return nil, err
	}
	for i := range ds.Zones {
		z := &ds.Zones[i]
		if err := seed.provenance("zones", &z.Provenance, &z.ProvenanceNote, geojson.Properties{"id": z.ID}); err != nil {
			return nil, err
		}
	}

	seats, err := readCollection("towns.geojson")
	if err != nil {
		return nil, err
	}
	seatByCode := map[string]*geojson.Feature{}
	for _, f := range seats.Features {
		seatByCode[f.Properties.MustString("code", "")] = f
	}
	for _, st := range seed.Towns {
		f, ok := seatByCode[st.Code]
		if !ok {
			return nil, fmt.Errorf("towns.geojson: no seat for %s %s", st.Code, st.Name)
		}
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			return nil, fmt.Errorf("towns.geojson: %s is a %s, want Point", st.Code, f.Geometry.GeoJSONType())
		}
		t := st.Town
		t.Seat = p
		t.SeatProvenance = f.Properties.MustString("seat_provenance", t.SeatProvenance)
		ds.Towns = append(ds.Towns, t)
		delete(seatByCode, st.Code)
	}
	if len(seatByCode) > 0 {
		return nil, fmt.Errorf("towns.geojson: %d seats for unknown towns", len(seatByCode))
	}

	parks, err := readCollection("parks.geojson")
	if err != nil {
		return nil, err
	}
	shapeByID := map[string]*geojson.Feature{}
	for _, f := range parks.Features {
		shapeByID[f.Properties.MustString("id", "")] = f
	}
	for i := range ds.Parks {
		p := &ds.Parks[i]
		f, ok := shapeByID[p.ID]
		if !ok {
			return nil, fmt.Errorf("parks.geojson: no shape for park %s", p.ID)
		}
		if p.Geometry, err = multiPolygon(f.Geometry); err != nil {
			return nil, fmt.Errorf("parks.geojson %s: %w", p.ID, err)
		}
		p.Provenance = f.Properties.MustString("provenance", "")
		p.ProvenanceNote = f.Properties.MustString("provenance_note", "")
		if err := seed.provenance("parks", &p.Provenance, &p.ProvenanceNote, f.Properties); err != nil {
			return nil, err
		}
		delete(shapeByID, p.ID)
	}
	if len(shapeByID) > 0 {
		return nil, fmt.Errorf("parks.geojson: %d shapes for unknown parks", len(shapeByID))
	}

	if err := readFeatures("parcels.geojson", func(f *geojson.Feature, mp orb.MultiPolygon) error {
		var p plan.Parcel
		if err := decodeProps(f, &p); err != nil {
			return err
		}
		p.Geometry = mp
		if err := seed.provenance("parcels", &p.Provenance, &p.ProvenanceNote, f.Properties); err != nil {
			return err
		}
		ds.Parcels = append(ds.Parcels, p)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readFeatures("redevelopment.geojson", func(f *geojson.Feature, mp orb.MultiPolygon) error {
		var r plan.RedevelopmentArea
		if err := decodeProps(f, &r); err != nil {
			return err
		}
		r.Geometry = mp
		if err := seed.provenance("redevelopment", &r.Provenance, &r.ProvenanceNote, f.Properties); err != nil {
			return err
		}
		ds.Redevelopment = append(ds.Redevelopment, r)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := readFeatures("constraints.geojson", func(f *geojson.Feature, mp orb.MultiPolygon) error {
		var c plan.Constraint
		if err := decodeProps(f, &c); err != nil {
			return err
		}
		c.Geometry = mp
		ds.Constraints = append(ds.Constraints, c)
		return nil
	}); err != nil {
		return nil, err
	}
	return ds, nil
}

// Version is a short digest of every embedded data file: a new dataset gets a new version, which keys
// tile caches and ETags.
func Version() (string, error) {
	h := sha256.New()
	var names []string
	for _, fsys := range []fs.FS{seedFS, geoFS} {
		err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			names = append(names, path)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	sort.Strings(names)
	for _, n := range names {
		var b []byte
		var err error
		if b, err = seedFS.ReadFile(n); err != nil {
			if b, err = geoFS.ReadFile(n); err != nil {
				return "", err
			}
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// provenance completes a feature's provenance and note from its layer's (seed/provenance.json) where
// the feature gives none, replacing {name} in the layer's note with the feature's property. A feature
// left without either is an error: every shape says where it comes from.
func (s *Seed) provenance(layer string, prov, note *string, props geojson.Properties) error {
	l := s.Provenance[layer]
	if *prov == "" {
		*prov = l.Provenance
	}
	if *note == "" {
		*note = expandNote(l.Note, props)
	}
	if (*prov != plan.ProvenanceReal && *prov != plan.ProvenanceIllustr) || *note == "" {
		return fmt.Errorf("%s %v: provenance %q, note %q: give both in the feature or in seed/provenance.json",
			layer, props["id"], *prov, *note)
	}
	return nil
}

// expandNote replaces each {name} in note with the feature's property of that name.
func expandNote(note string, props geojson.Properties) string {
	if !strings.Contains(note, "{") {
		return note
	}
	pairs := make([]string, 0, 2*len(props))
	for k, v := range props {
		pairs = append(pairs, "{"+k+"}", fmt.Sprint(v))
	}
	return strings.NewReplacer(pairs...).Replace(note)
}

func readCollection(name string) (*geojson.FeatureCollection, error) {
	b, err := geoFS.ReadFile("geo/" + name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return fc, nil
}

func readFeatures(name string, each func(*geojson.Feature, orb.MultiPolygon) error) error {
	fc, err := readCollection(name)
	if err != nil {
		return err
	}
	for i, f := range fc.Features {
		mp, err := multiPolygon(f.Geometry)
		if err != nil {
			return fmt.Errorf("%s feature %d: %w", name, i, err)
		}
		if err := each(f, mp); err != nil {
			return fmt.Errorf("%s feature %d: %w", name, i, err)
		}
	}
	return nil
}

func multiPolygon(g orb.Geometry) (orb.MultiPolygon, error) {
	switch v := g.(type) {
	case orb.MultiPolygon:
		return v, nil
	case orb.Polygon:
		return orb.MultiPolygon{v}, nil
	default:
		return nil, fmt.Errorf("geometry is %T, want Polygon or MultiPolygon", g)
	}
}

func decodeProps(f *geojson.Feature, v any) error {
	b, err := json.Marshal(f.Properties)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
