package postgis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"github.com/pingyang/parkmap/apperr"
)

// refusedConnect returns the error pgconn gives when nothing listens: a real dial to a port that
// was free a moment ago, not a constructed value.
func refusedConnect(t *testing.T) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = pgconn.Connect(context.Background(), "postgres://parkmap@"+addr+"/parkmap?sslmode=disable&connect_timeout=5")
	if err == nil {
		t.Fatalf("connected to %s, which nothing should serve", addr)
	}
	return err
}

func TestDBErrorCodes(t *testing.T) {
	pg := func(code string) error {
		return &pgconn.PgError{Severity: "ERROR", Code: code, Message: "relation \"parks\" secret detail"}
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	tests := []struct {
		name string
		err  error
		code string // "" : not an application error (web answers 500 and logs it)
	}{
		{"statement timeout", pg("57014"), apperr.Unavailable},
		{"lock not available", pg("55P03"), apperr.Unavailable},
		{"too many connections", pg("53300"), apperr.Unavailable},
		{"serialization failure", pg("40001"), apperr.Unavailable},
		{"deadlock", pg("40P01"), apperr.Unavailable},
		{"admin shutdown", pg("57P01"), apperr.Unavailable},
		{"cannot connect now", pg("57P03"), apperr.Unavailable},
		{"connection failure", pg("08006"), apperr.Unavailable},
		{"undefined table", pg("42P01"), ""},
		{"unique violation", pg("23505"), ""},
		{"syntax error", pg("42601"), ""},
		{"connection refused", fmt.Errorf("dial: %w", refused), apperr.Unavailable},
		{"real refused connect", refusedConnect(t), apperr.Unavailable},
		{"connection reset", fmt.Errorf("read: %w", syscall.ECONNRESET), apperr.Unavailable},
		{"closed mid-read", fmt.Errorf("failed to receive message: %w", io.ErrUnexpectedEOF), apperr.Unavailable},
		{"conn closed", fmt.Errorf("query: %w", pgconn.ErrConnClosed), apperr.Unavailable},
		{"closed pool", puddle.ErrClosedPool, apperr.Unavailable},
		{"use of closed connection", fmt.Errorf("write: %w", net.ErrClosed), apperr.Unavailable},
		{"request deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), apperr.Unavailable},
		{"client cancelled", fmt.Errorf("query: %w", context.Canceled), ""},
		{"plain error", errors.New("scan: cannot convert"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := dbError("items parks", tc.err)
			if !errors.Is(got, tc.err) {
				t.Errorf("the cause is lost: %v", got)
			}
			ae, ok := apperr.As(got)
			if tc.code == "" {
				if ok {
					t.Errorf("got %s, want no application error", ae.Code)
				}
				if !strings.HasPrefix(got.Error(), "items parks: ") {
					t.Errorf("no operation in %q", got)
				}
				return
			}
			if !ok || ae.Code != tc.code || ae.Op != "items parks" {
				t.Fatalf("got %#v, want code %s", got, tc.code)
			}
			if ae.Message != unavailableMessage {
				t.Errorf("message %q", ae.Message)
			}
			var pgErr *pgconn.PgError
			if errors.As(tc.err, &pgErr) && !errors.As(got, &pgErr) {
				t.Error("errors.As no longer finds the PgError")
			}
		})
	}
}

func TestDBErrorPassesThrough(t *testing.T) {
	if dbError("op", nil) != nil {
		t.Error("nil is not nil")
	}
	nf := apperr.Errorf(apperr.NotFound, "no feature")
	if got := dbError("op", fmt.Errorf("wrapped: %w", nf)); apperr.CodeOf(got) != apperr.NotFound {
		t.Errorf("an application error changed: %v", got)
	}
}
