package web

import (
	"strings"
	"time"

	"github.com/pingyang/parkmap/apperr"
)

// cst is China Standard Time, the county's clock (UTC+8, no daylight saving since 1991): a feature dated
// by its year (a parcel's supply year) holds from that year's 1 January 00:00 CST to the next's, and
// a datetime without an offset, or a bare date, is read on that clock.
var cst = time.FixedZone("CST", 8*3600)

// gregorian is the temporal reference system of the collections' temporal extents (OGC API - Features
// Part 1, 7.13.4: the only one the standard names).
const gregorian = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"

// temporalExtent is a collection document's extent.temporal.
type temporalExtent struct {
	Interval [][]string `json:"interval"`
	TRS      string     `json:"trs"`
}

// yearSpan is the first and last instant of year y on the county's clock, as RFC 3339 text.
func yearSpan(y int) [2]string {
	start := time.Date(y, time.January, 1, 0, 0, 0, 0, cst)
	return [2]string{start.Format(time.RFC3339), start.AddDate(1, 0, 0).Add(-time.Second).Format(time.RFC3339)}
}

// RFC 3339 allows years 0000-9999: an open end of an interval is the first or last of these.
const (
	firstYear = 0
	lastYear  = 9999
)

// parseDatetime reads the datetime parameter (OGC API - Features Part 1, /req/core/fc-time-definition):
// an instant, or an interval start/end with either end open ("..", or empty), each an RFC 3339
// date-time or a full date. It returns the years on the county's clock that a feature dated by its year
// must fall in to intersect it: [first, last], inclusive. An interval whose end is before its start,
// or a value that is neither, is a 400 naming what is wrong.
func parseDatetime(s string) (*[2]int, error) {
	start, end, isInterval := strings.Cut(s, "/")
	if !isInterval {
		t, err := parseInstant(s)
		if err != nil {
			return nil, err
		}
		y := t.In(cst).Year()
		return &[2]int{y, y}, nil
	}
	if strings.Contains(end, "/") {
		return nil, datetimeError("an interval has one /, between its start and its end")
	}
	years := [2]int{firstYear, lastYear}
	var from, to time.Time
	if open(start) && open(end) {
		return &years, nil // both ends open: every feature, as the standard says
	}
	if !open(start) {
		t, err := parseInstant(start)
		if err != nil {
			return nil, err
		}
		from, years[0] = t, t.In(cst).Year()
	}
	if !open(end) {
		t, err := parseInstant(end)
		if err != nil {
			return nil, err
		}
		to, years[1] = t, t.In(cst).Year()
		if !from.IsZero() && to.Before(from) {
			return nil, datetimeError("the interval ends (" + end + ") before it starts (" + start + ")")
		}
	}
	return &years, nil
}

// open reports whether an interval's end is open: ".." or empty (both allowed by Part 1).
func open(s string) bool { return s == ".." || s == "" }

// parseInstant reads an RFC 3339 date-time (with Z or an offset; without one it is read as China
// Standard Time) or a full date, which stands for its whole day on the county's clock.
func parseInstant(s string) (time.Time, error) {
	if len(s) > 40 {
		return time.Time{}, datetimeError(quoteShort(s) + " is not an RFC 3339 date or date-time")
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, strings.Replace(s, "t", "T", 1), cst); err == nil {
			return t, nil
		}
	}
	return time.Time{}, datetimeError(quoteShort(s) + " is not an RFC 3339 date (2019-05-01) or date-time (2019-05-01T08:00:00Z)")
}

func datetimeError(what string) error {
	return apperr.FieldErrorf(apperr.Invalid, "datetime", "datetime: %s; give an instant or an interval start/end, either end .. for open", what)
}
