package web

import (
	"fmt"
	"net/url"
	"strings"
)

// CheckTilesArchive checks a tiles archive's address (PageOptions.TilesArchive, serve -tiles-archive):
// "" (none), an absolute http or https URL with a host, or a path on this server's origin starting
// with a single /. Anything else would be resolved by each browser against the page's own address, or
// not be fetched at all, so it is refused at start-up rather than seen as a blank map.
func CheckTilesArchive(s string) error {
	if s == "" {
		return nil
	}
	const example = "as https://tiles.example.gov.cn/pingyang.pmtiles or /static-tiles/pingyang.pmtiles"
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("-tiles-archive %q is not a URL (%v): name the PMTiles archive %s", s, err, example)
	}
	switch {
	case strings.Contains(s, `\`):
		// A browser reads a backslash as a slash: /\host/x is //host/x, another host.
		return fmt.Errorf("-tiles-archive %q has a backslash, which browsers read as /: %s", s, example)
	case strings.HasPrefix(s, "//"):
		return fmt.Errorf("-tiles-archive %q: a scheme-relative URL depends on how the page was opened: give http:// or https://, %s", s, example)
	case u.Scheme == "" && strings.HasPrefix(s, "/"):
		return nil
	case u.Scheme == "":
		return fmt.Errorf("-tiles-archive %q is a relative path, which each page would resolve against its own address: start it with /, or give an absolute URL, %s", s, example)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("-tiles-archive %q: scheme %q: the page reads the archive over HTTP with Range requests, so use http or https, %s", s, u.Scheme, example)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("-tiles-archive %q has no host: %s", s, example)
	case u.User != nil:
		return fmt.Errorf("-tiles-archive %q carries a user name or password, which every visitor's page would be sent: serve the archive without them", s)
	case strings.ContainsAny(u.Host, " ;,'\"*"):
		return fmt.Errorf("-tiles-archive %q: host %q is not a host name", s, u.Host)
	}
	return nil
}

// archiveOrigin is the origin (scheme://host[:port]) of an absolute, checked archive URL, or "" for
// a path on this server (or none).
func archiveOrigin(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}
