// Package importer runs a layer import end to end for the command line and the page alike: it opens
// the upload (intake's safe unpacking, the encoding rule, the CRS read or told from the coordinates),
// has GDAL stage the dataset into PostGIS, and lets the store check, preview and publish it. It sits
// above internal/postgis and internal/gdal; web reaches it only through an interface of its own.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/gdal"
	"github.com/pingyang/parkmap/internal/postgis"
	"github.com/pingyang/parkmap/layerimport"
)

// Service imports files into the store. DatabaseURL is the URL ogr2ogr connects with to write the
// staging table: the same role as Store's pool (the owner on the command line, the writer in the
// service), whose password reaches ogr2ogr only through PGPASSWORD.
type Service struct {
	Store       *postgis.Store
	DatabaseURL string
}

// Targets are the importable layers.
func (s *Service) Targets() []layerimport.Target { return layerimport.Targets() }

// Import reads r.Path, stages it and previews it; with r.Publish and no blocking finding it becomes
// the layer's next version. The preview comes back even with an error when the file was read (the
// findings are the answer to a refused publish).
func (s *Service) Import(ctx context.Context, r layerimport.Request) (layerimport.Preview, error) {
	p := layerimport.Preview{Layer: r.Layer, File: r.FileName}
	if _, ok := layerimport.TargetOf(r.Layer); !ok {
		return p, invalid("layer", fmt.Sprintf("layer %q cannot be imported", r.Layer), fmt.Sprintf("图层“%s”不能导入", r.Layer))
	}
	if r.FileName == "" {
		r.FileName = filepath.Base(r.Path)
	}
	src, err := openSource(ctx, r, r.Progress)
	defer src.cleanup()
	p.Source = src.info
	if err != nil {
		return p, err
	}
	sum, err := hashPath(src.hashThis)
	if err != nil {
		return p, err
	}
	if r.ExpectSHA256 != "" && r.ExpectSHA256 != sum {
		return p, apperr.Fields([]apperr.FieldError{{Field: "expect_sha256",
			Message:   "the file is not the one previewed (its sha256 differs); preview it again",
			MessageZh: "文件与预览时的不是同一个（sha256 不同），请重新预览"}})
	}
	step(r.Progress, "%s: CRS read %q, used %s (%s)", r.FileName, src.crsRead, src.crsUsed, src.info.CRSReason)
	if src.info.EncodingReason != "" {
		step(r.Progress, "encoding %s (%s)", orDash(src.encoding), src.info.EncodingReason)
	}
	req := postgis.ImportRequest{Request: r, SHA256: sum, CRSRead: src.crsRead, CRSUsed: src.crsUsed,
		EncodingUsed: src.encoding, DefaultID: src.idField, DefaultName: src.nameField, Source: src.info}
	req.Stage = func(ctx context.Context, table string) error {
		step(r.Progress, "staging %s into %s", r.FileName, table)
		st := gdal.Stage{DatabaseURL: s.DatabaseURL, File: src.path, Layer: r.SourceLayer, Table: table,
			SourceCRS: src.crsUsed, Progress: r.Progress}
		if src.encoding != "" {
			st.Config = map[string]string{"SHAPE_ENCODING": src.encoding}
		}
		if err := st.Run(ctx); err != nil {
			return err
		}
		step(r.Progress, "checking")
		return nil
	}
	return s.Store.ImportLayer(ctx, req)
}

// Versions lists a layer's published versions, oldest first.
func (s *Service) Versions(ctx context.Context, layer string) ([]layerimport.Version, error) {
	return s.Store.LayerVersions(ctx, layer)
}

// Rollback makes version of layer the live one again; it returns the version current before.
func (s *Service) Rollback(ctx context.Context, a accounts.Actor, layer string, version int) (int, error) {
	return s.Store.RollbackLayer(ctx, a, layer, version)
}

// hashPath is the sha256 of a file, or of a directory's files (a File Geodatabase): each relative
// name and content, in name order.
func hashPath(path string) (string, error) {
	h := sha256.New()
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	var names []string
	if st.IsDir() {
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				names = append(names, p)
			}
			return err
		})
		if err != nil {
			return "", err
		}
		sort.Strings(names)
	} else {
		names = []string{path}
	}
	for _, n := range names {
		if st.IsDir() {
			rel, _ := filepath.Rel(path, n)
			fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		}
		fh, err := os.Open(n)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
