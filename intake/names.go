package intake

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// utf8Flag is general-purpose bit 11: the writer says the name is UTF-8.
const utf8Flag = 0x800

// entryName decodes a zip entry's name. Zips made on Chinese Windows (the built-in "send to
// compressed folder", older WinRAR) write GBK names without the UTF-8 flag, so: flag set → UTF-8
// (and it must be valid); else a name that is strict UTF-8 is taken as such; else GB18030, a
// superset of GBK, and only if it decodes without a replacement character. Anything else is refused
// rather than extracted under a garbled name the user would not recognise.
func entryName(f *zip.FileHeader) (string, *apperr.Error) {
	raw := f.Name
	if f.Flags&utf8Flag != 0 || utf8.ValidString(raw) {
		if !utf8.ValidString(raw) {
			return "", fileErr("a zip entry name is marked UTF-8 but is not valid UTF-8",
				"压缩包内有文件名标记为 UTF-8，但不是合法的 UTF-8 编码")
		}
		return raw, nil
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().String(raw)
	if err != nil || strings.ContainsRune(dec, utf8.RuneError) {
		return "", fileErr("a zip entry name is neither UTF-8 nor GBK/GB18030; re-create the zip with UTF-8 names",
			"压缩包内有文件名既不是 UTF-8 也不是 GBK/GB18030 编码，请用 UTF-8 文件名重新压缩")
	}
	return dec, nil
}

// checkName refuses a decoded entry name that could escape the work directory or be read
// differently by another tool: GDAL, the shell and Windows users all see these names.
func checkName(name string) *apperr.Error {
	bad := func(why, whyZh string) *apperr.Error {
		return fileErr(fmt.Sprintf("zip entry %s refused: %s", apperr.Quote(name), why),
			fmt.Sprintf("压缩包内文件 %s 被拒绝：%s", apperr.Quote(name), whyZh))
	}
	switch {
	case name == "" || name == "/":
		return bad("empty name", "文件名为空")
	case strings.ContainsRune(name, 0):
		return bad("the name contains a NUL byte", "文件名含有空字符")
	case strings.ContainsRune(name, '\\'):
		return bad("the name contains a backslash", "文件名含有反斜杠")
	case strings.HasPrefix(name, "/"):
		return bad("absolute path", "使用了绝对路径")
	case len(name) >= 2 && name[1] == ':' && isLetter(name[0]):
		return bad("the name starts with a drive letter", "文件名以盘符开头")
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return bad("the name contains a control character", "文件名含有控制字符")
		}
	}
	for _, part := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		switch part {
		case "..":
			return bad("the path climbs out of the archive (..)", "路径含有 ..，会跳出解压目录")
		case "", ".":
			return bad("the path has an empty or . component", "路径含有空的或 . 的部分")
		}
	}
	return nil
}

// checkMode refuses anything that is not a plain file or directory: a symlink entry would let a
// later entry write through it, and devices or pipes have no place in survey data.
func checkMode(name string, m fs.FileMode) *apperr.Error {
	if m&fs.ModeSymlink != 0 {
		return fileErr(fmt.Sprintf("zip entry %s is a symbolic link, which is refused", apperr.Quote(name)),
			fmt.Sprintf("压缩包内文件 %s 是符号链接，不予接受", apperr.Quote(name)))
	}
	if m&(fs.ModeType&^fs.ModeDir) != 0 {
		return fileErr(fmt.Sprintf("zip entry %s is not a regular file", apperr.Quote(name)),
			fmt.Sprintf("压缩包内文件 %s 不是普通文件", apperr.Quote(name)))
	}
	return nil
}

func isLetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

// isZip says whether head (the first bytes of a file) is a zip, by content, never by name: a local
// file header, or the end record an empty archive starts with.
func isZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
}

// zipFormats are formats that are zips by design and that their own readers open (excelize, GDAL's
// LIBKML): they are kept as files, not unpacked, and are the one kind of zip allowed inside a zip.
func zipFormat(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".xlsx") || strings.HasSuffix(l, ".kmz")
}
