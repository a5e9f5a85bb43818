// The checklist beside the map: the verdict badge, one row per rule (result, value vs threshold,
// clause, reason in the page's language), the missing facts; and the facts table the report shares.
import { h, fmt, fill } from '../dom.js';
import { T, known } from './strings.js';
import { pick } from '../i18n.js';

const ICON = { pass: '✓', fail: '✗', needs_information: '?', not_applicable: '–' };
const OPS = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=', is_true: '=' };

export function verdictBadge(res, lang) {
  return h('p', { class: ['elig-verdict', `v-${res.verdict}`], id: 'elig-verdict', dataset: { verdict: res.verdict } },
    known(`verdict.${res.verdict}`, res.verdict));
}

function show(v, r, lang) {
  if (v == null) return '—';
  if (typeof v === 'boolean') return v ? T('yes') : T('no');
  if (typeof v === 'number') return r.format === 'percent' ? `${fmt(v * 100, 2, lang)}%` : `${fmt(v, 2, lang)}${r.unit ? ` ${r.unit}` : ''}`;
  return String(v);
}

export function valueText(r, lang) {
  return show(r.value, r, lang);
}

export function thresholdText(r, lang) {
  if (r.threshold == null) return '—';
  return `${OPS[r.op] || r.op || ''} ${show(r.threshold, r, lang)}`.trim();
}

/** ruleTable is the table of every rule, used on screen and in the report. */
export function ruleTable(res, lang, id) {
  return h('table', { class: 'elig-rules', id },
    h('thead', null, h('tr', null, [T('rule'), T('value'), T('threshold'), T('clause'), T('reason')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, res.rules.map((r) => h('tr', { class: `r-${r.result}`, dataset: { rule: r.id, result: r.result } },
      h('th', { scope: 'row' }, h('span', { class: 'elig-icon', 'aria-hidden': 'true' }, ICON[r.result] || ''), ' ',
        pick(r, 'title', lang), h('span', { class: 'elig-result' }, `（${known(`result.${r.result}`, r.result)}）`)),
      h('td', { class: 'num' }, valueText(r, lang)),
      h('td', { class: 'num' }, thresholdText(r, lang)),
      h('td', { class: 'elig-clause' }, r.clause || ''),
      h('td', null, pick(r, 'reason', lang))))));
}

/** factsTable lists the facts of the checked shape. */
export function factsTable(res, lang) {
  const f = res.facts;
  const list = (xs, fn) => (xs && xs.length ? xs.map(fn).join('；') : T('none'));
  const rows = [
    f.parcel ? [T('target'), `${f.parcel.id} ${f.parcel.name}（${f.parcel.kind}）`] : null,
    [T('siteArea'), `${fmt(f.site_area_mu, 2, lang)} 亩`],
    [T('area'), `${fmt(f.area_mu, 2, lang)} 亩 = ${fmt(f.area_m2, 0, lang)} m²`],
    [T('insideCounty'), known(`inside.${f.inside_county}`, String(f.inside_county))],
    [T('zones'), list(f.zones, (z) => `${z.name} ${fmt(z.share * 100, 1, lang)}%`)],
    [T('towns'), list(f.towns, (z) => `${z.name} ${fmt(z.share * 100, 1, lang)}%`)],
    [T('overlapParks'), list(f.overlap_parks, (o) => `${o.name} ${fmt(o.overlap_mu, 2, lang)} 亩`)],
    [T('overlapRedev'), list(f.overlap_redevelopment, (o) => `${o.id} ${fmt(o.overlap_mu, 2, lang)} 亩`)],
    [T('constraints'), list(f.constraints, (c) => `${c.kind} ${fmt(c.overlap_mu, 2, lang)} 亩`)],
    [T('proposalType'), pick(res.proposal, 'type', lang)],
  ].filter(Boolean);
  return h('table', { class: 'elig-facts-table' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)))));
}

/** renderChecklist fills el with the answer of a check. */
export function renderChecklist(el, res, lang, rulesDoc) {
  const factName = (n) => pick(rulesDoc?.facts.find((f) => f.name === n), 'name', lang) || n;
  fill(el,
    verdictBadge(res, lang),
    h('p', { class: 'elig-summary' }, pick(res, 'summary', lang)),
    h('p', { class: 'muted', id: 'elig-version', dataset: { version: res.rules_version } }, `${T('rulesVersion')}：${res.rules_version}`),
    ruleTable(res, lang, 'elig-rule-table'),
    res.missing_facts?.length ? h('div', { class: 'elig-missing' }, h('h4', null, T('missing')),
      h('ul', { id: 'elig-missing' }, res.missing_facts.map((n) => h('li', { dataset: { fact: n } }, `${factName(n)}（${n}）`)))) : null,
    h('h4', null, T('factsTitle')), factsTable(res, lang));
}
