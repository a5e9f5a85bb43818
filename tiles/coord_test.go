package tiles_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pingyang/parkmap/apperr"
	"github.com/pingyang/parkmap/catalog"
	"github.com/pingyang/parkmap/tiles"
)

func mustSet(t *testing.T, id string) tiles.Tileset {
	t.Helper()
	set, ok := tiles.MustCatalogue(catalog.DefaultCollections()).Tileset(id)
	if !ok {
		t.Fatalf("no tileset %q", id)
	}
	return set
}

func TestParseCoordValid(t *testing.T) {
	parks := mustSet(t, "parks")
	all := mustSet(t, tiles.AllID)
	tests := []struct {
		set     tiles.Tileset
		z, x, y string
		want    tiles.Coord
	}{
		{all, "0", "0", "0", tiles.Coord{}},
		{all, "22", "4194303", "4194303", tiles.Coord{Z: 22, X: 1<<22 - 1, Y: 1<<22 - 1}},
		{parks, "8", "213", "109", tiles.Coord{Z: 8, X: 213, Y: 109}},
		{parks, "18", "10", "20", tiles.Coord{Z: 18, X: 10, Y: 20}},
		// Below the minimum zoom is not an error: the caller serves an empty tile.
		{parks, "3", "6", "3", tiles.Coord{Z: 3, X: 6, Y: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.set.ID+"/"+tc.z+"/"+tc.x+"/"+tc.y, func(t *testing.T) {
			got, err := tc.set.ParseCoord(tc.z, tc.x, tc.y)
			if err != nil {
				t.Fatalf("ParseCoord: %v", err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if got.String() != tc.z+"/"+tc.x+"/"+tc.y {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

func TestParseCoordInvalid(t *testing.T) {
	parks := mustSet(t, "parks")
	all := mustSet(t, tiles.AllID)
	tests := []struct {
		name    string
		set     tiles.Tileset
		z, x, y string
		field   string
		mention string // a word the message must contain
	}{
		{"z letters", parks, "1a", "0", "0", "z", "1a"},
		{"z leading space", parks, " 1", "0", "0", "z", "z must"},
		{"z plus", parks, "+1", "0", "0", "z", "z must"},
		{"z decimal", parks, "1.0", "0", "0", "z", "z must"},
		{"z hex", parks, "0x1", "0", "0", "z", "z must"},
		{"z negative", parks, "-1", "0", "0", "z", "z must"},
		{"z empty", parks, "", "0", "0", "z", "missing"},
		{"z leading zero", parks, "08", "0", "0", "z", "leading zeros"},
		{"z huge", parks, "123456789012345678901234567890", "0", "0", "z", "out of range"},
		{"z unicode digit", parks, "１", "0", "0", "z", "z must"},
		{"z above layer max", parks, "19", "0", "0", "z", "18"},
		{"z above all max", all, "23", "0", "0", "z", "22"},
		{"x letters", parks, "10", "abc", "0", "x", "abc"},
		{"x negative", parks, "10", "-5", "0", "x", "x must"},
		{"x too large", parks, "10", "1024", "0", "x", "1024"},
		{"x trailing space", parks, "10", "5 ", "0", "x", "x must"},
		{"y letters", parks, "10", "0", "1e3", "y", "y must"},
		{"y too large", parks, "10", "0", "1024", "y", "below 1024"},
		{"y at z0", all, "0", "0", "1", "y", "y 1"},
		{"x at z0", all, "0", "1", "0", "x", "x 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.set.ParseCoord(tc.z, tc.x, tc.y)
			var ae *apperr.Error
			if !errors.As(err, &ae) {
				t.Fatalf("error %v is not a *apperr.Error", err)
			}
			if ae.Code != apperr.Invalid {
				t.Errorf("code %q, want %q", ae.Code, apperr.Invalid)
			}
			if ae.Field != tc.field {
				t.Errorf("field %q, want %q", ae.Field, tc.field)
			}
			if !strings.HasPrefix(ae.Message, tc.field+" ") {
				t.Errorf("message %q does not start with the parameter %q", ae.Message, tc.field)
			}
			if !strings.Contains(ae.Message, tc.mention) {
				t.Errorf("message %q does not mention %q", ae.Message, tc.mention)
			}
			if len(ae.Message) > 200 {
				t.Errorf("message is %d bytes long", len(ae.Message))
			}
		})
	}
}

func TestSplitTileName(t *testing.T) {
	for _, tc := range []struct {
		in, y string
		ok    bool
	}{
		{"5.mvt", "5", true},
		{"1a.mvt", "1a", true}, // y is checked by ParseCoord, with its own message
		{"5.pbf", "", false},
		{"5.MVT", "", false},
		{"5.mvt.gz", "", false},
		{"5", "", false},
		{".mvt", "", true},
	} {
		y, err := tiles.SplitTileName(tc.in)
		if tc.ok {
			if err != nil || y != tc.y {
				t.Errorf("SplitTileName(%q) = %q, %v; want %q", tc.in, y, err, tc.y)
			}
			continue
		}
		if apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("SplitTileName(%q): error %v, want a not_found", tc.in, err)
		}
	}
}
