package postgis

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/evaluations"
	"github.com/pingyang/parkmap/plan"
)

// Evaluations is evaluations.Store on two pools: reads go to the reader; a planner's grade and its
// audit row to the writer, in one transaction. writer may be nil: a read-only service.
type Evaluations struct {
	reader, writer *Store
}

// NewEvaluations returns the evaluations store on reader and writer.
func NewEvaluations(reader, writer *Store) *Evaluations {
	return &Evaluations{reader: reader, writer: writer}
}

// Rounds implements evaluations.Store.
func (s *Evaluations) Rounds(ctx context.Context) ([]evaluations.Round, error) {
	rows, err := s.reader.pool.Query(ctx, query("evaluations_rounds"))
	if err != nil {
		return nil, dbError("evaluation rounds", err)
	}
	defer rows.Close()
	out := []evaluations.Round{}
	for rows.Next() {
		var r evaluations.Round
		var a, b, c, d int
		if err := rows.Scan(&r.Year, &r.Issuer, &r.Title, &r.Date, &r.Method, &r.Dimensions, &r.ParksEvaluated,
			&r.ParksRecognised, &a, &b, &c, &d, &r.Source, &r.GradesKnown); err != nil {
			return nil, dbError("evaluation rounds", err)
		}
		r.GradeCounts = map[string]int{"A": a, "B": b, "C": c, "D": d}
		out = append(out, r)
	}
	return out, dbError("evaluation rounds", rows.Err())
}

func scanGrade(row pgx.Row) (evaluations.Grade, error) {
	var g evaluations.Grade
	err := row.Scan(&g.ParkID, &g.ParkName, &g.Year, &g.Grade, &g.NameInNotice, &g.MatchNote, &g.Source,
		&g.Origin, &g.EnteredBy, &g.EnteredAt)
	return g, err
}

func collectGrades(rows pgx.Rows, err error) ([]evaluations.Grade, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluations.Grade{}
	for rows.Next() {
		g, err := scanGrade(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Grades implements evaluations.Store.
func (s *Evaluations) Grades(ctx context.Context) ([]evaluations.Grade, error) {
	out, err := collectGrades(s.reader.pool.Query(ctx, query("evaluations_grades")))
	return out, dbError("evaluations", err)
}

// parkName is the plan's name of the park, or a 404 naming the id.
func parkName(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, parkID string) (string, error) {
	var name string
	err := q.QueryRow(ctx, query("evaluations_park_name"), parkID).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", evaluations.NotFound("id", "no park "+apperr.Quote(parkID), "没有编号为“"+parkID+"”的园区")
	}
	return name, err
}

// ParkGrades implements evaluations.Store.
func (s *Evaluations) ParkGrades(ctx context.Context, parkID string) (string, []evaluations.Grade, error) {
	name, err := parkName(ctx, s.reader.pool, parkID)
	if err != nil {
		return "", nil, dbError("park evaluations", err)
	}
	out, err := collectGrades(s.reader.pool.Query(ctx, query("evaluations_park_grades"), parkID))
	return name, out, dbError("park evaluations", err)
}

var errNoWriter = apperr.Errorf(apperr.Unavailable, "editing is unavailable: the service runs without a write database")

// PutGrade implements evaluations.Store. The grade in place is read first so that an edit that
// changes nothing writes nothing; the one replaced is then deleted (which locks it, and returns it as
// the audit's before) and the new one inserted, so the writer needs no UPDATE (0012).
func (s *Evaluations) PutGrade(ctx context.Context, a accounts.Actor, e plan.ParkEvaluation) (evaluations.Change, error) {
	if s.writer == nil {
		return evaluations.Change{}, errNoWriter
	}
	out := evaluations.Change{ParkID: e.ParkID, Year: e.Year}
	err := pgx.BeginFunc(ctx, s.writer.pool, func(tx pgx.Tx) error {
		name, err := parkName(ctx, tx, e.ParkID)
		if err != nil {
			return err
		}
		current, err := scanGrade(tx.QueryRow(ctx, query("evaluations_grade"), e.ParkID, e.Year))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return err
		case current.Grade == e.Grade && current.Source == e.Source && current.NameInNotice == e.NameInNotice:
			out.Grade, out.Before = &current, &current
			return nil
		}
		before, err := scanGrade(tx.QueryRow(ctx, query("evaluations_delete"), e.ParkID, e.Year))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return err
		default:
			before.ParkName = name
			out.Before = &before
		}
		next := evaluations.Grade{ParkEvaluation: e, ParkName: name}
		err = tx.QueryRow(ctx, query("evaluations_insert"), e.ParkID, e.Year, e.Grade, orNull(e.NameInNotice), e.Source, e.EnteredBy).
			Scan(&next.Origin, &next.EnteredAt)
		if errors.Is(err, pgx.ErrNoRows) {
			return apperr.Errorf(apperr.Conflict, "the grade of %s in %d was set by another edit meanwhile: reload and try again", e.ParkID, e.Year)
		}
		if err != nil {
			return err
		}
		out.Grade = &next
		if err := audit(ctx, tx, a, evaluations.ActionEvaluation, evaluations.Table, auditKey(e.ParkID, e.Year), gradeOrNil(out.Before), next); err != nil {
			return err
		}
		// The write's trigger has bumped the park_evaluations layer in this transaction (0012).
		return tx.QueryRow(ctx, query("dataset_version")).Scan(&out.DatasetVersion)
	})
	return out, dbError("put park evaluation", err)
}

// DeleteGrade implements evaluations.Store.
func (s *Evaluations) DeleteGrade(ctx context.Context, a accounts.Actor, parkID string, year int) (evaluations.Change, error) {
	if s.writer == nil {
		return evaluations.Change{}, errNoWriter
	}
	out := evaluations.Change{ParkID: parkID, Year: year}
	err := pgx.BeginFunc(ctx, s.writer.pool, func(tx pgx.Tx) error {
		name, err := parkName(ctx, tx, parkID)
		if err != nil {
			return err
		}
		before, err := scanGrade(tx.QueryRow(ctx, query("evaluations_delete"), parkID, year))
		if errors.Is(err, pgx.ErrNoRows) {
			return evaluations.NotFound("year", fmt.Sprintf("%s has no grade for %d", apperr.Quote(parkID), year),
				fmt.Sprintf("该园区没有 %d 年的评价档次", year))
		}
		if err != nil {
			return err
		}
		before.ParkName = name
		out.Before = &before
		if err := audit(ctx, tx, a, evaluations.ActionEvaluation, evaluations.Table, auditKey(parkID, year), before, nil); err != nil {
			return err
		}
		return tx.QueryRow(ctx, query("dataset_version")).Scan(&out.DatasetVersion)
	})
	return out, dbError("delete park evaluation", err)
}

// auditKey is the audit row's key of a park's grade in a year: "wanyang/2025".
func auditKey(parkID string, year int) string { return parkID + "/" + strconv.Itoa(year) }

// gradeOrNil is g for the audit's before, or nil (SQL NULL) when there was none.
func gradeOrNil(g *evaluations.Grade) any {
	if g == nil {
		return nil
	}
	return *g
}
