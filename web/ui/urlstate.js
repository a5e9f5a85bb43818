// The page's state in its URL, so that a link reproduces what someone sees: filters, search, colour
// mode, hidden layers, list order, the open card, language and basemap in the query; the view (zoom,
// centre, bearing, pitch) in the hash, which MapLibre's hash option reads and writes.
import { FILTER_KEYS } from './model.js';

/** LAYER_GROUPS are the switchable layer groups, in the layer list's order. */
export const LAYER_GROUPS = ['parks', 'zones', 'parcels', 'redevelopment', 'towns', 'county', 'labels'];

/** DEFAULT_HIDDEN are the groups off until switched on. */
export const DEFAULT_HIDDEN = [];

/** defaultState is the page's state with nothing chosen. */
export function defaultState() {
  return {
    filters: { q: '', zone: '', status: '', industry: '', dev: '', town: '' },
    color: 'status',
    hidden: new Set(DEFAULT_HIDDEN),
    sort: { key: 'seq', dir: 'asc' },
    park: '',
    lang: 'zh',
    basemap: '',
  };
}

const clean = (s, max = 64) => (typeof s === 'string' ? s.slice(0, max) : '');

/** readState parses a query string ("?zone=culture&…") into a state; unknown or malformed values are ignored. */
export function readState(search) {
  const p = new URLSearchParams(search);
  const s = defaultState();
  s.filters.q = clean(p.get('q') ?? '');
  for (const k of FILTER_KEYS) s.filters[k] = clean(p.get(k) ?? '');
  if (['zone', 'grade'].includes(p.get('color'))) s.color = p.get('color');
  if (p.has('hide')) {
    s.hidden = new Set((p.get('hide') || '').split(',').filter((g) => LAYER_GROUPS.includes(g)));
  }
  const [key, dir] = (p.get('sort') || '').split('.');
  if (['seq', 'name', 'town', 'status', 'mu', 'wan', 'firms'].includes(key)) {
    s.sort = { key, dir: dir === 'desc' ? 'desc' : 'asc' };
  }
  s.park = clean(p.get('park') ?? '');
  if (p.get('lang') === 'en') s.lang = 'en';
  if (['local', 'tianditu'].includes(p.get('basemap'))) s.basemap = p.get('basemap');
  return s;
}

/** writeState returns the query string ("?…" or "") for state s; defaults are left out. */
export function writeState(s) {
  const p = new URLSearchParams();
  if (s.filters.q.trim()) p.set('q', s.filters.q.trim());
  for (const k of FILTER_KEYS) if (s.filters[k]) p.set(k, s.filters[k]);
  if (s.color !== 'status') p.set('color', s.color);
  const hidden = LAYER_GROUPS.filter((g) => s.hidden.has(g));
  const defaults = LAYER_GROUPS.filter((g) => DEFAULT_HIDDEN.includes(g));
  if (hidden.join(',') !== defaults.join(',')) p.set('hide', hidden.join(','));
  if (s.sort.key !== 'seq' || s.sort.dir !== 'asc') p.set('sort', `${s.sort.key}.${s.sort.dir}`);
  if (s.park) p.set('park', s.park);
  if (s.lang !== 'zh') p.set('lang', s.lang);
  if (s.basemap) p.set('basemap', s.basemap);
  const q = p.toString();
  return q ? `?${q}` : '';
}
