// The 批量导入 dialog of actual figures (issue 12), for planners: ① choose the years and download the
// template (GET /api/actuals/template.xlsx, prefilled by the service with the parks, the years and the
// figures there now); ② upload the filled workbook (POST /api/actuals/import, the raw bytes) and see
// the preview cell by cell — row, park, year, measure, before → after, status, errors in red with
// their Chinese message — and a summary line; ③ 应用, enabled only when the preview has changes and
// no error, writes them in one transaction (apply=true); then the card is refreshed (onApplied).
import { h, fill } from '../dom.js';
import { lang, has } from '../i18n.js';
import { T } from './strings.js';
import * as client from './client.js';
import { years, countyYear, FIRST_YEAR, MEASURES, measureName, previewCells, looseErrors, summaryOf, canApply, checkYears, showValue } from './model.js';

export class ImportDialog {
  /** onApplied(answer) is called after an apply; onUnauthorized: the session ended. */
  constructor({ onApplied, onUnauthorized }) {
    this.onApplied = onApplied;
    this.onUnauthorized = onUnauthorized;
    this.range = { first: FIRST_YEAR, last: countyYear() };
    this.from = null;
    this.to = null;
    this.preview = null;
    this.error = null;
    this.note = null;
    this.busy = null; // 'download' | 'upload' | 'apply'
    this.onlyChanges = false;
    this.measures = MEASURES;
    this.title = h('h2', { id: 'actuals-imp-title', class: 'acct-dialog-title' });
    this.closeBtn = h('button', { type: 'button', class: 'icon-button acct-close', id: 'actuals-imp-close', onclick: () => this.close() }, '×');
    this.fromSel = h('select', { id: 'actuals-imp-from', onchange: () => { this.from = Number(this.fromSel.value); this.render(); } });
    this.toSel = h('select', { id: 'actuals-imp-to', onchange: () => { this.to = Number(this.toSel.value); this.render(); } });
    this.fromLabel = h('label', { for: 'actuals-imp-from' });
    this.toLabel = h('label', { for: 'actuals-imp-to' });
    this.downloadBtn = h('button', { type: 'button', class: 'text-button', id: 'actuals-imp-download', onclick: () => this.download() });
    // The browser's own file control speaks the browser's language ("Choose File"): it is hidden, and
    // a button of the page's, in the page's language, opens it; the chosen file's name is shown beside.
    this.fileInput = h('input', { type: 'file', id: 'actuals-imp-file', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true',
      accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      onchange: () => { this.preview = null; this.error = null; this.note = null; this.render(); } });
    this.pickBtn = h('button', { type: 'button', class: 'text-button', id: 'actuals-imp-pick', 'aria-describedby': 'actuals-imp-file-name', onclick: () => this.fileInput.click() });
    this.fileName = h('span', { class: 'actuals-file-name', id: 'actuals-imp-file-name' });
    this.uploadBtn = h('button', { type: 'button', class: 'text-button', id: 'actuals-imp-upload', onclick: () => this.upload(false) });
    this.applyBtn = h('button', { type: 'button', class: 'text-button primary', id: 'actuals-imp-apply', onclick: () => this.upload(true) });
    this.onlyBox = h('input', { type: 'checkbox', id: 'actuals-imp-only', onchange: () => { this.onlyChanges = this.onlyBox.checked; this.render(); } });
    this.onlyLabel = h('label', { for: 'actuals-imp-only', class: 'actuals-only' });
    this.steps = [h('h3', null), h('h3', null), h('h3', null)];
    this.status = h('p', { class: 'actuals-imp-status', id: 'actuals-imp-status', role: 'status' });
    this.alert = h('p', { class: 'acct-error', id: 'actuals-imp-alert', role: 'alert', hidden: true });
    this.summary = h('p', { class: 'actuals-imp-summary', id: 'actuals-imp-summary', hidden: true });
    this.loose = h('ul', { class: 'actuals-imp-loose', id: 'actuals-imp-loose', hidden: true });
    this.tableWrap = h('div', { class: 'actuals-imp-scroll', id: 'actuals-imp-scroll', hidden: true });
    this.applyHint = h('span', { class: 'acct-hint', id: 'actuals-imp-apply-hint' });
    this.el = h('dialog', { id: 'actuals-imp-dialog', class: 'acct-dialog actuals-imp-dialog', 'aria-labelledby': 'actuals-imp-title' },
      h('div', { class: 'acct-dialog-head' }, this.title, this.closeBtn),
      h('div', { class: 'acct-form actuals-imp-body' },
        h('section', { class: 'actuals-step' }, this.steps[0],
          h('div', { class: 'actuals-row' }, h('div', { class: 'acct-field' }, this.fromLabel, this.fromSel), h('div', { class: 'acct-field' }, this.toLabel, this.toSel), this.downloadBtn)),
        h('section', { class: 'actuals-step' }, this.steps[1],
          h('div', { class: 'actuals-row' }, this.fileInput, this.pickBtn, this.fileName, this.uploadBtn)),
        h('section', { class: 'actuals-step' }, this.steps[2],
          this.summary, this.loose, h('div', { class: 'actuals-row' }, this.onlyBox, this.onlyLabel), this.tableWrap,
          h('div', { class: 'acct-buttons' }, this.applyBtn, this.applyHint)),
        this.status, this.alert));
    this.el.addEventListener('close', () => {
      if (this.opener?.isConnected && !this.opener.hidden) this.opener.focus();
      this.opener = null;
    });
  }

