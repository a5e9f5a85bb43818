package intake

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

// buildDBF writes a dBase III file by hand: one character field of width w per name, the records'
// values padded with spaces. claim, when positive, is the record count the header states.
func buildDBF(names []string, w int, records [][]string, claim uint32) []byte {
	var b bytes.Buffer
	hlen := 32 + 32*len(names) + 1
	rlen := 1 + w*len(names)
	hdr := make([]byte, 32)
	hdr[0] = 3
	if claim == 0 {
		claim = uint32(len(records))
	}
	binary.LittleEndian.PutUint32(hdr[4:], claim)
	binary.LittleEndian.PutUint16(hdr[8:], uint16(hlen))
	binary.LittleEndian.PutUint16(hdr[10:], uint16(rlen))
	b.Write(hdr)
	for _, n := range names {
		d := make([]byte, 32)
		copy(d[:11], n)
		d[11] = 'C'
		d[16] = byte(w)
		b.Write(d)
	}
	b.WriteByte(0x0d)
	for _, r := range records {
		b.WriteByte(' ')
		for _, v := range r {
			b.WriteString(v + string(bytes.Repeat([]byte(" "), w-len(v))))
		}
	}
	b.WriteByte(0x1a)
	return b.Bytes()
}

func TestDBFSamples(t *testing.T) {
	dbf := buildDBF([]string{"MC", "\xd3\xc3\xcd\xbe"}, 20, [][]string{{"abc", "\xb8\xfb\xb5\xd8"}, {"\xd6\xd0", ""}}, 0)
	p := filepath.Join(t.TempDir(), "a.dbf")
	if err := os.WriteFile(p, dbf, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := DBFSamples(p, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]byte{[]byte("\xd3\xc3\xcd\xbe"), []byte("\xb8\xfb\xb5\xd8"), []byte("\xd6\xd0")}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("sample %d: %q, want %q", i, got[i], want[i])
		}
	}
	if got, _ := DBFSamples(p, 2); len(got) != 2 {
		t.Errorf("max 2 gave %d", len(got))
	}
}

// TestDBFSamplesBoundsByFile: a header that claims a million records or fields wider than the
// record reads only what the file holds, or refuses.
func TestDBFSamplesBoundsByFile(t *testing.T) {
	lying := buildDBF([]string{"MC"}, 10, [][]string{{"\xd6\xd0"}}, 1_000_000)
	got, err := dbfSamples(bytes.NewReader(lying), int64(len(lying)), 100)
	if err != nil || len(got) != 1 {
		t.Errorf("lying count: %q, %v", got, err)
	}
	wide := buildDBF([]string{"MC"}, 10, [][]string{{"x"}}, 0)
	wide[32+16] = 200 // the field is now wider than the record
	_, err = dbfSamples(bytes.NewReader(wide), int64(len(wide)), 100)
	wantErr(t, err, apperr.Invalid, "file")
	for _, short := range [][]byte{nil, make([]byte, 20), lying[:40]} {
		_, err = dbfSamples(bytes.NewReader(short), int64(len(short)), 100)
		wantErr(t, err, apperr.Invalid, "file")
	}
}

// FuzzDBFSamples: whatever the bytes, the reader returns or refuses, never panics, never returns
// more than max samples or a sample longer than a field can be.
func FuzzDBFSamples(f *testing.F) {
	f.Add(buildDBF([]string{"MC", "\xd3\xc3\xcd\xbe"}, 20, [][]string{{"abc", "\xb8\xfb\xb5\xd8"}, {"\xd6\xd0", ""}}, 0), 5)
	f.Add(buildDBF([]string{"MC"}, 10, [][]string{{"\xd6\xd0"}}, 1_000_000), 100)
	f.Fuzz(func(t *testing.T, data []byte, max int) {
		max = max % 1000
		got, err := dbfSamples(bytes.NewReader(data), int64(len(data)), max)
		if err != nil {
			if _, ok := apperr.As(err); !ok {
				t.Fatalf("not an apperr: %v", err)
			}
			return
		}
		if len(got) > max && max > 0 || max <= 0 && len(got) > 0 {
			t.Fatalf("%d samples for max %d", len(got), max)
		}
		for _, s := range got {
			if len(s) > 255 || len(s) > len(data) {
				t.Fatalf("sample of %d bytes from %d", len(s), len(data))
			}
		}
	})
}
