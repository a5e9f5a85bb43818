package pgtest

import (
	"regexp"
	"strings"
	"testing"
)

func TestDBName(t *testing.T) {
	owned := regexp.MustCompile(ownedPattern)
	tests := []struct {
		prefix, label string
		lease         uint32
		seq           uint64
		want          string
	}{
		{clonePrefix, "TestParks/by zone", 0xdeadbeef, 1, "t_testparks_by_zone_deadbeef_1"},
		{templatePrefix, "schema+seed", 7, 0x2a, "tpl_schema_seed_00000007_2a"},
		{clonePrefix, "平阳", 1, 1, "t_x_00000001_1"},
		{clonePrefix, strings.Repeat("Abc/", 40), 0xffffffff, 0xffff, ""},
	}
	for _, tt := range tests {
		got := dbName(tt.prefix, tt.label, tt.lease, tt.seq)
		if tt.want != "" && got != tt.want {
			t.Errorf("dbName(%q, %q) = %q, want %q", tt.prefix, tt.label, got, tt.want)
		}
		if len(got) > maxIdentLen {
			t.Errorf("dbName(%q, %q) = %q is %d bytes, over %d", tt.prefix, tt.label, got, len(got), maxIdentLen)
		}
		if !owned.MatchString(got) {
			t.Errorf("%q does not match ownedPattern", got)
		}
		if l, ok := leaseOf(got); !ok || l != tt.lease {
			t.Errorf("leaseOf(%q) = %08x, %v; want %08x", got, l, ok, tt.lease)
		}
	}
}

func TestLeaseOfForeignNames(t *testing.T) {
	for _, n := range []string{"parkmap", "postgres", "t_x", "t_a_notahex1_1", "t_a_123_1"} {
		if l, ok := leaseOf(n); ok {
			t.Errorf("leaseOf(%q) = %08x, true; want false", n, l)
		}
	}
}
