package spreadsheet

import (
	"errors"
	"strings"
	"testing"
)

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\t=1": "'\t=1", "\r=1": "'\r=1", "": "", "2023年统计年报": "2023年统计年报", "a=b": "a=b", "'=1": "'=1",
	} {
		if got := SafeText(in); got != want {
			t.Errorf("SafeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	var b strings.Builder
	err := WriteCSV(&b, []string{"编号", "备注"}, func(put func([]string) error) error {
		return put([]string{"A-1", "含,逗号"})
	})
	if err != nil || b.String() != "\ufeff编号,备注\r\nA-1,\"含,逗号\"\r\n" {
		t.Errorf("BOM and CRLF: %q %v", b.String(), err)
	}
	b.Reset()
	stop := errors.New("stop")
	if err := WriteCSV(&b, []string{"x"}, func(func([]string) error) error { return stop }); err != stop {
		t.Errorf("an error from rows: %v", err)
	}
}
