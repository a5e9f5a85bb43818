package synth

import (
	"encoding/json"
	"math"
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

func TestCheckCatchesViolations(t *testing.T) {
	seed := loadSeed(t)
	base := committed(t)
	if _, err := Check(seed, base); err != nil {
		t.Fatalf("the committed files fail Check: %v", err)
	}
	parkGeom := func(i int) any {
		var fc map[string]any
		_ = json.Unmarshal(base[ParksFile], &fc)
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
		{"county adcode", CountyFile, 0, setProp("adcode", "330327"), "adcode"},
		{"town seat moved", TownsFile, 0, shift(0.01, 0), "the seed gives"},
		{"illustrative seat at the edge", TownsFile, 12, shift(0, 0.02), "from the boundary"},
		{"park drawn 1% too small", ParksFile, 4, func(f map[string]any) {
			west := math.NaN() // the ring starts at the south-west corner
			mapCoords(f, func(lon, lat float64) (float64, float64) {
				if math.IsNaN(west) {
					west = lon
				}
				return west + (lon-west)*0.99, lat
			})
		}, "drawn"},
		{"park out at sea", ParksFile, 0, shift(0.08, 0), "county"},
		{"park in another town's cell", ParksFile, 4, shift(0, -0.035), "nearer another town's seat"},
		{"parks overlapping", ParksFile, 1, func(f map[string]any) { f["geometry"] = parkGeom(0) }, "apart"},
		{"park target changed", ParksFile, 2, setProp("target_area_mu", 86.0), "want"},
		{"parcel area changed", ParcelsFile, 0, setProp("area_mu", 35.0), "add up to"},
		{"parcel outside its park", ParcelsFile, 0, shift(0, 0.01), "strip"},
		{"parcel land source", ParcelsFile, 1, setProp("land_source", "新增"), "§三(一)2"},
		{"parcel plot ratio", ParcelsFile, 0, setProp("plot_ratio", 2.0), "plot_ratio"},
		{"parcel code", ParcelsFile, 0, setProp("code", "GD2019-001"), "code"},
		{"redevelopment total", RedevelopmentFile, 0, setProp("site_area_mu", 32.39), "3447.19"},
		{"redevelopment on 南麂", RedevelopmentFile, 0, setProp("town", NanjiTown), "南麂"},
		{"redevelopment kind", RedevelopmentFile, 0, setProp("kind", "工业用地"), "kind"},
		{"redevelopment on a park", RedevelopmentFile, 45, func(f map[string]any) { f["geometry"] = parkGeom(0) }, "apart"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			for k, v := range base {
				files[k] = v
			}
			files[tc.file] = mutate(t, base[tc.file], tc.feature, tc.fn)
			_, err := Check(seed, files)
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
		if _, err := Check(seed, files); err == nil || !strings.Contains(err.Error(), ParcelsFile) {
			t.Errorf("Check without %s: %v", ParcelsFile, err)
		}
	})
}
