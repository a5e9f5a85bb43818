package layerimport

import (
	"slices"
	"strings"
	"testing"
)

// FuzzSuggest: whatever a file's fields and values, each suggestion pairs a field of the layer with
// a field of the file, neither twice, with both reasons, and a number field only with numbers.
func FuzzSuggest(f *testing.F) {
	f.Add("parcels", "DKBH|YDMJ（公顷）|GDNF|RJL", "PY-1|1.5|2019|高")
	f.Add("constraints", "BSM|DLMC|TBMJ", "1|永久基本农田|３.５")
	f.Add("redevelopment", "乡镇名称|名称|ＭＪ| ", "鳌江镇||-1,000|")
	f.Add("parks", "园区|Shape_Area|F", "萧江|1e-7|2020")
	f.Fuzz(func(t *testing.T, layer, names, values string) {
		tg, ok := TargetOf(layer)
		if !ok {
			tg = targets[len(layer)%len(targets)]
		}
		fields := strings.Split(names, "|")
		vals := strings.Split(values, "|")
		samples := map[string][]string{}
		for i, n := range fields {
			if i < len(vals) {
				samples[n] = append(samples[n], vals[i])
			}
		}
		got := SuggestWith(tg, fields, samples, Hints{ParkNames: []string{"萧江", "P01"}})
		seenField, seenSource := map[string]bool{}, map[string]int{}
		for _, s := range got {
			fd, ok := tg.Field(s.Field)
			if !ok || !slices.Contains(fields, s.Source) || seenField[s.Field] || s.Reason == "" || s.ReasonZh == "" {
				t.Fatalf("suggestion %+v of %v", s, got)
			}
			seenField[s.Field] = true
			seenSource[s.Source]++
			if seenSource[s.Source] > countOf(fields, s.Source) {
				t.Fatalf("%s used more often than the file has it: %v", s.Source, got)
			}
			if fd.Type != TypeText {
				for _, v := range nonEmpty(samples[s.Source]) {
					if _, ok := parseNumber(v); !ok {
						t.Fatalf("%s (%s) <- %s holding %q", s.Field, fd.Type, s.Source, v)
					}
				}
			}
		}
	})
}

func countOf(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}
