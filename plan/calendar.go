package plan

import "time"

// ChinaTime is China Standard Time (UTC+8, no daylight saving): the county's calendar, which decides
// the current year (of figures, grades, recognitions, case numbers) and the day a date names. It is
// never changed after start; one value here so that every package reads the same calendar.
var ChinaTime = time.FixedZone("CST", 8*3600)

// CurrentYear is the calendar year in China at now.
func CurrentYear(now time.Time) int { return now.In(ChinaTime).Year() }
