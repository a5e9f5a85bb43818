package coordfile

import (
	"bytes"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, and whatever it accepts must
// survive Write and parse again to as many parcels (an export of an import reads back). The seed
// corpus in testdata/fuzz/FuzzParse holds a good file, its GBK twin, a swapped, an unclosed, a
// Xi'an 1980 and a truncated one.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodFile))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := Parse(bytes.NewReader(b))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, file, UTF8); err != nil {
			t.Fatalf("Write of a parsed file: %v", err)
		}
		back, err := Parse(&buf)
		if err != nil {
			t.Fatalf("a written file does not parse: %v\n%s", err, buf.Bytes())
		}
		if len(back.Parcels) != len(file.Parcels) {
			t.Fatalf("%d parcels read back, want %d", len(back.Parcels), len(file.Parcels))
		}
	})
}
