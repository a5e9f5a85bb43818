package postgis

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/pingyang/parkmap/accounts"
	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/layerimport"
)

// Audit actions of the saved field mappings (migration 0016).
const (
	ActionMappingSave   = "import.mapping_save"
	ActionMappingDelete = "import.mapping_delete"
)

// SaveMapping keeps m as layer's mapping named name (m's own Layer and Name are set from them),
// replacing one of that name, in one audited transaction; it returns the mapping as saved (tidied by
// layerimport.SavedMapping.Check, with who and when). A mapping that does not check is an Invalid
// error naming each field at fault.
func (s *Store) SaveMapping(ctx context.Context, a accounts.Actor, layer, name string, m layerimport.SavedMapping) (layerimport.SavedMapping, error) {
	m.Layer, m.Name = layer, name
	m, err := m.Check()
	if err != nil {
		return m, err
	}
	js, err := json.Marshal(m.Mapping)
	if err != nil {
		return m, fmt.Errorf("save mapping: %w", err)
	}
	m.SavedBy = a.Username
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, query("mappings_lock_key"), mappingKey(m.Layer, m.Name)); err != nil {
			return err
		}
		var before *layerimport.SavedMapping
		old, err := scanMapping(tx.QueryRow(ctx, query("mappings_lock"), m.Layer, m.Name))
		switch {
		case err == nil:
			before = &old
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if err := tx.QueryRow(ctx, query("mappings_upsert"), m.Layer, m.Name, string(js), m.AreaUnit, m.CRS, m.Encoding,
			m.SavedBy).Scan(&m.SavedAt); err != nil {
			return err
		}
		return audit(ctx, tx, a, ActionMappingSave, "import_mappings", mappingKey(m.Layer, m.Name), auditedMapping(before), auditedMapping(&m))
	})
	if err != nil {
		return m, dbError("save mapping", err)
	}
	return m, nil
}

// Mappings lists layer's saved mappings by name (an empty list, not nil, when there are none).
func (s *Store) Mappings(ctx context.Context, layer string) ([]layerimport.SavedMapping, error) {
	if err := knownLayer(layer); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, query("mappings_list"), layer)
	if err != nil {
		return nil, dbError("mappings", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (layerimport.SavedMapping, error) { return scanMapping(row) })
	if out == nil {
		out = []layerimport.SavedMapping{}
	}
	return out, dbError("mappings", err)
}

// Mapping returns layer's mapping named name, or a NotFound error on the field mapping.
func (s *Store) Mapping(ctx context.Context, layer, name string) (layerimport.SavedMapping, error) {
	if err := knownLayer(layer); err != nil {
		return layerimport.SavedMapping{}, err
	}
	m, err := scanMapping(s.pool.QueryRow(ctx, query("mappings_get"), layer, name))
	if errors.Is(err, pgx.ErrNoRows) {
		return m, noMapping(layer, name)
	}
	return m, dbError("mapping", err)
}

// DeleteMapping removes layer's mapping named name, audited; a mapping that is not there is a
// NotFound error on the field mapping.
func (s *Store) DeleteMapping(ctx context.Context, a accounts.Actor, layer, name string) error {
	if err := knownLayer(layer); err != nil {
		return err
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		old, err := scanMapping(tx.QueryRow(ctx, query("mappings_delete"), layer, name))
		if errors.Is(err, pgx.ErrNoRows) {
			return noMapping(layer, name)
		}
		if err != nil {
			return err
		}
		return audit(ctx, tx, a, ActionMappingDelete, "import_mappings", mappingKey(layer, name), auditedMapping(&old), nil)
	})
	return dbError("delete mapping", err)
}

// MappingHints are what the suggestion of a mapping needs from the database: the parks' ids, names
// and aliases, for a park field whose name says nothing (layerimport.SuggestWith).
func (s *Store) MappingHints(ctx context.Context) (layerimport.Hints, error) {
	rows, err := s.pool.Query(ctx, query("mappings_park_names"))
	if err != nil {
		return layerimport.Hints{}, dbError("mapping hints", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return layerimport.Hints{ParkNames: names}, dbError("mapping hints", err)
}

// scanMapping reads one row of the mappings_* queries.
func scanMapping(row pgx.Row) (layerimport.SavedMapping, error) {
	var m layerimport.SavedMapping
	var js string
	if err := row.Scan(&m.Layer, &m.Name, &js, &m.AreaUnit, &m.CRS, &m.Encoding, &m.SavedBy, &m.SavedAt); err != nil {
		return m, err
	}
	return m, json.Unmarshal([]byte(js), &m.Mapping)
}

// auditedMapping is a mapping as its audit row shows it (nil: none, SQL NULL).
func auditedMapping(m *layerimport.SavedMapping) any {
	if m == nil {
		return nil
	}
	return map[string]any{"mapping": m.Mapping, "area_unit": m.AreaUnit, "crs": m.CRS, "encoding": m.Encoding}
}

// mappingKey is a mapping's audit row key: "<layer>/<name>".
func mappingKey(layer, name string) string { return layer + "/" + name }

func knownLayer(layer string) error {
	if _, ok := layerimport.TargetOf(layer); ok {
		return nil
	}
	return apperr.Fields([]apperr.FieldError{{Field: "layer",
		Message:   fmt.Sprintf("layer %s cannot be imported", apperr.Quote(layer)),
		MessageZh: fmt.Sprintf("图层“%s”不能导入", layer)}})
}

func noMapping(layer, name string) error {
	en := fmt.Sprintf("layer %s has no saved field mapping %s", layer, apperr.Quote(name))
	zh := fmt.Sprintf("图层“%s”没有名为“%s”的已保存字段对应", layer, name)
	return &apperr.Error{Op: "mapping", Code: apperr.NotFound, Field: "mapping", Message: en,
		Fields: []apperr.FieldError{{Field: "mapping", Message: en, MessageZh: zh}}}
}
