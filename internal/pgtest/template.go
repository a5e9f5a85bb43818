package pgtest

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// baseKey is the tpls key of the postgis template every other database
// starts from; user keys are prefixed so they cannot collide with it.
const baseKey = "base"

// build returns the template stored under key, building it on first use.
// Concurrent callers wait for the one build and share its outcome.
func (c *cluster) build(key string, create func() (string, error)) (string, error) {
	c.tplMu.Lock()
	tpl := c.tpls[key]
	if tpl == nil {
		tpl = &template{}
		c.tpls[key] = tpl
	}
	c.tplMu.Unlock()
	tpl.once.Do(func() {
		// Stays the answer if create panics (a panicking init), so waiters
		// fail instead of cloning from an empty name.
		tpl.err = errors.New("template build did not finish")
		tpl.name, tpl.err = create()
	})
	return tpl.name, tpl.err
}

// base returns the template holding only the postgis extension. Creating the
// extension takes about a second; copying a database that has it takes a
// fraction of that.
func (c *cluster) base() (string, error) {
	return c.build(baseKey, func() (string, error) {
		name := dbName(templatePrefix, "postgis", c.lease, c.seq.Add(1))
		if err := c.exec("CREATE DATABASE " + ident(name) + " TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
			return "", fmt.Errorf("create postgis template: %w", err)
		}
		if err := c.addPostGIS(name); err != nil {
			return "", errors.Join(err, c.drop(name))
		}
		if err := c.seal(name); err != nil {
			return "", errors.Join(err, c.drop(name))
		}
		return name, nil
	})
}

func (c *cluster) addPostGIS(name string) error {
	ctx, cancel := adminContext()
	defer cancel()
	conn, err := pgx.Connect(ctx, c.urlOf(name))
	if err != nil {
		return fmt.Errorf("connect to postgis template: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE EXTENSION postgis"); err != nil {
		return fmt.Errorf("create extension postgis (is PostGIS installed? scripts/install-deps.sh): %w", err)
	}
	return nil
}

// template returns the template for key, built by init from the postgis template.
func (c *cluster) template(ctx context.Context, key string, init func(context.Context, string) error) (string, error) {
	base, err := c.base()
	if err != nil {
		return "", err
	}
	return c.build("key:"+key, func() (string, error) {
		name := dbName(templatePrefix, key, c.lease, c.seq.Add(1))
		if err := c.createFrom(name, base); err != nil {
			return "", fmt.Errorf("template %q: %w", key, err)
		}
		if err := init(ctx, c.urlOf(name)); err != nil {
			return "", errors.Join(fmt.Errorf("template %q: init: %w", key, err), c.drop(name))
		}
		if err := c.seal(name); err != nil {
			return "", errors.Join(fmt.Errorf("template %q: %w", key, err), c.drop(name))
		}
		return name, nil
	})
}

// seal makes a database usable as a template: nobody may connect to it any
// more, and sessions still connected are ended (CREATE DATABASE waits a few
// seconds for them to go).
func (c *cluster) seal(name string) error {
	if err := c.exec("ALTER DATABASE " + ident(name) + " ALLOW_CONNECTIONS false"); err != nil {
		return fmt.Errorf("seal %s: %w", name, err)
	}
	err := c.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)
	if err != nil {
		return fmt.Errorf("seal %s: end sessions: %w", name, err)
	}
	return nil
}
