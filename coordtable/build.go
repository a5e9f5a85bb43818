package coordtable

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/geodesy"
)

// cell is one cell of a data row as read: its text (a spreadsheet's raw value, no number format
// applied) and whether the sheet computes it with a formula.
type cell struct {
	text    string
	formula bool
}

// vertex is one row's point, in the table's own column order (a the first coordinate column).
type vertex struct {
	row  int
	ring int
	no   string
	a, b float64
}

// rawParcel is a parcel as its rows come, before its rings are made.
type rawParcel struct {
	Parcel
	vertices []vertex
	// differs records the attribute columns already warned about for this parcel.
	differs map[string]bool
}

// builder turns data rows into parcels. CSV and xlsx both feed it one row at a time, so only the
// vertices are kept, never the sheet.
type builder struct {
	l       *layout
	opt     Options
	maxRows int
	parcels []*rawParcel
	byID    map[string]*rawParcel
	rows    int
	bounds  geodesy.Bounds
	ps      problems
	w       warnings
	// unclosed counts rings closed here, with the first few parcels' ids, for one warning.
	unclosed    int
	unclosedIDs []string
	// unordered counts rings whose 点号 are not all numbers (kept in table order).
	unordered int
}

func newBuilder(opt Options) *builder {
	return &builder{opt: opt, maxRows: MaxRows, byID: map[string]*rawParcel{},
		bounds: geodesy.Bounds{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}}
}

// row takes data row n, its cells in layout order. Only a table past MaxRows stops it (the error
// returned); every other fault is collected for the report.
func (b *builder) row(n int, cells []cell) error {
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" || c.formula {
			blank = false
			break
		}
	}
	if blank {
		return nil
	}
	b.rows++
	if b.rows > b.maxRows {
		return tooLarge(fmt.Sprintf("the table has more than %d rows", b.maxRows), fmt.Sprintf("坐标表超过 %d 行", b.maxRows))
	}
	get := func(r role) (cell, column, bool) {
		i, ok := b.l.slot[r]
		if !ok {
			return cell{}, column{}, false
		}
		return cells[i], b.l.cols[i], true
	}
	ok := true
	idCell, idCol, _ := get(roleID)
	id := strings.TrimSpace(idCell.text)
	if id == "" {
		b.ps.atRow(n, fmt.Sprintf("the parcel id (%s, column %s) is empty", idCol.name, columnName(idCol.col)),
			fmt.Sprintf("地块编号（%s，%s 列）为空", idCol.name, columnName(idCol.col)))
		ok = false
	}
	v := vertex{row: n, ring: 1}
	var okA, okB bool
	v.a, okA = b.coordinate(n, get, b.l.pair.first)
	v.b, okB = b.coordinate(n, get, b.l.pair.second)
	ok = ok && okA && okB
	if c, col, has := get(roleRing); has && strings.TrimSpace(c.text) != "" {
		r, err := strconv.Atoi(strings.TrimSpace(c.text))
		if err != nil || r < 1 {
			b.ps.atRow(n, fmt.Sprintf("the ring number %s (%s) is not a whole number from 1", apperr.Quote(c.text), col.name),
				fmt.Sprintf("圈号“%s”（%s 列）应为从 1 起的整数", c.text, col.name))
			ok = false
		}
		v.ring = r
	}
	if c, col, has := get(rolePoint); has {
		v.no = strings.TrimSpace(c.text)
		if v.no == "" {
			b.ps.atRow(n, fmt.Sprintf("the point number (%s) is empty", col.name), fmt.Sprintf("点号（%s 列）为空", col.name))
			ok = false
		}
	}
	if !ok {
		return nil
	}
	b.bounds.MinX, b.bounds.MaxX = min(b.bounds.MinX, v.a), max(b.bounds.MaxX, v.a)
	b.bounds.MinY, b.bounds.MaxY = min(b.bounds.MinY, v.b), max(b.bounds.MaxY, v.b)
	p := b.byID[id]
	if p == nil {
		p = &rawParcel{Parcel: Parcel{Row: n, ID: id, Attributes: map[string]string{}}, differs: map[string]bool{}}
		if c, _, has := get(roleName); has {
			p.Name = strings.TrimSpace(c.text)
		}
		for i, col := range b.l.cols {
			if col.role == roleAttr {
				p.Attributes[col.name] = strings.TrimSpace(cells[i].text)
			}
		}
		b.byID[id] = p
		b.parcels = append(b.parcels, p)
	} else {
		for i, col := range b.l.cols {
			first := ""
			switch col.role {
			case roleAttr:
				first = p.Attributes[col.name]
			case roleName:
				first = p.Name
			default:
				continue
			}
			if s := strings.TrimSpace(cells[i].text); s != "" && s != first && !p.differs[col.name] {
				p.differs[col.name] = true
				b.w.add(rowField(n), fmt.Sprintf("row %d: parcel %s's %s is %s here but %s on its first row %d; the first is kept", n, id, col.name, apperr.Quote(s), apperr.Quote(first), p.Row),
					fmt.Sprintf("第 %d 行：地块 %s 的“%s”为“%s”，与其首行（第 %d 行）的“%s”不同，采用首行的值", n, id, col.name, s, p.Row, first))
			}
		}
	}
	p.vertices = append(p.vertices, v)
	return nil
}