  get isOpen() {
    return this.el.open;
  }

  /** open shows the dialog; body (an /api/actuals answer, if the card has one) gives the year range and measures. */
  open(body, opener = document.activeElement) {
    this.opener = opener;
    if (body?.first_year) this.range = { first: body.first_year, last: body.last_year };
    if (body?.measures?.length) this.measures = body.measures;
    this.to ??= Math.max(this.range.first, this.range.last - 1);
    this.from ??= Math.max(this.range.first, this.to - 1);
    this.error = null;
    this.note = null;
    if (!this.el.isConnected) document.body.append(this.el);
    this.render();
    if (!this.el.open) this.el.showModal();
    this.fromSel.focus();
  }

  close() {
    if (this.el.open) this.el.close();
  }

  async download() {
    const bad = checkYears(this.from, this.to);
    if (bad) return this.fail({ key: bad });
    await this.run('download', async () => {
      const { blob, filename } = await client.template(this.from, this.to);
      const a = h('a', { href: URL.createObjectURL(blob), download: filename });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      this.note = T('imp.downloaded', { name: filename });
    });
  }

  async upload(apply) {
    const file = this.fileInput.files?.[0];
    if (!file) return this.fail({ key: 'imp.noFile' });
    await this.run(apply ? 'apply' : 'upload', async () => {
      this.note = null;
      const answer = await client.upload(file, apply);
      this.preview = answer;
      if (answer.applied) {
        this.note = T('imp.applied', { changed: summaryOf(answer).changed + summaryOf(answer).cleared });
        await this.onApplied?.(answer);
      }
    });
  }

  async run(what, fn) {
    if (this.busy) return;
    this.busy = what;
    this.error = null;
    this.render();
    try {
      await fn();
    } catch (err) {
      this.error = this.failure(err);
    } finally {
      this.busy = null;
      this.render();
    }
  }

  fail(e) {
    this.error = e;
    this.render();
  }

  failure(err) {
    const s = err.status;
    if (s === 401) this.onUnauthorized?.();
    const b = err.body?.error && typeof err.body.error === 'object' ? err.body.error : err.body || {};
    const zh = b.description_zh || b.message_zh || b.errors?.[0]?.description_zh || b.fields?.[0]?.message_zh;
    const en = b.description || b.message;
    if ((s === 400 || s === 422) && (zh || en)) return { text: { zh: zh || en, en: en || zh } };
    const key = { 0: 'err.network', 401: 'err.sessionEnded', 403: 'err.forbidden', 413: 'err.tooLarge', 503: 'err.unavailable' }[s] || 'err.other';
    return { key, args: { status: s } };
  }

  text(e) {
    return e.text ? e.text[lang()] || e.text.zh : T(e.key, e.args);
  }

