// The park facts editor: a modal <dialog> with one labelled field per fact, each with its own error
// line (aria-invalid, aria-describedby); a stale save (409) shows 「该园区信息已被他人修改」 with both
// versions side by side and a button that reloads the latest. Texts are set by render(), so that a
// language switch re-translates an open form, its errors and the conflict included.
import { h, fill } from '../dom.js';
import { gloss, lang } from '../i18n.js';
import { formatTime } from '../account/diff.js';
import { T } from './strings.js';
import * as client from './client.js';
import { FIELDS, STATUSES, DEV_MODES, formValues, check, patch, conflictRows, show, serverErrors } from './model.js';

const SELECTS = { status: STATUSES, development_mode: DEV_MODES };
const PLAN_KEY = { status: 'status', development_mode: 'development_mode' };

export class FactsForm {
  /** onSaved(record) is called after a save, with the service's answer. onUnauthorized: the session ended. */
  constructor({ onSaved, onUnauthorized }) {
    this.onSaved = onSaved;
    this.onUnauthorized = onUnauthorized;
    this.rec = null;
    this.errors = [];
    this.conflict = null;
    this.busy = false;
    this.fields = {};
    for (const f of FIELDS) this.fields[f] = this.field(f);
    this.title = h('h2', { id: 'facts-dialog-title', class: 'acct-dialog-title' });
    this.closeBtn = h('button', { type: 'button', class: 'icon-button acct-close', id: 'facts-close', onclick: () => this.close() }, '×');
    this.hint = h('p', { class: 'acct-hint' });
    this.alert = h('p', { class: 'acct-error', id: 'facts-alert', role: 'alert', hidden: true });
    this.conflictEl = h('section', { class: 'facts-conflict', id: 'facts-conflict', role: 'alert', hidden: true });
    this.saveBtn = h('button', { type: 'submit', class: 'text-button primary', id: 'facts-save' });
    this.cancelBtn = h('button', { type: 'button', class: 'text-button', id: 'facts-cancel', onclick: () => this.close() });
    this.form = h('form', { class: 'acct-form facts-form', id: 'facts-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      this.hint, this.conflictEl,
      h('div', { class: 'facts-grid' }, FIELDS.map((f) => this.fields[f].el)),
      this.alert, h('div', { class: 'acct-buttons' }, this.saveBtn, this.cancelBtn));
    this.el = h('dialog', { id: 'facts-dialog', class: 'acct-dialog facts-dialog', 'aria-labelledby': 'facts-dialog-title' },
      h('div', { class: 'acct-dialog-head' }, this.title, this.closeBtn), this.form);
    this.el.addEventListener('close', () => {
      if (this.opener?.isConnected && !this.opener.hidden) this.opener.focus();
      this.opener = null;
    });
  }

  field(name) {
    const id = `facts-${name}`;
    let input;
    if (SELECTS[name]) input = h('select', { id, name });
    else if (name === 'notes') input = h('textarea', { id, name, rows: 3 });
    else {
      const numeric = name === 'firms_in_residence' || name === 'recognition_year';
      input = h('input', { id, name, type: 'text', inputmode: numeric ? 'numeric' : null, autocomplete: 'off' });
    }
    const label = h('label', { for: id });
    const hint = h('span', { class: 'acct-hint facts-hint', id: `${id}-hint` });
    const error = h('p', { id: `${id}-error`, class: 'acct-field-error', hidden: true });
    return { input, label, hint, error, el: h('div', { class: ['acct-field', name === 'notes' ? 'facts-wide' : ''], dataset: { field: name } }, label, input, hint, error) };
  }

  get isOpen() {
    return this.el.open;
  }

  /** open reads the park's latest facts and shows the form with them. */
  async open(parkId, opener = document.activeElement) {
    this.opener = opener;
    this.parkId = parkId;
    this.rec = null;
    this.errors = [];
    this.conflict = null;
    if (!this.el.isConnected) document.body.append(this.el);
    try {
      this.fill(await client.load(parkId));
    } catch (err) {
      this.errors = [{ field: null, key: 'err.loadFailed', args: { msg: err.message } }];
    }
    this.render();
    if (!this.el.open) this.el.showModal();
    this.fields.status.input.focus();
  }

  close() {
    if (this.el.open) this.el.close();
  }

  /** fill puts a record's current facts in the fields, and keeps its version for the If-Match. */
  fill(rec) {
    this.rec = rec;
    const v = formValues(rec);
    this.renderOptions();
    for (const f of FIELDS) this.fields[f].input.value = v[f];
  }

  values() {
    return Object.fromEntries(FIELDS.map((f) => [f, this.fields[f].input.value]));
  }

  renderOptions() {
    for (const [name, list] of Object.entries(SELECTS)) {
      const sel = this.fields[name].input;
      const keep = sel.value;
      const plan = this.rec?.plan?.[PLAN_KEY[name]];
      fill(sel, h('option', { value: '' }, plan ? T('planDefault', { v: gloss(plan) }) : T('planDefaultNone')),
        list.map((s) => h('option', { value: s }, gloss(s))));
      sel.value = keep;
    }
  }

  async submit() {
    if (this.busy || !this.rec) return;
    const v = this.values();
    this.errors = check(v);
    if (!this.errors.length) {
      const body = patch(v, this.rec);
      if (!Object.keys(body).length) this.errors = [{ field: null, key: 'noChange' }];
      else await this.send(body);
    }
    this.render();
    const first = this.errors.find((e) => e.field);
    if (first) this.fields[first.field].input.focus();
  }

  async send(body) {
    this.busy = true;
    this.render();
    try {
      const rec = await client.save(this.parkId, this.rec.version, body);
      this.busy = false;
      this.rec = rec;
      this.close();
      this.onSaved?.(rec);
      return;
    } catch (err) {
      this.errors = this.failure(err, body);
    } finally {
      this.busy = false;
    }
  }

  failure(err, body) {
    const s = err.status;
    if (s === 409 && err.body?.current) {
      this.conflict = { current: err.body.current, sent: err.body.sent || body };
      return [];
    }
    if (s === 400) {
      const list = serverErrors(err.body);
      return list.length ? list : [{ field: null, key: 'err.other', args: { status: s } }];
    }
    if (s === 401) {
      this.onUnauthorized?.();
      return [{ field: null, key: 'err.sessionEnded' }];
    }
    const key = { 0: 'err.network', 403: 'err.forbidden', 404: 'err.notFound', 503: 'err.unavailable' }[s] || 'err.other';
    return [{ field: null, key, args: { status: s } }];
  }

  /** reload takes the conflict's current facts as the form's, dropping what the user typed. */
  reload() {
    if (!this.conflict) return;
    this.fill(this.conflict.current);
    this.conflict = null;
    this.errors = [];
    this.render();
    this.fields.status.input.focus();
  }

  text(e) {
    return e.text ? e.text[lang()] || e.text.zh : T(e.key, e.args);
  }

  render() {
    this.title.textContent = this.rec ? `${T('title')}：${this.rec.name}` : T('title');
    this.closeBtn.setAttribute('aria-label', T('close'));
    this.closeBtn.title = T('close');
    this.hint.textContent = T('hint');
    this.renderOptions();
    for (const f of FIELDS) {
      const { input, label, hint, error } = this.fields[f];
      label.textContent = T(`field.${f}`);
      const hk = `fieldHint.${f}`;
      hint.textContent = ['industries', 'firms_in_residence', 'recognition_year'].includes(f) ? T(hk) : '';
      hint.hidden = !hint.textContent;
      const e = this.errors.find((x) => x.field === f);
      error.hidden = !e;
      error.textContent = e ? this.text(e) : '';
      if (e) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', [hint.textContent ? hint.id : '', e ? error.id : ''].filter(Boolean).join(' ') || null);
      if (!input.getAttribute('aria-describedby')) input.removeAttribute('aria-describedby');
      input.disabled = this.busy || !this.rec;
    }
    const general = this.errors.filter((e) => !e.field);
    this.alert.hidden = !general.length;
    this.alert.textContent = general.map((e) => this.text(e)).join('；');
    this.saveBtn.textContent = this.busy ? T('saving') : T('save');
    this.saveBtn.disabled = this.busy || !this.rec || Boolean(this.conflict);
    this.cancelBtn.textContent = T('cancel');
    this.renderConflict();
  }

  renderConflict() {
    const c = this.conflict;
    this.conflictEl.hidden = !c;
    if (!c) return fill(this.conflictEl);
    const cur = c.current;
    const rows = conflictRows(cur, c.sent);
    fill(this.conflictEl,
      h('h3', null, `「${T('conflict')}」`),
      h('p', null, T('conflictHint', { who: cur.updated_by || T('conflictSomeone'), at: formatTime(cur.updated_at, lang()), v: cur.version })),
      h('table', { class: 'data facts-conflict-table' },
        h('thead', null, h('tr', null, ['conflictField', 'conflictCurrent', 'conflictSent'].map((k) => h('th', { scope: 'col' }, T(k))))),
        h('tbody', null, rows.map((r) => h('tr', { class: r.same ? '' : 'differs', dataset: { field: r.field } },
          h('th', { scope: 'row' }, T(`field.${r.field}`)),
          h('td', { class: 'facts-current' }, show(r.current, T('empty'))),
          h('td', { class: 'facts-sent' }, show(r.sent, T('empty'))))))),
      h('button', { type: 'button', class: 'text-button primary', id: 'facts-reload', onclick: () => this.reload() }, T('reload')));
  }
}
