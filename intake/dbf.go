package intake

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// DBFSamples returns up to max raw byte strings from a .dbf: its field names, then the values of
// its character fields that hold a non-ASCII byte (ASCII says nothing about the charset). It is a
// small dBase III reader of parkmap's own because GDAL decodes the text before anyone sees it, and
// the whole point is to look at the bytes before deciding how to decode them.
func DBFSamples(path string, max int) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("intake: open dbf: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("intake: stat dbf: %w", err)
	}
	return dbfSamples(f, st.Size(), max)
}

// dbfField is one field descriptor: where its bytes sit in a record.
type dbfField struct {
	off, len int
	char     bool
}

// dbfSamples reads from r, a .dbf of size bytes. Every length in the header is checked against size
// before it is used, so a damaged or hostile header can make it read nothing, never allocate or loop
// beyond the file.
func dbfSamples(r io.ReaderAt, size int64, max int) ([][]byte, error) {
	if max <= 0 {
		return nil, nil
	}
	var hdr [32]byte
	if size < 32+1 {
		return nil, badDBF("shorter than its header", "比文件头还短")
	}
	if _, err := r.ReadAt(hdr[:], 0); err != nil {
		return nil, badDBF("header unreadable", "文件头无法读取")
	}
	count := int64(binary.LittleEndian.Uint32(hdr[4:8]))
	hlen := int64(binary.LittleEndian.Uint16(hdr[8:10]))
	rlen := int64(binary.LittleEndian.Uint16(hdr[10:12]))
	if hlen < 32+1 || hlen > size || rlen < 1 {
		return nil, badDBF("header or record length out of range", "文件头或记录长度超出范围")
	}
	desc := make([]byte, hlen-32)
	if _, err := r.ReadAt(desc, 32); err != nil {
		return nil, badDBF("field descriptors unreadable", "字段描述无法读取")
	}
	var out [][]byte
	var fields []dbfField
	off := 1 // the deletion flag
	for i := 0; i+32 <= len(desc) && desc[i] != 0x0d; i += 32 {
		d := desc[i : i+32]
		flen := int(d[16])
		if off+flen > int(rlen) {
			return nil, badDBF("fields longer than the record", "字段总长超过记录长度")
		}
		fields = append(fields, dbfField{off: off, len: flen, char: d[11] == 'C'})
		off += flen
		if name := trimDBF(d[:11]); len(name) > 0 && len(out) < max && !isASCII(name) {
			out = append(out, bytes.Clone(name))
		}
	}
	if n := (size - hlen) / rlen; count > n {
		count = n // a header that claims more records than the file holds is believed only so far
	}
	br := bufio.NewReader(io.NewSectionReader(r, hlen, count*rlen))
	rec := make([]byte, rlen)
	for i := int64(0); i < count && len(out) < max; i++ {
		if _, err := io.ReadFull(br, rec); err != nil {
			return nil, badDBF("record unreadable", "记录无法读取")
		}
		if rec[0] == '*' {
			continue // deleted
		}
		for _, fd := range fields {
			if !fd.char {
				continue
			}
			if v := trimDBF(rec[fd.off : fd.off+fd.len]); !isASCII(v) && len(out) < max {
				out = append(out, bytes.Clone(v))
			}
		}
	}
	return out, nil
}

// trimDBF drops the padding dBase writes: spaces after a value, NULs after a field name.
func trimDBF(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return bytes.TrimRight(b, " ")
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func badDBF(why, whyZh string) error {
	return fileErr("the .dbf file is damaged: "+why, "属性表（.dbf）文件已损坏："+whyZh)
}
