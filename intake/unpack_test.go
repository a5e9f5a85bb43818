package intake

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestUnpackRefusesNames: every name that could escape dir or be read differently is refused
// before anything is written.
func TestUnpackRefusesNames(t *testing.T) {
	for _, tc := range []struct{ test, name, want string }{
		{"dotdot", "../evil.txt", ".."},
		{"dotdot inside", "a/../../evil.txt", ".."},
		{"absolute", "/etc/cron.d/evil", "absolute"},
		{"drive letter", "C:/Windows/evil.txt", "drive"},
		{"backslash", `a\..\..\evil.txt`, "backslash"},
		{"NUL", "a.shp\x00.txt", "NUL"},
		{"control", "a\nb.txt", "control"},
		{"empty component", "a//b.txt", "empty"},
	} {
		t.Run(tc.test, func(t *testing.T) {
			src := writeZip(t, "up.zip", entry{name: "ok.txt", body: []byte("fine")}, entry{name: tc.name, body: []byte("x")})
			dir := filepath.Join(t.TempDir(), "out")
			_, err := Unpack(src, dir, DefaultLimits())
			e := wantErr(t, err, apperr.Invalid, "file")
			if !strings.Contains(e.Message, tc.want) {
				t.Errorf("message %q does not say %q", e.Message, tc.want)
			}
			if got := dirEntries(t, dir); len(got) != 0 {
				t.Errorf("a refused zip wrote %v", got)
			}
		})
	}
}

func TestUnpackRefusesSymlinkEntry(t *testing.T) {
	src := writeZip(t, "up.zip", entry{name: "link", body: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777},
		entry{name: "link/passwd", body: []byte("x")})
	dir := filepath.Join(t.TempDir(), "out")
	e := wantErr(t, mustFail(Unpack(src, dir, DefaultLimits())), apperr.Invalid, "file")
	if !strings.Contains(e.Message, "symbolic link") {
		t.Errorf("message %q", e.Message)
	}
	if got := dirEntries(t, dir); len(got) != 0 {
		t.Errorf("wrote %v", got)
	}
}

// TestUnpackRefusesZipInZip: found by content, so renaming the inner zip does not pass it.
func TestUnpackRefusesZipInZip(t *testing.T) {
	inner, err := os.ReadFile(writeZip(t, "inner.zip", entry{name: "a.shp", body: []byte("x")}))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"inner.zip", "inner.dat"} {
		src := writeZip(t, "up.zip", entry{name: name, body: inner})
		e := wantErr(t, mustFail(Unpack(src, t.TempDir(), DefaultLimits())), apperr.Invalid, "file")
		if !strings.Contains(e.Message, "itself a zip") || !strings.Contains(e.Fields[0].MessageZh, "压缩包") {
			t.Errorf("%s: %+v", name, e.Fields[0])
		}
	}
}

func TestUnpackRefusesTooManyEntries(t *testing.T) {
	var es []entry
	for i := range 6 {
		es = append(es, entry{name: strings.Repeat("a", i+1) + ".txt", body: []byte("x")})
	}
	lim := DefaultLimits()
	lim.MaxEntries = 5
	dir := filepath.Join(t.TempDir(), "out")
	e := wantErr(t, mustFail(Unpack(writeZip(t, "up.zip", es...), dir, lim)), apperr.TooLarge, "file")
	if !strings.Contains(e.Fields[0].MessageZh, "文件过多") {
		t.Errorf("%+v", e.Fields[0])
	}
	if got := dirEntries(t, dir); len(got) != 0 {
		t.Errorf("wrote %v", got)
	}
}

func TestUnpackRefusesDuplicateNames(t *testing.T) {
	for _, pair := range [][2]string{{"a.shp", "A.SHP"}, {"x/a.dbf", "X/A.dbf"}, {"a", "a/b.txt"}} {
		src := writeZip(t, "up.zip", entry{name: pair[0], body: []byte("1")}, entry{name: pair[1], body: []byte("2")})
		if pair[0] == "a" {
			src = writeZip(t, "up.zip", entry{name: pair[1], body: []byte("1")}, entry{name: pair[0], body: []byte("2")})
		}
		wantErr(t, mustFail(Unpack(src, t.TempDir(), DefaultLimits())), apperr.Invalid, "file")
	}
}

