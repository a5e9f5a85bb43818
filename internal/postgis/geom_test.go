package postgis_test

import "github.com/paulmach/orb"

func bowtie() orb.MultiPolygon {
	return orb.MultiPolygon{{{{120.50, 27.60}, {120.51, 27.61}, {120.51, 27.60}, {120.50, 27.61}, {120.50, 27.60}}}}
}
