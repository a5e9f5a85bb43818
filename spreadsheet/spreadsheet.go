// Package spreadsheet holds what every CSV and xlsx file parkmap writes must do alike, so that the
// actual figures' export, the case register's, the eligibility batch and the template agree: the
// guard against formula injection, the CSV's BOM and line ends, the workbook's media type and look.
// At the ground of the house: it knows no other package of parkmap.
package spreadsheet

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"
)

// MediaXLSX is the media type of an Office Open XML workbook.
const MediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// UTF8BOM opens every CSV file, so that Excel and LibreOffice read the Chinese as UTF-8.
const UTF8BOM = "\ufeff"

// SafeText keeps a spreadsheet from reading text as a formula: a cell beginning with = + - @ (or a
// tab or carriage return, which some programs skip before one) is prefixed with an apostrophe
// (OWASP, CSV injection), so that a source or note typed as "=HYPERLINK(…)" stays text.
func SafeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes a CSV file for people: the BOM, header, then each record rows gives, always with CRLF
// line ends (RFC 4180, what Excel writes), so that no caller can pick the LF that LibreOffice's and
// Excel's default import take worse (issue 13). rows calls put once per record; an error from put or
// rows stops it.
func WriteCSV(w io.Writer, header []string, rows func(put func([]string) error) error) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(UTF8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := rows(cw.Write); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
