// The audit log for an admin (permission audit.read): the latest entries of GET /api/audit, newest
// first — time in the reader's local format, who (and their roles), the action, table / key, and a
// compact before → after list of the fields that changed — with 更多 for the next page (before=) and
// filters by actor, table and key. A wide modal dialog; the table scrolls inside it.
import { h, fill } from '../dom.js';
import { T, known } from './strings.js';
import * as client from './client.js';
import { ApiError, generalMessage } from './errors.js';
import { diffRows, diffText, formatTime, formatValue } from './diff.js';
import { Dialog } from './dialogs.js';

const PAGE = 50;

// A field's values in full, for the hover.
function fullText(r) {
  if (r.kind === 'added') return formatValue(r.after, 2000);
  if (r.kind === 'removed') return formatValue(r.before, 2000);
  return `${formatValue(r.before, 2000)} → ${formatValue(r.after, 2000)}`;
}

// One entry's change: a list of its fields, each "key: before → after"; the full values on hover.
function changeCell(entry) {
  if (entry.before == null && entry.after == null) return h('span', { class: 'muted' }, '—');
  const rows = diffRows(entry.before, entry.after);
  if (!rows.length) return h('span', { class: 'muted' }, T('audit.noChange'));
  const kindNote = entry.before == null ? T('audit.created') : entry.after == null ? T('audit.removed') : '';
  return h('div', null,
    kindNote ? h('span', { class: `acct-kind acct-kind-${entry.before == null ? 'added' : 'removed'}` }, kindNote) : null,
    h('ul', { class: 'acct-diff' }, rows.map((r) => h('li', {
      class: `acct-diff-${r.kind}`, dataset: { key: r.key, kind: r.kind },
      title: r.secret ? T('audit.masked') : fullText(r),
    }, diffText(r, T('audit.masked'))))));
}

function row(entry, lang) {
  const actionLabel = known(`action.${entry.action}`, entry.action);
  return h('tr', { dataset: { id: String(entry.id), action: entry.action ?? '' } },
    h('td', { class: 'acct-time' }, h('time', { datetime: entry.at }, formatTime(entry.at, lang))),
    h('td', null, h('span', { class: 'acct-actor' }, entry.actor || '—'),
      entry.actor_roles?.length ? h('span', { class: 'acct-sub' }, entry.actor_roles.map((r) => known(`role.${r}`, r)).join('、')) : null),
    h('td', null, actionLabel, actionLabel !== entry.action ? h('span', { class: 'acct-sub acct-code' }, entry.action) : null),
    h('td', { class: 'acct-object' }, h('span', { class: 'acct-code' }, entry.table || '—'),
      entry.key != null && entry.key !== '' ? h('span', { class: 'acct-sub' }, String(entry.key)) : null),
    h('td', { class: 'acct-change' }, changeCell(entry)),
    h('td', { class: 'acct-source', title: entry.request_id ? `${T('audit.requestId')}: ${entry.request_id}` : null },
      entry.client_addr || '—'));
}

/** AuditPanel is the audit log's dialog; open() reads the first page anew. */
export class AuditPanel {
  /** lang() is the page's language; onUnauthorized() is told when the service no longer knows the session. */
  constructor(lang, { onUnauthorized } = {}) {
    this.lang = lang;
    this.onUnauthorized = onUnauthorized;
    this.st = { entries: [], next: null, loading: false, error: null, filters: { actor: '', table: '', key: '' } };
    const input = (name) => h('input', { id: `acct-audit-${name}`, name, type: 'text', autocomplete: 'off', spellcheck: 'false' });
    this.inputs = { actor: input('actor'), table: input('table'), key: input('key') };
    this.labels = Object.fromEntries(Object.keys(this.inputs).map((k) => [k, h('label', { for: `acct-audit-${k}` })]));
    this.applyBtn = h('button', { type: 'submit', class: 'text-button' });
    this.clearBtn = h('button', { type: 'button', class: 'text-button', onclick: () => this.clearFilters() });
    this.filterForm = h('form', { class: 'acct-audit-filters', id: 'acct-audit-filters', role: 'search' },
      Object.keys(this.inputs).map((k) => h('span', { class: 'acct-filter' }, this.labels[k], this.inputs[k])),
      this.applyBtn, this.clearBtn);
    this.filterForm.addEventListener('submit', (e) => {
      e.preventDefault();
      for (const k of Object.keys(this.inputs)) this.st.filters[k] = this.inputs[k].value.trim();
      this.load(false);
    });
    this.head = h('tr');
    this.tbody = h('tbody');
    this.table = h('table', { class: 'acct-audit-table', id: 'acct-audit-table' }, h('thead', null, this.head), this.tbody);
    this.status = h('p', { class: 'acct-audit-status', id: 'acct-audit-status', role: 'status' });
    this.alert = h('p', { class: 'acct-error', id: 'acct-audit-error', role: 'alert', hidden: true });
    this.moreBtn = h('button', { type: 'button', class: 'text-button', id: 'acct-audit-more', onclick: () => this.load(true) });
    const body = h('div', { class: 'acct-audit' }, this.filterForm, this.alert,
      h('div', { class: 'acct-audit-scroll', tabindex: '0' }, this.table),
      h('div', { class: 'acct-audit-foot' }, this.status, this.moreBtn));
    this.dialog = new Dialog('acct-audit', 'audit.title', body, { wide: true });
    this.render();
  }

  open(opener) {
    this.dialog.open(opener);
    this.load(false);
  }

  close() {
    this.dialog.close();
  }

  clearFilters() {
    for (const k of Object.keys(this.inputs)) {
      this.inputs[k].value = '';
      this.st.filters[k] = '';
    }
    this.load(false);
  }

  /** load reads the first page (more = false) or the next one, after the last entry shown. */
  async load(more) {
    const st = this.st;
    if (st.loading) return;
    if (more && st.next == null) return;
    st.loading = true;
    st.error = null;
    this.render();
    try {
      const page = await client.audit({ limit: PAGE, before: more ? st.next : undefined, ...st.filters });
      st.entries = more ? [...st.entries, ...(page.entries || [])] : page.entries || [];
      st.next = page.next_before ?? null;
    } catch (err) {
      st.error = err instanceof ApiError ? generalMessage(err) : { key: 'err.network' };
    }
    st.loading = false;
    this.render();
    if (st.error?.key === 'err.sessionEnded') this.onUnauthorized?.();
  }

  render() {
    const lang = this.lang();
    const st = this.st;
    this.dialog.render();
    for (const k of Object.keys(this.inputs)) {
      this.labels[k].textContent = T(`audit.filter${k[0].toUpperCase()}${k.slice(1)}`);
    }
    this.applyBtn.textContent = T('audit.apply');
    this.clearBtn.textContent = T('audit.clear');
    fill(this.head, ['time', 'actor', 'action', 'object', 'change', 'source'].map((c) => h('th', { scope: 'col', class: `acct-col-${c}` }, T(`audit.${c}`))));
    fill(this.tbody, st.entries.map((e) => row(e, lang)));
    this.alert.hidden = !st.error;
    this.alert.textContent = st.error ? T('audit.failed', { msg: T(st.error.key, st.error.args) }) : '';
    let status;
    if (st.loading) status = T('audit.loading');
    else if (!st.entries.length) status = st.error ? '' : T('audit.empty');
    else status = T(st.next == null ? 'audit.countEnd' : 'audit.count', { n: st.entries.length });
    this.status.textContent = status;
    this.moreBtn.textContent = T('audit.more');
    this.moreBtn.hidden = st.next == null;
    this.moreBtn.disabled = st.loading;
  }
}
