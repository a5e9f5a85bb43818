package parkfacts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// Patch is the body of PATCH /api/parks/{id}/facts: only the fields to change. A field left out stays
// as it is; a field set to null goes back to having no current value (the plan's stands). Each is
// kept raw until Check, so that every field's mistake is reported, not only the first.
type Patch struct {
	Status           json.RawMessage `json:"status,omitempty"`
	FirmsInResidence json.RawMessage `json:"firms_in_residence,omitempty"`
	Industries       json.RawMessage `json:"industries,omitempty"`
	DevelopmentMode  json.RawMessage `json:"development_mode,omitempty"`
	Operator         json.RawMessage `json:"operator,omitempty"`
	Contact          json.RawMessage `json:"contact,omitempty"`
	Notes            json.RawMessage `json:"notes,omitempty"`
	RecognitionYear  json.RawMessage `json:"recognition_year,omitempty"`
}

// Change is a checked Patch: which facts it sets, and to what (nil: back to the plan's).
type Change struct {
	set  map[string]bool
	next Facts
}

// Fields lists the facts c sets, in the order of Facts.
func (c Change) Fields() []string {
	var out []string
	for _, f := range fieldOrder {
		if c.set[f] {
			out = append(out, f)
		}
	}
	return out
}

var fieldOrder = []string{"status", "firms_in_residence", "industries", "development_mode", "operator", "contact", "notes", "recognition_year"}

// Apply returns f with c's facts set.
func (c Change) Apply(f Facts) Facts {
	n := c.next
	if c.set["status"] {
		f.Status = n.Status
	}
	if c.set["firms_in_residence"] {
		f.FirmsInResidence = n.FirmsInResidence
	}
	if c.set["industries"] {
		f.Industries = n.Industries
	}
	if c.set["development_mode"] {
		f.DevelopmentMode = n.DevelopmentMode
	}
	if c.set["operator"] {
		f.Operator = n.Operator
	}
	if c.set["contact"] {
		f.Contact = n.Contact
	}
	if c.set["notes"] {
		f.Notes = n.Notes
	}
	if c.set["recognition_year"] {
		f.RecognitionYear = n.RecognitionYear
	}
	return f
}

// fieldErrs collects the field errors of one check.
type fieldErrs []apperr.FieldError

func (e *fieldErrs) add(field, zh, en string) {
	*e = append(*e, apperr.FieldError{Field: field, Message: en, MessageZh: zh})
}

func isNull(raw json.RawMessage) bool { return bytes.Equal(bytes.TrimSpace(raw), []byte("null")) }

// Check validates p as of now (the recognition year may be at most next year, in China's time) and
// returns the change it asks for, or an apperr.Invalid error listing every field at fault.
func (p Patch) Check(now time.Time) (Change, error) {
	c := Change{set: map[string]bool{}}
	var errs fieldErrs
	raws := map[string]json.RawMessage{
		"status": p.Status, "firms_in_residence": p.FirmsInResidence, "industries": p.Industries,
		"development_mode": p.DevelopmentMode, "operator": p.Operator, "contact": p.Contact, "notes": p.Notes,
		"recognition_year": p.RecognitionYear,
	}
	for _, name := range fieldOrder {
		raw := raws[name]
		if raw == nil {
			continue
		}
		c.set[name] = true
		if isNull(raw) {
			continue
		}
		switch name {
		case "status":
			c.next.Status = oneOf(&errs, name, raw, Statuses, "建设状态", "status")
		case "development_mode":
			c.next.DevelopmentMode = oneOf(&errs, name, raw, DevModes, "开发模式", "development_mode")
		case "firms_in_residence":
			c.next.FirmsInResidence = wholeNumber(&errs, name, raw, 0, MaxFirms, "入驻企业数", "firms_in_residence")
		case "recognition_year":
			last := plan.CurrentYear(now) + 1
			c.next.RecognitionYear = wholeNumber(&errs, name, raw, FirstRecognitionYear, last, "认定年份", "recognition_year")
		case "operator":
			c.next.Operator = text(&errs, name, raw, MaxOperator, "运营主体", "operator")
		case "contact":
			c.next.Contact = text(&errs, name, raw, MaxContact, "联系方式", "contact")
		case "notes":
			c.next.Notes = text(&errs, name, raw, MaxNotes, "备注", "notes")
		case "industries":
			c.next.Industries = industries(&errs, raw)
		}
	}
	if len(errs) > 0 {
		return Change{}, apperr.Fields(errs)
	}
	if len(c.set) == 0 {
		return Change{}, apperr.Fields([]apperr.FieldError{{Field: "body",
			Message:   "nothing to change: give one or more of " + strings.Join(fieldOrder, ", "),
			MessageZh: "没有要修改的内容"}})
	}
	return c, nil
}

