// The preview of a layer import as the panel shows it (issue 10): the summary (count, 亩, extent, the
// CRS and the encoding used and why, the dataset with a chooser when the upload holds several), the
// mapping editor, the findings (错误 / 提示 with their meaning), the repairs, the diff against the
// current version, the area check, and the version history with 回滚到此版本. Each function returns
// elements; the panel (panel.js) owns the state and redraws.
import { h, fmt } from '../dom.js';
import { lang } from '../i18n.js';
import { formatTime } from '../account/diff.js';
import { T } from './strings.js';
import { blocking, counts, meaning, diffCounts, signed } from './model.js';

const LIST_MAX = 200;
const mu = (x) => fmt(x, 2, lang());
const titleOf = (o) => (lang() === 'en' ? o.title_en || o.title : o.title);

/** summary is the preview's first lines: what was read and how. */
export function summary(p, { onDataset }) {
  const src = p.source || {};
  const rows = [
    h('p', { id: 'imports-summary', class: 'imports-summary', dataset: { count: p.count, sha256: p.sha256 || '' } },
      T('summary', { count: fmt(p.count, 0, lang()), mu: mu(p.total_mu) })),
    h('dl', { class: 'imports-facts' },
      h('dt', null, T('extent')), h('dd', { id: 'imports-extent' }, (p.extent || []).map((x) => Number(x).toFixed(5)).join(', ')),
      h('dt', null, T('crs')), h('dd', { id: 'imports-crs-used' }, T('crsUsed', { crs: p.crs_used || '—' }), '；',
        p.crs_read ? T('crsRead', { crs: p.crs_read }) : T('crsNone'), src.crs_reason ? h('div', { class: 'muted' }, src.crs_reason) : null),
      h('dt', null, T('encoding')), h('dd', { id: 'imports-encoding-used' }, T('encUsed', { enc: p.encoding || T('encDefault') }),
        src.encoding_reason ? h('div', { class: 'muted' }, src.encoding_reason) : null),
      src.dataset ? [h('dt', null, T('dataset')), h('dd', { id: 'imports-dataset' }, `${src.dataset}${src.kind ? `（${src.kind}）` : ''}`)] : null),
  ];
  if ((src.datasets || []).length > 1) {
    const sel = h('select', { id: 'imports-dataset-pick', onchange: () => onDataset(sel.value) },
      src.datasets.map((d) => h('option', { value: d, selected: d === src.dataset }, d)));
    rows.push(h('div', { class: 'acct-field' }, h('label', { for: 'imports-dataset-pick' }, T('datasetHint')), sel));
  }
  if ((p.kinds || []).length) {
    rows.push(h('ul', { class: 'imports-kinds', 'aria-label': T('kinds') },
      p.kinds.map((k) => h('li', { dataset: { kind: k.kind } }, T('kindRow', { kind: k.kind, count: k.count, mu: mu(k.mu) })))));
  }
  if ((src.warnings || []).length) {
    rows.push(h('ul', { class: 'imports-warnings', 'aria-label': T('warnings') }, src.warnings.map((w) => h('li', null, w))));
  }
  return rows;
}

/**
 * mappingEditor is one control per target field: a select of the file's fields when the preview lists
 * them, else a text box for the field's name. onChange(field, value) after every choice.
 */
export function mappingEditor(target, fields, mapping, { onChange }) {
  const rows = (target?.fields || []).map((f) => {
    const id = `imports-map-${f.name}`;
    const value = mapping[f.name] || '';
    let control;
    if (fields.length) {
      const opts = [h('option', { value: '' }, T('notMapped'))];
      for (const x of fields) opts.push(h('option', { value: x, selected: x === value }, x));
      if (value && !fields.includes(value)) opts.push(h('option', { value, selected: true }, value));
      control = h('select', { id, dataset: { field: f.name }, onchange: (e) => onChange(f.name, e.currentTarget.value) }, opts);
    } else {
      control = h('input', { id, type: 'text', value, placeholder: T('mappingFree'), autocomplete: 'off', spellcheck: 'false',
        dataset: { field: f.name }, oninput: (e) => onChange(f.name, e.currentTarget.value.trim()) });
    }
    return h('div', { class: 'imports-map-row' },
      h('label', { for: id }, titleOf(f), f.required ? h('span', { class: 'imports-required' }, ` ${T('required')}`) : null), control);
  });
  return h('fieldset', { id: 'imports-mapping', class: 'imports-mapping' }, h('legend', null, T('mapping')),
    h('p', { class: 'acct-hint' }, T('mappingHint')), rows);
}

