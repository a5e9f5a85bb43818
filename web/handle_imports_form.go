package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/layerimport"
)

const (
	// maxImportField bounds one text field of an import's form (a mapping of a dozen fields, a note).
	maxImportField = 16 << 10
	// importFormOverhead is what the form may add to the file: its fields and the multipart framing.
	importFormOverhead = 1 << 20
	// maxImportNote bounds the version's note, in characters.
	maxImportNote = 500
)

// importFields are the text fields an import's form may carry besides its file.
var importFields = []string{"crs", "encoding", "dataset", "source_layer", "kind", "repair", "note", "area_unit", "mapping", "expect_sha256"}

// areaUnits are the units an area field may be declared in (layerimport.Request.AreaUnit).
var areaUnits = []string{"公顷", "亩", "㎡"}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// importForm is an import's multipart body read: the request it makes (without layer, publish and
// actor, which the handler sets) and the temporary directory holding the file, which cleanup removes.
type importForm struct {
	request layerimport.Request
	cleanup func()
}

// formErr is a 400 naming field, in English and Chinese.
func formErr(field, en, zh string) error {
	return apperr.Fields([]apperr.FieldError{{Field: field, Message: en, MessageZh: zh}})
}

// tooLargeErr is the 413 of an upload over limit.
func tooLargeErr(limit int64) error {
	e := apperr.Fields([]apperr.FieldError{{Field: "file",
		Message:   fmt.Sprintf("the file is larger than %s; send at most %s (or split it)", humanBytes(limit), humanBytes(limit)),
		MessageZh: fmt.Sprintf("文件过大（上限 %s），请压缩或拆分后再上传", humanBytes(limit))}})
	e.Code = apperr.TooLarge
	return e
}

// humanBytes is a size for a message: 1 GB, 64 KB, 300 B.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// readImportForm streams the multipart body: the file part is written to a fresh temporary directory
// under its own (sanitised) base name, counted against limit as it arrives, and the text fields are
// checked. Anything wrong is a 4xx naming the field; a body over limit is a 413 naming file.
func readImportForm(w http.ResponseWriter, r *http.Request, target layerimport.Target, publish bool, limit int64) (importForm, error) {
	form := importForm{cleanup: func() {}}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return form, formErr("Content-Type", "the body must be multipart/form-data with a file part",
			"请以 multipart/form-data 上传文件（字段名 file）")
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit+importFormOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return form, formErr("Content-Type", "the body must be multipart/form-data with a boundary", "上传的表单格式不正确")
	}
	fields := map[string]string{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return form, bodyErr(err, limit)
		}
		name := part.FormName()
		switch {
		case name == "file":
			if form.request.Path != "" {
				return form, formErr("file", "send one file per import", "每次只能上传一个文件")
			}
			dir, path, base, err := saveUpload(part, limit)
			if dir != "" {
				form.cleanup = func() { os.RemoveAll(dir) }
			}
			if err != nil {
				return form, err
			}
			form.request.Path, form.request.FileName = path, base
		case slices.Contains(importFields, name):
			if _, dup := fields[name]; dup {
				return form, formErr(name, name+" is given twice", "字段 "+name+" 重复")
			}
			b, err := io.ReadAll(io.LimitReader(part, maxImportField+1))
			if err != nil {
				return form, bodyErr(err, limit)
			}
			if len(b) > maxImportField || !utf8.Valid(b) {
				return form, formErr(name, name+" must be UTF-8 text of at most 16 KB", "字段 "+name+" 应为不超过 16 KB 的文本")
			}
			fields[name] = strings.TrimSpace(string(b))
		default:
			return form, formErr(name, fmt.Sprintf("unknown form field %s (the fields are file, %s)", quoteShort(name), strings.Join(importFields, ", ")),
				"未知的表单字段 "+name)
		}
		part.Close()
	}
	if form.request.Path == "" {
		return form, formErr("file", "the form has no file part", "请选择要导入的文件")
	}
	return form, applyImportFields(&form.request, fields, target, publish)
}

// bodyErr is the error of a body that broke off: a 413 past the cap, else a 400.
func bodyErr(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLargeErr(limit)
	}
	return formErr("file", "the upload is not a complete multipart/form-data body: "+err.Error(), "上传未完成或表单格式不正确，请重新上传")
}

