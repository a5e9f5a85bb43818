package synth

import (
	"encoding/json"
	"strings"
	"testing"
)

// mutate rewrites feature i of a file through fn, which gets the feature as generic JSON.
func mutate(t *testing.T, b []byte, i int, fn func(f map[string]any)) []byte {
	t.Helper()
	var fc map[string]any
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	fn(fc["features"].([]any)[i].(map[string]any))
	out, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// mapCoords applies fn to every position of a feature's geometry.
func mapCoords(f map[string]any, fn func(lon, lat float64) (float64, float64)) {
	var walk func(v any) any
	walk = func(v any) any {
		a := v.([]any)
		if x, ok := a[0].(float64); ok {
			lon, lat := fn(x, a[1].(float64))
			return []any{lon, lat}
		}
		for i := range a {
			a[i] = walk(a[i])
		}
		return a
	}
	g := f["geometry"].(map[string]any)
	g["coordinates"] = walk(g["coordinates"])
}

func shift(dLon, dLat float64) func(f map[string]any) {
	return func(f map[string]any) {
		mapCoords(f, func(lon, lat float64) (float64, float64) { return lon + dLon, lat + dLat })
	}
}

func setProp(key string, v any) func(f map[string]any) {
	return func(f map[string]any) { f["properties"].(map[string]any)[key] = v }
}

// TestCheckCatchesViolations breaks each invariant Check keeps (see its doc comment) in one committed
// file; the invariants it leaves to the PostGIS tests are not tried here.
func TestCheckCatchesViolations(t *testing.T) {
	seed := loadSeed(t)
	base := committed(t)
	if err := Check(seed, base); err != nil {
		t.Fatalf("the committed files fail Check: %v", err)
	}
	geometry := func(file string, i int) any {
		var fc map[string]any
		_ = json.Unmarshal(base[file], &fc)
		return fc["features"].([]any)[i].(map[string]any)["geometry"]
	}
	for _, tc := range []struct {
		name, file string
		feature    int
		fn         func(f map[string]any)
		want       string
	}{
		{"county ring reversed", CountyFile, 0, func(f map[string]any) {
			ring := f["geometry"].(map[string]any)["coordinates"].([]any)[0].([]any)[0].([]any)
			for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
				ring[i], ring[j] = ring[j], ring[i]
			}
		}, "wrong way"},
		{"park in another town's cell", ParksFile, 4, shift(0, -0.035), "nearer another town's seat"},
		{"redevelopment area in another town's cell", RedevelopmentFile, 0, setProp("town", "鳌江镇"), "nearer another town's seat"},
		{"redevelopment areas overlapping", RedevelopmentFile, 1, func(f map[string]any) {
			f["geometry"] = geometry(RedevelopmentFile, 0)
		}, "count twice"},
		{"parcel land source", ParcelsFile, 1, setProp("land_source", "新增"), "§三(一)2"},
		{"parcel plot ratio", ParcelsFile, 0, setProp("plot_ratio", 2.0), "plot_ratio"},
		{"constraint not illustrative", ConstraintsFile, 0, setProp("provenance", "real"), "labelled illustrative"},
		{"constraint on a park", ConstraintsFile, 0, func(f map[string]any) { f["geometry"] = geometry(ParksFile, 0) }, "touches park"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			for k, v := range base {
				files[k] = v
			}
			files[tc.file] = mutate(t, base[tc.file], tc.feature, tc.fn)
			err := Check(seed, files)
			if err == nil {
				t.Fatal("Check passed")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check error does not mention %q:\n%v", tc.want, err)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		files := map[string][]byte{}
		for k, v := range base {
			files[k] = v
		}
		delete(files, ParcelsFile)
		if err := Check(seed, files); err == nil || !strings.Contains(err.Error(), ParcelsFile) {
			t.Errorf("Check without %s: %v", ParcelsFile, err)
		}
	})
}
