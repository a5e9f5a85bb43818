package data

import (
	"strings"
	"testing"
)

func TestLoadSeed(t *testing.T) {
	s, err := LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Parks) != 20 || len(s.Towns) != 17 || len(s.Zones) != 3 || len(s.Tables) != 8 {
		t.Fatalf("seed counts: parks %d towns %d zones %d tables %d", len(s.Parks), len(s.Towns), len(s.Zones), len(s.Tables))
	}
	for _, tw := range s.Towns {
		if tw.Name != "凤卧镇" && (tw.Seat[0] < 120 || tw.Seat[1] < 27) {
			t.Errorf("town %s has no seat", tw.Name)
		}
	}
}

// Every shape of the dataset says where it comes from, with its layer's note where it has none of its
// own, and no {placeholder} left unfilled.
func TestDatasetProvenance(t *testing.T) {
	ds, err := LoadDataset()
	if err != nil {
		t.Fatal(err)
	}
	type feature struct{ what, prov, note string }
	fs := []feature{{"county", ds.County.Provenance, ds.County.ProvenanceNote}}
	for _, z := range ds.Zones {
		fs = append(fs, feature{"zone " + z.ID, z.Provenance, z.ProvenanceNote})
	}
	for _, p := range ds.Parks {
		fs = append(fs, feature{"park " + p.ID, p.Provenance, p.ProvenanceNote})
	}
	for _, p := range ds.Parcels {
		fs = append(fs, feature{"parcel " + p.Code, p.Provenance, p.ProvenanceNote})
		if !strings.Contains(p.ProvenanceNote, "按"+p.SourceTable+"的") {
			t.Errorf("parcel %s: note %q does not name %s", p.Code, p.ProvenanceNote, p.SourceTable)
		}
	}
	for _, r := range ds.Redevelopment {
		fs = append(fs, feature{"redevelopment " + r.ID, r.Provenance, r.ProvenanceNote})
	}
	for _, f := range fs {
		if f.prov != "real" && f.prov != "illustrative" || f.note == "" || strings.ContainsAny(f.note, "{}") {
			t.Errorf("%s: provenance %q, note %q", f.what, f.prov, f.note)
		}
	}
	if ds.County.Provenance != "real" || ds.Parks[0].Provenance != "illustrative" {
		t.Errorf("county %s, first park %s", ds.County.Provenance, ds.Parks[0].Provenance)
	}
}

func TestExpandNote(t *testing.T) {
	props := map[string]any{"source_table": "附件6", "year": 2019.0}
	for in, want := range map[string]string{
		"plain":                     "plain",
		"按{source_table}绘制，{year}年": "按附件6绘制，2019年",
		"{unknown} stays":           "{unknown} stays",
	} {
		if got := expandNote(in, props); got != want {
			t.Errorf("expandNote(%q) = %q, want %q", in, got, want)
		}
	}
}
