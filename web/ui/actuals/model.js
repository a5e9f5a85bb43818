// A park's actual figures as the page holds them (issue 12): the card's table of years × measures from
// GET /api/actuals, its numbered sources, the 录入 form's values and checks, the PUT body of only what
// changed (null clears a figure), the service's field errors, and the bulk import's preview. Pure (no
// DOM, no fetch), so that node tests it (web/ui/test/actuals.test.mjs).

/** FIRST_YEAR is plan.FirstPlanYear: no figure is entered for a year before it. */
export const FIRST_YEAR = 2018;

/**
 * MEASURES mirror plan.ActualMeasures, for a page that has not read /api/actuals yet; the service's
 * own list (the answer's measures) is used whenever there is one.
 */
export const MEASURES = [
  { id: 'land_supplied_mu', name_zh: '供地', name_en: 'Land supplied', unit: '亩', whole: false, stock: false },
  { id: 'floor_started_wan_m2', name_zh: '开工面积', name_en: 'Floor area started', unit: '万㎡', whole: false, stock: false },
  { id: 'floor_completed_wan_m2', name_zh: '竣工面积', name_en: 'Floor area completed', unit: '万㎡', whole: false, stock: false },
  { id: 'output_yi', name_zh: '产值', name_en: 'Output', unit: '亿元', whole: false, stock: false },
  { id: 'tax_wan', name_zh: '税收', name_en: 'Tax', unit: '万元', whole: false, stock: false },
  { id: 'firms', name_zh: '入驻企业', name_en: 'Firms in residence', unit: '家', whole: true, stock: true },
  { id: 'firms_above_scale', name_zh: '规上企业', name_en: 'Firms above designated size', unit: '家', whole: true, stock: true },
  { id: 'investment_yi', name_zh: '投资', name_en: 'Investment', unit: '亿元', whole: false, stock: false },
];

/** LIMITS are the service's: a figure below 1e9, a source of 1–300 characters. */
export const LIMITS = { value: 1e9, source: 300 };

/**
 * countyYear is the current year in China Standard Time (the county's, as the service counts it):
 * on 31 December at 20:00 UTC it is already the next year in Pingyang.
 */
export function countyYear(now = new Date()) {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}

/** years lists first..last, oldest first (the form's year select, the import's from/to). */
export function years(first = FIRST_YEAR, last = countyYear()) {
  const out = [];
  for (let y = first; y <= last; y++) out.push(y);
  return out;
}

/** measuresOf is the answer's measures, or the page's copy of them. */
export const measuresOf = (body) => (Array.isArray(body?.measures) && body.measures.length ? body.measures : MEASURES);

/** measureName is a measure's name in the language, with its unit: 供地（亩） / Land supplied (亩). */
export function measureName(m, lang = 'zh') {
  return lang === 'en' ? `${m.name_en || m.name_zh} (${m.unit})` : `${m.name_zh}（${m.unit}）`;
}

/**
 * table is the card's table of one park: the years that have any figure (oldest first) as columns,
 * every measure as a row, each cell the figure or null (无数据, never 0), and the distinct sources
 * numbered in order of first use, each cell pointing at its source's number.
 */
export function table(body, parkId) {
  const figs = (body?.figures || []).filter((f) => !parkId || f.park_id === parkId);
  const ys = [...new Set(figs.map((f) => f.year))].sort((a, b) => a - b);
  const measures = measuresOf(body);
  const sources = [];
  const note = (src) => {
    let i = sources.indexOf(src);
    if (i < 0) i = sources.push(src) - 1;
    return i + 1;
  };
  const at = new Map(figs.map((f) => [`${f.year}/${f.measure}`, f]));
  const rows = measures.map((m) => ({
    measure: m,
    cells: ys.map((y) => {
      const f = at.get(`${y}/${m.id}`);
      return f ? { ...f, note: note(f.source || '') } : null;
    }),
  }));
  return { years: ys, rows, sources, count: figs.length };
}

/** formValues is the form's strings for one year: '' where there is no figure. */
export function formValues(body, parkId, year, measures = measuresOf(body)) {
  const out = Object.fromEntries(measures.map((m) => [m.id, '']));
  for (const f of body?.figures || []) {
    if (f.park_id === parkId && f.year === year && f.measure in out) out[f.measure] = String(f.value);
  }
  return out;
}

/** yearSource is the source most figures of a park-year have (the form's 来源 to start from). */
export function yearSource(body, parkId, year) {
  const n = new Map();
  for (const f of body?.figures || []) {
    if (f.park_id === parkId && f.year === year && f.source) n.set(f.source, (n.get(f.source) || 0) + 1);
  }
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] || '';
}

