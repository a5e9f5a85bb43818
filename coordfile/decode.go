package coordfile

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/pingyang/parkmap/apperr"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readAll reads at most MaxBytes, refusing a larger input as TooLarge rather than cutting it.
func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read coordinate file: %w", err)
	}
	if len(b) > MaxBytes {
		return nil, &apperr.Error{Code: apperr.TooLarge, Field: "file", Message: fmt.Sprintf("the coordinate file is larger than %d MiB", MaxBytes>>20),
			Fields: []apperr.FieldError{{Field: "file", Message: fmt.Sprintf("the coordinate file is larger than %d MiB", MaxBytes>>20),
				MessageZh: fmt.Sprintf("坐标文件超过 %d MiB", MaxBytes>>20)}}}
	}
	return b, nil
}

// decode turns the bytes into text: a BOM or strict UTF-8 first, GB18030 only when UTF-8 fails,
// since GBK bytes are almost never valid UTF-8 while UTF-8 Chinese read as GBK gives plausible
// mojibake. A forced encoding is honoured but must still decode cleanly: mojibake is never stored.
func decode(b []byte, force Encoding) (string, Encoding, string, error) {
	if force == "" && bytes.HasPrefix(b, utf8BOM) {
		force = UTF8
	}
	switch force {
	case UTF8:
		t := bytes.TrimPrefix(b, utf8BOM)
		if !utf8.Valid(t) {
			return "", "", "", encodingError("the file is not valid UTF-8", "文件不是有效的 UTF-8 编码，请改选 GBK")
		}
		why := "UTF-8, as requested"
		if bytes.HasPrefix(b, utf8BOM) {
			why = "UTF-8 (the file starts with a UTF-8 byte-order mark)"
		}
		return string(t), UTF8, why, nil
	case "":
		if utf8.Valid(b) {
			return string(b), UTF8, "UTF-8 (every byte sequence is valid UTF-8)", nil
		}
		s, err := gb18030(b)
		if err != nil {
			return "", "", "", encodingError("the file is neither valid UTF-8 nor GBK/GB18030: give its encoding", "文件既不是有效的 UTF-8，也不是 GBK/GB18030 编码，请指定文件编码")
		}
		return s, GBK, "GBK (not valid UTF-8; decodes cleanly as GB18030, the superset of GBK)", nil
	case GBK:
		s, err := gb18030(b)
		if err != nil {
			return "", "", "", encodingError("the file is not valid GBK/GB18030", "文件不是有效的 GBK/GB18030 编码，请改选 UTF-8")
		}
		return s, GBK, "GBK, as requested", nil
	}
	return "", "", "", encodingError(fmt.Sprintf("unknown encoding %s: use UTF-8 or GBK", apperr.Quote(string(force))),
		fmt.Sprintf("无法识别的编码 %s，可选 UTF-8 或 GBK", apperr.Quote(string(force))))
}

// gb18030 decodes strictly: x/text replaces undecodable bytes with U+FFFD, so a replacement character
// that the input did not itself encode (GB18030 84 31 A4 37) means the bytes were not GB18030.
func gb18030(b []byte) (string, error) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", err
	}
	s := string(out)
	if strings.Count(s, "\uFFFD") != bytes.Count(b, []byte{0x84, 0x31, 0xA4, 0x37}) {
		return "", fmt.Errorf("invalid GB18030")
	}
	return s, nil
}

func encodingError(en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: "encoding", Message: en, MessageZh: zh}})
}
