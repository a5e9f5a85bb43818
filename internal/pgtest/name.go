package pgtest

import (
	"fmt"
	"strconv"
	"strings"
)

// maxIdentLen is PostgreSQL's NAMEDATALEN-1: longer names are truncated
// silently by the server, which would break the name's lease suffix.
const maxIdentLen = 63

// Prefixes of the databases pgtest creates: clones handed to tests and the
// templates they are cloned from.
const (
	clonePrefix    = "t"
	templatePrefix = "tpl"
)

// ownedPattern is a POSIX regular expression matching every name dbName makes.
const ownedPattern = `^(t|tpl)_.*_[0-9a-f]{8}_[0-9a-f]+$`

// dbName builds prefix_label_LEASE_SEQ: label is a readable, sanitised test
// name or template key, LEASE the owning process's lease (8 hex digits) and
// SEQ a per-process counter that makes the name unique.
func dbName(prefix, label string, lease uint32, seq uint64) string {
	suffix := fmt.Sprintf("_%08x_%x", lease, seq)
	label = sanitize(label)
	if room := maxIdentLen - len(prefix) - 1 - len(suffix); len(label) > room {
		label = strings.TrimRight(label[:room], "_")
	}
	if label == "" {
		label = "x"
	}
	return prefix + "_" + label + suffix
}

// sanitize lower-cases s and turns every run of characters other than a-z and
// 0-9 into one underscore, so the name needs no quoting to be read.
func sanitize(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.Trim(b.String(), "_")
}

// leaseOf returns the lease encoded in a name made by dbName.
func leaseOf(name string) (uint32, bool) {
	parts := strings.Split(name, "_")
	if len(parts) < 4 {
		return 0, false
	}
	l := parts[len(parts)-2]
	if len(l) != 8 {
		return 0, false
	}
	v, err := strconv.ParseUint(l, 16, 32)
	return uint32(v), err == nil
}
