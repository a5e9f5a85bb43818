// The eligibility cases' pure parts (issue 12): the register's query, a save's body, a note's check
// and a case's URL. No DOM, so that node tests them (web/ui/test/cases.test.mjs).

export const VERDICTS = ['eligible', 'not_eligible', 'needs_information'];
export const MAX_NOTE = 2000;

/** coords writes a bbox or point as the service reads it: lon/lat to 6 decimals (about 0.1 m). */
const coords = (xs) => xs.map((x) => Number(x).toFixed(6)).join(',');

function searchParams(filters) {
  const q = new URLSearchParams();
  for (const k of ['number', 'parcel', 'verdict', 'since', 'until']) {
    const v = String(filters[k] ?? '').trim();
    if (v) q.set(k, v);
  }
  if (filters.bbox?.length === 4) q.set('bbox', coords(filters.bbox));
  if (filters.point?.length === 2) q.set('point', coords(filters.point));
  return q;
}

/** casesPath is the register's list URL path for the search form's values (empty ones left out),
 * a location (bbox: the map's view, point: a click) included. */
export function casesPath(filters = {}, limit = 50) {
  const q = searchParams(filters);
  q.set('limit', String(limit));
  return `api/eligibility/cases?${q}`;
}

/** casesExportPath is the export of every case the same search finds, as f = 'csv' or 'xlsx'. */
export function casesExportPath(filters = {}, f = 'csv') {
  const q = searchParams(filters);
  q.set('f', f);
  return `api/eligibility/cases?${q}`;
}

/** casePath is one case's URL path (the number has Chinese brackets: percent-encoded). */
export const casePath = (number) => `api/eligibility/cases/${encodeURIComponent(number)}`;

/** noteLength counts a note's characters as the service does (code points, after trimming). */
export const noteLength = (note) => [...String(note ?? '').trim()].length;

/** saveBody is a save's body: the very request of the last check, and the note if there is one. */
export function saveBody(checked, note) {
  const body = { ...checked };
  const n = String(note ?? '').trim();
  if (n) body.note = n;
  return body;
}
