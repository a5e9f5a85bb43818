package actuals

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/xuri/excelize/v2"
)

// Bounds of an upload, beside the request's own size limit: how much an xlsx may unzip to (a small
// zip can hold gigabytes of XML) and how many rows its data sheet may have (the county's parks times
// the years are a few hundred).
const (
	maxUnzipped    = 64 << 20
	maxUnzippedXML = 32 << 20
	MaxRows        = 5000
)

// rawCell is one cell of the data area as read: its reference (D3), its raw value (no number
// format applied), whether it holds a formula and whether it is part of a merged range.
type rawCell struct {
	Ref     string
	Value   string
	Formula bool
	Merged  bool
}

func (c rawCell) blank() bool { return strings.TrimSpace(c.Value) == "" && !c.Formula && !c.Merged }

// sheetRow is one row of the data sheet below the headers: the template's columns, A to the source.
type sheetRow struct {
	Row   int
	Cells []rawCell
}

func (r sheetRow) blank() bool {
	for _, c := range r.Cells {
		if !c.blank() {
			return false
		}
	}
	return true
}

func fileError(zh, en string) error {
	return apperr.Fields([]apperr.FieldError{{Field: "file", Message: en, MessageZh: zh}})
}

// readWorkbook reads an upload's data rows. A file that is not an xlsx, is not the template (the 说明
// sheet's identity), lacks the data sheet or has its headers changed is a 400 naming "file"; what is
// wrong with a cell is for the preview to say. excelize parses what it is given, so a panic inside
// it on a damaged file is answered as a damaged file, never as a crash of the request.
func readWorkbook(b []byte) (rows []sheetRow, err error) {
	defer func() {
		if v := recover(); v != nil {
			rows, err = nil, fileError("文件已损坏，无法读取", fmt.Sprintf("the file is damaged and cannot be read (%v)", v))
		}
	}()
	if len(b) < 4 || !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
		return nil, fileError("文件不是 xlsx 工作簿，请上传下载的模板", "the file is not an xlsx workbook")
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		return nil, fileError("文件不是 xlsx 工作簿，或已损坏", "the file is not a readable xlsx workbook")
	}
	defer f.Close()
	if idx, err := f.GetSheetIndex(SheetHelp); err != nil || idx < 0 {
		return nil, fileError("这不是本系统的实际数据模板（缺少“说明”工作表），请先下载模板", "this is not the actuals template: it has no 说明 sheet")
	}
	if id, err := f.GetCellValue(SheetHelp, "A1"); err != nil || strings.TrimSpace(id) != TemplateID {
		return nil, fileError("这不是本系统的实际数据模板（版本标识不符），请重新下载模板", "this is not the actuals template "+TemplateVersion+": 说明!A1 is not "+apperr.Quote(TemplateID))
	}
	if idx, err := f.GetSheetIndex(SheetData); err != nil || idx < 0 {
		return nil, fileError("工作簿中没有“实际数据”工作表", "the workbook has no sheet "+SheetData)
	}
	sh, err := readShapes(b, SheetData)
	if err != nil {
		return nil, fileError("无法读取“实际数据”工作表", "cannot read the sheet "+SheetData)
	}
	merged, err := sh.mergedCells()
	if err != nil {
		return nil, fileError("合并单元格范围过大，请取消合并", "a merged range is too large: unmerge it")
	}
	it, err := f.Rows(SheetData)
	if err != nil {
		return nil, fileError("无法读取“实际数据”工作表", "cannot read the sheet "+SheetData)
	}
	defer it.Close()
	head := Headers()
	n := 0
	for it.Next() {
		n++
		vals, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileError("无法读取第 "+fmt.Sprint(n)+" 行", fmt.Sprintf("cannot read row %d", n))
		}
		if n < headerRow {
			continue
		}
		if n == headerRow {
			if msgZh, msgEn := checkHeaders(vals, head); msgZh != "" {
				return nil, fileError(msgZh, msgEn)
			}
			continue
		}
		if n-headerRow > MaxRows {
			return nil, fileError(fmt.Sprintf("数据行超过 %d 行", MaxRows), fmt.Sprintf("the sheet has more than %d data rows", MaxRows))
		}
		row := sheetRow{Row: n, Cells: make([]rawCell, len(head))}
		for i := range head {
			c := rawCell{Ref: cellName(i+1, n), Merged: merged[cellName(i+1, n)]}
			if i < len(vals) {
				c.Value = vals[i]
			}
			c.Formula = sh.formulas[c.Ref]
			row.Cells[i] = c
		}
		// Anything beyond the source column is not the template's: a value there is refused too.
		for i := len(head); i < len(vals); i++ {
			if strings.TrimSpace(vals[i]) != "" {
				return nil, fileError(fmt.Sprintf("第 %d 行在“来源”列之后还有内容（%s），请不要增加列", n, cellName(i+1, n)),
					fmt.Sprintf("row %d has a value beyond the source column, in %s", n, cellName(i+1, n)))
			}
		}
		rows = append(rows, row)
	}
	if err := it.Error(); err != nil {
		return nil, fileError("无法读取“实际数据”工作表", "cannot read the sheet "+SheetData)
	}
	if n < headerRow {
		return nil, fileError("“实际数据”工作表缺少第 2 行表头", "the sheet "+SheetData+" has no header row")
	}
	return rows, nil
}

func checkHeaders(vals, head []string) (zh, en string) {
	for i, h := range head {
		got := ""
		if i < len(vals) {
			got = strings.TrimSpace(vals[i])
		}
		if got != h {
			return fmt.Sprintf("表头已被修改：%s 应为“%s”，实为“%s”，请使用下载的模板", cellName(i+1, headerRow), h, got),
				fmt.Sprintf("the headers were changed: %s must be %s, not %s", cellName(i+1, headerRow), apperr.Quote(h), apperr.Quote(got))
		}
	}
	for i := len(head); i < len(vals); i++ {
		if strings.TrimSpace(vals[i]) != "" {
			return fmt.Sprintf("表头已被修改：%s 多出一列“%s”", cellName(i+1, headerRow), vals[i]),
				fmt.Sprintf("the headers were changed: an extra column in %s", cellName(i+1, headerRow))
		}
	}
	return "", ""
}
