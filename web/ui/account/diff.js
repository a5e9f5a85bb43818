// An audit entry's before and after, compared field by field for a compact before → after list, and
// its time in the reader's local format. Pure (no DOM), so that node tests it
// (web/ui/test/account.test.mjs); audit.js draws the rows.

// A field whose name says it holds a secret (password, new_password, password_hash, session_token, …)
// is never shown, even if the service sent it; one that only says a secret changed
// (password_changed: true) is.
const SECRET = /(^|_)(password|passwd|hash|secret|token)(_hash)?$/i;

/** isSecret says whether a field's value is hidden in the log. */
export const isSecret = (key) => SECRET.test(key);

const isObject = (v) => v != null && typeof v === 'object' && !Array.isArray(v);

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * diffRows compares before and after (objects, or null for a creation or a removal) and lists the
 * fields that differ, sorted by name: {key, kind: 'added' | 'removed' | 'changed', before, after,
 * secret}. A value that is not an object is compared as a whole, under the key ''.
 */
export function diffRows(before, after) {
  if (!isObject(before) && !isObject(after)) {
    if (same(before ?? null, after ?? null)) return [];
    const kind = before == null ? 'added' : after == null ? 'removed' : 'changed';
    return [{ key: '', kind, before: before ?? null, after: after ?? null, secret: false }];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows = [];
  for (const key of keys) {
    const inB = Object.hasOwn(b, key) && isObject(before);
    const inA = Object.hasOwn(a, key) && isObject(after);
    if (inB && inA && same(b[key], a[key])) continue;
    const kind = !inB ? 'added' : !inA ? 'removed' : 'changed';
    rows.push({ key, kind, before: inB ? b[key] : undefined, after: inA ? a[key] : undefined, secret: isSecret(key) });
  }
  return rows;
}

/** formatValue writes a value compactly: strings as they are, others as JSON, cut at max characters. */
export function formatValue(v, max = 60) {
  let s;
  if (v === undefined) s = '';
  else if (typeof v === 'string') s = v;
  else s = JSON.stringify(v);
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/**
 * diffText is one row as text: "unit: 县经信局 → 县自然资源和规划局", "+ roles: [\"planner\"]" for an
 * added field, "− disabled: false" for a removed one; a secret's value is replaced by masked.
 */
export function diffText(row, masked = '***') {
  const v = (x) => (row.secret ? masked : formatValue(x));
  const label = row.key ? `${row.key}: ` : '';
  if (row.kind === 'added') return `+ ${label}${v(row.after)}`;
  if (row.kind === 'removed') return `− ${label}${v(row.before)}`;
  return `${label}${v(row.before)} → ${v(row.after)}`;
}

/** formatTime writes an RFC 3339 time in the reader's time zone: 2026/12/2 16:00:00 (zh), 02/12/2026, 16:00:00 (en). */
export function formatTime(iso, lang = 'zh', timeZone) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? '');
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false, ...(timeZone ? { timeZone } : {}) });
}
