package coordtable

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pingyang/parkmap/apperr"
)

// Bounds of an xlsx's parts as they unzip (a small zip can hold gigabytes of XML): the shared
// strings are kept in memory, so they are capped tighter than the sheet, which is only streamed.
const (
	maxSharedStringsXML = 64 << 20
	maxSheetXML         = 512 << 20
	maxWorkbookXML      = 4 << 20
)

// Sheet names a table is looked for under before the first sheet is taken.
var preferredSheets = []string{"坐标", "界址点"}

var errTooBig = errors.New("part too large")

// ReadXLSX reads an xlsx coordinate table: the sheet named 坐标 or 界址点, else the first, the header
// its first non-empty row. The sheet's XML is streamed once, never loaded as excelize's worksheet
// model, which expands every row to its widest cell (one cell in column XFD on each row would cost
// gigabytes before a single check ran); only the columns named in the header are kept. A merged cell
// in the header or below it, or a formula in a coordinate cell, is refused: both are where a table
// copied from a report silently differs from what its cells show.
func ReadXLSX(r io.ReaderAt, size int64, opt Options) (*Table, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fieldErr("file", "the file is not an xlsx workbook", "文件不是 xlsx 工作簿，或已损坏")
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheet, part, sst, err := workbookParts(files, opt.Sheet)
	if err != nil {
		return nil, err
	}
	var strs []string
	if sst != "" {
		if strs, err = sharedStrings(files[sst]); errors.Is(err, errTooBig) {
			return nil, tooLarge(fmt.Sprintf("the shared strings unzip to more than %d MiB", maxSharedStringsXML>>20), fmt.Sprintf("共享字符串表解压后超过 %d MiB", maxSharedStringsXML>>20))
		} else if err != nil {
			return nil, damaged("the shared strings", "共享字符串表", err)
		}
	}
	f, ok := files[part]
	if !ok {
		return nil, fieldErr("file", "the workbook's sheet "+sheet+" is missing", "工作簿中缺少工作表“"+sheet+"”的内容，文件已损坏")
	}
	rc, err := f.Open()
	if err != nil {
		return nil, damaged("the sheet", "工作表", err)
	}
	defer rc.Close()
	bl := newBuilder(opt)
	s := sheetScan{bl: bl, strs: strs}
	if err := s.scan(&capped{r: rc, left: maxSheetXML}); err != nil {
		if errors.Is(err, errTooBig) {
			return nil, tooLarge(fmt.Sprintf("the sheet unzips to more than %d MiB", maxSheetXML>>20), fmt.Sprintf("工作表解压后超过 %d MiB", maxSheetXML>>20))
		}
		if _, ok := apperr.As(err); ok {
			return nil, err
		}
		return nil, damaged("the sheet", "工作表", err)
	}
	if bl.l == nil {
		return nil, fieldErr("file", "the sheet "+sheet+" is empty", "工作表“"+sheet+"”为空")
	}
	if err := s.mergeProblems(); err != nil {
		return nil, err
	}
	t, err := bl.finish()
	if err != nil {
		return nil, err
	}
	t.Sheet, t.HeaderRow = sheet, s.header
	return t, nil
}

func damaged(what, whatZh string, err error) error {
	e := fieldErr("file", fmt.Sprintf("the workbook is damaged: %s cannot be read", what), "工作簿已损坏："+whatZh+"无法读取")
	e.Cause = err
	return e
}

// sheetScan streams one worksheet's XML into a builder.
type sheetScan struct {
	bl     *builder
	strs   []string
	header int
	slot   map[int]int // 0-based column → index in the layout's columns
	merges []string
}

