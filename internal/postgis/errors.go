package postgis

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"

	"github.com/pingyang/parkmap/apperr"
)

// unavailableMessage is all a client is told of an outage: the database's own text stays in the
// wrapped cause, for the log.
const unavailableMessage = "the database is unavailable; try again shortly"

// unavailableStates are the SQLSTATEs after which the same request, sent again a little later, can
// succeed: the server is short of something or another session is in the way. They are not the
// caller's fault, so none of them may become a 500.
var unavailableStates = map[string]bool{
	"57014": true, // query_canceled: statement_timeout, or a cancel request
	"55P03": true, // lock_not_available: lock_timeout while a swap holds the table
	"53300": true, // too_many_connections
	"53000": true, // insufficient_resources
	"53100": true, // disk_full
	"53200": true, // out_of_memory
	"57P01": true, // admin_shutdown: the server is stopping
	"57P02": true, // crash_shutdown
	"57P03": true, // cannot_connect_now: the server is starting or in recovery
	"58000": true, // system_error (an I/O error on the server)
	// A serialization failure or deadlock is answered as unavailable, not conflict: the serving
	// queries only read, so the client's request collides with nothing it could change; on a read
	// replica 40001 is what a query cancelled by the replay of the primary's writes gets. Sent again,
	// the request succeeds. Conflict is kept for what the application itself decides (a stale edit).
	"40001": true, // serialization_failure
	"40P01": true, // deadlock_detected
}

// dbError turns an error of the database driver into an application error that web can answer: an
// outage or an overload becomes apperr.Unavailable with the driver's error kept as the cause, for
// the log and errors.Is. Application errors pass unchanged; a cancelled request passes as it is
// (the client left, there is no one to answer); anything else is wrapped with op and stays internal.
// Every Store method returns its driver errors through here, so the mapping is made in one place.
func dbError(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("%s: %w", op, err)
	}
	if unavailable(err) {
		return apperr.Wrap(op, apperr.Unavailable, err, unavailableMessage)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// unavailable reports whether err says the database could not be reached, went away, or refused
// the work for a reason that passes.
func unavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08 is connection_exception: the link to the server failed.
		return unavailableStates[pgErr.Code] || len(pgErr.Code) == 5 && pgErr.Code[:2] == "08"
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true // refused, reset, timed out or rejected at startup: no session to run anything on
	}
	if pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) {
		return true // the server did not answer within the request's deadline
	}
	for _, gone := range []error{
		pgconn.ErrConnClosed, puddle.ErrClosedPool, net.ErrClosed, io.EOF, io.ErrUnexpectedEOF,
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED, syscall.EPIPE,
	} {
		if errors.Is(err, gone) {
			return true
		}
	}
	var opErr *net.OpError
	return errors.As(err, &opErr)
}
