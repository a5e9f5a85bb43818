package tiles

import (
	"strconv"
	"strings"

	"github.com/pingyang/parkmap/apperr"
)

// MaxZoom is the highest zoom any tile request may name. Web maps stop at 22; the all-layers tileset
// answers up to it (with an empty tile past its layers' ranges) so that an overzooming client gets
// 204 rather than an error.
const MaxZoom = 22

// Format is the one tile encoding served, and the file extension of tile URLs.
const Format = "mvt"

// Coord addresses one tile in the XYZ scheme (y = 0 at the top, as in Web Mercator slippy maps).
type Coord struct {
	Z, X, Y int
}

// String renders the coordinate as a path: "z/x/y".
func (c Coord) String() string {
	return strconv.Itoa(c.Z) + "/" + strconv.Itoa(c.X) + "/" + strconv.Itoa(c.Y)
}

// SplitTileName splits the last path element of a tile URL ("5.mvt") into the y value and checks the
// extension. Any format but Format does not exist here: that is a not-found, not a bad request.
func SplitTileName(name string) (string, error) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", apperr.Errorf(apperr.NotFound, "a tile URL ends in {y}.%s; %q has no extension", Format, clip(name))
	}
	if ext := name[i+1:]; ext != Format {
		return "", apperr.Errorf(apperr.NotFound, "tiles are served as .%s only, not .%s", Format, clip(ext))
	}
	return name[:i], nil
}

// ParseCoord parses and checks the z, x and y of a tile request against the tileset. The numbers must
// be plain decimal (no sign, spaces, leading zeros, fractions or hex) so that each tile has exactly
// one URL, which keeps HTTP caches from holding copies. A z below the tileset's minimum zoom is valid:
// the caller answers it with an empty tile, since a map may well ask for it.
func (t Tileset) ParseCoord(zs, xs, ys string) (Coord, error) {
	z, err := parseNumber("z", zs)
	if err != nil {
		return Coord{}, err
	}
	x, err := parseNumber("x", xs)
	if err != nil {
		return Coord{}, err
	}
	y, err := parseNumber("y", ys)
	if err != nil {
		return Coord{}, err
	}
	if z > t.MaxRequestZoom {
		return Coord{}, apperr.FieldErrorf(apperr.Invalid, "z",
			"z %d is above the maximum zoom %d of tileset %s", z, t.MaxRequestZoom, t.ID)
	}
	limit := 1 << z
	if x >= limit {
		return Coord{}, apperr.FieldErrorf(apperr.Invalid, "x", "x %d is out of range at zoom %d: x must be below %d", x, z, limit)
	}
	if y >= limit {
		return Coord{}, apperr.FieldErrorf(apperr.Invalid, "y", "y %d is out of range at zoom %d: y must be below %d", y, z, limit)
	}
	return Coord{Z: z, X: x, Y: y}, nil
}

// maxDigits bounds a tile number: 2^22 has 7 digits, so anything longer is out of range at every zoom
// and never needs parsing.
const maxDigits = 8

func parseNumber(name, s string) (int, error) {
	if s == "" {
		return 0, apperr.FieldErrorf(apperr.Invalid, name, "%s is missing: it must be a whole number such as 0, 1, 2", name)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, apperr.FieldErrorf(apperr.Invalid, name,
				"%s must be a whole number written in plain digits (no sign, space, point or prefix), not %q", name, clip(s))
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return 0, apperr.FieldErrorf(apperr.Invalid, name, "%s must be written without leading zeros, not %q", name, clip(s))
	}
	if len(s) > maxDigits {
		return 0, apperr.FieldErrorf(apperr.Invalid, name, "%s %s is out of range for every zoom", name, clip(s))
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, apperr.FieldErrorf(apperr.Invalid, name, "%s must be a whole number, not %q", name, clip(s))
	}
	return n, nil
}

// clip keeps echoed input short: an error message repeats what was wrong, not a whole attack string.
func clip(s string) string {
	const max = 24
	if len(s) <= max {
		return s
	}
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