/** parseNumber reads a typed figure: full-width digits and separators are accepted, as people type them. */
export function parseNumber(s) {
  const t = String(s ?? '').trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.').replace(/[，,\s]/g, '').replace(/^－/, '-');
  if (!t) return null;
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

const msg = (field, key, args) => ({ field, key, ...(args ? { args } : {}) });

/**
 * check lists what is wrong with the form ({field, key, args}, key in the 'actuals.err' strings):
 * a field is a measure id or 'source'. The service checks the same and answers in the same words.
 */
export function check(values, source, measures = MEASURES, before = {}) {
  const out = [];
  let set = false;
  for (const m of measures) {
    const v = parseNumber(values[m.id]);
    if (v == null) continue;
    if (Number.isNaN(v)) out.push(msg(m.id, 'err.number'));
    else if (v < 0) out.push(msg(m.id, 'err.negative'));
    else if (m.whole && !Number.isInteger(v)) out.push(msg(m.id, 'err.whole'));
    else if (v >= LIMITS.value) out.push(msg(m.id, 'err.tooBig'));
    else if (!same(v, before[m.id])) set = true;
  }
  const src = String(source ?? '').trim();
  if (set && !src) out.push(msg('source', 'err.sourceRequired'));
  if ([...src].length > LIMITS.source) out.push(msg('source', 'err.sourceLong', { n: LIMITS.source }));
  return out;
}

const same = (a, b) => (a == null ? null : Number(a)) === (b == null || b === '' ? null : Number(b));

/**
 * putBody is the PUT body for one park-year: only the figures that differ from before (the form's
 * values when it opened), a number to set, null to clear one that was there. null when nothing
 * changed. The source goes with it; the service requires it whenever a figure is set.
 */
export function putBody(values, source, before, measures = MEASURES) {
  const figures = {};
  for (const m of measures) {
    const v = parseNumber(values[m.id]);
    const was = parseNumber(before[m.id]);
    if (v !== was) figures[m.id] = v;
  }
  if (!Object.keys(figures).length) return null;
  return { source: String(source ?? '').trim(), figures };
}

/**
 * serverErrors turns a refusal's body into descriptors at the form's fields: 'figures.tax_wan' is the
 * tax input, 'source' and 'year' their own; anything else goes to the form's alert. Both the
 * service's shape ({errors:[{field, description, description_zh}]}) and the contract's nested one
 * ({error:{fields:[{field, message, message_zh}]}}) are read.
 */
export function serverErrors(body, measures = MEASURES) {
  const b = body?.error && typeof body.error === 'object' ? body.error : body || {};
  const list = [b.errors, b.fields].find((l) => Array.isArray(l) && l.length)
    || (b.field || b.description || b.message ? [b] : []);
  const ids = new Set(measures.map((m) => m.id));
  return list.map((e) => {
    const name = String(e.field || '').replace(/^figures\./, '');
    const field = ids.has(name) || name === 'source' || name === 'year' ? name : null;
    const en = e.description || e.message || '';
    return { field, text: { zh: e.description_zh || e.message_zh || en, en: en || e.description_zh || e.message_zh } };
  });
}

/** templatePath is the template's address for years from..to. */
export const templatePath = (from, to) => `api/actuals/template.xlsx?from=${Number(from)}&to=${Number(to)}`;

/**
 * importPath is the upload's address: a preview, or with apply the write; filename (the file's own
 * name) is what a figure without a 来源 is recorded as coming from: "xlsx: <filename> 行N".
 */
export const importPath = (apply, filename) => {
  const q = new URLSearchParams();
  if (apply) q.set('apply', 'true');
  const name = [...String(filename ?? '').trim()].slice(0, 120).join('');
  if (name) q.set('filename', name);
  const s = q.toString();
  return `api/actuals/import${s ? `?${s}` : ''}`;
};

/**
 * filenameOf reads a Content-Disposition's file name (RFC 6266: filename* in UTF-8 first), for the
 * download's own name: 平阳县小微园实际数据_2023-2024.xlsx.
 */
export function filenameOf(disposition, fallback = 'actuals.xlsx') {
  const d = String(disposition || '');
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(d);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed escape: the plain filename, if any, follows
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(d);
  return plain ? plain[1].trim() : fallback;
}

/**
 * previewCells flattens an import's answer to one line per cell, in the file's order: row, park,
 * year, measure, cell, before, value, status and message. Empty cells (status "empty", nothing in the
 * file) are left out unless all is set; errors of the file that no row holds come after.
 */
export function previewCells(preview, { all = false, onlyChanges = false } = {}) {
  const out = [];
  for (const r of preview?.rows || []) {
    for (const c of r.cells || []) {
      if (!all && c.status === 'empty') continue;
      if (onlyChanges && (c.status === 'same' || c.status === 'empty')) continue;
      out.push({
        row: r.row, park_id: r.park_id, park_name: r.park_name, year: r.year, cell: c.cell, measure: c.measure,
        raw: c.raw, before: c.before ?? null, value: c.value ?? null, status: c.status,
        message: c.status === 'error' ? { zh: c.message_zh || c.message || '', en: c.message || c.message_zh || '' } : null,
      });
    }
  }
  return out;
}

/**
 * looseErrors are the preview's errors that no cell of a row shows (a park id unknown, a duplicate
 * row, a merged range): each still has to be seen, at its cell.
 */
export function looseErrors(preview) {
  const shown = new Set();
  for (const r of preview?.rows || []) for (const c of r.cells || []) if (c.status === 'error') shown.add(c.cell);
  return (preview?.errors || []).filter((e) => !shown.has(e.cell))
    .map((e) => ({ cell: e.cell, field: e.field, text: { zh: e.message_zh || e.description_zh || e.message || '', en: e.message || e.description || e.message_zh || '' } }));
}

/** summaryOf is the preview's summary with every count present. */
export function summaryOf(preview) {
  const s = preview?.summary || {};
  const n = (k) => Number(s[k]) || 0;
  return { rows: n('rows'), changed: n('changed'), unchanged: n('unchanged'), cleared: n('cleared'), errors: Math.max(n('errors'), (preview?.errors || []).length) };
}

/** canApply: a preview may be applied when it has no error and changes something. */
export function canApply(preview) {
  if (!preview || preview.applied) return false;
  const s = summaryOf(preview);
  return s.errors === 0 && s.changed + s.cleared > 0;
}

/** checkYears says what is wrong with an import's from–to ('imp.yearsBad'), or null. */
export function checkYears(from, to) {
  return Number(from) > Number(to) ? 'imp.yearsBad' : null;
}

/** showValue writes a figure for people: null is no data, never 0. */
export function showValue(v, none, lang = 'zh') {
  if (v == null || v === '') return none;
  return Number(v).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 });
}
