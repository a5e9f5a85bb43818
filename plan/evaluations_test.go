package plan_test

import (
	"strings"
	"testing"

	"github.com/pingyang/parkmap/plan"
)

func TestCheckEvaluations(t *testing.T) {
	parks := []plan.Park{{ID: "wanyang"}, {ID: "nansheng-ounan"}}
	round := func() plan.EvaluationRound {
		return plan.EvaluationRound{Year: 2025, Issuer: "办", Date: "2025-08-05", Method: "m", Dimensions: []string{"亩均效益"},
			ParksEvaluated: 11, ParksRecognised: 13, GradeCounts: map[string]int{"A": 3, "B": 4, "C": 3, "D": 1}, Source: "s"}
	}
	grade := func(park, g string) plan.ParkEvaluation {
		return plan.ParkEvaluation{ParkID: park, Year: 2025, Grade: g, NameInNotice: "n", MatchNote: "m", Source: "s"}
	}
	for _, c := range []struct {
		name   string
		rounds func() []plan.EvaluationRound
		grades []plan.ParkEvaluation
		want   string // "" valid, else a part of the error
	}{
		{"valid", func() []plan.EvaluationRound { return []plan.EvaluationRound{round()} }, []plan.ParkEvaluation{grade("wanyang", "A")}, ""},
		{"counts do not add up", func() []plan.EvaluationRound {
			r := round()
			r.GradeCounts["D"] = 2
			return []plan.EvaluationRound{r}
		}, nil, "add up"},
		{"more evaluated than recognised", func() []plan.EvaluationRound {
			r := round()
			r.ParksRecognised = 10
			return []plan.EvaluationRound{r}
		}, nil, "add up"},
		{"unknown park", func() []plan.EvaluationRound { return []plan.EvaluationRound{round()} }, []plan.ParkEvaluation{grade("nowhere", "A")}, "no such park"},
		{"grade E", func() []plan.EvaluationRound { return []plan.EvaluationRound{round()} }, []plan.ParkEvaluation{grade("wanyang", "E")}, "not one of"},
		{"no round", func() []plan.EvaluationRound { return nil }, []plan.ParkEvaluation{grade("wanyang", "A")}, "no round"},
		{"twice", func() []plan.EvaluationRound { return []plan.EvaluationRound{round()} }, []plan.ParkEvaluation{grade("wanyang", "A"), grade("wanyang", "B")}, "twice"},
		{"more Ds than counted", func() []plan.EvaluationRound { return []plan.EvaluationRound{round()} }, []plan.ParkEvaluation{grade("wanyang", "D"), grade("nansheng-ounan", "D")}, "more parks"},
		{"no match note", func() []plan.EvaluationRound { return []plan.EvaluationRound{round()} }, []plan.ParkEvaluation{{ParkID: "wanyang", Year: 2025, Grade: "A", Source: "s", NameInNotice: "n"}}, "required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := plan.CheckEvaluations(c.rounds(), c.grades, parks)
			if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("err %v, want %q", err, c.want)
			}
		})
	}
}
