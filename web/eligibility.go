package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/eligibility"
)

// Limits of the eligibility request bodies: one check, and a batch of up to
// eligibility.MaxBatchFeatures parcels.
const (
	MaxCheckBytes = 1 << 20
	MaxBatchBytes = 16 << 20
)

// Media types of the batch output.
const (
	mediaCSV = "text/csv; charset=utf-8"
)

// eligibilityRoutes registers POST /api/eligibility, POST /api/eligibility/batch and GET
// /api/eligibility/rules (issue 4).
func (s *server) eligibilityRoutes(r *mux.Router) {
	r.Handle("/api/eligibility", s.adapt(s.handleEligibility)).Methods(http.MethodPost)
	r.Handle("/api/eligibility/batch", s.adapt(s.handleEligibilityBatch)).Methods(http.MethodPost)
	r.Handle("/api/eligibility/rules", s.adapt(s.handleEligibilityRules)).Methods(http.MethodGet, http.MethodHead)
}

func (s *server) rules() (*eligibility.RuleSet, error) {
	if s.Eligibility == nil || s.Eligibility.Rules == nil {
		return nil, errors.New("eligibility is not wired: no eligibility.Service in web.Deps")
	}
	return s.Eligibility.Rules, nil
}

// handleEligibility answers one check: a parcel_id or a GeoJSON geometry (with crs), and the proposal.
// The answer has the verdict, the rules version, the facts PostGIS measured and every rule with its
// clause. Nothing is stored.
func (s *server) handleEligibility(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.rules()
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	body, err := readBody(w, r, MaxCheckBytes)
	if err != nil {
		return err
	}
	req, err := rules.ParseCheckRequest(body)
	if err != nil {
		return err
	}
	ans, err := s.Eligibility.Check(r.Context(), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, mediaJSON, ans)
	return nil
}

// handleEligibilityBatch checks many parcels at once: a GeoJSON FeatureCollection, {"parcel_ids": [...]}
// or {"collection": "redevelopment"}; ?format=geojson (default), csv (UTF-8 with a byte-order mark) or
// xlsx, and for csv and xlsx ?lang=zh (Chinese headers and values, the default) or en (the identifiers).
// A feature that cannot be checked becomes a row with its error; the batch goes on.
func (s *server) handleEligibilityBatch(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.rules()
	if err != nil {
		return err
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if err := checkCommon(q, func(n string) bool { return n == "format" || n == "lang" }, "; this resource accepts format=csv|xlsx|geojson and lang=zh|en"); err != nil {
		return err
	}
	format := "geojson"
	if v, ok := q["format"]; ok {
		format = v[0]
	}
	if format != "geojson" && format != "csv" && format != "xlsx" {
		return fieldErrZh("format", "format must be csv, xlsx or geojson; got "+quoteShort(format),
			"format 应为 csv、xlsx 或 geojson；收到 "+quoteShort(format))
	}
	lang, err := ParseBatchLang("lang", q.Get("lang"))
	if err != nil {
		return err
	}
	body, err := readBody(w, r, MaxBatchBytes)
	if err != nil {
		return err
	}
	req, err := rules.ParseBatchRequest(body, eligibility.BatchOverride{})
	if err != nil {
		return err
	}
	rows, err := s.Eligibility.Batch(r.Context(), req, nil)
	if err != nil {
		return err
	}
	name := "eligibility-" + rules.Version
	nameZh := "准入检查-" + rules.Version
	if lang == BatchEn {
		nameZh = name
	}
	switch format {
	case "csv":
		w.Header().Set("Content-Type", mediaCSV)
		w.Header().Set("Content-Disposition", attachment(name+".csv", nameZh+".csv"))
		w.WriteHeader(http.StatusOK)
		return ignoreWriteError(WriteBatchCSV(w, rules, rows, lang))
	case "xlsx":
		// A workbook is written whole at the end: build it first, so that a failure is still a 500.
		var buf bytes.Buffer
		if err := WriteBatchXLSX(&buf, rules, rows, lang); err != nil {
			return err
		}
		w.Header().Set("Content-Type", mediaXLSX)
		w.Header().Set("Content-Disposition", attachment(name+".xlsx", nameZh+".xlsx"))
		w.WriteHeader(http.StatusOK)
		_, err := buf.WriteTo(w)
		return ignoreWriteError(err)
	}
	w.Header().Set("Content-Type", mediaGeoJSON)
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`.geojson"`)
	w.WriteHeader(http.StatusOK)
	return ignoreWriteError(WriteBatchGeoJSON(w, rules, rows))
}

// handleEligibilityRules serves the rules in force: versions, proposal types, facts and every rule with
// its clause, so that a form can ask for exactly the facts the rules read.
func (s *server) handleEligibilityRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.rules()
	if err != nil {
		return err
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, mediaJSON, rules)
	return nil
}

// readBody reads at most limit bytes of the request body; a larger body is a 413 naming body.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, apperr.FieldErrorf(apperr.TooLarge, "body", "the body is over %s; send at most %s", sizeText(limit), sizeText(limit))
	}
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	return b, nil
}

func sizeText(n int64) string { return fmt.Sprintf("%d MB", n>>20) }

// ignoreWriteError drops an error from writing a response whose status is already sent: the client left.
func ignoreWriteError(error) error { return nil }
