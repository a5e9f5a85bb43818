package postgis

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/cases"
)

// Cases is cases.Store on two pools: the register's reads go to the reader, a save (its number, the
// case and its audit row, in one transaction) to the writer. writer may be nil: a read-only service,
// whose saves are unavailable.
type Cases struct {
	reader, writer *Store
}

// NewCases returns the register's store on reader and writer.
func NewCases(reader, writer *Store) *Cases { return &Cases{reader: reader, writer: writer} }

// auditedCase is a case as its audit row shows it: what identifies it, not the whole answer (the
// case itself keeps that, and is never changed).
type auditedCase struct {
	Number       string  `json:"number"`
	Verdict      string  `json:"verdict"`
	RulesVersion string  `json:"rules_version"`
	ParcelID     *string `json:"parcel_id"`
	CRS          string  `json:"crs"`
	Note         string  `json:"note"`
}

func scanCase(row pgx.Row) (cases.Case, error) {
	var c cases.Case
	var request, proposal, answer []byte
	var geom string
	err := row.Scan(&c.ID, &c.Number, &request, &c.CRS, &geom, &proposal, &answer, &c.RulesVersion, &c.Verdict,
		&c.ParcelID, &c.Note, &c.CreatedBy, &c.CreatedByName, &c.CreatedByUnit, &c.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, apperr.Errorf(apperr.NotFound, "no such case")
	}
	c.Request, c.Proposal, c.Answer, c.Geometry = request, proposal, answer, []byte(geom)
	return c, err
}

// SaveCase implements cases.Store.
func (s *Cases) SaveCase(ctx context.Context, a accounts.Actor, n cases.NewCase) (cases.Case, error) {
	if s.writer == nil {
		return cases.Case{}, apperr.Errorf(apperr.Unavailable, "saving cases is unavailable: the service runs without a write database")
	}
	if len(n.Geometry) == 0 {
		return cases.Case{}, apperr.Errorf(apperr.Invalid, "the check measured no shape to save")
	}
	shape, err := wkb.Marshal(n.Geometry)
	if err != nil {
		return cases.Case{}, dbError("save case", err)
	}
	var out cases.Case
	err = pgx.BeginFunc(ctx, s.writer.pool, func(tx pgx.Tx) error {
		var year, seq int
		if err := tx.QueryRow(ctx, query("cases_next_number")).Scan(&year, &seq); err != nil {
			return err
		}
		var number string
		if err := tx.QueryRow(ctx, query("cases_insert"), year, seq, string(n.Request), n.CRS, shape, string(n.Proposal),
			string(n.Answer), n.RulesVersion, n.Verdict, n.ParcelID, n.Note, a.Username).Scan(&number); err != nil {
			return err
		}
		var err error
		if out, err = scanCase(tx.QueryRow(ctx, query("cases_case"), number)); err != nil {
			return err
		}
		return audit(ctx, tx, a, cases.ActionCase, cases.Table, number, nil, auditedCase{Number: number,
			Verdict: out.Verdict, RulesVersion: out.RulesVersion, ParcelID: out.ParcelID, CRS: out.CRS, Note: out.Note})
	})
	return out, dbError("save case", err)
}

// Case implements cases.Store.
func (s *Cases) Case(ctx context.Context, number string) (cases.Case, error) {
	c, err := scanCase(s.reader.pool.QueryRow(ctx, query("cases_case"), number))
	if apperr.CodeOf(err) == apperr.NotFound {
		return c, apperr.Errorf(apperr.NotFound, "no case %s", apperr.Quote(number))
	}
	return c, dbError("case", err)
}

// Cases implements cases.Store.
func (s *Cases) Cases(ctx context.Context, q cases.Query) ([]cases.Case, error) {
	var box [4]*float64
	var pt [2]*float64
	if len(q.BBox) == 4 {
		box = [4]*float64{&q.BBox[0], &q.BBox[1], &q.BBox[2], &q.BBox[3]}
	}
	if len(q.Point) == 2 {
		pt = [2]*float64{&q.Point[0], &q.Point[1]}
	}
	rows, err := s.reader.pool.Query(ctx, query("cases_list"), q.Number, q.Parcel, q.Verdict, q.Before,
		nullTime(q.Since), nullTime(q.Until), q.Limit, box[0], box[1], box[2], box[3], pt[0], pt[1])
	if err != nil {
		return nil, dbError("cases", err)
	}
	defer rows.Close()
	out := []cases.Case{}
	for rows.Next() {
		var c cases.Case
		var proposal []byte
		if err := rows.Scan(&c.ID, &c.Number, &c.CRS, &proposal, &c.RulesVersion, &c.Verdict, &c.ParcelID, &c.Note,
			&c.CreatedBy, &c.CreatedByName, &c.CreatedByUnit, &c.CreatedAt, &c.SummaryZh, &c.SummaryEn, &c.AreaMu); err != nil {
			return nil, dbError("cases", err)
		}
		c.Proposal = proposal
		out = append(out, c)
	}
	return out, dbError("cases", rows.Err())
}
