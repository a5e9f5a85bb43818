package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// ProgressStore gives what progress against the 2022 targets is computed from.
type ProgressStore interface {
	ProgressInputs(ctx context.Context) (plan.ProgressInputs, error)
}

// progressRoutes registers GET /api/progress, /api/plan/yearly and /api/briefing (issue 5).
func (s *server) progressRoutes(r *mux.Router) {
	r.Handle("/api/progress", s.adapt(s.handleProgress)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/plan/yearly", s.adapt(s.handleYearlyPlan)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/briefing", s.adapt(s.handleBriefing)).Methods(http.MethodGet, http.MethodHead)
}

// handleBriefing serves the briefing's steps (data/briefing/steps.json, checked when the service starts).
func (s *server) handleBriefing(w http.ResponseWriter, r *http.Request) error {
	if _, err := onlyParams(r); err != nil {
		return err
	}
	if s.Briefing == nil {
		return apperr.Errorf(apperr.Internal, "the briefing file failed its checks; see the service log")
	}
	writeJSON(w, http.StatusOK, mediaJSON, s.Briefing)
	return nil
}

type progressResponse struct {
	Year       int              `json:"year"`
	FirstYear  int              `json:"first_year"`
	LastYear   int              `json:"last_year"`
	AsOf       string           `json:"as_of"`
	Source     string           `json:"source"`
	ActualFrom string           `json:"actual_source"`
	Targets    []plan.Progress  `json:"targets"`
	Indicators []plan.Indicator `json:"indicators"`
}

// handleProgress answers every 2022 target for ?year= (2018 to the current year, default 2022):
// baseline, the plan's own path to that year where its tables give one, the actual from the parks'
// entered figures where they can tell (else "no data"), the completion rate and whether the target
// was met; and the year's derived indicators (亩均税收, 亩均产值, output per 万㎡).
func (s *server) handleProgress(w http.ResponseWriter, r *http.Request) error {
	q, err := onlyParams(r, "year")
	if err != nil {
		return err
	}
	first, last := plan.ProgressYears(s.now())
	year := plan.LastPlanYear
	if v, ok := q["year"]; ok {
		if year, err = strconv.Atoi(v); err != nil {
			return apperr.Fields([]apperr.FieldError{{Field: "year",
				Message:   fmt.Sprintf("year must be a whole number from %d to %d; got %s", first, last, quoteShort(v)),
				MessageZh: fmt.Sprintf("年份须为%d至%d之间的整数，收到%s", first, last, quoteShort(v))}})
		}
	}
	if err := plan.CheckProgressYear(year, first, last); err != nil {
		return err
	}
	in, err := s.Progress.ProgressInputs(r.Context())
	if err != nil {
		return err
	}
	ps, err := plan.ComputeProgress(year, last, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, mediaJSON, progressResponse{
		Year: year, FirstYear: first, LastYear: last, AsOf: "plan issued 2019-05; park status as of 2018-10",
		Source:     "平阳县小微企业园高质量发展五年规划（2018—2022年）§二(五), 附件6, 附件7",
		ActualFrom: "the parks' actual figures as entered in parkmap, each with its source (GET /api/actuals) / 各园区录入的实际数据（附来源）",
		Targets:    ps, Indicators: plan.DerivedIndicators(year, in),
	})
	return nil
}

// now is the service's clock (Deps.Now, else the system's).
func (s *server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

type yearlyResponse struct {
	Group  string        `json:"group"`
	Series []plan.Series `json:"series"`
}

// handleYearlyPlan answers the yearly plans (附件6, 附件7) per measure, for the county, each zone or
// each park (?group=all|zone|park, default all): what the briefing's charts draw.
func (s *server) handleYearlyPlan(w http.ResponseWriter, r *http.Request) error {
	q, err := onlyParams(r, "group")
	if err != nil {
		return err
	}
	group := "all"
	if v, ok := q["group"]; ok {
		group = v
	}
	in, err := s.Progress.ProgressInputs(r.Context())
	if err != nil {
		return err
	}
	// The series run to the plan's last year, or on to the last year with actual figures.
	last := plan.LastPlanYear
	for _, f := range in.Actuals {
		last = max(last, f.Year)
	}
	series, err := plan.YearlySeries(group, last, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, mediaJSON, yearlyResponse{Group: group, Series: series})
	return nil
}

// onlyParams parses the query strictly (parseQuery, checkCommon: each parameter once, f=json allowed)
// and rejects any parameter not in allowed, naming it.
func onlyParams(r *http.Request, allowed ...string) (map[string]string, error) {
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, err
	}
	if err := checkCommon(q, func(n string) bool { return slices.Contains(allowed, n) },
		"; this resource accepts "+strings.Join(allowed, ", ")); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for k, v := range q {
		if k != "f" {
			out[k] = v[0]
		}
	}
	return out, nil
}
