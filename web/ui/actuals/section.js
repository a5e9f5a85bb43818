// The park card's 实际数据 section (issue 12): a table of measures × the years that have figures, 无数据
// where a figure is missing (never 0), each figure's source on hover (title) and as a numbered
// footnote under the table; who entered it is shown to logged-in users only (the service leaves it out
// for the public). For a user who may (account.gate 'actuals.edit'): 录入 and 批量导入.
import { h, fill } from '../dom.js';
import { lang } from '../i18n.js';
import { formatTime } from '../account/diff.js';
import { T } from './strings.js';
import { table, measureName, showValue } from './model.js';

/** Section is one drawing of the section on a card; body is the last /api/actuals answer for the park. */
export class Section {
  constructor(park, { account, onEnter, onBulk }) {
    this.park = park;
    this.body = null;
    this.error = null;
    this.heading = h('h3', null);
    this.enterBtn = account.gate(h('button', { type: 'button', class: 'text-button', id: 'actuals-enter', onclick: (e) => onEnter(this, e.currentTarget) }), 'actuals.edit');
    this.bulkBtn = account.gate(h('button', { type: 'button', class: 'text-button', id: 'actuals-bulk', onclick: (e) => onBulk(this, e.currentTarget) }), 'actuals.edit');
    this.content = h('div', { class: 'actuals-body', 'aria-live': 'polite' });
    this.el = h('section', { class: 'card-section actuals', id: 'actuals', dataset: { park: park.id } },
      h('div', { class: 'actuals-head' }, this.heading, h('div', { class: 'actuals-tools' }, this.enterBtn, this.bulkBtn)), this.content);
    this.render();
  }

  /** load reads the park's figures again and redraws; it resolves once they are drawn. */
  async load(client) {
    this.loading = true;
    this.render();
    try {
      this.body = await client.list(this.park.id);
      this.error = null;
    } catch (err) {
      this.error = err;
    }
    this.loading = false;
    this.render();
    this.el.dataset.loaded = String(Date.now());
    return this.body;
  }

  render() {
    const l = lang();
    this.heading.textContent = T('title');
    this.enterBtn.textContent = T('enter');
    this.enterBtn.setAttribute('aria-label', `${T('enterLabel')}：${this.park.name}`);
    this.bulkBtn.textContent = T('bulk');
    this.bulkBtn.setAttribute('aria-label', T('bulkLabel'));
    if (this.error) return fill(this.content, h('p', { class: 'acct-error' }, T('loadFailed', { msg: this.error.message })));
    if (!this.body) return fill(this.content, h('p', { class: 'muted' }, T('loading')));
    const tb = table(this.body, this.park.id);
    this.el.dataset.count = String(tb.count);
    if (!tb.count) return fill(this.content, h('p', { class: 'muted', id: 'actuals-none' }, T('noneYet')));
    const titleOf = (c) => [T('sourceOf', { src: c.source }), c.entered_by ? T('enteredBy', { who: c.entered_by, at: formatTime(c.entered_at, l) }) : '']
      .filter(Boolean).join('；');
    const cell = (c, y) => (c
      ? h('td', { class: 'num', title: titleOf(c), dataset: { year: y, value: c.value, note: c.note } },
        showValue(c.value, '', l), h('sup', { class: 'actuals-note' }, String(c.note)))
      : h('td', { class: 'num none', dataset: { year: y } }, T('none')));
    const grid = h('table', { class: 'data actuals-table', id: 'actuals-table' },
      h('caption', null, T('caption', { from: tb.years[0], to: tb.years.at(-1) })),
      h('thead', null, h('tr', null, h('td'), tb.years.map((y) => h('th', { scope: 'col' }, String(y))))),
      h('tbody', null, tb.rows.map((r) => h('tr', { dataset: { measure: r.measure.id } },
        h('th', { scope: 'row' }, measureName(r.measure, l)),
        r.cells.map((c, i) => cell(c, tb.years[i]))))));
    const notes = h('ol', { class: 'actuals-sources', id: 'actuals-sources', 'aria-label': T('sources') },
      tb.sources.map((s, i) => h('li', { dataset: { note: i + 1 } }, h('span', { class: 'actuals-note' }, `${i + 1}`), ' ', s)));
    fill(this.content, h('div', { class: 'actuals-scroll' }, grid), notes);
  }
}
