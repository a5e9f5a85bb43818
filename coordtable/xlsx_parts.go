package coordtable

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/pingyang/parkmap/apperr"
)

// workbookParts finds the sheet to read (its name and part) and the shared strings' part ("" none):
// workbook.xml names the sheets with relationship ids, workbook.xml.rels maps the ids to parts.
func workbookParts(files map[string]*zip.File, want string) (sheet, part, sst string, err error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if decodePart(files["xl/workbook.xml"], &wb) != nil || decodePart(files["xl/_rels/workbook.xml.rels"], &rels) != nil || len(wb.Sheets) == 0 {
		return "", "", "", fieldErr("file", "the file is not an xlsx workbook (no readable workbook.xml)", "文件不是 xlsx 工作簿，或已损坏")
	}
	pick := wb.Sheets[0]
	found := false
	var all []string
	for _, s := range wb.Sheets {
		all = append(all, s.Name)
		switch {
		case want != "" && s.Name == want:
			pick, found = s, true
		case want == "" && !found && slices.Contains(preferredSheets, strings.TrimSpace(s.Name)):
			pick, found = s, true
		}
	}
	if want != "" && !found {
		return "", "", "", fieldErr("layer", fmt.Sprintf("the workbook has no sheet %s; it has %s", apperr.Quote(want), strings.Join(all, ", ")),
			fmt.Sprintf("工作簿中没有工作表“%s”，现有：%s", want, strings.Join(all, "、")))
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return strings.TrimPrefix(t, "/")
		}
		return path.Join("xl", t)
	}
	for _, r := range rels.Rels {
		if r.ID == pick.RID {
			part = target(r.Target)
		}
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sst = target(r.Target)
		}
	}
	if part == "" {
		return "", "", "", fieldErr("file", "the workbook's sheet "+pick.Name+" has no part", "工作簿已损坏：找不到工作表“"+pick.Name+"”")
	}
	if _, ok := files[sst]; !ok {
		sst = ""
	}
	return pick.Name, part, sst, nil
}

func decodePart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("no part")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(&capped{r: rc, left: maxWorkbookXML}).Decode(v)
}

// sharedStrings reads the workbook's string table: each <si>'s text runs, without the phonetic
// guides (<rPh>) that East Asian Excel adds.
func sharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(&capped{r: rc, left: maxSharedStringsXML})
	var out []string
	var sb strings.Builder
	inT, inPh := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				sb.Reset()
			case "t":
				inT = true
			case "rPh":
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				out = append(out, sb.String())
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inT && !inPh {
				sb.Write(t)
			}
		}
	}
}

// capped reads at most left bytes and then fails, rather than ending quietly as io.LimitReader does:
// a truncated part must not read as a shorter one.
type capped struct {
	r    io.Reader
	left int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errTooBig
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
