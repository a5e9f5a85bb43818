package actuals

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

func body(t *testing.T, js string) SetBody {
	t.Helper()
	var b SetBody
	if err := json.Unmarshal([]byte(js), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSetBodyCheck(t *testing.T) {
	c, err := body(t, `{"source":" 2023年度统计年报 ","figures":{"tax_wan":120.5,"firms":40,"output_yi":null}}`).Check("p", 2023)
	if err != nil || c.Set["tax_wan"] != (Entry{120.5, "2023年度统计年报"}) || c.Set["firms"].Value != 40 || !slices.Equal(c.Clear, []string{"output_yi"}) {
		t.Fatalf("%+v %v", c, err)
	}
	// Clearing alone needs no source.
	if c, err := body(t, `{"figures":{"tax_wan":null}}`).Check("p", 2023); err != nil || len(c.Set) != 0 || len(c.Clear) != 1 {
		t.Errorf("clear only: %+v %v", c, err)
	}
	for name, tc := range map[string]struct {
		js     string
		fields []string
	}{
		"negative":         {`{"source":"s","figures":{"tax_wan":-1}}`, []string{"figures.tax_wan"}},
		"text":             {`{"source":"s","figures":{"tax_wan":"12"}}`, []string{"figures.tax_wan"}},
		"object":           {`{"source":"s","figures":{"tax_wan":{}}}`, []string{"figures.tax_wan"}},
		"fractional count": {`{"source":"s","figures":{"firms":2.5}}`, []string{"figures.firms"}},
		"too large":        {`{"source":"s","figures":{"output_yi":1e9}}`, []string{"figures.output_yi"}},
		"unknown measure":  {`{"source":"s","figures":{"gdp":1}}`, []string{"figures.gdp"}},
		"no source":        {`{"figures":{"tax_wan":1}}`, []string{"source"}},
		"blank source":     {`{"source":"  ","figures":{"tax_wan":1}}`, []string{"source"}},
		"long source":      {`{"source":"` + strings.Repeat("长", 301) + `","figures":{"tax_wan":1}}`, []string{"source"}},
		"no figures":       {`{"source":"s","figures":{}}`, []string{"figures"}},
		"every mistake":    {`{"figures":{"firms":-1,"tax_wan":"x","land_supplied_mu":1}}`, []string{"figures.tax_wan", "figures.firms", "source"}},
	} {
		_, err := body(t, tc.js).Check("p", 2023)
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.Invalid {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var got []string
		for _, f := range ae.Fields {
			got = append(got, f.Field)
			if f.MessageZh == "" || f.Message == "" {
				t.Errorf("%s: %+v lacks a message", name, f)
			}
		}
		if !slices.Equal(got, tc.fields) {
			t.Errorf("%s: fields %v, want %v", name, got, tc.fields)
		}
	}
}
