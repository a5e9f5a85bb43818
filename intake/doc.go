// Package intake is what happens to an uploaded file before GDAL ever sees it (issue 10's "bad
// input" about files, and its text-encoding rule). GDAL is a large C library that trusts what it is
// given: a zip bomb, a path that climbs out of the work directory, or a GBK file read as UTF-8
// would reach it, or the database, unchecked. So an upload is unpacked here under caps counted while
// reading, every entry name is checked, the readable datasets are listed, and the attribute text's
// encoding is decided from the raw bytes, refusing to guess rather than storing mojibake.
//
// The package sits at the ground of the layering (it imports only apperr): the import command and
// the web handler both call it, and it knows nothing about layers, the store or HTTP.
package intake
