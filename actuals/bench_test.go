package actuals

import (
	"fmt"
	"testing"
)

// benchTemplate is the template of 40 parks × 2018–2026, every figure filled: larger than the
// county's (which has fewer parks and mostly empty cells).
func benchTemplate(b *testing.B) ([]Park, []Figure, []byte) {
	var parks []Park
	var figs []Figure
	for i := range 40 {
		p := Park{ID: fmt.Sprintf("park-%02d", i), Name: fmt.Sprintf("园区%02d", i), Seq: i + 1}
		parks = append(parks, p)
		for y := 2018; y <= 2026; y++ {
			for _, m := range MeasureIDs() {
				figs = append(figs, Figure{ParkID: p.ID, ParkName: p.Name, Year: y, Measure: m, Value: float64(y - 2000)})
			}
		}
	}
	x, err := writeTemplate(parks, 2018, 2026, figs)
	if err != nil {
		b.Fatal(err)
	}
	return parks, figs, x
}

func BenchmarkWriteTemplate(b *testing.B) {
	parks, figs, x := benchTemplate(b)
	for b.Loop() {
		if _, err := writeTemplate(parks, 2018, 2026, figs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(x)), "file-bytes")
}

func BenchmarkReadAndPreview(b *testing.B) {
	parks, figs, x := benchTemplate(b)
	for b.Loop() {
		rows, err := readWorkbook(x)
		if err != nil {
			b.Fatal(err)
		}
		if p := preview(rows, parks, figs, "f.xlsx", now); p.Summary.Unchanged != len(figs) {
			b.Fatalf("%+v", p.Summary)
		}
	}
}
