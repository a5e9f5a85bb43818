// A park's change history on its card (修改记录), for logged-in users: who (name and unit), when, and
// each changed fact as before → after, from GET /api/parks/{id}/history (the audit log), newest first.
import { h, fill } from '../dom.js';
import { lang } from '../i18n.js';
import { formatTime } from '../account/diff.js';
import { T } from './strings.js';
import * as client from './client.js';
import { changes, show } from './model.js';

/** historySection returns the card's 修改记录 section and starts reading it; onUnauthorized: 401. */
export function historySection(parkId, { onUnauthorized } = {}) {
  const list = h('div', { class: 'facts-history-body', 'aria-live': 'polite' }, h('p', { class: 'muted' }, T('historyLoading')));
  const el = h('section', { class: 'card-section facts-history', id: 'facts-history' }, h('h3', null, T('history')), list);
  client.history(parkId).then((body) => {
    const entries = body?.entries || [];
    if (!entries.length) return fill(list, h('p', { class: 'muted' }, T('historyEmpty')));
    return fill(list, h('ol', { class: 'facts-history-list' }, entries.map((e) => h('li', { dataset: { id: e.id } },
      h('div', { class: 'facts-who' },
        h('strong', null, e.display_name || e.actor), e.unit ? `（${e.unit}）` : '', ' ',
        h('time', { datetime: e.at, class: 'facts-when' }, formatTime(e.at, lang()))),
      h('ul', { class: 'facts-changes' }, changes(e.before, e.after).map((c) => h('li', { dataset: { field: c.field } },
        h('span', { class: 'facts-field' }, `${T(`field.${c.field}`)}：`),
        h('span', { class: 'facts-before' }, show(c.before, T('empty'))), ' → ',
        h('span', { class: 'facts-after' }, show(c.after, T('empty'))))))))));
  }).catch((err) => {
    if (err.status === 401) onUnauthorized?.();
    fill(list, h('p', { class: 'acct-error' }, T('historyFailed', { msg: err.message })));
  });
  return el;
}