func oneOf(errs *fieldErrs, field string, raw json.RawMessage, allowed []string, zh, en string) *string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		errs.add(field, zh+"应为文字", en+" must be a string")
		return nil
	}
	s = strings.TrimSpace(s)
	if !slices.Contains(allowed, s) {
		errs.add(field, zh+"只能是："+strings.Join(allowed, "、"), en+" must be one of "+strings.Join(allowed, ", "))
		return nil
	}
	return &s
}

func wholeNumber(errs *fieldErrs, field string, raw json.RawMessage, lo, hi int, zh, en string) *int {
	var f float64
	if json.Unmarshal(raw, &f) != nil || f != float64(int64(f)) {
		errs.add(field, zh+"应为整数", en+" must be a whole number")
		return nil
	}
	if f < float64(lo) || f > float64(hi) {
		errs.add(field, fmt.Sprintf("%s应在 %d 至 %d 之间", zh, lo, hi), fmt.Sprintf("%s must be from %d to %d", en, lo, hi))
		return nil
	}
	n := int(f)
	return &n
}

// text trims a free-text fact; an empty one has no current value (nil), as null does.
func text(errs *fieldErrs, field string, raw json.RawMessage, max int, zh, en string) *string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		errs.add(field, zh+"应为文字", en+" must be a string")
		return nil
	}
	s = strings.TrimSpace(s)
	if msgZh, msgEn := badText(s, max); msgZh != "" {
		errs.add(field, zh+msgZh, en+msgEn)
		return nil
	}
	if s == "" {
		return nil
	}
	return &s
}

// badText says what is wrong with s as a fact of at most max characters ("" when nothing).
func badText(s string, max int) (zh, en string) {
	if !utf8.ValidString(s) {
		return "不是有效的 UTF-8 文字", " is not valid UTF-8"
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("不能超过 %d 个字", max), fmt.Sprintf(" is longer than %d characters", max)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f {
			return "含有控制字符", " contains a control character"
		}
	}
	return "", ""
}

func industries(errs *fieldErrs, raw json.RawMessage) []string {
	var list []string
	if json.Unmarshal(raw, &list) != nil {
		errs.add("industries", "主导产业应为文字列表", "industries must be a list of strings")
		return nil
	}
	out := make([]string, 0, len(list))
	for _, s := range list {
		s = strings.TrimSpace(s)
		switch zh, en := badText(s, MaxIndustry); {
		case s == "":
			errs.add("industries", "主导产业不能有空项", "industries must not have an empty item")
			return nil
		case zh != "" || strings.ContainsRune(s, '\n'):
			if zh == "" {
				zh, en = "含有换行", " contains a line break"
			}
			errs.add("industries", "主导产业“"+cut(s)+"”"+zh, "industry "+apperr.Quote(s)+en)
			return nil
		case slices.Contains(out, s):
			errs.add("industries", "主导产业“"+s+"”重复", "industry "+apperr.Quote(s)+" is listed twice")
			return nil
		}
		out = append(out, s)
	}
	if len(out) == 0 || len(out) > MaxIndustries {
		errs.add("industries", fmt.Sprintf("主导产业应有 1 至 %d 项（清空即恢复规划原值）", MaxIndustries),
			fmt.Sprintf("industries must have 1 to %d items (null goes back to the plan's)", MaxIndustries))
		return nil
	}
	return out
}

// cut shortens s for a message.
func cut(s string) string {
	if r := []rune(s); len(r) > MaxIndustry {
		return string(r[:MaxIndustry]) + "…"
	}
	return s
}
