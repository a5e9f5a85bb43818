// Package libreoffice runs headless LibreOffice Calc for the tests: the spreadsheet program the
// county's staff open parkmap's CSV and xlsx files with. It is a test helper that imports nothing of
// parkmap; a machine without LibreOffice fails the test that asks for it (make test installs it).
package libreoffice

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// CSVFromDialog is the CSV import filter as LibreOffice's Text Import dialog sets it for a file that
// starts with a UTF-8 byte-order mark: comma, double quote, UTF-8 (76), from row 1. The dialog
// (sc/source/ui/dbgui/scuiasciiopt.cxx) sniffs the first bytes and preselects UTF-8 on the 3-byte
// BOM; a headless --convert-to has no dialog and reads every CSV as Windows-1252 whatever its BOM,
// locale or UI language (LibreOffice 7.4), so the tests hand it what the dialog would choose.
const CSVFromDialog = "Text - txt - csv (StarCalc):44,34,76,1"

// CSVOut writes UTF-8 CSV, each cell as shown.
const CSVOut = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"

// Convert converts the file in with LibreOffice to convertTo (a --convert-to value such as
// "xlsx" or CSVOut), reading it with the import filter infilter ("" for LibreOffice's choice), in
// a profile of its own under t.TempDir(), and returns the converted file's bytes.
func Convert(t testing.TB, in, convertTo, infilter string) []byte {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice (libreoffice-calc) is not installed: scripts/install-deps.sh (make test) installs it")
	}
	dir := t.TempDir()
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile")}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, "--convert-to", convertTo, "--outdir", filepath.Join(dir, "out"), in)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	ext, _, _ := strings.Cut(convertTo, ":")
	name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + "." + ext
	b, err := os.ReadFile(filepath.Join(dir, "out", name))
	if err != nil {
		t.Fatalf("soffice wrote no %s: %v", name, err)
	}
	return b
}

// ReadCSVAsCalc writes the CSV body to a file, has LibreOffice read it as its import dialog would
// and write it back as UTF-8 CSV, and returns the cells LibreOffice read.
func ReadCSVAsCalc(t testing.TB, body []byte) [][]string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "download.csv")
	if err := os.WriteFile(in, body, 0o644); err != nil {
		t.Fatal(err)
	}
	out := Convert(t, in, CSVOut, CSVFromDialog)
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll() // a BOM kept in A1 would show as a difference
	if err != nil {
		t.Fatalf("LibreOffice's CSV: %v\n%s", err, out)
	}
	return rows
}
