package coordtable

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/pingyang/parkmap/apperr"
)

// problem is a FieldError with the row it concerns, so that the report reads in table order.
type problem struct {
	row int
	apperr.FieldError
}

// problems collects every fault of a table, capped, so that one read reports them all at once and
// the person who made the table can fix them in one go.
type problems struct{ list []problem }

func (ps *problems) add(row int, field, en, zh string) {
	if len(ps.list) < maxProblems {
		ps.list = append(ps.list, problem{row, apperr.FieldError{Field: field, Message: en, MessageZh: zh}})
	}
}

// atRow reports a fault of one row, naming it in both languages.
func (ps *problems) atRow(row int, en, zh string) {
	ps.add(row, rowField(row), fmt.Sprintf("row %d: %s", row, en), fmt.Sprintf("第 %d 行：%s", row, zh))
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	slices.SortStableFunc(ps.list, func(a, b problem) int { return cmp.Compare(a.row, b.row) })
	out := make([]apperr.FieldError, len(ps.list))
	for i, p := range ps.list {
		out[i] = p.FieldError
	}
	return apperr.Fields(out)
}

// warnings collects what does not stop an import, capped with a count of the rest.
type warnings struct {
	list []apperr.FieldError
	more int
}

func (w *warnings) add(field, en, zh string) {
	if len(w.list) < maxWarnings {
		w.list = append(w.list, apperr.FieldError{Field: field, Message: en, MessageZh: zh})
		return
	}
	w.more++
}

func (w *warnings) done() []apperr.FieldError {
	if w.more > 0 {
		return append(w.list, apperr.FieldError{Field: "file", Message: fmt.Sprintf("and %d more warnings", w.more),
			MessageZh: fmt.Sprintf("另有 %d 条警告未列出", w.more)})
	}
	return w.list
}
