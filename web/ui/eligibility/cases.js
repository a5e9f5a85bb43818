// Eligibility cases (issue 12), the panel's part: 保存为案例 with a note after a check (for a user
// with cases.save), the 案例 list with its search (logged-in users, cases.read), and a reopened case's
// header and, when the rules have changed since, today's answer beside the saved one. The pure parts
// are in cases-model.js.
import { h } from '../dom.js';
import { url } from '../api.js';
import { formatTime } from '../account/diff.js';
import { pick } from '../i18n.js';
import { T, known } from './strings.js';
import { ruleTable } from './checklist.js';
import { VERDICTS, MAX_NOTE, casesPath, casesExportPath, casePath, noteLength, saveBody } from './cases-model.js';

async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url(path), init);
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(res.status === 401 ? T('casesLogin') : res.status === 403 ? T('casesForbidden') : json.description || `${res.status}`);
    err.status = res.status;
    throw err;
  }
  return json;
}

export const saveCase = (checked, note) => call('POST', 'api/eligibility/cases', saveBody(checked, note));
export const listCases = (filters) => call('GET', casesPath(filters));
export const loadCase = (number) => call('GET', casePath(number));

/** saveBox is the 保存为案例 form under a check's answer; st.saving, st.saved and st.saveError hold its state. */
export function saveBox(st, account, onSave, onReport) {
  const note = h('textarea', { id: 'elig-case-note', rows: 2, maxlength: MAX_NOTE, placeholder: T('notePlaceholder'),
    oninput: (e) => { st.note = e.target.value; } });
  note.value = st.note || '';
  const box = h('div', { class: 'elig-case-save', id: 'elig-case-save' },
    h('label', { for: 'elig-case-note' }, T('caseNote')), note,
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'text-button', id: 'elig-case-save-button', disabled: st.saving,
        onclick: () => {
          if (noteLength(st.note) > MAX_NOTE) { st.saveError = T('noteTooLong', { n: MAX_NOTE }); onSave(null); return; }
          onSave(st.note || '');
        } }, st.saving ? T('saving') : T('saveCase'))),
    st.saved ? h('p', { class: 'elig-case-saved', id: 'elig-case-saved', role: 'status', dataset: { number: st.saved.number } },
      T('saved', { number: st.saved.number }), ' ',
      onReport ? h('button', { type: 'button', class: 'text-button', id: 'elig-case-saved-report', onclick: () => onReport(st.saved) }, T('caseReport')) : null) : null,
    st.saveError ? h('p', { class: 'elig-error', role: 'alert' }, st.saveError) : null);
  return account.gate(box, 'cases.save');
}

