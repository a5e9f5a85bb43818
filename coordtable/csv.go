package coordtable

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/pingyang/parkmap/apperr"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadCSV reads a CSV coordinate table: UTF-8 (with or without a BOM) or GBK, separated by commas,
// tabs or semicolons (whichever the header row uses most), the header the first non-empty row.
func ReadCSV(r io.Reader, opt Options) (*Table, error) { return readCSV(r, opt, MaxRows) }

func readCSV(r io.Reader, opt Options, maxRows int) (*Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read coordinate table: %w", err)
	}
	if len(b) > MaxCSVBytes {
		return nil, tooLarge(fmt.Sprintf("the table is larger than %d MiB", MaxCSVBytes>>20), fmt.Sprintf("坐标表超过 %d MiB", MaxCSVBytes>>20))
	}
	text, enc, why, err := decode(b, opt.Encoding)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = separator(text)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	bl := newBuilder(opt)
	bl.maxRows = maxRows
	var cells []cell
	header := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fieldErr(rowField(pe.StartLine), fmt.Sprintf("row %d: %v", pe.StartLine, pe.Err), fmt.Sprintf("第 %d 行：无法读取（引号或分隔符有误）", pe.StartLine))
			}
			return nil, fmt.Errorf("read coordinate table: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if bl.l == nil {
			var hc []headerCell
			for i, s := range rec {
				if strings.TrimSpace(s) != "" {
					hc = append(hc, headerCell{col: i, text: s})
				}
			}
			if len(hc) == 0 {
				continue
			}
			if bl.l, err = readHeader(line, hc, &bl.w); err != nil {
				return nil, err
			}
			header = line
			cells = make([]cell, len(bl.l.cols))
			continue
		}
		for i, c := range bl.l.cols {
			cells[i] = cell{}
			if c.col < len(rec) {
				cells[i].text = rec[c.col]
			}
		}
		if err := bl.row(line, cells); err != nil {
			return nil, err
		}
	}
	if bl.l == nil {
		return nil, fieldErr("file", "the table is empty", "坐标表为空")
	}
	t, err := bl.finish()
	if err != nil {
		return nil, err
	}
	t.Encoding, t.EncodingReason, t.HeaderRow = enc, why, header
	return t, nil
}

// separator is the one of comma, tab and semicolon that the first non-empty line holds most of,
// outside quotes; a comma when it holds none.
func separator(text string) rune {
	line := text
	for {
		l, rest, more := strings.Cut(line, "\n")
		if strings.TrimSpace(l) != "" || !more {
			line = l
			break
		}
		line = rest
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == '\t' || r == ';'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{'\t', ';'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// decode turns the bytes into text: a BOM or strict UTF-8 first, GB18030 (GBK's superset) only
// when UTF-8 fails and it decodes cleanly, since GBK bytes are almost never valid UTF-8 while UTF-8
// read as GBK gives plausible mojibake. A forced encoding must still decode cleanly.
func decode(b []byte, force string) (text, enc, why string, err error) {
	f := strings.ToUpper(strings.NewReplacer("-", "", "_", "", " ", "").Replace(force))
	switch f {
	case "":
		if bytes.HasPrefix(b, utf8BOM) {
			f = "UTF8"
		}
	case "UTF8", "65001":
		f = "UTF8"
	case "GBK", "GB18030", "CP936", "936", "GB2312":
		f = "GBK"
	default:
		return "", "", "", fieldErr("encoding", fmt.Sprintf("unknown encoding %s: use UTF-8 or GBK", apperr.Quote(force)),
			fmt.Sprintf("无法识别的编码 %s，可选 UTF-8 或 GBK", apperr.Quote(force)))
	}
	switch {
	case f == "UTF8" || (f == "" && utf8.Valid(b)):
		t := bytes.TrimPrefix(b, utf8BOM)
		if !utf8.Valid(t) {
			return "", "", "", fieldErr("encoding", "the table is not valid UTF-8", "坐标表不是有效的 UTF-8 编码，请改选 GBK")
		}
		why := "every byte sequence is valid UTF-8 / 全部字节均为合法 UTF-8"
		switch {
		case bytes.HasPrefix(b, utf8BOM):
			why = "the table starts with a UTF-8 byte-order mark / 文件以 UTF-8 BOM 开头"
		case force != "":
			why = "declared by the user / 用户指定"
		}
		return string(t), "UTF-8", why, nil
	}
	s, err := gb18030(b)
	if err != nil {
		if f == "GBK" {
			return "", "", "", fieldErr("encoding", "the table is not valid GBK/GB18030", "坐标表不是有效的 GBK/GB18030 编码，请改选 UTF-8")
		}
		return "", "", "", fieldErr("encoding", "the table is neither valid UTF-8 nor GBK/GB18030: give its encoding", "坐标表既不是有效的 UTF-8，也不是 GBK/GB18030 编码，请指定文件编码")
	}
	why = "not valid UTF-8; decodes cleanly as GB18030, the superset of GBK / 不是合法 UTF-8，按 GBK（GB18030）解码无误"
	if force != "" {
		why = "declared by the user / 用户指定"
	}
	return s, "GBK", why, nil
}

// gb18030 decodes strictly: x/text replaces undecodable bytes with U+FFFD, so a replacement character
// the input did not itself encode (GB18030 84 31 A4 37) means the bytes were not GB18030; control
// characters other than tab and line ends mean they were not text.
func gb18030(b []byte) (string, error) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	s := string(out)
	if strings.Count(s, "\uFFFD") != bytes.Count(b, []byte{0x84, 0x31, 0xA4, 0x37}) {
		return "", errors.New("invalid GB18030")
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r < 0xa0) {
			return "", errors.New("control characters: not text")
		}
	}
	return s, nil
}