// saveUpload writes the file part to a fresh temporary directory under its sanitised base name (the
// importer tells a plain file's format by its extension). It returns the directory even on error, for
// the caller to remove.
func saveUpload(part *multipart.Part, limit int64) (dir, path, base string, err error) {
	base = uploadName(part.FileName())
	if base == "" {
		return "", "", "", formErr("file", "the file part must carry the file's name (filename=\"….geojson\")", "上传的文件缺少文件名")
	}
	// The parts of a Shapefile or of a File Geodatabase cannot come one by one: only zipped together.
	switch strings.ToLower(filepath.Ext(base)) {
	case ".shp", ".shx", ".dbf", ".prj", ".cpg", ".gdbtable", ".gdbtablx", ".gdb":
		return "", "", base, formErr("file", "a Shapefile or a File Geodatabase must be uploaded as one zip of all its files",
			"Shapefile 或 File Geodatabase 请将全部文件压缩为一个 zip 后上传")
	}
	dir, err = os.MkdirTemp("", "parkmap-upload-")
	if err != nil {
		return "", "", base, fmt.Errorf("import: temporary directory: %w", err)
	}
	path = filepath.Join(dir, base)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return dir, "", base, fmt.Errorf("import: save upload: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(part, limit+1))
	if cerr := f.Close(); err == nil && cerr != nil {
		return dir, "", base, fmt.Errorf("import: save upload: %w", cerr)
	}
	if err != nil {
		return dir, "", base, bodyErr(err, limit)
	}
	if n > limit {
		return dir, "", base, tooLargeErr(limit)
	}
	if n == 0 {
		return dir, "", base, formErr("file", "the file is empty", "文件为空")
	}
	return dir, path, base, nil
}

// uploadName is the upload's base name made safe to save: no directories (either slash), no leading
// dots, no control characters, at most 120 characters, its extension kept. "" when nothing is left.
func uploadName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == ':' || r == utf8.RuneError {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.TrimLeft(name, ". ")
	if rs := []rune(name); len(rs) > 120 {
		ext := []rune(filepath.Ext(name))
		if len(ext) > 12 {
			ext = nil
		}
		name = string(rs[:120-len(ext)]) + string(ext)
	}
	return name
}

// applyImportFields checks the form's text fields and sets them on req.
func applyImportFields(req *layerimport.Request, f map[string]string, target layerimport.Target, publish bool) error {
	req.CRS, req.Encoding, req.Dataset, req.SourceLayer = f["crs"], f["encoding"], f["dataset"], f["source_layer"]
	req.Note, req.AreaUnit = f["note"], f["area_unit"]
	if utf8.RuneCountInString(req.Note) > maxImportNote {
		return formErr("note", fmt.Sprintf("the note is over %d characters", maxImportNote), fmt.Sprintf("说明不能超过 %d 个字", maxImportNote))
	}
	if req.AreaUnit != "" && !slices.Contains(areaUnits, req.AreaUnit) {
		return formErr("area_unit", "area_unit must be one of "+strings.Join(areaUnits, ", ")+" (or empty: told from the data)",
			"面积单位应为 "+strings.Join(areaUnits, "、")+" 之一（留空则自动判断）")
	}
	switch f["repair"] {
	case "", "false":
	case "true":
		req.Repair = true
	default:
		return formErr("repair", "repair must be true or false", "repair 应为 true 或 false")
	}
	if k := f["kind"]; k != "" {
		if target.Layer == layerimport.LayerConstraints {
			canon, ok := layerimport.NormalizeKind(k)
			if !ok {
				return formErr("kind", fmt.Sprintf("unknown kind %s (the kinds are %s)", quoteShort(k), strings.Join(layerimport.ConstraintKinds(), ", ")),
					fmt.Sprintf("未知的管控类型“%s”，应为 %s 之一", k, strings.Join(layerimport.ConstraintKinds(), "、")))
			}
			k = canon
		}
		req.Kind = k
	}
	if m := f["mapping"]; m != "" {
		var mapping map[string]string
		if err := json.Unmarshal([]byte(m), &mapping); err != nil {
			return formErr("mapping", "mapping must be a JSON object of layer field to file field, such as {\"kind\":\"LX\"}",
				"字段对应应为 JSON 对象（图层字段 → 文件字段），如 {\"kind\":\"LX\"}")
		}
		req.Mapping = map[string]string{}
		for k, v := range mapping {
			if _, ok := target.Field(k); !ok {
				var names []string
				for _, fd := range target.Fields {
					names = append(names, fd.Name)
				}
				return formErr("mapping", fmt.Sprintf("%s has no field %s (its fields are %s)", target.Layer, quoteShort(k), strings.Join(names, ", ")),
					fmt.Sprintf("图层没有字段“%s”（可对应的字段：%s）", k, strings.Join(names, "、")))
			}
			if v = strings.TrimSpace(v); v != "" {
				req.Mapping[k] = v
			}
		}
	}
	if req.Kind != "" && req.Mapping["kind"] != "" {
		return formErr("kind", "give kind or map the kind field, not both", "类型请二选一：统一指定，或对应文件中的字段")
	}
	sum := f["expect_sha256"]
	switch {
	case publish && sum == "":
		return formErr("expect_sha256", "a publish needs expect_sha256, the sha256 its preview returned", "发布前请先预览（缺少 expect_sha256）")
	case sum != "" && !sha256Hex.MatchString(sum):
		return formErr("expect_sha256", "expect_sha256 must be 64 lower-case hex digits", "expect_sha256 应为 64 位小写十六进制")
	}
	req.ExpectSHA256 = sum
	return nil
}
