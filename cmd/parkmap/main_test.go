package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/internal/pgtest"
)

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"frobnicate"},
		{"serve", "-no-such-flag"},
		{"migrate", "stray"},
		{"load"}, // no database
	} {
		var out, errb bytes.Buffer
		t.Setenv("DATABASE_URL", "")
		err := run(context.Background(), args, &out, &errb)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("parkmap %v: err = %v, want a usage error", args, err)
		}
	}
}

func TestCheckDataPassesOnTheBundledPlan(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"check-data"}, &out, &errb); err != nil {
		t.Fatalf("check-data: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{"0 unexpected", "附件3/building_wan_m2/total", "67.69", "70.29", "170多亩"} {
		if !strings.Contains(s, want) {
			t.Errorf("check-data output lacks %q:\n%s", want, s)
		}
	}
}

// load migrates and loads into an empty database, and loading twice replaces rather than duplicates.
func TestLoadTwiceIntoAFreshDatabase(t *testing.T) {
	url := pgtest.NewDatabase(t)
	for i := 0; i < 2; i++ {
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"load", "-db", url}, &out, &errb); err != nil {
			t.Fatalf("load #%d: %v\n%s%s", i+1, err, out.String(), errb.String())
		}
		if !strings.Contains(out.String(), "20 parks") {
			t.Errorf("load #%d output: %s", i+1, out.String())
		}
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "-db", url}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "up to date") {
		t.Errorf("migrate after load: %s", out.String())
	}
}

func TestLoadRefusesAnUnreachableDatabase(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"load", "-db", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, &out, &errb)
	if err == nil {
		t.Fatal("load into an unreachable database succeeded")
	}
}
