package web

import (
	"net/url"
	"strconv"
	"time"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/plan"
)

// keysetPage is the keyset paging of the newest-first registers (the audit log, the eligibility cases):
// Limit rows with an id below Before, between Since and Until.
type keysetPage struct {
	Limit        int   // 0: the register's default
	Before       int64 // 0: from the newest
	Since, Until time.Time
}

// parsePage reads limit, before, since and until from q; maxLimit bounds limit, and what names a
// row in the messages ("an entry id", "a case id").
func parsePage(q url.Values, maxLimit int, what string) (keysetPage, error) {
	var p keysetPage
	var err error
	if v := q.Get("limit"); v != "" {
		if p.Limit, err = strconv.Atoi(v); err != nil || p.Limit < 1 || p.Limit > maxLimit {
			return p, apperr.FieldErrorf(apperr.Invalid, "limit", "limit must be a whole number from 1 to %d", maxLimit)
		}
	}
	if v := q.Get("before"); v != "" {
		if p.Before, err = strconv.ParseInt(v, 10, 64); err != nil || p.Before < 1 {
			return p, apperr.FieldErrorf(apperr.Invalid, "before", "before must be %s (a positive whole number)", what)
		}
	}
	if v := q.Get("since"); v != "" {
		if p.Since, err = parsePageTime("since", v); err != nil {
			return p, err
		}
	}
	if v := q.Get("until"); v != "" {
		if p.Until, err = parsePageTime("until", v); err != nil {
			return p, err
		}
	}
	return p, nil
}

// nextBefore is the before of the page after one that returned n rows ending at lastID: 0 (none)
// unless the page was full.
func (p keysetPage) nextBefore(n, defaultLimit int, lastID int64) int64 {
	limit := p.Limit
	if limit == 0 {
		limit = defaultLimit
	}
	if n == limit {
		return lastID
	}
	return 0
}

// parsePageTime reads since or until: an RFC 3339 time, or a date (YYYY-MM-DD, China Standard
// Time), which for until includes the whole day.
func parsePageTime(name, v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, plan.ChinaTime)
	if err != nil {
		return time.Time{}, apperr.FieldErrorf(apperr.Invalid, name, "%s must be a date such as 2026-12-01 or an RFC 3339 time such as 2026-12-01T00:00:00+08:00", name)
	}
	if name == "until" {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}
