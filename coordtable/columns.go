package coordtable

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrWKT is the cause of the error a table with a WKT column and no coordinate columns gets: its
// shapes are whole geometries, which GDAL's CSV driver reads itself.
var ErrWKT = errors.New("coordtable: the geometry is in a WKT column")

// role is what a column holds.
type role int

const (
	roleAttr  role = iota // an attribute of the parcel
	roleID                // 地块编号
	roleName              // 地块名称
	roleRing              // 圈号
	rolePoint             // 点号
	roleX                 // X = 纵坐标, the northing by Chinese convention
	roleY                 // Y = 横坐标, the easting
	roleNorth             // 北坐标 / N
	roleEast              // 东坐标 / E
	roleLon               // 经度
	roleLat               // 纬度
	roleSkip              // 序号: a running row number, neither a parcel's attribute nor a vertex's order
)

// names are the column names each role is known by, as normalised by key: upper-case, no spaces,
// a trailing unit in brackets dropped ("X（米）" is X).
var names = map[string]role{
	"地块编号": roleID, "DKBH": roleID, "编号": roleID, "宗地编号": roleID, "地块号": roleID, "ID": roleID,
	"地块名称": roleName, "名称": roleName, "宗地名称": roleName, "DKMC": roleName, "NAME": roleName,
	"圈号": roleRing, "环号": roleRing, "QH": roleRing,
	"点号": rolePoint, "界址点号": rolePoint, "DH": rolePoint, "JZDH": rolePoint,
	"X": roleX, "X坐标": roleX, "纵坐标": roleX, "X(纵坐标)": roleX, "纵坐标X": roleX,
	"Y": roleY, "Y坐标": roleY, "横坐标": roleY, "Y(横坐标)": roleY, "横坐标Y": roleY,
	"北坐标": roleNorth, "N": roleNorth, "NORTHING": roleNorth, "北坐标N": roleNorth,
	"东坐标": roleEast, "E": roleEast, "EASTING": roleEast, "东坐标E": roleEast,
	"经度": roleLon, "LON": roleLon, "LNG": roleLon, "LONGITUDE": roleLon,
	"纬度": roleLat, "LAT": roleLat, "LATITUDE": roleLat,
	"序号": roleSkip,
}

// key normalises a column name for matching.
func key(name string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '（':
			return '('
		case r == '）':
			return ')'
		}
		return unicode.ToUpper(r)
	}, name)
	if _, ok := names[s]; ok {
		return s
	}
	// A unit or note in brackets at the end: X(m), 经度（度）.
	if i := strings.LastIndex(s, "("); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// pair is the two coordinate columns a table gives and what the first is taken to be.
type pair struct {
	first, second role
	// northFirst: by the columns' names, the first holds the northing (X by Chinese convention, N);
	// false for 经度/纬度, whose first is the longitude.
	northFirst bool
	label      string
}

// The coordinate pairs, in the order one is chosen when a table has several.
var pairs = []pair{
	{roleX, roleY, true, "X/Y"},
	{roleNorth, roleEast, true, "北坐标/东坐标 (N/E)"},
	{roleLon, roleLat, false, "经度/纬度"},
}

// column is one named column of the header.
type column struct {
	col  int // 0-based
	name string
	role role
}

// layout is the header read: the columns kept, in sheet order, and the slots of the roles in it.
type layout struct {
	cols  []column
	slot  map[role]int // role → index in cols, for the single-column roles
	pair  pair
	attrs []string
	desc  string
}

// headerCell is one non-empty cell of the header row.
type headerCell struct {
	col  int
	text string
}

