package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/pingyang/parkmap/internal/app"
)

// runServe starts app.Main and serves until ctx ends (SIGINT/SIGTERM), then shuts down gracefully.
func runServe(ctx context.Context, args []string, stderr io.Writer) error {
	m := app.NewMain(stderr)
	if err := m.ParseFlags(args, stderr, os.Getenv); err != nil {
		return usageError{err.Error()}
	}
	if err := m.Run(ctx); err != nil {
		return err
	}
	select {
	case err := <-m.Done():
		_ = m.Close(context.Background())
		return err
	case <-ctx.Done():
	}
	m.Log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return m.Close(shutdownCtx)
}

func runHealthcheck(ctx context.Context, args []string, stderr io.Writer) error {
	fs := newFlags("healthcheck", stderr)
	url := fs.String("url", "http://127.0.0.1:8080/readyz", "URL that must answer 200")
	if err := parse(fs, args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return usageError{err.Error()}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", *url, resp.Status)
	}
	return nil
}
