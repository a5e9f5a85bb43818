package coordtable

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// decimal is a plain decimal as typed or as a spreadsheet stores it (3061997.123, 4.0555E7);
// ParseFloat alone would take "Inf", "NaN", hex and underscores.
var decimal = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// dms is degrees, minutes and seconds as surveyors and Excel users write them: 120°23'41.5",
// 120°23′41.5″, 120度23分41.5秒, with an optional hemisphere letter before or after (E 120°…,
// 27°38'N). Minutes and seconds are optional; only the last part may have decimals.
var dms = regexp.MustCompile(`^([NSEWnsew]?)\s*(\d+(?:\.\d+)?)\s*(?:°|度)\s*(?:(\d+(?:\.\d+)?)\s*(?:'|′|’|分)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:"|″|”|''|′′|秒)\s*)?([NSEWnsew]?)$`)

// coordinate parses one coordinate cell: a decimal, or degrees-minutes-seconds.
func coordinate(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if decimal.MatchString(s) {
		return strconv.ParseFloat(s, 64)
	}
	m := dms.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	if m[1] != "" && m[5] != "" {
		return 0, fmt.Errorf("two hemisphere letters: %q", s)
	}
	deg, _ := strconv.ParseFloat(m[2], 64)
	var mins, secs float64
	if m[3] != "" {
		if strings.Contains(m[2], ".") {
			return 0, fmt.Errorf("decimal degrees with minutes: %q", s)
		}
		mins, _ = strconv.ParseFloat(m[3], 64)
	}
	if m[4] != "" {
		if strings.Contains(m[2], ".") || (m[3] != "" && strings.Contains(m[3], ".")) {
			return 0, fmt.Errorf("decimal minutes with seconds: %q", s)
		}
		secs, _ = strconv.ParseFloat(m[4], 64)
	}
	if mins >= 60 || secs >= 60 || deg > 180 {
		return 0, fmt.Errorf("minutes or seconds past 60: %q", s)
	}
	v := deg + mins/60 + secs/3600
	switch strings.ToUpper(m[1] + m[5]) {
	case "S", "W":
		v = -v
	}
	return v, nil
}
