// The parks as the page filters, sorts and sums them. Pure functions of the API's park properties, so
// that the list, the statistics strip and the map's filter always agree, and node can test them.

/** FILTER_KEYS are the filters the page offers, each an exact match on one park property. */
export const FILTER_KEYS = ['zone', 'status', 'industry', 'dev', 'town'];

/** STATUSES are the plan's construction statuses in their natural order, then 已认定 (recognised by
 * the county), which a planner may give a park now (parkfacts.Statuses). */
export const STATUSES = ['已竣工', '在建', '新建', '拟建', '已认定'];

/** matches reports whether park properties p pass filters f ({q, zone, status, industry, dev, town}). */
export function matches(p, f) {
  if (f.zone && p.zone !== f.zone) return false;
  if (f.status && p.status !== f.status) return false;
  if (f.industry && !(p.industries || []).includes(f.industry)) return false;
  if (f.dev && p.dev_mode !== f.dev) return false;
  if (f.town && p.town !== f.town) return false;
  const q = (f.q || '').trim().toLowerCase();
  if (q) {
    const names = [p.name, ...(p.aliases || [])].map((s) => String(s).toLowerCase());
    if (!names.some((n) => n.includes(q))) return false;
  }
  return true;
}

/** isFiltered reports whether any filter or the search is set. */
export function isFiltered(f) {
  return FILTER_KEYS.some((k) => f[k]) || Boolean((f.q || '').trim());
}

/** applyFilters returns the parks (property objects) that pass f, in their given order. */
export function applyFilters(parks, f) {
  return parks.filter((p) => matches(p, f));
}

const round = (x) => Math.round(x * 100) / 100;

/**
 * stats sums what the strip shows: park rows, the plan's 亩, 万㎡ and firms (split by the plan's basis:
 * 入驻 firms already in a park, 计划 firms planned for a new one). Missing figures add nothing.
 */
export function stats(parks) {
  const s = { parks: parks.length, counted: 0, mu: 0, wan: 0, firms: 0, firmsIn: 0, firmsPlanned: 0 };
  for (const p of parks) {
    s.counted += p.counts_as_parks ?? 1;
    s.mu += p.plan_area_mu ?? 0;
    s.wan += p.building_area_wan_m2 ?? 0;
    const n = p.firms ?? 0;
    s.firms += n;
    if (p.firms_basis === '计划') s.firmsPlanned += n;
    else s.firmsIn += n;
  }
  s.mu = round(s.mu);
  s.wan = round(s.wan);
  return s;
}

/** SORT_KEYS are the list's sort keys and how each reads a park. */
export const SORT_KEYS = {
  seq: (p) => p.seq,
  name: (p) => p.name,
  town: (p) => p.town,
  status: (p) => STATUSES.indexOf(p.status),
  mu: (p) => p.plan_area_mu,
  wan: (p) => p.building_area_wan_m2,
  firms: (p) => p.firms,
};

/** sortParks returns a sorted copy; missing figures go last whichever the direction, ties by seq. */
export function sortParks(parks, key = 'seq', dir = 'asc') {
  const get = SORT_KEYS[key] || SORT_KEYS.seq;
  const sign = dir === 'desc' ? -1 : 1;
  return [...parks].sort((a, b) => {
    const x = get(a), y = get(b);
    if (x == null && y != null) return 1;
    if (y == null && x != null) return -1;
    let c = 0;
    if (typeof x === 'string' || typeof y === 'string') c = String(x).localeCompare(String(y), 'zh-Hans-CN');
    else if (x !== y) c = x < y ? -1 : 1;
    return c !== 0 ? sign * c : a.seq - b.seq;
  });
}

/** options lists the values each filter can take, in the plan's order of first appearance. */
export function options(parks) {
  const seen = { zone: new Map(), status: new Set(), industry: new Set(), dev: new Set(), town: new Set() };
  for (const p of [...parks].sort((a, b) => a.seq - b.seq)) {
    if (!seen.zone.has(p.zone)) seen.zone.set(p.zone, p.zone_name);
    seen.status.add(p.status);
    for (const i of p.industries || []) seen.industry.add(i);
    seen.dev.add(p.dev_mode);
    seen.town.add(p.town);
  }
  return {
    zone: [...seen.zone].map(([value, label]) => ({ value, label })),
    status: STATUSES.filter((s) => seen.status.has(s)).concat([...seen.status].filter((s) => !STATUSES.includes(s)))
      .map((s) => ({ value: s, label: s })),
    industry: [...seen.industry].map((s) => ({ value: s, label: s })),
    dev: [...seen.dev].filter(Boolean).map((s) => ({ value: s, label: s })),
    town: [...seen.town].map((s) => ({ value: s, label: s })),
  };
}
