// Reads parkmap's public API, relative to the page so that it works behind a path prefix too.

/** url resolves an API path against the page's address. */
export function url(path) {
  return new URL(path, document.baseURI).href;
}

/** getJSON fetches and parses a JSON resource (init: fetch's options, such as cache), failing with the server's own description. */
export async function getJSON(path, init = {}) {
  const res = await fetch(url(path), { ...init, headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try {
      const body = await res.json();
      if (body.description) msg += `: ${body.description}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(`${path}: ${msg}`);
  }
  return res.json();
}

/**
 * loadAll fetches what the page starts from: its config, the TileJSON, every park and the zones, and
 * the evaluation rounds (null if they cannot be read: the map works without them, the grade legend
 * then gives no count).
 */
export async function loadAll() {
  const [cfg, tj, parks, zones, evaluations] = await Promise.all([
    getJSON('ui/config.json'),
    getJSON('tiles/all.json'),
    getJSON('collections/parks/items?limit=1000'),
    getJSON('collections/zones/items?limit=1000'),
    getJSON('api/evaluations', { cache: 'no-cache' }).catch(() => null),
  ]);
  return { cfg, tj, parks: parks.features, zones: zones.features, evaluations };
}