// TestUnpackGBKNames: a zip made on Chinese Windows stores GBK names without the UTF-8 flag;
// the files keep their Chinese names on disk.
func TestUnpackGBKNames(t *testing.T) {
	enc := simplifiedchinese.GBK.NewEncoder()
	var es []entry
	for _, ext := range []string{".shp", ".shx", ".dbf", ".prj"} {
		raw, err := enc.String("三区三线/永久基本农田" + ext)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, entry{name: raw, body: []byte("x"), nonUTF8: true})
	}
	es = append(es, entry{name: "说明.txt", body: []byte("UTF-8 name with the flag")})
	up, err := Unpack(writeZip(t, "up.zip", es...), t.TempDir(), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if up.Files[0] != "三区三线/永久基本农田.shp" || up.Files[4] != "说明.txt" {
		t.Fatalf("files %q", up.Files)
	}
	if _, err := os.Stat(filepath.Join(up.Dir, "三区三线", "永久基本农田.dbf")); err != nil {
		t.Fatal(err)
	}
	ds, err := up.Datasets()
	if err != nil || len(ds) != 1 || ds[0].Kind != Shapefile || filepath.Base(ds[0].Path) != "永久基本农田.shp" {
		t.Fatalf("datasets %+v, %v", ds, err)
	}
}

// TestUnpackRefusesUndecodableName: bytes that are neither UTF-8 nor GB18030 are not guessed at.
func TestUnpackRefusesUndecodableName(t *testing.T) {
	src := writeZip(t, "up.zip", entry{name: "a\xff\xfe.shp", body: []byte("x"), nonUTF8: true})
	wantErr(t, mustFail(Unpack(src, t.TempDir(), DefaultLimits())), apperr.Invalid, "file")
}

// TestUnpackPlainFile: a file that is not a zip (whatever its name) is copied under its own name;
// an xlsx, a zip by design, is kept whole for its reader.
func TestUnpackPlainFile(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "园区边界.geojson")
	if err := os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	up, err := Unpack(src, filepath.Join(dir, "out"), DefaultLimits())
	if err != nil || up.Archive || len(up.Files) != 1 || up.Files[0] != "园区边界.geojson" {
		t.Fatalf("%+v %v", up, err)
	}
	xlsx := writeZip(t, "坐标.xlsx", entry{name: "[Content_Types].xml", body: []byte("<x/>")})
	up, err = Unpack(xlsx, filepath.Join(dir, "out2"), DefaultLimits())
	if err != nil || up.Archive || up.Files[0] != "坐标.xlsx" {
		t.Fatalf("%+v %v", up, err)
	}
	// A zip named .geojson is still a zip: content decides.
	disguised := writeZip(t, "x.geojson", entry{name: "a.geojson", body: []byte("{}")})
	up, err = Unpack(disguised, filepath.Join(dir, "out3"), DefaultLimits())
	if err != nil || !up.Archive || up.Files[0] != "a.geojson" {
		t.Fatalf("%+v %v", up, err)
	}
}

func TestUnpackFileOverCap(t *testing.T) {
	src := filepath.Join(t.TempDir(), "big.geojson")
	if err := os.WriteFile(src, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits()
	lim.MaxFileBytes = 1024
	e := wantErr(t, mustFail(Unpack(src, t.TempDir(), lim)), apperr.TooLarge, "file")
	if !strings.Contains(e.Fields[0].MessageZh, "文件过大") {
		t.Errorf("%+v", e.Fields[0])
	}
}

func TestUnpackDamagedZip(t *testing.T) {
	b, err := os.ReadFile(writeZip(t, "up.zip", entry{name: "a.txt", body: []byte(strings.Repeat("parkmap ", 100)), store: true}))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "parkmap")
	b[i] ^= 0xff // the CRC no longer matches
	src := filepath.Join(t.TempDir(), "up.zip")
	if err := os.WriteFile(src, b, 0o600); err != nil {
		t.Fatal(err)
	}
	e := wantErr(t, mustFail(Unpack(src, t.TempDir(), DefaultLimits())), apperr.Invalid, "file")
	if !strings.Contains(e.Message, "damaged") {
		t.Errorf("%q", e.Message)
	}
}

func TestUnpackRefusesEncryptedEntry(t *testing.T) {
	src := writeZip(t, "up.zip", entry{name: "a.dbf", body: []byte("ciphertext"), flags: 0x1})
	e := wantErr(t, mustFail(Unpack(src, t.TempDir(), DefaultLimits())), apperr.Invalid, "file")
	if !strings.Contains(e.Fields[0].MessageZh, "已加密") {
		t.Errorf("%+v", e.Fields[0])
	}
}

// mustFail drops the upload from Unpack's result so a test can check only the error.
func mustFail(_ *Upload, err error) error { return err }
