package intake

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/pingyang/parkmap/apperr"
)

// entry is one zip entry a test writes: its raw name (bytes as stored), mode and body.
type entry struct {
	name    string
	body    []byte
	mode    fs.FileMode // 0: a regular file
	nonUTF8 bool        // write without the UTF-8 flag
	store   bool
	flags   uint16 // general-purpose bits to set (0x1: encrypted)
}

// writeZip writes entries into a zip file under t.TempDir and returns its path.
func writeZip(t *testing.T, name string, entries ...entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate, NonUTF8: e.nonUTF8, Flags: e.flags}
		if e.store {
			fh.Method = zip.Store
		}
		if e.mode != 0 {
			fh.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantErr checks err is an apperr of code naming field, with a Chinese message, and returns it.
func wantErr(t *testing.T, err error, code, field string) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok {
		t.Fatalf("want an apperr %s, got %v", code, err)
	}
	if e.Code != code || e.Field != field || len(e.Fields) == 0 || e.Fields[0].MessageZh == "" {
		t.Fatalf("want %s on %q with a Chinese message, got %+v", code, field, e)
	}
	return e
}

// dirEntries lists every path under dir (to check a refused upload wrote nothing).
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			out = append(out, p)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}
