package intake

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pingyang/parkmap/apperr"
)

// Upload is an uploaded file unpacked into Dir: what GDAL may then open, and nothing else.
type Upload struct {
	// Dir is the directory the files were written into (the caller's, created if missing).
	Dir string
	// Name is the uploaded file's own name.
	Name string
	// Archive says whether the upload was a zip that was unpacked.
	Archive bool
	// Files are the regular files written, slash-separated and relative to Dir, in archive order.
	Files []string
}

// Unpack puts the upload at src into dir: a zip (known by its magic bytes) is extracted entry by
// entry under lim, anything else is copied under lim.MaxFileBytes and keeps its name. On error dir
// may hold a partial extraction; the caller owns dir and removes it.
func Unpack(src, dir string, lim Limits) (*Upload, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("intake: open upload: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("intake: stat upload: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fileErr("the upload is not a regular file", "上传的不是普通文件")
	}
	if st.Size() > lim.MaxFileBytes {
		return nil, tooLarge(fmt.Sprintf("the file is larger than %s", human(lim.MaxFileBytes)),
			fmt.Sprintf("文件过大（超过 %s）", human(lim.MaxFileBytes)))
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("intake: work directory: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("intake: work directory: %w", err)
	}
	defer root.Close()
	up := &Upload{Dir: dir, Name: filepath.Base(src)}
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	if !isZip(head[:n]) || zipFormat(up.Name) {
		if err := copyPlain(f, root, up.Name, lim.MaxFileBytes); err != nil {
			return nil, err
		}
		up.Files = []string{up.Name}
		return up, nil
	}
	up.Archive = true
	zr, err := zip.NewReader(f, st.Size())
	// ErrInsecurePath still returns a usable reader; checkName then refuses the name with a reason.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fileErr("the zip archive cannot be read (damaged or truncated)", "压缩包已损坏或不完整，无法读取")
	}
	files, err := extractAll(zr, root, lim)
	if err != nil {
		return nil, err
	}
	up.Files = files
	return up, nil
}

// copyPlain copies a non-archive upload, refusing names that are not a plain base name.
func copyPlain(f *os.File, root *os.Root, name string, max int64) error {
	if err := checkName(name); err != nil || strings.Contains(name, "/") {
		return fileErr("the file name is not usable", "文件名不可用")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("intake: rewind upload: %w", err)
	}
	out, err := root.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("intake: create %s: %w", name, err)
	}
	_, err = io.Copy(out, io.LimitReader(f, max))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("intake: copy upload: %w", err)
	}
	return nil
}

// extractAll checks every entry's name, mode and uniqueness before writing any, so an archive
// refused for its names writes nothing, then extracts the entries in order under the byte caps (a
// cap, a damaged entry or a zip inside can only be found while reading, and leave a partial dir).
func extractAll(zr *zip.Reader, root *os.Root, lim Limits) ([]string, error) {
	if len(zr.File) > lim.MaxEntries {
		return nil, tooLarge(fmt.Sprintf("the zip holds %d entries, more than the %d allowed", len(zr.File), lim.MaxEntries),
			fmt.Sprintf("压缩包内文件过多（%d 个，上限 %d 个）", len(zr.File), lim.MaxEntries))
	}
	names := make([]string, len(zr.File))
	seen := map[string]bool{} // lower-cased paths, files and their parent directories
	for i, zf := range zr.File {
		name, aerr := entryName(&zf.FileHeader)
		if aerr == nil {
			aerr = checkName(name)
		}
		if aerr == nil {
			aerr = checkMode(name, zf.Mode())
		}
		if aerr != nil {
			return nil, aerr
		}
		isDir := strings.HasSuffix(name, "/")
		key := strings.ToLower(strings.TrimSuffix(name, "/"))
		if seen[key] && !isDir {
			return nil, fileErr(fmt.Sprintf("the zip holds %s twice (names are compared ignoring case)", apperr.Quote(name)),
				fmt.Sprintf("压缩包内文件 %s 重复（不区分大小写）", apperr.Quote(name)))
		}
		for d := path.Dir(key); d != "."; d = path.Dir(d) {
			seen[d] = true
		}
		seen[key] = true
		names[i] = name
	}
	var total int64
	var files []string
	for i, zf := range zr.File {
		name := names[i]
		if strings.HasSuffix(name, "/") {
			if err := root.MkdirAll(strings.TrimSuffix(name, "/"), 0o700); err != nil {
				return nil, fileErr(fmt.Sprintf("zip entry %s cannot be created", apperr.Quote(name)),
					fmt.Sprintf("无法创建压缩包内目录 %s", apperr.Quote(name)))
			}
			continue
		}
		n, err := extractOne(zf, name, root, lim, lim.MaxTotalBytes-total)
		if err != nil {
			return nil, err
		}
		total += n
		files = append(files, name)
	}
	return files, nil
}
