package web

import (
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gorilla/mux"
	"github.com/pingyang/parkmap/actuals"
	"github.com/pingyang/parkmap/apperr"
)

// errNoActuals answers the actual figures' routes of a handler built without them (some unit tests).
var errNoActuals = apperr.Errorf(apperr.Unavailable, "actual figures are unavailable")

const (
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	// maxActualsBody bounds a park-year's PUT (eight figures and a source).
	maxActualsBody = 16 << 10
	// MaxActualsUpload bounds an uploaded xlsx: the template of every park and year is far smaller.
	MaxActualsUpload = 5 << 20
)

// actualsRoutes registers the actual yearly figures (issue 12).
func (s *server) actualsRoutes(r *mux.Router) {
	r.Handle("/api/actuals", s.adapt(s.handleActuals)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/actuals/template.xlsx", s.adapt(s.handleActualsTemplate)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/actuals/import", s.adapt(s.handleActualsImport)).Methods(http.MethodPost)
	r.Handle("/api/parks/{id}/actuals/{year}", s.adapt(s.handlePutActuals)).Methods(http.MethodPut)
}

// yearParam reads an optional year parameter (0 when absent); a non-number is a 400 naming it.
func yearParam(q url.Values, name string) (int, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y <= 0 || y > 9999 {
		return 0, apperr.Fields([]apperr.FieldError{{Field: name, Message: name + " must be a year such as 2023",
			MessageZh: "年份应为四位数字，如 2023"}})
	}
	return y, nil
}

// handleActuals lists the figures as JSON, CSV or xlsx. Who entered a figure is for logged-in users
// only, like the facts' updated_by.
func (s *server) handleActuals(w http.ResponseWriter, r *http.Request) error {
	if s.Actuals == nil {
		return errNoActuals
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	format := q.Get("f")
	q.Del("f")
	allowed := map[string]bool{"park": true, "from": true, "to": true}
	if err := checkCommon(q, func(n string) bool { return allowed[n] }, " (the parameters are park, from, to, f)"); err != nil {
		return err
	}
	if format != "" && format != "json" && format != "csv" && format != "xlsx" {
		return apperr.FieldErrorf(apperr.Invalid, "f", "f must be json, csv or xlsx; got %s", quoteShort(format))
	}
	from, err := yearParam(q, "from")
	if err != nil {
		return err
	}
	to, err := yearParam(q, "to")
	if err != nil {
		return err
	}
	list, err := s.Actuals.List(r.Context(), actuals.Query{ParkID: q.Get("park"), From: from, To: to})
	if err != nil {
		return err
	}
	if userOf(r.Context()) == nil {
		for i := range list.Figures {
			list.Figures[i].EnteredBy = ""
		}
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	switch format {
	case "csv":
		w.Header().Set("Content-Type", mediaCSV)
		w.Header().Set("Content-Disposition", attachment("actuals.csv", "平阳县小微园实际数据.csv"))
		return ignoreWriteError(actuals.WriteCSV(w, list.Figures))
	case "xlsx":
		w.Header().Set("Content-Type", mediaXLSX)
		w.Header().Set("Content-Disposition", attachment("actuals.xlsx", "平阳县小微园实际数据.xlsx"))
		return ignoreWriteError(actuals.WriteXLSX(w, list.Figures))
	}
	writeJSON(w, http.StatusOK, mediaJSON, list)
	return nil
}

// attachment is a Content-Disposition naming a download: an ASCII filename for old clients and the
// Chinese one as filename* (RFC 6266, RFC 5987).
func attachment(ascii, name string) string {
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// handlePutActuals sets and clears a park-year's figures.
func (s *server) handlePutActuals(w http.ResponseWriter, r *http.Request) error {
	if s.Actuals == nil {
		return errNoActuals
	}
	if err := checkNoParams(r); err != nil {
		return err
	}
	vars := mux.Vars(r)
	year, err := strconv.Atoi(vars["year"])
	if err != nil {
		return apperr.Fields([]apperr.FieldError{{Field: "year", Message: "the year must be a whole number such as 2023",
			MessageZh: "年份应为整数，如 2023"}})
	}
	var body actuals.SetBody
	if err := decodeStrict(w, r, maxActualsBody, &body); err != nil {
		return err
	}
	py, err := s.Actuals.SetYear(r.Context(), actorOf(r), vars["id"], year, body)
	if err != nil {
		return err
	}
	writePrivate(w, http.StatusOK, py)
	return nil
}

// handleActualsTemplate offers the xlsx template for the years asked, prefilled with the figures.
func (s *server) handleActualsTemplate(w http.ResponseWriter, r *http.Request) error {
	if s.Actuals == nil {
		return errNoActuals
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if err := checkCommon(q, func(n string) bool { return n == "from" || n == "to" }, " (the parameters are from and to)"); err != nil {
		return err
	}
	from, err := yearParam(q, "from")
	if err != nil {
		return err
	}
	to, err := yearParam(q, "to")
	if err != nil {
		return err
	}
	b, name, err := s.Actuals.Template(r.Context(), from, to)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", mediaXLSX)
	w.Header().Set("Content-Disposition", attachment("actuals-template.xlsx", name))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
	return nil
}

// handleActualsImport previews an uploaded template and, with apply=true and no error, applies it.
// An apply refused for the preview's errors is a 422 whose body is the preview.
func (s *server) handleActualsImport(w http.ResponseWriter, r *http.Request) error {
	if s.Actuals == nil {
		return errNoActuals
	}
	q, err := parseQuery(r.URL.RawQuery)
	if err != nil {
		return err
	}
	if err := checkCommon(q, func(n string) bool { return n == "apply" || n == "filename" }, " (the parameters are apply and filename)"); err != nil {
		return err
	}
	apply := false
	switch q.Get("apply") {
	case "", "false":
	case "true":
		apply = true
	default:
		return apperr.FieldErrorf(apperr.Invalid, "apply", "apply must be true or false")
	}
	filename := strings.TrimSpace(q.Get("filename"))
	if !utf8.ValidString(filename) || utf8.RuneCountInString(filename) > 120 || strings.ContainsFunc(filename, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return apperr.FieldErrorf(apperr.Invalid, "filename", "filename must be text of at most 120 characters")
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != mediaXLSX {
		return apperr.Fields([]apperr.FieldError{{Field: "Content-Type", Message: "the body must be the xlsx file (Content-Type: " + mediaXLSX + ")",
			MessageZh: "请上传 xlsx 文件"}})
	}
	body, err := readBody(w, r, MaxActualsUpload)
	if err != nil {
		return err
	}
	p, err := s.Actuals.Import(r.Context(), actorOf(r), body, filename, apply)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if apply && !p.Applied {
		status = http.StatusUnprocessableEntity
	}
	writePrivate(w, status, p)
	return nil
}