  render() {
    const l = lang();
    this.title.textContent = T('imp.title');
    this.closeBtn.setAttribute('aria-label', T('imp.close'));
    this.closeBtn.title = T('imp.close');
    ['imp.step1', 'imp.step2', 'imp.step3'].forEach((k, i) => { this.steps[i].textContent = T(k); });
    this.fromLabel.textContent = T('imp.from');
    this.toLabel.textContent = T('imp.to');
    const ys = years(this.range.first, this.range.last).reverse();
    for (const [sel, v] of [[this.fromSel, this.from], [this.toSel, this.to]]) {
      fill(sel, ys.map((y) => h('option', { value: String(y) }, T('form.yearOption', { y }))));
      sel.value = String(v);
    }
    this.downloadBtn.textContent = this.busy === 'download' ? T('imp.downloading') : T('imp.download');
    this.pickBtn.textContent = T('imp.pick');
    const file = this.fileInput.files?.[0];
    this.fileName.textContent = file ? file.name : T('imp.noFileChosen');
    this.uploadBtn.textContent = this.busy === 'upload' ? T('imp.uploading') : T('imp.upload');
    this.applyBtn.textContent = this.busy === 'apply' ? T('imp.applying') : T('imp.apply');
    this.onlyLabel.textContent = T('imp.onlyChanges');
    for (const b of [this.downloadBtn, this.pickBtn, this.uploadBtn, this.applyBtn]) b.disabled = Boolean(this.busy);
    this.applyBtn.disabled = Boolean(this.busy) || !canApply(this.preview);
    this.applyHint.textContent = canApply(this.preview) || this.preview?.applied ? '' : T('imp.applyHint');
    this.status.textContent = this.note || '';
    this.status.hidden = !this.note;
    this.alert.hidden = !this.error;
    this.alert.textContent = this.error ? this.text(this.error) : '';
    this.renderPreview(l);
  }

  renderPreview(l) {
    const p = this.preview;
    for (const el of [this.summary, this.loose, this.tableWrap]) el.hidden = !p;
    this.onlyBox.parentElement.hidden = !p;
    if (!p) return;
    const s = summaryOf(p);
    Object.assign(this.summary.dataset, Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])), { applied: String(Boolean(p.applied)) });
    this.summary.className = ['actuals-imp-summary', s.errors ? 'has-errors' : ''].filter(Boolean).join(' ');
    this.summary.textContent = [T('imp.summary', s), s.errors ? T('imp.summaryErrors', { n: s.errors }) : ''].filter(Boolean).join(' ');
    const loose = looseErrors(p);
    this.loose.hidden = !loose.length;
    fill(this.loose, loose.map((e) => h('li', { class: 'actuals-imp-error', dataset: { cell: e.cell || '' } }, e.cell ? `${e.cell}：` : '', this.text(e))));
    const byId = new Map(this.measures.map((m) => [m.id, m]));
    const cells = previewCells(p, { onlyChanges: this.onlyChanges });
    if (!cells.length) return fill(this.tableWrap, h('p', { class: 'muted' }, T('imp.noRows')));
    const none = T('none');
    const col = ['row', 'park', 'year', 'measure', 'cell', 'change', 'status'];
    fill(this.tableWrap, h('table', { class: 'data actuals-imp-table', id: 'actuals-imp-preview' },
      h('thead', null, h('tr', null, col.map((k) => h('th', { scope: 'col' }, T(`imp.col.${k}`))))),
      h('tbody', null, cells.map((c) => {
        const m = byId.get(c.measure);
        const after = c.status === 'error' ? (c.raw ?? '') : showValue(c.value, none, l);
        return h('tr', { class: [`st-${c.status}`], dataset: { cell: c.cell || '', status: c.status, park: c.park_id || '', year: c.year ?? '', measure: c.measure || '' } },
          h('td', { class: 'num' }, String(c.row ?? '')),
          h('td', null, c.park_name || c.park_id || ''),
          h('td', { class: 'num' }, String(c.year ?? '')),
          h('td', null, m ? measureName(m, l) : c.measure || ''),
          h('td', null, c.cell || ''),
          h('td', { class: 'num' }, h('span', { class: 'actuals-before' }, showValue(c.before, none, l)), ' → ', h('span', { class: 'actuals-after' }, after)),
          h('td', { class: 'actuals-status' }, has(`actuals.imp.status.${c.status}`) ? T(`imp.status.${c.status}`) : c.status, c.message ? h('div', { class: 'actuals-imp-msg' }, this.text({ text: c.message })) : null));
      }))));
  }
}