// readHeader assigns the header's columns their roles. A table without a parcel id or a complete
// coordinate pair is not a coordinate table; the error says which columns were expected.
func readHeader(row int, cells []headerCell, w *warnings) (*layout, error) {
	l := &layout{slot: map[role]int{}}
	seen := map[string]int{}
	var dup []string
	for _, c := range cells {
		name := strings.TrimSpace(c.text)
		if name == "" {
			continue
		}
		if first, ok := seen[name]; ok {
			dup = append(dup, fmt.Sprintf("%s (%s, %s)", name, columnName(first), columnName(c.col)))
			continue
		}
		seen[name] = c.col
		r := names[key(name)]
		if _, taken := l.slot[r]; taken && r != roleAttr && r != roleSkip {
			dup = append(dup, fmt.Sprintf("%s (%s, %s)", name, columnName(l.cols[l.slot[r]].col), columnName(c.col)))
			continue
		}
		if r != roleAttr && r != roleSkip {
			l.slot[r] = len(l.cols)
		}
		l.cols = append(l.cols, column{col: c.col, name: name, role: r})
	}
	if len(dup) > 0 {
		return nil, fieldErr(rowField(row), fmt.Sprintf("row %d: columns given twice: %s; keep one of each", row, strings.Join(dup, ", ")),
			fmt.Sprintf("第 %d 行（表头）：列重复：%s，请只保留一列", row, strings.Join(dup, "、")))
	}
	found := false
	for _, p := range pairs {
		_, a := l.slot[p.first]
		_, b := l.slot[p.second]
		switch {
		case a && b && !found:
			l.pair, found = p, true
		case a && b:
			// Another complete pair (lon/lat beside X/Y): kept as attributes, said so.
			for _, r := range []role{p.first, p.second} {
				l.cols[l.slot[r]].role = roleAttr
				delete(l.slot, r)
			}
			w.add(rowField(row), fmt.Sprintf("row %d: the table also has %s columns; the polygons are built from %s, the others kept as attributes", row, p.label, l.pair.label),
				fmt.Sprintf("第 %d 行（表头）：表中还有 %s 列，地块按 %s 列生成，其余坐标列作为属性保留", row, p.label, l.pair.label))
		case a || b:
			have, other := p.first, p.second
			if b {
				have, other = p.second, p.first
			}
			label := map[role]string{roleX: "X", roleY: "Y", roleNorth: "北坐标 (N)", roleEast: "东坐标 (E)", roleLon: "经度", roleLat: "纬度"}[other]
			name := l.cols[l.slot[have]].name
			return nil, fieldErr(rowField(row), fmt.Sprintf("row %d: there is a %s column but no %s column", row, name, label),
				fmt.Sprintf("第 %d 行（表头）：有“%s”列但缺少“%s”列", row, name, label))
		}
	}
	const expected = "X and Y (X = 纵坐标, the northing), 北坐标 and 东坐标 (N, E), or 经度 and 纬度"
	const expectedZh = "X 和 Y（X 为纵坐标）、北坐标和东坐标（N、E）或经度和纬度"
	if !found {
		for _, c := range l.cols {
			if key(c.name) == "WKT" {
				e := fieldErr("file", fmt.Sprintf("row %d (the header): the table carries its geometry in a WKT column, not as corner coordinates", row),
					fmt.Sprintf("第 %d 行（表头）：此表的图形在 WKT 列中，不是界址点坐标", row))
				e.Cause = ErrWKT
				return nil, e
			}
		}
		return nil, fieldErr("file", fmt.Sprintf("row %d (the header) names no coordinate columns, so the table is not a layer: expected %s, and a parcel id column (地块编号, DKBH, 编号 or 宗地编号)", row, expected),
			fmt.Sprintf("第 %d 行（表头）中没有坐标列，此表不是图层数据：应有%s，以及地块编号列（地块编号、DKBH、编号或宗地编号）", row, expectedZh))
	}
	if _, ok := l.slot[roleID]; !ok {
		return nil, fieldErr("file", fmt.Sprintf("row %d (the header) has no parcel id column: name it 地块编号, DKBH, 编号 or 宗地编号", row),
			fmt.Sprintf("第 %d 行（表头）中没有地块编号列，请将其命名为 地块编号、DKBH、编号 或 宗地编号", row))
	}
	var desc []string
	what := map[role]string{roleID: "id", roleName: "name", roleRing: "ring", rolePoint: "point order", roleSkip: "ignored"}
	first, second := "easting or longitude", "northing or latitude"
	if l.pair.northFirst {
		first, second = second, first
	}
	what[l.pair.first], what[l.pair.second] = first, second
	for _, c := range l.cols {
		if c.role == roleAttr {
			l.attrs = append(l.attrs, c.name)
			continue
		}
		desc = append(desc, c.name+" → "+what[c.role])
	}
	l.desc = strings.Join(desc, ", ")
	return l, nil
}

// columnName is a spreadsheet's name of the 0-based column c (A, B … Z, AA …).
func columnName(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}

func rowField(row int) string { return fmt.Sprintf("row %d", row) }
