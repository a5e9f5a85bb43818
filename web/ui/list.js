// The list panel (a sortable table of the parks shown) and the statistics strip above the map.
import { h, fmt, fill } from './dom.js';
import { t, gloss, lang } from './i18n.js';
import { sortParks, stats } from './model.js';
import { STATUS_COLORS } from './style.js';

const COLUMNS = [
  { key: 'name', num: false },
  { key: 'status', num: false },
  { key: 'mu', num: true },
  { key: 'wan', num: true },
  { key: 'firms', num: true },
];

function statusBadge(status) {
  const b = h('span', { class: 'badge', title: gloss(status) }, status);
  b.style.borderColor = STATUS_COLORS[status] || '#888888';
  const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
  dot.style.backgroundColor = STATUS_COLORS[status] || '#888888';
  b.prepend(dot);
  return b;
}

/**
 * renderList fills el with the table of parks (feature properties) sorted by state.sort. onSort is called
 * with a new sort; onPick with a park id when a row is activated (click or Enter).
 */
export function renderList(el, parks, state, { onSort, onPick }) {
  const sorted = sortParks(parks, state.sort.key, state.sort.dir);
  const header = COLUMNS.map((c) => {
    const active = state.sort.key === c.key;
    const dir = active ? state.sort.dir : 'none';
    return h('th', {
      scope: 'col', class: c.num ? 'num' : '',
      'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none',
    },
    h('button', {
      type: 'button', class: 'sort', dataset: { sort: c.key },
      title: t('list.sortBy'),
      onclick: () => onSort({ key: c.key, dir: active && state.sort.dir === 'asc' ? 'desc' : 'asc' }),
    }, t(`list.col_${c.key}`), h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (dir === 'asc' ? '▲' : '▼') : '')));
  });
  const rows = sorted.map((p) => h('tr', {
    dataset: { id: p.id }, class: p.id === state.park ? 'selected' : '',
    onclick: (e) => { if (!e.target.closest('button')) onPick(p.id); },
  },
  h('th', { scope: 'row' }, h('button', { type: 'button', class: 'row-link', onclick: () => onPick(p.id) }, p.name),
    h('span', { class: 'row-town' }, p.town)),
  h('td', null, statusBadge(p.status)),
  h('td', { class: 'num' }, fmt(p.plan_area_mu, 2, lang())),
  h('td', { class: 'num' }, fmt(p.building_area_wan_m2, 2, lang())),
  h('td', { class: 'num' }, p.firms == null ? '—' : `${fmt(p.firms, 0, lang())}${p.firms_basis === '计划' ? '*' : ''}`)));
  fill(el, 
    h('table', { class: 'park-list', id: 'park-list' },
      h('caption', { class: 'visually-hidden' }, t('list.caption')),
      h('thead', null, h('tr', null, header)),
      h('tbody', null, rows)),
    parks.length ? null : h('p', { class: 'muted empty' }, t('list.noParks')),
  );
}

/** renderStats fills el with the statistics strip for the parks shown. */
export function renderStats(el, parks) {
  const s = stats(parks);
  const l = lang();
  const item = (field, label, value, unit, digits, extra) => h('div', { class: 'stat', dataset: { field, value } },
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value' }, fmt(value, digits, l)),
    unit ? h('span', { class: 'stat-unit' }, unit) : null,
    extra ? h('span', { class: 'stat-extra' }, extra) : null);
  fill(el, 
    h('span', { class: 'stats-label' }, t('stats.label')),
    item('parks', t('stats.parks'), s.parks, t('stats.parksUnit'), 0,
      s.counted !== s.parks ? t('stats.counted', { n: s.counted }) : null),
    item('mu', t('stats.mu'), s.mu, t('stats.muUnit'), 2),
    item('wan', t('stats.wan'), s.wan, t('stats.wanUnit'), 2),
    item('firms', t('stats.firms'), s.firms, t('stats.firmsUnit'), 0,
      t('stats.firmsSplit', { a: fmt(s.firmsIn, 0, l), b: fmt(s.firmsPlanned, 0, l) })),
  );
}
