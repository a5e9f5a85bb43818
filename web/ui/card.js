// The park card (一园一档): every attribute the plan gives for one park, the plan's own inconsistencies
// about it flagged with both figures, and the provenance of its shape stated plainly. Built from
// elements and text nodes only.
import { h, fmt, fill } from './dom.js';
import { t, gloss, lang, half, punct } from './i18n.js';

const MEASURES = ['supply', 'start', 'completion', 'output'];

// PROVENANCE_LABELS are the labels data/seed/provenance.json opens a park's note with, which the card's
// own 图形来源 line already says.
const PROVENANCE_LABELS = ['示意图形', 'Illustrative shape'];

/** flagged maps each inconsistency to the parts of the card it concerns. */
function flagged(p) {
  const parts = new Set();
  for (const inc of p.inconsistencies || []) {
    const [kind, , field] = String(inc.id).split('/');
    if (field === 'building_wan_m2') parts.add('building');
    if (field === 'area_mu') parts.add('plan');
    if (kind === 'phases') parts.add('phases');
    if (field === 'enterprise_land_mu') parts.add('land');
    if (field === 'name') parts.add('name');
    if (field === 'completion_vs_building') parts.add('yearly').add('building');
  }
  return parts;
}

// A current value that differs from the plan's shows the plan's beside it (规划原值): an edit never
// rewrites what the plan said.
const planned = (text) => h('span', { class: 'plan-value' }, `${t('card.planValue')}：${text}`);
const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const firmsText = (n, basis) => `${fmt(n, 0, lang())}（${t(`card.firmsBasis_${basis}`)}）`;

const warn = (on) => (on ? h('span', { class: 'warn', title: t('card.inconsistencies'), 'aria-label': t('card.inconsistencies') }, '⚠') : null);

function row(label, value, flag) {
  if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return [h('dt', null, label, warn(flag)), h('dd', null, value)];
}

function figure(label, value, unit, field, flag) {
  return h('div', { class: 'figure', dataset: { field } },
    h('div', { class: 'figure-label' }, label, warn(flag)),
    h('div', { class: 'figure-value', dataset: { value: value ?? '' } }, fmt(value, 2, lang()), ' ', h('span', { class: 'unit' }, unit)));
}

function phasesTable(p, flag) {
  if (!p.phases?.length) return null;
  const approx = (v, a) => (v == null ? '—' : `${a ? t('card.approx') : ''}${fmt(v, 2, lang())}`);
  return h('section', { class: 'card-section' },
    h('h3', null, t('card.phases'), warn(flag)),
    h('table', { class: 'data' },
      h('thead', null, h('tr', null, ['phase', 'phaseArea', 'phaseBuilding', 'phaseNote', 'clause'].map((k) => h('th', { scope: 'col' }, t(`card.${k}`))))),
      h('tbody', null, p.phases.map((ph) => h('tr', null,
        h('th', { scope: 'row' }, ph.phase),
        h('td', { class: 'num' }, approx(ph.area_mu, ph.area_approx)),
        h('td', { class: 'num' }, approx(ph.building_wan_m2, ph.building_approx)),
        h('td', null, ph.note || ''),
        h('td', null, ph.clause || ''))))));
}

function yearlyTable(p, flag) {
  const plan = p.yearly_plan || [];
  if (!plan.length) return null;
  const years = [...new Set(plan.map((y) => y.year))].sort();
  const sources = [...new Set(plan.map((y) => y.source_table))];
  const cell = (m, y) => {
    const e = plan.find((x) => x.measure === m && x.year === y);
    if (!e) return h('td', { class: 'num missing', title: t('card.notPrinted') }, '');
    if (e.value == null) return h('td', { class: 'num dash', title: t('card.dash') }, e.raw || '—');
    return h('td', { class: 'num' }, e.raw ?? fmt(e.value, 2, lang()));
  };
  const measures = MEASURES.filter((m) => plan.some((x) => x.measure === m));
  // A "—" and a blank mean different things (the plan printed a dash; the plan has no such cell), so
  // the table says so in words under it, not only in hover text (issue 14).
  const has = (kind) => measures.some((m) => years.some((y) => {
    const e = plan.find((x) => x.measure === m && x.year === y);
    return kind === 'missing' ? !e : e && e.value == null;
  }));
  const key = [has('dash') ? t('card.keyDash') : '', has('missing') ? t('card.keyMissing') : ''].filter(Boolean);
  return h('section', { class: 'card-section' },
    h('h3', null, t('card.yearly'), warn(flag)),
    h('table', { class: 'data yearly' },
      h('caption', null, t('card.yearlySource', { src: sources.join('、') })),
      h('thead', null, h('tr', null, h('td'), years.map((y) => h('th', { scope: 'col' }, String(y))))),
      h('tbody', null, measures.map((m) => h('tr', { dataset: { measure: m } },
        h('th', { scope: 'row' }, t(`card.measure_${m}`)), years.map((y) => cell(m, y)))))),
    key.length ? h('p', { class: 'table-key' }, key.join(punct('list'))) : null);
}

