package parkfacts

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/pingyang/parkmap/apperr"
)

func mustPatch(t *testing.T, body string) Patch {
	t.Helper()
	var p Patch
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// 2026-12-31 20:00 UTC is already 2027 in the county: next year is then 2028.
var newYearsEve = time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC)

func TestPatchCheck(t *testing.T) {
	for _, tc := range []struct {
		body   string
		fields []string // the fields at fault, in order; nil: valid
	}{
		{`{"status":"已认定"}`, nil},
		{`{"status":" 在建 "}`, nil},
		{`{"status":null,"industries":null}`, nil},
		{`{"status":"建成"}`, []string{"status"}},
		{`{"status":3}`, []string{"status"}},
		{`{"firms_in_residence":0}`, nil},
		{`{"firms_in_residence":-1}`, []string{"firms_in_residence"}},
		{`{"firms_in_residence":2.5}`, []string{"firms_in_residence"}},
		{`{"firms_in_residence":"12"}`, []string{"firms_in_residence"}},
		{`{"firms_in_residence":100001}`, []string{"firms_in_residence"}},
		{`{"recognition_year":2018}`, nil},
		{`{"recognition_year":2017}`, []string{"recognition_year"}},
		{`{"recognition_year":2028}`, nil},
		{`{"recognition_year":2029}`, []string{"recognition_year"}},
		{`{"industries":["轻工","鞋服"]}`, nil},
		{`{"industries":[]}`, []string{"industries"}},
		{`{"industries":["轻工",""]}`, []string{"industries"}},
		{`{"industries":["轻工","轻工"]}`, []string{"industries"}},
		{`{"industries":"轻工"}`, []string{"industries"}},
		{`{"industries":["这是一个超过二十个字的非常非常非常长的产业名称啊"]}`, []string{"industries"}},
		{`{"development_mode":"工业地产"}`, nil},
		{`{"development_mode":"工业地产模式"}`, []string{"development_mode"}},
		{`{"operator":"平阳县国资公司","contact":"0577-6373xxxx","notes":"第一行\n第二行"}`, nil},
		{`{"operator":"a\u0007b"}`, []string{"operator"}},
		{`{}`, []string{"body"}},
		{`{"status":"好","firms_in_residence":-1,"recognition_year":1999}`, []string{"status", "firms_in_residence", "recognition_year"}},
	} {
		c, err := mustPatch(t, tc.body).Check(newYearsEve)
		if tc.fields == nil {
			if err != nil {
				t.Errorf("%s: %v", tc.body, err)
			}
			continue
		}
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.Invalid {
			t.Errorf("%s: %v (%+v), want invalid", tc.body, err, c)
			continue
		}
		var got []string
		for _, f := range ae.Fields {
			got = append(got, f.Field)
			if f.Message == "" || f.MessageZh == "" {
				t.Errorf("%s: %s has no message in one language: %+v", tc.body, f.Field, f)
			}
		}
		if !slices.Equal(got, tc.fields) || ae.Field != tc.fields[0] {
			t.Errorf("%s: fields %v (%s), want %v", tc.body, got, ae.Field, tc.fields)
		}
	}
}

// A change sets the fields it names and nothing else; null and empty text clear a fact.
func TestChangeApply(t *testing.T) {
	s := func(v string) *string { return &v }
	n := func(v int) *int { return &v }
	cur := Facts{Status: s("在建"), FirmsInResidence: n(3), Operator: s("甲公司"), Notes: s("旧备注")}
	c, err := mustPatch(t, `{"status":"已认定","operator":null,"notes":"  ","industries":[" 轻工 "]}`).Check(newYearsEve)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Apply(cur)
	want := Facts{Status: s("已认定"), FirmsInResidence: n(3), Industries: []string{"轻工"}}
	if !got.Equal(want) {
		t.Errorf("applied: %+v, want %+v", got, want)
	}
	if !slices.Equal(c.Fields(), []string{"status", "industries", "operator", "notes"}) {
		t.Errorf("fields %v", c.Fields())
	}
	if got.Equal(cur) || !cur.Equal(cur) {
		t.Error("Equal")
	}
}

func TestStatusesExtendThePlans(t *testing.T) {
	if !slices.Equal(Statuses, []string{"已竣工", "在建", "新建", "拟建", "已认定"}) {
		t.Errorf("statuses %v", Statuses)
	}
}
