package layerimport

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pingyang/parkmap/apperr"
)

// MaxMappingName is the longest name of a saved mapping, in runes: a source's name as a person
// writes it (县自然资源局供地台账), not a document.
const MaxMappingName = 100

// maxMappingValue caps a file field's name and the CRS and encoding strings of a saved mapping; a
// Shapefile field has 10 bytes, a GeoPackage's rarely more than a few dozen characters.
const maxMappingValue = 200

// SavedMapping is how the files of one source are read, kept so that the next file from the same
// source (the same bureau's ledger, next quarter) imports without the fields being matched again:
// the layer's field -> the file's field, the area field's unit, and the CRS and encoding to use
// where the file does not say.
type SavedMapping struct {
	Layer    string            `json:"layer"`
	Name     string            `json:"name"` // the source, as the user names it
	Mapping  map[string]string `json:"mapping"`
	AreaUnit string            `json:"area_unit,omitempty"`
	CRS      string            `json:"crs,omitempty"`
	Encoding string            `json:"encoding,omitempty"`
	SavedBy  string            `json:"saved_by,omitempty"`
	SavedAt  time.Time         `json:"saved_at,omitzero"`
}

// Check validates m and returns it tidied (the name and values trimmed, the area unit in its
// canonical spelling): the layer must be importable, the name non-empty and at most MaxMappingName
// runes, every mapped field one of the layer's, every file field named. All mistakes are reported at
// once, each naming its field in English and Chinese.
func (m SavedMapping) Check() (SavedMapping, error) {
	var bad []apperr.FieldError
	add := func(field, en, zh string) {
		bad = append(bad, apperr.FieldError{Field: field, Message: en, MessageZh: zh})
	}
	t, ok := TargetOf(m.Layer)
	if !ok {
		add("layer", fmt.Sprintf("layer %s cannot be imported", apperr.Quote(m.Layer)), fmt.Sprintf("图层“%s”不能导入", m.Layer))
	}
	m.Name = strings.TrimSpace(m.Name)
	switch n := utf8.RuneCountInString(m.Name); {
	case !utf8.ValidString(m.Name):
		add("name", "the mapping's name is not valid UTF-8", "名称不是有效的 UTF-8 文本")
	case n == 0:
		add("name", "the mapping needs a name (the source's, e.g. 县自然资源局供地台账)", "请填写名称（数据来源，如“县自然资源局供地台账”）")
	case n > MaxMappingName:
		add("name", fmt.Sprintf("the name has %d characters; at most %d", n, MaxMappingName), fmt.Sprintf("名称有 %d 个字符，最多 %d 个", n, MaxMappingName))
	case strings.ContainsFunc(m.Name, unicode.IsControl):
		add("name", "the name holds a control character", "名称含控制字符")
	}
	clean := make(map[string]string, len(m.Mapping))
	for _, k := range slices.Sorted(maps.Keys(m.Mapping)) {
		v := strings.TrimSpace(m.Mapping[k])
		field := "mapping." + k
		if _, known := t.Field(k); ok && !known {
			add(field, fmt.Sprintf("layer %s has no field %s (its fields: %s)", m.Layer, apperr.Quote(k), strings.Join(fieldNames(t), ", ")),
				fmt.Sprintf("图层“%s”没有字段“%s”（现有字段：%s）", t.Title, k, strings.Join(fieldNames(t), "、")))
			continue
		}
		if v == "" || len(v) > maxMappingValue || !utf8.ValidString(v) {
			add(field, fmt.Sprintf("the file field for %s must be a name of 1 to %d bytes", apperr.Quote(k), maxMappingValue),
				fmt.Sprintf("“%s”对应的文件字段名须为 1 至 %d 字节", k, maxMappingValue))
			continue
		}
		clean[k] = v
	}
	m.Mapping = clean
	unit, err := ParseAreaUnit(m.AreaUnit)
	if ae, isApp := apperr.As(err); isApp {
		bad = append(bad, ae.Fields...)
	}
	m.AreaUnit = unit
	m.CRS, m.Encoding = strings.TrimSpace(m.CRS), strings.TrimSpace(m.Encoding)
	for _, f := range []struct{ name, v string }{{"crs", m.CRS}, {"encoding", m.Encoding}} {
		if len(f.v) > maxMappingValue || !utf8.ValidString(f.v) {
			add(f.name, fmt.Sprintf("%s must be at most %d bytes of text", f.name, maxMappingValue), fmt.Sprintf("%s 最多 %d 字节", f.name, maxMappingValue))
		}
	}
	if len(bad) > 0 {
		return m, apperr.Fields(bad)
	}
	return m, nil
}

func fieldNames(t Target) []string {
	out := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		out[i] = f.Name
	}
	return out
}

// Apply fills what r leaves open from m: each mapped field the user did not map (the constraints
// layer's kind not when the user gave one kind for every feature), and the area unit, CRS and
// encoding when r has none. What the user gave always wins.
func (m SavedMapping) Apply(r *Request) {
	if r.Mapping == nil {
		r.Mapping = map[string]string{}
	}
	for k, v := range m.Mapping {
		if r.Mapping[k] != "" || k == "kind" && r.Kind != "" {
			continue
		}
		r.Mapping[k] = v
	}
	if r.AreaUnit == "" {
		r.AreaUnit = m.AreaUnit
	}
	if r.CRS == "" {
		r.CRS = m.CRS
	}
	if r.Encoding == "" {
		r.Encoding = m.Encoding
	}
}

// MappingOf is what an import used, as a mapping to save under name: the request's mapping and the
// preview's where it names a field of the file (not the feature number or a -kind), the area unit
// the check used, and the CRS and encoding where the file did not declare them itself (a later
// file of the source that declares its own is then still read as it says): a CRS or an encoding
// the file declared (.prj, .cpg) is kept only when the user gave it, for each file is the better
// witness of itself.
func MappingOf(name string, p Preview, r Request) SavedMapping {
	m := SavedMapping{Layer: p.Layer, Name: name, Mapping: map[string]string{}}
	if m.Layer == "" {
		m.Layer = r.Layer
	}
	for k, v := range p.Mapping {
		if slices.Contains(p.Source.Fields, v) {
			m.Mapping[k] = v
		}
	}
	for k, v := range r.Mapping {
		if v != "" {
			m.Mapping[k] = v
		}
	}
	m.AreaUnit = r.AreaUnit
	if p.Area != nil && p.Area.Unit != "" {
		m.AreaUnit = p.Area.Unit
	}
	if r.CRS != "" || p.CRSRead == "" {
		m.CRS = p.CRSUsed
		if m.CRS == "" {
			m.CRS = r.CRS
		}
	}
	m.Encoding = r.Encoding
	if m.Encoding == "" && !strings.HasPrefix(p.Source.EncodingReason, "the .cpg") {
		m.Encoding = p.Encoding
	}
	return m
}
