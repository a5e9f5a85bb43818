package importer

import (
	"context"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/layerimport"
)

// SaveMapping keeps how a source's files are read (its fields, area unit, CRS and encoding) as
// layer's mapping named name, replacing one of that name; it returns the mapping as saved. Which
// user may is the caller's check (the layer's Target.Roles), as for Import.
func (s *Service) SaveMapping(ctx context.Context, a accounts.Actor, layer, name string, m layerimport.SavedMapping) (layerimport.SavedMapping, error) {
	return s.Store.SaveMapping(ctx, a, layer, name, m)
}

// Mappings lists layer's saved mappings by name.
func (s *Service) Mappings(ctx context.Context, layer string) ([]layerimport.SavedMapping, error) {
	return s.Store.Mappings(ctx, layer)
}

// Mapping returns layer's saved mapping named name (NotFound on the field mapping when there is none).
func (s *Service) Mapping(ctx context.Context, layer, name string) (layerimport.SavedMapping, error) {
	return s.Store.Mapping(ctx, layer, name)
}

// DeleteMapping removes layer's saved mapping named name.
func (s *Service) DeleteMapping(ctx context.Context, a accounts.Actor, layer, name string) error {
	return s.Store.DeleteMapping(ctx, a, layer, name)
}

// Suggest proposes a mapping of a file's fields (with some of their values) to layer's, with the
// parks' names as hints for a park field; an unknown layer suggests nothing.
func (s *Service) Suggest(ctx context.Context, layer string, fields []string, samples map[string][]string) ([]layerimport.Suggestion, error) {
	t, ok := layerimport.TargetOf(layer)
	if !ok {
		return nil, nil
	}
	h, err := s.Store.MappingHints(ctx)
	if err != nil {
		return nil, err
	}
	return layerimport.SuggestWith(t, fields, samples, h), nil
}
