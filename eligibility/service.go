package eligibility

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/pingyang/parkmap/apperr"
)

// Store measures what a check needs. It only reads and only measures: the rules, the derived facts
// (areas in 亩, inside_county, overlap sums) and the verdict are the Service's, so the store never
// calls back into the domain.
type Store interface {
	// EligibilityFacts measures a registered parcel (by id) or a drawn geometry and fills the measured
	// fields of Facts. An unknown id is an apperr.NotFound naming parcel_id; an invalid geometry an
	// apperr.Invalid naming geometry; anything else is a failure that stops a batch.
	EligibilityFacts(ctx context.Context, in FactsInput) (*Facts, error)
	// EligibilityParcels lists the ids and names of a collection a batch checks whole.
	EligibilityParcels(ctx context.Context, collection string) (ids, names []string, err error)
}

// Service answers eligibility checks: one at a time (Check) or many (Batch). The web handler and the
// command line both call it, so a batch runs the same way over HTTP and in check-parcels.
type Service struct {
	Rules *RuleSet
	Store Store
	// Workers is how many checks of a batch run at once (at least 1).
	Workers int
}

// NewService returns a Service over rules and store.
func NewService(rules *RuleSet, store Store, workers int) *Service {
	return &Service{Rules: rules, Store: store, Workers: max(workers, 1)}
}

// Check answers one request: it measures the input and evaluates the rules.
func (s *Service) Check(ctx context.Context, req CheckRequest) (Answer, error) {
	f, err := s.Facts(ctx, req.Input)
	if err != nil {
		return Answer{}, err
	}
	return s.Rules.Evaluate(f, req.Proposal)
}

// Facts measures an input and derives the summary facts from the measurements: what a check's
// answer reports under "facts".
func (s *Service) Facts(ctx context.Context, in FactsInput) (*Facts, error) {
	f, err := s.Store.EligibilityFacts(ctx, in)
	if err != nil {
		return nil, err
	}
	f.derive()
	return f, nil
}

// Batch checks every item of req (a named collection is listed from the store first), up to Workers
// at a time, calling progress after each (from one goroutine at a time). A problem with one item
// becomes its row's error; any other failure (the database) stops the batch.
func (s *Service) Batch(ctx context.Context, req BatchRequest, progress func(done, total int)) ([]BatchRow, error) {
	items := req.Items
	if req.Collection != "" {
		ids, names, err := s.Store.EligibilityParcels(ctx, req.Collection)
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, apperr.FieldErrorf(apperr.Invalid, "collection", "collection %s has nothing to check", req.Collection)
		}
		if items, err = req.ItemsForIDs(ids, names); err != nil {
			return nil, err
		}
	}
	return s.run(ctx, items, progress)
}

func (s *Service) run(ctx context.Context, items []BatchItem, progress func(done, total int)) ([]BatchRow, error) {
	rows := make([]BatchRow, len(items))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		done     int
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	workers := max(1, min(s.Workers, len(items)))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(items) || ctx.Err() != nil {
					return
				}
				row, err := s.checkItem(ctx, items[i])
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					return
				}
				rows[i] = row
				// Counted under the lock that calls progress, so that its calls come in order.
				mu.Lock()
				done++
				if progress != nil {
					progress(done, len(items))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

func (s *Service) checkItem(ctx context.Context, it BatchItem) (BatchRow, error) {
	row := BatchRow{Item: it}
	if it.Err != nil {
		row.Err = it.Err
		return row, nil
	}
	f, err := s.Facts(ctx, it.Input)
	if err == nil {
		var a Answer
		if a, err = s.Rules.Evaluate(f, it.Proposal); err == nil {
			row.Answer = &a
			if row.Item.Name == "" && f.Parcel != nil {
				row.Item.Name = f.Parcel.Name
			}
			return row, nil
		}
	}
	if e, ok := appError(err); ok {
		row.Err = e
		return row, nil
	}
	return row, fmt.Errorf("check %s: %w", it.ID, err)
}
