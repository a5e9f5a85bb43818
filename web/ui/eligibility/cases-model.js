// The eligibility cases' pure parts (issue 12): the register's query, a save's body, a note's check
// and a case's URL. No DOM, so that node tests them (web/ui/test/cases.test.mjs).

export const VERDICTS = ['eligible', 'not_eligible', 'needs_information'];
export const MAX_NOTE = 2000;

/** casesPath is the register's list URL path for the search form's values (empty ones left out). */
export function casesPath(filters = {}, limit = 50) {
  const q = new URLSearchParams();
  for (const k of ['number', 'parcel', 'verdict', 'since', 'until']) {
    const v = String(filters[k] ?? '').trim();
    if (v) q.set(k, v);
  }
  q.set('limit', String(limit));
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
