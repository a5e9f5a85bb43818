package actuals

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// SetBody is the body of PUT /api/parks/{id}/actuals/{year}: the source of the figures it sets, and
// figures by measure id: a number sets a figure, null clears it, a measure left out stays as it is.
// Figures are kept raw until Check, so that every figure's mistake is reported, not only the first.
type SetBody struct {
	Source  *string                    `json:"source"`
	Figures map[string]json.RawMessage `json:"figures"`
}

// Check validates b for parkID's year (already checked) and returns the change it asks for, or an
// apperr.Invalid error listing every field at fault ("figures.tax_wan", "source").
func (b SetBody) Check(parkID string, year int) (Change, error) {
	c := Change{ParkID: parkID, Year: year, Set: map[string]Entry{}}
	var errs []apperr.FieldError
	add := func(field, zh, en string) {
		errs = append(errs, apperr.FieldError{Field: field, Message: en, MessageZh: zh})
	}
	if len(b.Figures) == 0 {
		add("figures", "没有要录入的数据", "figures must name one or more of "+strings.Join(MeasureIDs(), ", "))
		return Change{}, apperr.Fields(errs)
	}
	keys := make([]string, 0, len(b.Figures))
	for k := range b.Figures {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return measureIndex(a) - measureIndex(b) })
	values := map[string]float64{}
	for _, k := range keys {
		raw := bytes.TrimSpace(b.Figures[k])
		field := "figures." + k
		m, ok := plan.ActualMeasureByID(k)
		if !ok {
			add(field, "未知指标“"+k+"”", "unknown measure "+apperr.Quote(k)+": the measures are "+strings.Join(MeasureIDs(), ", "))
			continue
		}
		if bytes.Equal(raw, []byte("null")) {
			c.Clear = append(c.Clear, k)
			continue
		}
		var v float64
		if len(raw) == 0 || raw[0] == '"' || json.Unmarshal(raw, &v) != nil {
			add(field, m.NameZh+"（"+m.Unit+"）应为数值", k+" must be a number or null")
			continue
		}
		if zh, en := CheckValue(m, v); zh != "" {
			add(field, zh, en)
			continue
		}
		values[k] = v
	}
	source := ""
	if b.Source != nil {
		source = *b.Source
	}
	source, zh, en := CheckSource(source)
	if len(values) > 0 && zh != "" || b.Source != nil && source != "" && zh != "" {
		add("source", zh, en)
	}
	if len(errs) > 0 {
		return Change{}, apperr.Fields(errs)
	}
	for k, v := range values {
		c.Set[k] = Entry{Value: v, Source: source}
	}
	return c, nil
}
