package intake

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

// writeBomb streams 1 GiB of zeros, deflated, into a zip (about 1 MiB on disk) without holding it
// in memory, then makes its central directory claim the entry is 1,000 bytes: Unpack must stop on
// what it reads, not on what the header says.
func writeBomb(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bomb.zip")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("zeros.dbf")
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for range 1024 {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	cd := bytes.LastIndex(b, []byte("PK\x01\x02"))
	if cd < 0 || binary.LittleEndian.Uint32(b[cd+24:]) != 1<<30 {
		t.Fatal("the bomb's central directory is not where the test expects it")
	}
	binary.LittleEndian.PutUint32(b[cd+24:], 1000)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestUnpackZipBomb: the ratio cap stops the bomb a few megabytes in with the defaults; with the
// ratio cap off, the total and the per-entry caps stop it at their size. Either way the file left
// on disk is no bigger than the cap and one read buffer.
func TestUnpackZipBomb(t *testing.T) {
	bomb := writeBomb(t)
	if st, err := os.Stat(bomb); err != nil || st.Size() > 4<<20 {
		t.Fatalf("bomb is %v bytes (%v): not a bomb", st.Size(), err)
	}
	const slack = 1 << 20 // one decompression buffer, at most
	for _, tc := range []struct {
		test   string
		set    func(*Limits)
		maxOut int64
		want   string
	}{
		{"ratio", func(*Limits) {}, DefaultLimits().RatioFloor * 4, "压缩比过高"},
		{"total", func(l *Limits) { l.MaxRatio, l.MaxTotalBytes = 1<<40, 64<<20 }, 64 << 20, "解压后总大小超过"},
		{"entry", func(l *Limits) { l.MaxRatio, l.MaxEntryBytes = 1<<40, 32<<20 }, 32 << 20, "压缩包内文件过大"},
	} {
		t.Run(tc.test, func(t *testing.T) {
			lim := DefaultLimits()
			tc.set(&lim)
			dir := filepath.Join(t.TempDir(), "out")
			e := wantErr(t, mustFail(Unpack(bomb, dir, lim)), apperr.TooLarge, "file")
			if !strings.Contains(e.Fields[0].MessageZh, tc.want) {
				t.Errorf("message %q, want %q", e.Fields[0].MessageZh, tc.want)
			}
			st, err := os.Stat(filepath.Join(dir, "zeros.dbf"))
			if err != nil {
				t.Fatal(err)
			}
			if st.Size() > tc.maxOut+slack {
				t.Errorf("wrote %s before stopping; the cap is %s", human(st.Size()), human(tc.maxOut))
			}
			t.Logf("stopped after writing %s: %s", human(st.Size()), e.Fields[0].MessageZh)
		})
	}
}