func (s *sheetScan) scan(r io.Reader) error {
	dec := xml.NewDecoder(r)
	row, col := 0, 0
	var hc []headerCell
	var cells []cell
	var c struct {
		typ      string
		v, is    strings.Builder
		inV, inT bool
		inPh     bool
		formula  bool
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if n, err := atoiAttr(t, "r"); err == nil && n > 0 {
					row = n
				}
				col = 0
				hc = hc[:0]
				for i := range cells {
					cells[i] = cell{}
				}
			case "c":
				col++
				if cc, rr, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col, row = cc, rr
				}
				c.typ, c.formula, c.inV, c.inT, c.inPh = attr(t, "t"), false, false, false, false
				c.v.Reset()
				c.is.Reset()
			case "v":
				c.inV = true
			case "t":
				c.inT = true
			case "rPh":
				c.inPh = true
			case "f":
				c.formula = true
			case "mergeCell":
				s.merges = append(s.merges, attr(t, "ref"))
			}
		case xml.CharData:
			switch {
			case c.inV:
				c.v.Write(t)
			case c.inT && !c.inPh:
				c.is.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				c.inV = false
			case "t":
				c.inT = false
			case "rPh":
				c.inPh = false
			case "c":
				text, err := s.value(c.typ, c.v.String(), c.is.String())
				if err != nil {
					return err
				}
				if s.bl.l == nil {
					if strings.TrimSpace(text) != "" {
						hc = append(hc, headerCell{col: col - 1, text: text})
					}
				} else if i, ok := s.slot[col-1]; ok {
					cells[i] = cell{text: text, formula: c.formula}
				}
			case "row":
				if s.bl.l == nil {
					if len(hc) == 0 {
						continue
					}
					s.header = row
					if s.bl.l, err = readHeader(row, hc, &s.bl.w); err != nil {
						// A merged header cell reads as a missing column: its merge, at the end of
						// the sheet's XML, is the better message.
						return s.mergesOnly(dec, err)
					}
					s.slot = map[int]int{}
					for i, lc := range s.bl.l.cols {
						s.slot[lc.col] = i
					}
					cells = make([]cell, len(s.bl.l.cols))
					continue
				}
				if err := s.bl.row(row, cells); err != nil {
					return err
				}
			}
		}
	}
}

// mergesOnly reads the rest of the sheet for its merged ranges alone and returns the merges' error
// if there is one, else headerErr.
func (s *sheetScan) mergesOnly(dec *xml.Decoder, headerErr error) error {
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "mergeCell" {
			s.merges = append(s.merges, attr(t, "ref"))
		}
	}
	if err := s.mergeProblems(); err != nil {
		return err
	}
	return headerErr
}

// value is a cell's text by its type: a shared string's index, an inline string, or the raw value.
func (s *sheetScan) value(typ, v, inline string) (string, error) {
	switch typ {
	case "s":
		var i int
		if _, err := fmt.Sscan(strings.TrimSpace(v), &i); err != nil || i < 0 || i >= len(s.strs) {
			return "", fmt.Errorf("shared string %q out of range", v)
		}
		return s.strs[i], nil
	case "inlineStr":
		return inline, nil
	}
	return v, nil
}

// mergeProblems refuses every merged range that reaches the header row or below it.
func (s *sheetScan) mergeProblems() error {
	var ps problems
	for _, ref := range s.merges {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		_, r1, err1 := excelize.CellNameToCoordinates(from)
		_, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || max(r1, r2) < s.header {
			continue
		}
		row := max(min(r1, r2), s.header)
		where, whereZh := "in the data", "数据区"
		if row == s.header {
			// The header is the first non-empty row: a merged title above the columns' names is one.
			where, whereZh = "in the header (the first non-empty row; delete a title row above the column names)", "表头（第一个非空行；若为标题行请删除）"
		}
		ps.atRow(row, fmt.Sprintf("cells %s are merged %s: unmerge them and fill every cell", ref, where),
			fmt.Sprintf("%s有合并单元格 %s，请取消合并并逐格填写后重新上传", whereZh, ref))
	}
	return ps.err()
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func atoiAttr(e xml.StartElement, name string) (int, error) {
	var n int
	_, err := fmt.Sscan(attr(e, name), &n)
	return n, err
}
