// A park's facts as the edit form holds them: the form's values from a record of
// GET /api/parks/{id}/facts, what the page itself can tell is wrong before sending, the PATCH body of
// only what changed, and the lists of changes the history and a conflict show. Pure (no DOM, no
// fetch), so that node tests it (web/ui/test/facts.test.mjs).

/** STATUSES and DEV_MODES are the service's vocabularies (parkfacts.Statuses, parkfacts.DevModes). */
export const STATUSES = ['已竣工', '在建', '新建', '拟建', '已认定'];
export const DEV_MODES = ['工业地产', '龙头企业开发', '政府主导企业自建', '国资公司代建', '待定'];

/** FIELDS are the facts in the form's order. */
export const FIELDS = ['status', 'firms_in_residence', 'industries', 'development_mode', 'operator', 'contact', 'notes', 'recognition_year'];

export const LIMITS = { operator: 100, contact: 100, notes: 2000, industry: 20, industries: 12, firms: 100000, firstYear: 2018 };

/** splitIndustries reads a list typed with commas, 、, semicolons or line breaks, in Chinese or Latin. */
export function splitIndustries(text) {
  return String(text ?? '').split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);
}

/**
 * formValues turns a record's current facts into the form's strings; '' is "no current value" (the
 * plan's stands).
 */
export function formValues(rec) {
  const f = rec?.facts || {};
  const str = (v) => (v == null ? '' : String(v));
  return {
    status: str(f.status), firms_in_residence: str(f.firms_in_residence), industries: (f.industries || []).join('、'),
    development_mode: str(f.development_mode), operator: str(f.operator), contact: str(f.contact), notes: str(f.notes),
    recognition_year: str(f.recognition_year),
  };
}

const msg = (field, key, args) => ({ field, key, ...(args ? { args } : {}) });
const chars = (s) => [...String(s)].length;

/**
 * check lists what is wrong with the form's values ({field, key, args}, key in the 'facts.err'
 * strings); year is this year in the county. The service checks the same and more.
 */
export function check(v, year = new Date().getFullYear()) {
  const out = [];
  if (v.status && !STATUSES.includes(v.status)) out.push(msg('status', 'err.status'));
  if (v.development_mode && !DEV_MODES.includes(v.development_mode)) out.push(msg('development_mode', 'err.devMode'));
  const whole = (field, lo, hi) => {
    const s = String(v[field] ?? '').trim();
    if (!s) return;
    if (!/^\d+$/.test(s)) out.push(msg(field, 'err.whole'));
    else if (Number(s) < lo || Number(s) > hi) out.push(msg(field, 'err.range', { lo, hi }));
  };
  whole('firms_in_residence', 0, LIMITS.firms);
  whole('recognition_year', LIMITS.firstYear, year + 1);
  const list = splitIndustries(v.industries);
  if (list.length > LIMITS.industries) out.push(msg('industries', 'err.tooMany', { n: LIMITS.industries }));
  else if (list.some((s) => chars(s) > LIMITS.industry)) out.push(msg('industries', 'err.industryLong', { n: LIMITS.industry }));
  else if (new Set(list).size !== list.length) out.push(msg('industries', 'err.repeated'));
  for (const f of ['operator', 'contact', 'notes']) {
    if (chars(String(v[f] ?? '').trim()) > LIMITS[f]) out.push(msg(f, 'err.long', { n: LIMITS[f] }));
  }
  return out;
}

/** value is one field's value as the service takes it: null for "no current value". */
export function value(v, field) {
  const s = String(v[field] ?? '').trim();
  if (!s) return null;
  if (field === 'firms_in_residence' || field === 'recognition_year') return Number(s);
  if (field === 'industries') return splitIndustries(s);
  return s;
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** patch is the PATCH body: only the fields whose value differs from the record's current facts. */
export function patch(v, rec) {
  const out = {};
  const cur = rec?.facts || {};
  for (const f of FIELDS) {
    const next = value(v, f);
    if (!same(next, cur[f])) out[f] = next;
  }
  return out;
}

/**
 * changes lists the facts that differ between two fact objects (an audit row's before and after, or
 * the current facts and what an edit sent): [{field, before, after}] in the form's order. The
 * version is not a fact.
 */
export function changes(before, after) {
  const b = before || {};
  const a = after || {};
  return FIELDS.filter((f) => Object.hasOwn(a, f) || Object.hasOwn(b, f))
    .filter((f) => !same(b[f], a[f]))
    .map((f) => ({ field: f, before: b[f] ?? null, after: a[f] ?? null }));
}

/** conflictRows compares a 409's current facts with what was sent: only the fields sent. */
export function conflictRows(current, sent) {
  const cur = current?.facts || {};
  return Object.keys(sent || {}).filter((f) => FIELDS.includes(f))
    .sort((x, y) => FIELDS.indexOf(x) - FIELDS.indexOf(y))
    .map((f) => ({ field: f, current: cur[f] ?? null, sent: sent[f] ?? null, same: same(cur[f], sent[f]) }));
}

/** show writes a fact's value for people: lists with 、, null as an empty mark. */
export function show(v, empty = '—') {
  if (v == null || v === '') return empty;
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

/**
 * serverErrors turns a 400's errors[] (or its single field) into descriptors that carry the service's
 * own message in both languages (the service words its checks; the page shows them at the field).
 */
export function serverErrors(body) {
  const list = Array.isArray(body?.errors) && body.errors.length ? body.errors
    : body?.field ? [{ field: body.field, description: body.description, description_zh: body.description }] : [];
  return list.map((e) => ({ field: FIELDS.includes(e.field) ? e.field : null, text: { zh: e.description_zh || e.description, en: e.description } }));
}
