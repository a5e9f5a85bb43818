// The 录入 form of a park's actual figures (issue 12): a modal <dialog> for one year at a time — a
// year select (2018 to the county's current year, as the service says), one number input per measure
// with its unit and the figure there now, a required 来源 — that sends only what changed (PUT; an
// emptied figure is sent as null and cleared). Each error is shown beside its input (aria-invalid,
// aria-describedby): the page's own checks first, then the service's field errors in its words.
import { h, fill } from '../dom.js';
import { lang } from '../i18n.js';
import { T } from './strings.js';
import * as client from './client.js';
import { measuresOf, years, countyYear, FIRST_YEAR, formValues, yearSource, check, putBody, serverErrors, showValue } from './model.js';

export class ActualsForm {
  /** onSaved(parkId, answer) is called after a save; onUnauthorized: the session ended. */
  constructor({ onSaved, onUnauthorized }) {
    this.onSaved = onSaved;
    this.onUnauthorized = onUnauthorized;
    this.section = null;
    this.errors = [];
    this.busy = false;
    this.title = h('h2', { id: 'actuals-dialog-title', class: 'acct-dialog-title' });
    this.closeBtn = h('button', { type: 'button', class: 'icon-button acct-close', id: 'actuals-close', onclick: () => this.close() }, '×');
    this.hint = h('p', { class: 'acct-hint' });
    this.year = this.field('year', h('select', { id: 'actuals-year', name: 'year', onchange: () => this.pickYear(Number(this.year.input.value)) }));
    this.source = this.field('source', h('input', { id: 'actuals-source', name: 'source', type: 'text', autocomplete: 'off', maxlength: 400 }));
    this.grid = h('div', { class: 'actuals-grid' });
    this.alert = h('p', { class: 'acct-error', id: 'actuals-alert', role: 'alert', hidden: true });
    this.saveBtn = h('button', { type: 'submit', class: 'text-button primary', id: 'actuals-save' });
    this.cancelBtn = h('button', { type: 'button', class: 'text-button', id: 'actuals-cancel', onclick: () => this.close() });
    this.form = h('form', { class: 'acct-form actuals-form', id: 'actuals-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      this.hint, h('div', { class: 'actuals-top' }, this.year.el, this.source.el), this.grid,
      this.alert, h('div', { class: 'acct-buttons' }, this.saveBtn, this.cancelBtn));
    this.el = h('dialog', { id: 'actuals-dialog', class: 'acct-dialog actuals-dialog', 'aria-labelledby': 'actuals-dialog-title' },
      h('div', { class: 'acct-dialog-head' }, this.title, this.closeBtn), this.form);
    this.el.addEventListener('close', () => {
      if (this.opener?.isConnected && !this.opener.hidden) this.opener.focus();
      this.opener = null;
    });
    this.inputs = {};
  }

  field(name, input) {
    const label = h('label', { for: input.id });
    const hint = h('span', { class: 'acct-hint actuals-hint', id: `${input.id}-hint` });
    const error = h('p', { id: `${input.id}-error`, class: 'acct-field-error', hidden: true });
    return { name, input, label, hint, error, el: h('div', { class: 'acct-field', dataset: { field: name } }, label, input, hint, error) };
  }

  get isOpen() {
    return this.el.open;
  }

  get measures() {
    return measuresOf(this.section?.body);
  }

  /** open shows the form for the park of section, at the latest year that has figures (else last year). */
  open(section, opener = document.activeElement) {
    this.opener = opener;
    this.section = section;
    this.errors = [];
    if (!this.el.isConnected) document.body.append(this.el);
    fill(this.grid);
    this.inputs = {};
    for (const m of this.measures) {
      const f = this.field(m.id, h('input', { id: `actuals-${m.id}`, name: m.id, type: 'text', inputmode: m.whole ? 'numeric' : 'decimal', autocomplete: 'off' }));
      f.unit = h('span', { class: 'actuals-unit' }, m.unit);
      f.el.replaceChildren(f.label, h('div', { class: 'actuals-input' }, f.input, f.unit), f.hint, f.error);
      this.inputs[m.id] = f;
      this.grid.append(f.el);
    }
    const b = section.body || {};
    const last = b.last_year || countyYear();
    const had = (b.figures || []).map((x) => x.year);
    this.pickYear(had.length ? Math.max(...had) : Math.max(FIRST_YEAR, last - 1));
    this.render();
    if (!this.el.open) this.el.showModal();
    this.year.input.focus();
  }

  close() {
    if (this.el.open) this.el.close();
  }

  /** pickYear fills the inputs with the year's figures (what a save compares with) and its source. */
  pickYear(y) {
    const b = this.section?.body;
    this.yearValue = y;
    this.before = formValues(b, this.section.park.id, y, this.measures);
    for (const [id, f] of Object.entries(this.inputs)) f.input.value = this.before[id];
    this.source.input.value = yearSource(b, this.section.park.id, y) || this.source.input.value;
    this.errors = [];
    this.render();
  }

  values() {
    return Object.fromEntries(Object.entries(this.inputs).map(([id, f]) => [id, f.input.value]));
  }

  async submit() {
    if (this.busy || !this.section) return;
    const v = this.values();
    this.errors = check(v, this.source.input.value, this.measures, this.before);
    if (!this.errors.length) {
      const body = putBody(v, this.source.input.value, this.before, this.measures);
      if (!body) this.errors = [{ field: null, key: 'form.noChange' }];
      else await this.send(body);
    }
    if (!this.isOpen) return;
    this.render();
    const first = this.errors.find((e) => e.field);
    if (first) (first.field === 'year' ? this.year : first.field === 'source' ? this.source : this.inputs[first.field])?.input.focus();
  }

  async send(body) {
    this.busy = true;
    this.render();
    const { park } = this.section;
    try {
      const answer = await client.save(park.id, this.yearValue, body);
      this.busy = false;
      this.close();
      await this.onSaved?.(park.id, answer, this.yearValue);
    } catch (err) {
      this.errors = this.failure(err);
    } finally {
      this.busy = false;
    }
    if (this.isOpen) this.render();
  }

  failure(err) {
    const s = err.status;
    if (s === 400 || s === 404 || s === 422) {
      const list = serverErrors(err.body, this.measures).map((e) => (s === 404 && e.field === null ? { field: null, key: 'err.notFound' } : e));
      if (list.length) return list;
    }
    if (s === 401) {
      this.onUnauthorized?.();
      return [{ field: null, key: 'err.sessionEnded' }];
    }
    const key = { 0: 'err.network', 403: 'err.forbidden', 404: 'err.notFound', 503: 'err.unavailable' }[s] || 'err.other';
    return [{ field: null, key, args: { status: s } }];
  }

  text(e) {
    return e.text ? e.text[lang()] || e.text.zh : T(e.key, e.args);
  }

  show(f, hintText) {
    const { input, label, hint, error } = f;
    hint.textContent = hintText || '';
    hint.hidden = !hint.textContent;
    const e = this.errors.find((x) => x.field === f.name);
    error.hidden = !e;
    error.textContent = e ? this.text(e) : '';
    if (e) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    const by = [hint.textContent ? hint.id : '', e ? error.id : ''].filter(Boolean).join(' ');
    if (by) input.setAttribute('aria-describedby', by);
    else input.removeAttribute('aria-describedby');
    input.disabled = this.busy;
    return label;
  }

  render() {
    if (!this.section) return;
    const l = lang();
    const b = this.section.body || {};
    this.title.textContent = `${T('form.title')}：${this.section.park.name}`;
    this.closeBtn.setAttribute('aria-label', T('form.close'));
    this.closeBtn.title = T('form.close');
    this.hint.textContent = T('form.hint');
    fill(this.year.input, years(b.first_year || FIRST_YEAR, b.last_year || countyYear()).reverse()
      .map((y) => h('option', { value: String(y), selected: y === this.yearValue }, T('form.yearOption', { y }))));
    this.year.input.value = String(this.yearValue);
    this.show(this.year).textContent = T('form.year');
    this.show(this.source, T('form.sourceHint')).textContent = T('form.source');
    for (const m of this.measures) {
      const f = this.inputs[m.id];
      if (!f) continue;
      const was = this.before?.[m.id];
      const now = was === '' || was == null ? T('form.currentNone') : T('form.current', { v: `${showValue(was, '', l)} ${m.unit}` });
      this.show(f, now).textContent = l === 'en' ? m.name_en || m.name_zh : m.name_zh;
    }
    const general = this.errors.filter((e) => !e.field);
    this.alert.hidden = !general.length;
    this.alert.textContent = general.map((e) => this.text(e)).join('；');
    this.saveBtn.textContent = this.busy ? T('form.saving') : T('form.save');
    this.saveBtn.disabled = this.busy;
    this.cancelBtn.textContent = T('form.cancel');
  }
}
