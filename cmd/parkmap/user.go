package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	osuser "os/user"
	"strings"
	"text/tabwriter"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/internal/postgis"
	"golang.org/x/term"
)

const userUsage = `usage:
  parkmap user add -username NAME -display-name 姓名 [-unit 单位] -roles ROLE[,ROLE] [-password-stdin] [-if-absent]
  parkmap user passwd [-password-stdin] NAME
  parkmap user disable NAME
  parkmap user enable NAME
  parkmap user list [-json]
roles: viewer, planner, land, data_admin, admin. The password is asked twice on a terminal, or read
as one line from standard input with -password-stdin; it is never a flag (flags show in ps).
The database is DATABASE_URL (the owner, as for migrate), or -db. Every change is audited as
cli:<your login name>.`

// userIO is where the user command reads passwords and writes its answers.
type userIO struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func runUser(ctx context.Context, args []string, uio userIO) error {
	if len(args) == 0 {
		return usageError{"user: no subcommand given\n" + userUsage}
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("user "+sub, uio.stderr)
	db := dbFlag(fs)
	var run func(*accounts.Service, accounts.Actor, []string) error
	switch sub {
	case "add":
		var n accounts.NewUser
		var roles string
		fs.StringVar(&n.Username, "username", "", "login name (lower-case letters, digits, . _ -)")
		fs.StringVar(&n.DisplayName, "display-name", "", "the person's name as the page shows it (e.g. 张三)")
		fs.StringVar(&n.Unit, "unit", "", "the person's unit (e.g. 县经信局)")
		fs.StringVar(&roles, "roles", "", "comma-separated roles: viewer, planner, land, data_admin, admin")
		stdinPw := fs.Bool("password-stdin", false, "read the password as one line from standard input")
		ifAbsent := fs.Bool("if-absent", false, "succeed without a change when the user exists already")
		run = func(svc *accounts.Service, a accounts.Actor, _ []string) error {
			n.Roles = splitList(roles)
			if *ifAbsent && userExists(ctx, svc, n.Username) {
				fmt.Fprintf(uio.stdout, "user: %s exists already; unchanged\n", n.Username)
				return nil
			}
			if _, err := n.Check(); err != nil && apperr.CodeOf(err) == apperr.Invalid && fieldOf(err) != "password" {
				return err // say what is wrong before asking for a password
			}
			pw, err := readPassword(uio, *stdinPw)
			if err != nil {
				return err
			}
			n.Password = pw
			u, err := svc.Create(ctx, a, n)
			if err != nil {
				return err
			}
			fmt.Fprintf(uio.stdout, "user: added %s (%s, %s) with roles %s\n", u.Username, u.DisplayName, u.Unit, strings.Join(u.Roles, ","))
			return nil
		}
	case "passwd":
		stdinPw := fs.Bool("password-stdin", false, "read the password as one line from standard input")
		run = func(svc *accounts.Service, a accounts.Actor, names []string) error {
			pw, err := readPassword(uio, *stdinPw)
			if err != nil {
				return err
			}
			if _, err := svc.Update(ctx, a, names[0], accounts.Change{Password: &pw}); err != nil {
				return err
			}
			fmt.Fprintf(uio.stdout, "user: password of %s changed; its sessions have ended\n", names[0])
			return nil
		}
	case "disable", "enable":
		run = func(svc *accounts.Service, a accounts.Actor, names []string) error {
			off := sub == "disable"
			if _, err := svc.Update(ctx, a, names[0], accounts.Change{Disabled: &off}); err != nil {
				return err
			}
			fmt.Fprintf(uio.stdout, "user: %s %sd\n", names[0], sub)
			return nil
		}
	case "list":
		asJSON := fs.Bool("json", false, "print JSON")
		run = func(svc *accounts.Service, _ accounts.Actor, _ []string) error {
			users, err := svc.Users(ctx)
			if err != nil {
				return err
			}
			return printUsers(uio.stdout, users, *asJSON)
		}
	default:
		return usageError{fmt.Sprintf("user: unknown subcommand %q\n%s", sub, userUsage)}
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	names := fs.Args()
	wantName := sub == "passwd" || sub == "disable" || sub == "enable"
	switch {
	case wantName && len(names) != 1:
		return usageError{fmt.Sprintf("user %s: give one user name", sub)}
	case !wantName && len(names) > 0:
		return usageError{"unexpected argument " + names[0]}
	}
	if err := requireDB(*db, ownerURLEnv); err != nil {
		return err
	}
	store, err := postgis.Open(ctx, *db, postgis.Options{AppName: "parkmap-user", MaxConns: 2})
	if err != nil {
		return err
	}
	defer store.Close()
	svc := accounts.NewService(postgis.NewAccounts(store, store), accounts.DefaultLoginLimits)
	return run(svc, accounts.CommandLine(osUserName()), names)
}

func osUserName() string {
	if u, err := osuser.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USER")
}

func userExists(ctx context.Context, svc *accounts.Service, name string) bool {
	users, err := svc.Users(ctx)
	if err != nil {
		return false
	}
	for _, u := range users {
		if u.Username == name {
			return true
		}
	}
	return false
}

func fieldOf(err error) string {
	if ae, ok := apperr.As(err); ok {
		return ae.Field
	}
	return ""
}

// readPassword reads one line from stdin with -password-stdin, or asks twice without echo on a
// terminal. The password is checked by the service (accounts.CheckPassword), not here.
func readPassword(uio userIO, fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(uio.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	f, ok := uio.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usageError{"no terminal to ask the password on: pass -password-stdin and give it on standard input"}
	}
	fmt.Fprint(uio.stderr, "password: ")
	a, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(uio.stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	fmt.Fprint(uio.stderr, "again: ")
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(uio.stderr)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	if string(a) != string(b) {
		return "", errors.New("the two passwords differ")
	}
	return string(a), nil
}

func printUsers(w io.Writer, users []accounts.User, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if users == nil {
			users = []accounts.User{}
		}
		return enc.Encode(users)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tUNIT\tROLES\tSTATE\tLAST LOGIN")
	for _, u := range users {
		state, last := "active", "never"
		if u.Disabled {
			state = "disabled"
		}
		if u.LastLoginAt != nil {
			last = u.LastLoginAt.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, u.Unit, strings.Join(u.Roles, ","), state, last)
	}
	return tw.Flush()
}
