package data

import "testing"

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