// coordinate reads one coordinate cell of row n; a formula, an empty cell or text that is no
// number is reported and the row not taken.
func (b *builder) coordinate(n int, get func(role) (cell, column, bool), r role) (float64, bool) {
	c, col, _ := get(r)
	ref := columnName(col.col) + strconv.Itoa(n)
	switch {
	case c.formula:
		b.ps.atRow(n, fmt.Sprintf("%s (cell %s) is a formula: formulas cannot be used, paste the values instead", col.name, ref),
			fmt.Sprintf("%s（单元格 %s）是公式，公式不可用，请粘贴数值", col.name, ref))
		return 0, false
	case strings.TrimSpace(c.text) == "":
		b.ps.atRow(n, fmt.Sprintf("%s (cell %s) is empty", col.name, ref), fmt.Sprintf("%s（单元格 %s）为空，缺少坐标", col.name, ref))
		return 0, false
	}
	v, err := coordinate(c.text)
	if err != nil || math.IsInf(v, 0) {
		b.ps.atRow(n, fmt.Sprintf("%s %s (cell %s) is not a number", col.name, apperr.Quote(c.text), ref),
			fmt.Sprintf("%s“%s”（单元格 %s）不是有效数字", col.name, c.text, ref))
		return 0, false
	}
	return v, true
}

// finish makes the parcels once every row is in.
func (b *builder) finish() (*Table, error) {
	if err := b.ps.err(); err != nil {
		return nil, err
	}
	if len(b.parcels) == 0 {
		return nil, fieldErr("file", "the table has no data rows below its header", "坐标表表头下没有数据行")
	}
	g, northFirst, err := b.decideCRS()
	if err != nil {
		return nil, err
	}
	t := &Table{CRS: g, Columns: b.l.desc, Attributes: b.l.attrs, IDColumn: b.l.cols[b.l.slot[roleID]].name}
	if i, ok := b.l.slot[roleName]; ok {
		t.NameColumn = b.l.cols[i].name
	}
	for _, rp := range b.parcels {
		b.rings(rp, northFirst)
		t.Parcels = append(t.Parcels, rp.Parcel)
	}
	if err := b.ps.err(); err != nil {
		return nil, err
	}
	if b.unclosed > 0 {
		ids := strings.Join(b.unclosedIDs, ", ")
		if b.unclosed > len(b.unclosedIDs) {
			ids += " …"
		}
		b.w.add("file", fmt.Sprintf("%d rings did not end on their first point and were closed (parcels %s)", b.unclosed, ids),
			fmt.Sprintf("%d 个圈的末点不是首点，已自动闭合（地块 %s）", b.unclosed, strings.ReplaceAll(ids, ", ", "、")))
	}
	if b.unordered > 0 {
		b.w.add("file", fmt.Sprintf("%d rings have point numbers that are not all numbers: their points are taken in table order", b.unordered),
			fmt.Sprintf("%d 个圈的点号不全是数字，按表中顺序连接各点", b.unordered))
	}
	t.Warnings = b.w.done()
	return t, nil
}
