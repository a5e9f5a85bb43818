// The search box and the filter selects. They change the shared state and call onChange; the map, the
// list and the statistics strip all follow from that one state.
import { h, fill } from './dom.js';
import { t, gloss } from './i18n.js';
import { FILTER_KEYS } from './model.js';

/**
 * renderFilters fills el with the search field and one select per filter. opts are the values from
 * model.options; state.filters is read and written; onChange is called after every change.
 */
export function renderFilters(el, opts, state, onChange) {
  const search = h('input', {
    id: 'f-q', type: 'search', value: state.filters.q, placeholder: t('filters.searchPlaceholder'), autocomplete: 'off',
    spellcheck: 'false',
    oninput: (e) => { state.filters.q = e.target.value; onChange(); },
  });
  const selects = FILTER_KEYS.map((key) => {
    const values = opts[key] || [];
    // A value from a link that the data does not have is kept visible rather than dropped silently.
    const current = state.filters[key];
    const known = values.some((o) => o.value === current);
    const sel = h('select', {
      id: `f-${key}`, name: key,
      onchange: (e) => { state.filters[key] = e.target.value; onChange(); },
    },
    h('option', { value: '' }, t('filters.all')),
    values.map((o) => h('option', { value: o.value }, key === 'zone' ? o.label : gloss(o.label))),
    current && !known ? h('option', { value: current }, current) : null);
    sel.value = current;
    return h('div', { class: 'field' }, h('label', { for: `f-${key}` }, t(`filters.${key}`)), sel);
  });
  fill(el, 
    h('div', { class: 'field search' }, h('label', { for: 'f-q' }, t('filters.search')), search),
    h('fieldset', { class: 'filters' }, h('legend', null, t('filters.title')), selects,
      h('button', {
        type: 'button', id: 'f-clear', class: 'text-button',
        onclick: () => {
          for (const k of [...FILTER_KEYS, 'q']) state.filters[k] = '';
          renderFilters(el, opts, state, onChange);
          onChange();
        },
      }, t('filters.clearFilters'))),
  );
}
