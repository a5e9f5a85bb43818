package evaluations

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// Put is the body of PUT /api/parks/{id}/evaluations/{year}: the grade, its source (the notice or
// letter it comes from) and, optionally, the park's name as that notice prints it. Kept raw until
// Check, so that every field's mistake is reported, not only the first.
type Put struct {
	Grade        json.RawMessage `json:"grade"`
	Source       json.RawMessage `json:"source"`
	NameInNotice json.RawMessage `json:"name_in_notice,omitempty"`
}

// fieldErrs collects the field errors of one check.
type fieldErrs []apperr.FieldError

func (e *fieldErrs) add(field, zh, en string) {
	*e = append(*e, apperr.FieldError{Field: field, Message: en, MessageZh: zh})
}

func (e fieldErrs) err() error {
	if len(e) == 0 {
		return nil
	}
	return apperr.Fields(e)
}

// ParseYear reads a year of the path: a whole number from FirstEvaluationYear to last.
func ParseYear(raw string, last int) (int, error) {
	var errs fieldErrs
	y := year(&errs, raw, last)
	return y, errs.err()
}

func year(errs *fieldErrs, raw string, last int) int {
	y, err := strconv.Atoi(raw)
	if err != nil {
		errs.add("year", "年份应为四位整数，如 2025", "year must be a whole number such as 2025")
		return 0
	}
	if y < plan.FirstEvaluationYear || y > last {
		errs.add("year", fmt.Sprintf("年份应在 %d 至 %d 之间（不能晚于今年）", plan.FirstEvaluationYear, last),
			fmt.Sprintf("year must be from %d to %d (not after the current year)", plan.FirstEvaluationYear, last))
		return 0
	}
	return y
}

// Check validates the year of the path and p as of the current year last, and returns the grade it
// sets for parkID (without the plan's name, which the store adds), or an apperr.Invalid error listing
// every field at fault.
func (p Put) Check(parkID, rawYear string, last int) (plan.ParkEvaluation, error) {
	var errs fieldErrs
	e := plan.ParkEvaluation{ParkID: parkID, Origin: plan.OriginPlanner}
	e.Year = year(&errs, rawYear, last)
	var g string
	if p.Grade == nil || json.Unmarshal(p.Grade, &g) != nil || !slices.Contains(plan.Grades, strings.TrimSpace(g)) {
		errs.add("grade", "档次只能是 A、B、C 或 D", "grade must be one of A, B, C, D")
	}
	e.Grade = strings.TrimSpace(g)
	e.Source = text(&errs, "source", p.Source, MaxSource, true, "来源", "source")
	e.NameInNotice = text(&errs, "name_in_notice", p.NameInNotice, MaxNameInNotice, false, "通知中的名称", "name_in_notice")
	return e, errs.err()
}

// text reads a trimmed text of at most max characters; absent, null or empty is "" (an error if required).
func text(errs *fieldErrs, field string, raw json.RawMessage, max int, required bool, zh, en string) string {
	var s string
	if raw != nil && string(raw) != "null" {
		if json.Unmarshal(raw, &s) != nil {
			errs.add(field, zh+"应为文字", en+" must be a string")
			return ""
		}
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "" && required:
		errs.add(field, zh+"不能为空：请写明出自哪份通知或文件", en+" is required: name the notice or file the grade comes from")
	case !utf8.ValidString(s):
		errs.add(field, zh+"不是有效的 UTF-8 文字", en+" is not valid UTF-8")
	case utf8.RuneCountInString(s) > max:
		errs.add(field, fmt.Sprintf("%s不能超过 %d 个字", zh, max), fmt.Sprintf("%s is longer than %d characters", en, max))
	case strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		errs.add(field, zh+"含有控制字符或换行", en+" contains a control character or line break")
	default:
		return s
	}
	return ""
}
