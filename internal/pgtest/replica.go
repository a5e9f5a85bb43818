package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Replica is a private primary cluster and a hot standby streaming from it, both on 127.0.0.1, for
// tests of serving from a standby (issue 11). Both trust 127.0.0.1; their superuser is postgres.
type Replica struct {
	PrimaryPort, StandbyPort int
}

// PrimaryURL is the primary's URL for user and database db.
func (r *Replica) PrimaryURL(user, db string) string { return loopbackURL(r.PrimaryPort, user, db) }

// StandbyURL is the standby's URL for user and database db.
func (r *Replica) StandbyURL(user, db string) string { return loopbackURL(r.StandbyPort, user, db) }

func loopbackURL(port int, user, db string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", user, port, db)
}

// NewReplica makes a fresh primary (initdb, wal_level=replica) and a standby (pg_basebackup -R) in
// temporary directories, starts both and stops and removes them with the test. Missing PostgreSQL
// server binaries fail the test, as a missing database does everywhere else. As root, as
// scripts/pgcluster.sh does, the clusters run as the OS user postgres (initdb refuses root), so
// their directory is made outside t.TempDir (whose parents only root may enter) and given to it.
func NewReplica(t testing.TB) *Replica {
	t.Helper()
	bin, err := serverBinDir()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	dir, err := os.MkdirTemp("", "parkmap-replica-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	asOwner := func(name string, args ...string) *exec.Cmd { return exec.Command(name, args...) }
	if os.Geteuid() == 0 {
		pg, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("pgtest: running as root needs the OS user postgres to run the clusters: %v", err)
		}
		uid, _ := strconv.Atoi(pg.Uid)
		gid, _ := strconv.Atoi(pg.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		asOwner = func(name string, args ...string) *exec.Cmd {
			return exec.Command("runuser", append([]string{"-u", "postgres", "--", name}, args...)...)
		}
	}
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := asOwner(filepath.Join(bin, name), args...).CombinedOutput(); err != nil {
			t.Fatalf("pgtest: %s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	r := &Replica{PrimaryPort: freePort(t), StandbyPort: freePort(t)}
	primary, standby := filepath.Join(dir, "primary"), filepath.Join(dir, "standby")
	run("initdb", "-D", primary, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")
	conf := func(data string, port int) string {
		return fmt.Sprintf("\nlisten_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\n"+
			"wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\n", port, data)
	}
	appendFile(t, asOwner, filepath.Join(primary, "postgresql.conf"), conf(primary, r.PrimaryPort))
	// initdb's pg_hba already trusts replication from 127.0.0.1; said again so the test does not
	// depend on a packaging's defaults.
	appendFile(t, asOwner, filepath.Join(primary, "pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n")
	start := func(data string) {
		t.Helper()
		run("pg_ctl", "-D", data, "-l", data+".log", "-w", "start")
		t.Cleanup(func() { _ = asOwner(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop").Run() })
	}
	start(primary)
	run("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(r.PrimaryPort), "-U", "postgres", "-D", standby, "-R", "-X", "stream")
	// The copied postgresql.conf names the primary's port; the later line wins.
	appendFile(t, asOwner, filepath.Join(standby, "postgresql.conf"), conf(standby, r.StandbyPort))
	start(standby)
	return r
}

// appendFile appends text to a file of the cluster's owner, as that owner.
func appendFile(t testing.TB, asOwner func(string, ...string) *exec.Cmd, path, text string) {
	t.Helper()
	cmd := asOwner("sh", "-c", `cat >> "$0"`, path)
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pgtest: append to %s: %v\n%s", path, err, out)
	}
}

// serverBinDir finds initdb, pg_ctl and pg_basebackup as scripts/pgcluster.sh does.
func serverBinDir() (string, error) {
	dirs := []string{os.Getenv("PG_BINDIR"), "/usr/lib/postgresql/15/bin"}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		ok := true
		for _, b := range []string{"initdb", "pg_ctl", "pg_basebackup"} {
			if _, err := os.Stat(filepath.Join(d, b)); err != nil {
				ok = false
			}
		}
		if ok {
			return d, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found in $PG_BINDIR, /usr/lib/postgresql/15/bin or pg_config --bindir; run scripts/install-deps.sh")
}

// freePort is a TCP port nothing listens on at the moment of asking.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
