package evaluations_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/evaluations"
	"github.com/pingyang/parkmap/plan"
)

func TestPutCheck(t *testing.T) {
	for _, c := range []struct {
		name, year, body string
		fields           []string // nil: valid
		want             plan.ParkEvaluation
	}{
		{name: "valid", year: "2025", body: `{"grade":" B ","source":" 县小微园办通知 ","name_in_notice":"楠盛瓯南产业城"}`,
			want: plan.ParkEvaluation{ParkID: "p", Year: 2025, Grade: "B", Source: "县小微园办通知", NameInNotice: "楠盛瓯南产业城", Origin: plan.OriginPlanner}},
		{name: "first year, null name", year: "2018", body: `{"grade":"D","source":"x","name_in_notice":null}`,
			want: plan.ParkEvaluation{ParkID: "p", Year: 2018, Grade: "D", Source: "x", Origin: plan.OriginPlanner}},
		{name: "current year", year: "2026", body: `{"grade":"A","source":"x"}`,
			want: plan.ParkEvaluation{ParkID: "p", Year: 2026, Grade: "A", Source: "x", Origin: plan.OriginPlanner}},
		{name: "lower-case grade", year: "2025", body: `{"grade":"a","source":"x"}`, fields: []string{"grade"}},
		{name: "grade E", year: "2025", body: `{"grade":"E","source":"x"}`, fields: []string{"grade"}},
		{name: "grade a number", year: "2025", body: `{"grade":1,"source":"x"}`, fields: []string{"grade"}},
		{name: "no grade", year: "2025", body: `{"source":"x"}`, fields: []string{"grade"}},
		{name: "next year", year: "2027", body: `{"grade":"A","source":"x"}`, fields: []string{"year"}},
		{name: "before 2018", year: "2017", body: `{"grade":"A","source":"x"}`, fields: []string{"year"}},
		{name: "year not a number", year: "2025a", body: `{"grade":"A","source":"x"}`, fields: []string{"year"}},
		{name: "no source", year: "2025", body: `{"grade":"A"}`, fields: []string{"source"}},
		{name: "blank source", year: "2025", body: `{"grade":"A","source":"  "}`, fields: []string{"source"}},
		{name: "source a number", year: "2025", body: `{"grade":"A","source":5}`, fields: []string{"source"}},
		{name: "source with a line break", year: "2025", body: `{"grade":"A","source":"a\nb"}`, fields: []string{"source"}},
		{name: "long name", year: "2025", body: `{"grade":"A","source":"x","name_in_notice":"` + string(slices.Repeat([]rune("园"), 101)) + `"}`, fields: []string{"name_in_notice"}},
		{name: "everything wrong", year: "1999", body: `{"grade":"Z","source":""}`, fields: []string{"year", "grade", "source"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p evaluations.Put
			if err := json.Unmarshal([]byte(c.body), &p); err != nil {
				t.Fatal(err)
			}
			got, err := p.Check("p", c.year, 2026)
			if c.fields == nil {
				if err != nil || got != c.want {
					t.Fatalf("got %+v, %v; want %+v", got, err, c.want)
				}
				return
			}
			ae, ok := apperr.As(err)
			if !ok || ae.Code != apperr.Invalid {
				t.Fatalf("err %v", err)
			}
			var fields []string
			for _, f := range ae.Fields {
				if f.MessageZh == "" || f.Message == "" {
					t.Errorf("field %s without both messages", f.Field)
				}
				fields = append(fields, f.Field)
			}
			if !slices.Equal(fields, c.fields) {
				t.Errorf("fields %v, want %v", fields, c.fields)
			}
		})
	}
}

// The current year is China's: at 16:30 UTC on 31 December it is already next year in Pingyang.
func TestLastYearIsChinas(t *testing.T) {
	if y := evaluations.LastYear(time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC)); y != 2027 {
		t.Errorf("31 Dec 2026 16:30 UTC: %d", y)
	}
	if y := evaluations.LastYear(time.Date(2026, 12, 31, 15, 59, 0, 0, time.UTC)); y != 2026 {
		t.Errorf("31 Dec 2026 15:59 UTC: %d", y)
	}
}

// recorder is a Store that records what reaches it; the service must not call it for a refused edit.
type recorder struct {
	evaluations.Store
	put *plan.ParkEvaluation
}

func (r *recorder) PutGrade(_ context.Context, _ accounts.Actor, e plan.ParkEvaluation) (evaluations.Change, error) {
	r.put = &e
	return evaluations.Change{ParkID: e.ParkID, Year: e.Year}, nil
}

// The service's clock decides the current year: a grade for 2027 is refused on 2 December 2026 and
// taken on 1 January 2027 (China time), with the actor as who entered it.
func TestServiceClock(t *testing.T) {
	var now time.Time
	store := &recorder{}
	svc := evaluations.NewService(store, func() time.Time { return now })
	var p evaluations.Put
	if err := json.Unmarshal([]byte(`{"grade":"C","source":"通知"}`), &p); err != nil {
		t.Fatal(err)
	}
	a := accounts.Actor{Username: "zhang.san"}
	now = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	if _, err := svc.Put(context.Background(), a, "wanyang", "2027", p); apperr.CodeOf(err) != apperr.Invalid || store.put != nil {
		t.Fatalf("2027 in 2026: %v, %+v", err, store.put)
	}
	now = time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)
	if _, err := svc.Put(context.Background(), a, "wanyang", "2027", p); err != nil || store.put == nil || store.put.EnteredBy != "zhang.san" {
		t.Fatalf("2027 on 1 Jan 2027 CST: %v, %+v", err, store.put)
	}
}
