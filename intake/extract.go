package intake

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"

	"github.com/pingyang/parkmap/apperr"
)

// errCap is returned by capReader when a cap is crossed; extractOne turns it into the user's error.
var errCap = errors.New("cap")

// countReader counts the compressed bytes really consumed, so the ratio does not trust the header.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// capReader stops the decompressed stream the moment it passes max bytes or the ratio cap, so a bomb
// is cut off after at most one buffer beyond the cap, whatever its headers say.
type capReader struct {
	r        io.Reader
	raw      *countReader
	n, max   int64
	ratio    int64
	floor    int64
	exceeded string // "bytes" or "ratio"
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	switch {
	case c.n > c.max:
		c.exceeded = "bytes"
		return n, errCap
	case c.n > c.floor && c.n > c.ratio*max(c.raw.n, 1):
		c.exceeded = "ratio"
		return n, errCap
	}
	return n, err
}

// extractOne writes one entry, decompressing it from its raw bytes (only stored and deflate, the
// methods every zip tool writes) and checking its CRC, and returns the bytes written. left is what
// the total cap still allows.
func extractOne(zf *zip.File, name string, root *os.Root, lim Limits, left int64) (int64, error) {
	if zf.Flags&0x1 != 0 {
		return 0, fileErr(fmt.Sprintf("zip entry %s is password-protected; send it unencrypted", apperr.Quote(name)),
			fmt.Sprintf("压缩包内文件 %s 已加密，请上传未加密的压缩包", apperr.Quote(name)))
	}
	raw, err := zf.OpenRaw()
	if err != nil {
		return 0, damaged(name)
	}
	cr := &countReader{r: raw}
	var body io.Reader
	switch zf.Method {
	case zip.Store:
		body = cr
	case zip.Deflate:
		fr := flate.NewReader(cr)
		defer fr.Close()
		body = fr
	default:
		return 0, fileErr(fmt.Sprintf("zip entry %s uses an unsupported compression method (%d)", apperr.Quote(name), zf.Method),
			fmt.Sprintf("压缩包内文件 %s 使用了不支持的压缩方式（%d）", apperr.Quote(name), zf.Method))
	}
	capr := &capReader{r: body, raw: cr, max: min(lim.MaxEntryBytes, left), ratio: lim.MaxRatio, floor: lim.RatioFloor}
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o700); err != nil {
			return 0, fileErr(fmt.Sprintf("zip entry %s cannot be created", apperr.Quote(name)),
				fmt.Sprintf("无法创建压缩包内文件 %s", apperr.Quote(name)))
		}
	}
	out, err := root.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, fileErr(fmt.Sprintf("zip entry %s cannot be created", apperr.Quote(name)),
			fmt.Sprintf("无法创建压缩包内文件 %s", apperr.Quote(name)))
	}
	defer out.Close()
	h := crc32.NewIEEE()
	head := make([]byte, 4)
	hn, err := io.ReadFull(capr, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, capOrDamage(capr, name, lim, err)
	}
	if isZip(head[:hn]) && !zipFormat(name) {
		return 0, fileErr(fmt.Sprintf("zip entry %s is itself a zip; unpack it and send its contents", apperr.Quote(name)),
			fmt.Sprintf("压缩包内的 %s 本身也是压缩包，请解压后上传其中的文件", apperr.Quote(name)))
	}
	if _, err := io.MultiWriter(out, h).Write(head[:hn]); err != nil {
		return 0, fmt.Errorf("intake: write %s: %w", name, err)
	}
	if hn == len(head) {
		if _, err := io.Copy(io.MultiWriter(out, h), capr); err != nil {
			return 0, capOrDamage(capr, name, lim, err)
		}
	}
	if h.Sum32() != zf.CRC32 {
		return 0, damaged(name)
	}
	if err := out.Close(); err != nil {
		return 0, fmt.Errorf("intake: write %s: %w", name, err)
	}
	return capr.n, nil
}

// capOrDamage tells a crossed cap (413) from a corrupt stream (400) or a local write failure.
func capOrDamage(c *capReader, name string, lim Limits, err error) error {
	if !errors.Is(err, errCap) {
		var perr *os.PathError
		if errors.As(err, &perr) {
			return fmt.Errorf("intake: write %s: %w", name, err)
		}
		return damaged(name)
	}
	q := apperr.Quote(name)
	if c.exceeded == "ratio" {
		return tooLarge(fmt.Sprintf("zip entry %s decompresses more than %d times its compressed size (a zip bomb?)", q, lim.MaxRatio),
			fmt.Sprintf("压缩包内文件 %s 压缩比过高（超过 %d 倍），疑似压缩炸弹", q, lim.MaxRatio))
	}
	if c.max < lim.MaxEntryBytes {
		return tooLarge(fmt.Sprintf("the zip decompresses to more than %s in all", human(lim.MaxTotalBytes)),
			fmt.Sprintf("压缩包解压后总大小超过 %s", human(lim.MaxTotalBytes)))
	}
	return tooLarge(fmt.Sprintf("zip entry %s is too large (more than %s decompressed)", q, human(lim.MaxEntryBytes)),
		fmt.Sprintf("压缩包内文件过大（%s 解压后超过 %s）", q, human(lim.MaxEntryBytes)))
}

func damaged(name string) *apperr.Error {
	return fileErr(fmt.Sprintf("zip entry %s is damaged (bad data or checksum)", apperr.Quote(name)),
		fmt.Sprintf("压缩包内文件 %s 已损坏（数据或校验和错误）", apperr.Quote(name)))
}