function inconsistencies(p) {
  const list = p.inconsistencies || [];
  return h('section', { class: ['card-section', list.length ? 'has-warnings' : ''], dataset: { section: 'inconsistencies' } },
    h('h3', null, list.length ? '⚠ ' : '', t('card.inconsistencies')),
    list.length
      ? h('ul', { class: 'warnings' }, list.map((inc) => h('li', { dataset: { id: inc.id } },
        h('div', null, lang() === 'en' ? inc.message : (inc.note_zh || inc.message)),
        h('div', { class: 'figures' }, (inc.figures || []).map((f, i) => h('span', { class: 'figure-pair' },
          h('strong', null, f), ' ', h('span', { class: 'src' }, `（${(inc.sources || [])[i] ?? ''}）`)))))))
      : h('p', { class: 'muted' }, t('card.noInconsistencies')));
}

/**
 * renderCard fills el with the card of park feature properties p. onClose is called by the close button.
 */
export function renderCard(el, p, onClose) {
  const flags = flagged(p);
  const zoneBasis = p.zone_basis ? t(`card.zoneBasis_${p.zone_basis}`) : '';
  const alt = (v, src) => (v == null || v === '' ? null : h('div', { class: 'alt' }, '⚠ ', t('card.alternative', { v, src: src || '' })));
  const illustrative = p.provenance !== 'real';
  const shape = illustrative ? t('card.shapeIllustrative') : t('card.shapeReal');
  fill(el, 
    h('header', { class: 'card-head' },
      h('div', null,
        h('div', { class: 'card-kicker' }, t('card.kicker')),
        h('h2', { id: 'card-title', tabindex: '-1' }, p.name, warn(flags.has('name'))),
        p.aliases?.length ? h('div', { class: 'aliases' }, `${t('card.aliases')}${punct('colon')}${p.aliases.join(punct('list'))}`) : null),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': t('card.close'), title: `${t('card.close')} (Esc)`, onclick: onClose }, '×')),
    h('p', { class: ['provenance', illustrative ? 'illustrative' : ''], dataset: { provenance: p.provenance } },
      h('strong', null, `${t('card.provenance')}${punct('colon')}${shape}${punct('stop')}`), ' ', half(p.provenance_note, [shape, ...PROVENANCE_LABELS])),
    h('div', { class: 'figures-row' },
      figure(t('card.planArea'), p.plan_area_mu, t('card.unitMu'), 'plan_area_mu', flags.has('plan')),
      figure(t('card.drawnArea'), p.drawn_area_mu, t('card.unitMu'), 'drawn_area_mu'),
      figure(t('card.buildingArea'), p.building_area_wan_m2, t('card.unitWan'), 'building_area_wan_m2', flags.has('building'))),
    h('dl', { class: 'facts' },
      row(t('filters.town'), p.town),
      row(t('filters.zone'), [p.zone_name, zoneBasis ? ` · ${zoneBasis}` : '', p.zone_clause ? `（${p.zone_clause}）` : ''].join('')),
      row(t('filters.status'), p.plan_status && p.status !== p.plan_status
        ? [h('span', { class: 'current', dataset: { field: 'status' } }, gloss(p.status)), planned(`${gloss(p.plan_status)}${t('card.statusAsOf')}`)]
        : h('span', { class: 'current', dataset: { field: 'status' } }, gloss(p.status), t('card.statusAsOf'))),
      row(t('card.recognitionYear'), p.recognition_year == null ? null : String(p.recognition_year)),
      row(t('card.enterpriseLand'), p.enterprise_land_mu == null && !p.enterprise_land_alt ? null
        : [p.enterprise_land_mu == null ? '—' : `${fmt(p.enterprise_land_mu, 2, lang())} ${t('card.unitMu')}`,
          alt(p.enterprise_land_alt, p.enterprise_land_alt_source)], flags.has('land')),
      // The figure is in the boxes above; a second figure elsewhere in the plan is shown beside it here.
      p.building_area_alt_wan_m2 == null ? null : row(t('card.buildingArea'), [`${fmt(p.building_area_wan_m2, 2, lang())} ${t('card.unitWan')}`,
        alt(`${p.building_area_alt_wan_m2} ${t('card.unitWan')}`, p.building_area_alt_source)], true),
      row(t('card.industries'), [(p.industries || []).join('、') || p.industry_text,
        p.plan_industries && !same(p.industries, p.plan_industries) ? planned(p.plan_industries.join('、')) : null]),
      row(t('card.firms'), p.firms == null ? null : [firmsText(p.firms, p.firms_basis),
        p.plan_firms != null && (p.firms !== p.plan_firms || p.firms_basis !== p.plan_firms_basis) ? planned(firmsText(p.plan_firms, p.plan_firms_basis)) : null]),
      row(t('card.devMode'), p.plan_dev_mode && p.dev_mode !== p.plan_dev_mode
        ? [gloss(p.dev_mode), planned([gloss(p.plan_dev_mode), p.dev_mode_note ? `（${p.dev_mode_note}）` : ''].join(''))]
        : [gloss(p.dev_mode), p.dev_mode_note ? `（${p.dev_mode_note}）` : ''].join('')),
      row(t('card.operator'), p.operator),
      row(t('card.contact'), p.contact),
      row(t('card.notes'), p.facts_notes),
      row(t('card.parkType'), p.park_type),
      row(t('card.construction'), p.construction),
      p.counts_as_parks && p.counts_as_parks !== 1
        ? row(t('card.countsAsParks'), `${p.counts_as_parks}${p.counts_as_parks_note ? `：${p.counts_as_parks_note}` : ''}`) : null),
    phasesTable(p, flags.has('phases')),
    yearlyTable(p, flags.has('yearly')),
    inconsistencies(p),
    h('section', { class: 'card-section' },
      h('h3', null, t('card.sources')),
      h('p', null, (p.sources || []).join('；'))),
  );
}