/** casesView is the register: the search form and the list, each case a button that reopens it. */
export function casesView(st, lang, { onSearch, onOpen, onInView, onPick, onClearLocation }) {
  const f = st.caseFilters;
  const field = (id, key, label, input) => h('div', { class: 'elig-field' }, h('label', { for: id }, label), input);
  const text = (id, key, placeholder) => h('input', { type: 'text', id, value: f[key] || '', placeholder,
    oninput: (e) => { f[key] = e.target.value; }, onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); onSearch(); } } });
  const list = st.cases;
  return h('div', { class: 'elig-cases', id: 'elig-cases' },
    h('h3', null, T('casesTitle')),
    field('elig-case-number', 'number', T('caseNumber'), text('elig-case-number', 'number', '0001')),
    field('elig-case-parcel', 'parcel', T('parcelId'), text('elig-case-parcel', 'parcel', 'RD-012')),
    field('elig-case-verdict', 'verdict', T('caseVerdict'), h('select', { id: 'elig-case-verdict', onchange: (e) => { f.verdict = e.target.value; } },
      h('option', { value: '', selected: !f.verdict }, T('anyVerdict')),
      VERDICTS.map((v) => h('option', { value: v, selected: f.verdict === v }, known(`verdict.${v}`, v))))),
    field('elig-case-since', 'since', T('caseSince'), h('input', { type: 'date', id: 'elig-case-since', value: f.since || '', onchange: (e) => { f.since = e.target.value; } })),
    field('elig-case-until', 'until', T('caseUntil'), h('input', { type: 'date', id: 'elig-case-until', value: f.until || '', onchange: (e) => { f.until = e.target.value; } })),
    h('div', { class: 'elig-field' }, h('span', { class: 'elig-field-label' }, T('byLocation')),
      h('span', { class: 'elig-inline' },
        h('button', { type: 'button', class: ['text-button', f.bbox ? 'active' : ''], id: 'elig-case-in-view', onclick: onInView }, T('inView')),
        h('button', { type: 'button', class: ['text-button', st.casePick || f.point ? 'active' : ''], id: 'elig-case-pick', 'aria-pressed': String(Boolean(st.casePick)), onclick: onPick }, T('pickOnMap')))),
    st.casePick ? h('p', { class: 'hint', id: 'elig-case-pick-hint' }, T('pickHint')) : null,
    f.bbox || f.point ? h('p', { class: 'elig-case-location', id: 'elig-case-location' },
      f.point ? T('locationPoint', { lon: f.point[0].toFixed(5), lat: f.point[1].toFixed(5) }) : T('locationView'), ' ',
      h('button', { type: 'button', class: 'text-button', id: 'elig-case-clear-location', onclick: onClearLocation }, T('clearLocation'))) : null,
    h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'text-button primary', id: 'elig-case-search', onclick: onSearch }, T('search')),
      h('a', { class: 'text-button', id: 'elig-case-export-csv', href: url(casesExportPath(f, 'csv')), download: '' }, T('exportCsv')),
      h('a', { class: 'text-button', id: 'elig-case-export-xlsx', href: url(casesExportPath(f, 'xlsx')), download: '' }, T('exportXlsx'))),
    st.casesError ? h('p', { class: 'elig-error', role: 'alert' }, st.casesError) : null,
    list == null ? null : list.length === 0 ? h('p', { class: 'muted', id: 'elig-cases-none' }, T('noCases'))
      : h('ul', { class: 'elig-case-list', id: 'elig-case-list' }, list.map((c) => h('li', { dataset: { number: c.number } },
        h('button', { type: 'button', class: 'text-button elig-case-open', onclick: () => onOpen(c.number) }, c.number), ' ',
        h('span', { class: ['elig-verdict-small', `v-${c.verdict}`] }, known(`verdict.${c.verdict}`, c.verdict)), ' ',
        h('span', { class: 'muted' }, [c.parcel_id || T('caseDrawn'), formatTime(c.created_at, lang), c.created_by_name || c.created_by].join(' · ')),
        c.note ? h('div', { class: 'elig-case-note-text' }, c.note) : null))));
}

/** caseHeader heads a reopened case: number, reviewer, time, note and the rules it was checked under. */
export function caseHeader(c, lang, onClose, onReport) {
  return h('div', { class: 'elig-case-head', id: 'elig-case-head', dataset: { number: c.number } },
    h('h3', null, `${T('caseNumber')}：${c.number}`),
    h('p', null, `${T('savedBy')}：${c.created_by_name || c.created_by}${c.created_by_unit ? `（${c.created_by_unit}）` : ''}　${T('savedAt')}：${formatTime(c.created_at, lang)}`),
    c.note ? h('p', { id: 'elig-case-head-note' }, `${T('caseNote')}：${c.note}`) : null,
    h('p', { class: 'muted' }, T('asSaved', { version: c.rules_version })),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'text-button primary', id: 'elig-case-report-open', onclick: () => onReport(c) }, T('caseReport')),
      h('button', { type: 'button', class: 'text-button', id: 'elig-case-close', onclick: onClose }, T('backToCheck'))));
}

/** todaySection is today's answer to a reopened case's request, when the rules have changed. */
export function todaySection(c, lang) {
  if (c.today_error) return h('p', { class: 'elig-error', id: 'elig-today-error' }, T('todayError') + c.today_error);
  if (!c.today) return null;
  const a = c.today;
  return h('section', { class: 'elig-today', id: 'elig-today', dataset: { version: a.rules_version, verdict: a.verdict } },
    h('h3', null, T('today', { version: a.rules_version })),
    h('p', { class: ['elig-verdict', `v-${a.verdict}`], id: 'elig-today-verdict' }, known(`verdict.${a.verdict}`, a.verdict)),
    h('p', { class: 'elig-summary' }, pick(a, 'summary', lang)),
    ruleTable(a, lang, 'elig-today-rules'));
}
