// Package e2e holds tests that read the running service with clients nobody here wrote (GDAL's
// OAPIF and MVT drivers), against the real PostGIS that `make test` starts.
package e2e
