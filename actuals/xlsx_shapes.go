package actuals

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// shapes is what the data sheet's XML says beyond its values: which cells hold a formula and which
// ranges are merged. It is read by streaming the sheet's XML once, not through excelize's worksheet
// model: that model expands every row to its widest cell, so one cell in column XFD on every row of
// an upload would cost gigabytes before a single check ran.
type shapes struct {
	formulas map[string]bool
	merges   []string // "D3:E3"
}

var errNoSheet = errors.New("no such sheet")

// readShapes reads the shapes of sheet in the xlsx b (already known to open as a zip).
func readShapes(b []byte, sheet string) (shapes, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return shapes{}, err
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	target, err := sheetPart(files, sheet)
	if err != nil {
		return shapes{}, err
	}
	f, ok := files[target]
	if !ok {
		return shapes{}, errNoSheet
	}
	rc, err := f.Open()
	if err != nil {
		return shapes{}, err
	}
	defer rc.Close()
	return scanShapes(io.LimitReader(rc, maxUnzippedXML))
}

// sheetPart finds the part of the sheet named sheet: workbook.xml names it with a relationship id,
// workbook.xml.rels maps the id to the part.
func sheetPart(files map[string]*zip.File, sheet string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(files, "xl/workbook.xml", &wb); err != nil {
		return "", err
	}
	if err := decodePart(files, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join("xl", r.Target), nil
			}
		}
	}
	return "", errNoSheet
}

func decodePart(files map[string]*zip.File, name string, v any) error {
	f, ok := files[name]
	if !ok {
		return errNoSheet
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxUnzippedXML)).Decode(v)
}

// scanShapes streams a worksheet's XML: a <c> with an <f> child is a formula (its reference from r,
// or, where a writer left r out, the next column of the row), a <mergeCell ref> a merged range.
func scanShapes(r io.Reader) (shapes, error) {
	out := shapes{formulas: map[string]bool{}}
	dec := xml.NewDecoder(r)
	row, col := 0, 0
	cell := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return shapes{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = n
				}
				col = 0
			case "c":
				col++
				cell = attr(t, "r")
				if c, r, err := excelize.CellNameToCoordinates(cell); err == nil {
					col, row = c, r
				} else {
					cell, _ = excelize.CoordinatesToCellName(col, max(row, 1))
				}
			case "f":
				if cell != "" {
					out.formulas[cell] = true
				}
			case "mergeCell":
				out.merges = append(out.merges, attr(t, "ref"))
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				cell = ""
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// mergedCells returns every cell of the data area (row 3 and below, up to the source column) that
// is part of a merged range; a range too large to be a slip is an error.
func (s shapes) mergedCells() (map[string]bool, error) {
	out := map[string]bool{}
	for _, ref := range s.merges {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || r2 < firstDataRow || c1 > colSource {
			continue
		}
		r1, c2 = max(r1, firstDataRow), min(c2, colSource)
		if r2-r1 > MaxRows || len(out) > MaxRows*colSource {
			return nil, errors.New("merged range " + ref + " too large")
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				out[cellName(c, r)] = true
			}
		}
	}
	return out, nil
}
