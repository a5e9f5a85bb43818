package actuals

import "testing"

// FuzzReadWorkbook: any bytes give rows or an error naming "file", never a panic. The seeds in
// testdata/fuzz/FuzzReadWorkbook are a small template, a damaged copy and a few non-xlsx files.
func FuzzReadWorkbook(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := readWorkbook(b)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		p := preview(rows, testParks, testFigures, "f.xlsx", now)
		if p.Summary.Errors != len(p.Errors) {
			t.Fatalf("summary %d errors, listed %d", p.Summary.Errors, len(p.Errors))
		}
	})
}