/** findings lists every finding, 错误 before 提示, each with its meaning. */
export function findings(p) {
  const list = [...(p.findings || [])].sort((a, b) => Number(blocking(b)) - Number(blocking(a)) || a.fid - b.fid);
  const n = counts(list);
  const head = h('h4', null, T('findings'), ' ', h('span', { class: 'muted', id: 'imports-findings-count', dataset: n }, list.length ? T('findingsCount', n) : ''));
  if (!list.length) return [head, h('p', { id: 'imports-findings', class: 'imports-ok', dataset: { count: 0 } }, T('noFindings'))];
  const items = list.slice(0, LIST_MAX).map((f) => {
    const bad = blocking(f);
    return h('li', { class: bad ? 'imports-error' : 'imports-warn', dataset: { code: f.code, level: bad ? 'error' : 'warning', fid: f.fid, id: f.id } },
      h('span', { class: 'imports-badge' }, bad ? T('blocking') : T('warning')), ' ',
      T('fid', { fid: f.fid }), f.id ? `，${T('idOf', { id: f.id })}` : '', '：', meaning(f, T), f.mu ? `，${T('muOf', { mu: mu(f.mu) })}` : '');
  });
  if (list.length > LIST_MAX) items.push(h('li', { class: 'muted' }, T('more', { n: list.length - LIST_MAX })));
  return [head, h('ul', { id: 'imports-findings', class: 'imports-findings', dataset: { count: list.length } }, items)];
}

/** repairs lists what -repair changed, in 亩. */
export function repairs(p) {
  if (!(p.repairs || []).length) return [];
  return [h('h4', null, T('repairs')), h('ul', { id: 'imports-repairs', class: 'imports-findings' }, p.repairs.slice(0, LIST_MAX).map((r) =>
    h('li', { dataset: { fid: r.fid } }, T('fid', { fid: r.fid }), r.id ? `，${T('idOf', { id: r.id })}` : '', '：',
      T('repairRow', { reason: r.reason, before: mu(r.before_mu), after: mu(r.after_mu), delta: signed(r.after_mu - r.before_mu) }))))];
}

/** diff is the comparison with the current version: the counts, then each change with its 亩. */
export function diff(p) {
  const n = diffCounts(p.diff);
  const against = p.current_version ? T('diffAgainst', { n: p.current_version }) : T('diffBundled');
  const out = [h('h4', null, T('diff')), h('p', { id: 'imports-diff', dataset: n }, `${against}：${T('diffCounts', { a: n.added, r: n.removed, c: n.changed })}`)];
  if ((p.diff || []).length) {
    const muText = (c) => {
      if (c.before_mu != null && c.after_mu != null) return `${mu(c.before_mu)} → ${mu(c.after_mu)}`;
      return mu(c.after_mu ?? c.before_mu);
    };
    out.push(h('div', { class: 'imports-scroll' }, h('table', { class: 'data imports-table', id: 'imports-diff-table' },
      h('thead', null, h('tr', null, ['change', 'id', 'kind', 'mu'].map((k) => h('th', { scope: 'col' }, T(`col.${k}`))))),
      h('tbody', null, p.diff.slice(0, LIST_MAX).map((c) => h('tr', { dataset: { change: c.change, id: c.id } },
        h('td', { class: `imports-${c.change}` }, T(`change.${c.change}`)), h('td', null, c.id), h('td', null, c.kind || ''), h('td', { class: 'num' }, muText(c))))))));
    if (p.diff.length > LIST_MAX) out.push(h('p', { class: 'muted' }, T('more', { n: p.diff.length - LIST_MAX })));
  }
  return out;
}

/** areaCheck is the mapped area field against the drawn areas, when the preview has one. */
export function areaCheck(p) {
  const a = p.area_check;
  if (!a) return [];
  return [h('h4', null, T('area')), h('p', { id: 'imports-area' },
    T('areaRow', { field: a.field, unit: a.unit, file: mu(a.file_mu), drawn: mu(a.drawn_mu), n: a.features }),
    h('span', { class: 'muted' }, `（${lang() === 'en' ? a.unit_reason : a.unit_reason_zh || a.unit_reason}）`)),
  (a.disagree || []).length ? h('p', { class: 'imports-warn' }, T('areaDisagree', { n: a.disagree.length })) : null];
}

/** versionList is the layer's history, newest first, with 回滚到此版本 on every version not current. */
export function versionList(list, { canRollback, busy, onRollback }) {
  if (!list) return h('p', { class: 'muted' }, T('loadingVersions'));
  if (!list.length) return h('p', { class: 'muted', id: 'imports-no-versions' }, T('noVersions'));
  const l = lang();
  return h('div', { class: 'imports-scroll' }, h('table', { class: 'data imports-table', id: 'imports-versions' },
    h('thead', null, h('tr', null, ['version', 'file', 'features', 'mu', 'by', 'at'].map((k) => h('th', { scope: 'col' }, T(`col.${k}`))), h('td'))),
    h('tbody', null, [...list].reverse().map((v) => h('tr', { dataset: { version: v.version, current: String(v.current) }, title: v.note || '' },
      h('td', null, `${v.version}`, v.current ? h('span', { class: 'imports-current' }, ` ${T('current')}`) : null),
      h('td', { class: 'imports-file' }, v.file), h('td', { class: 'num' }, fmt(v.features, 0, l)), h('td', { class: 'num' }, mu(v.total_mu)),
      h('td', null, v.imported_by), h('td', null, formatTime(v.created_at, l)),
      h('td', null, canRollback && !v.current ? h('button', { type: 'button', class: 'text-button imports-rollback', disabled: Boolean(busy),
        dataset: { version: v.version }, onclick: () => onRollback(v.version) }, T('rollback')) : null))))));
}
