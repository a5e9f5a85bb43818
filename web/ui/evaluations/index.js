// Park evaluations on the card (绩效评价, issue 12): the park's grades by year with the notice each comes
// from, and for every round the honest count (2025年共评价11个园区，本系统有其中4个的档次): a year in
// which the park has no known grade reads 无数据, never a guess. A user who may (account.gate(el,
// 'parks.evaluate'), a planner) gets a form to enter a year's grade with its source, and a 删除 beside
// each grade; a save reloads the park (ctx.updatePark) so that the card, the list and the map's
// colours by grade (the layer list's 按评价) show it at once.
import './evaluations.css';
import { h, fill } from '../dom.js';
import { getJSON } from '../api.js';
import { lang } from '../i18n.js';
import { GRADE_COLORS } from '../style.js';
import { T } from './strings.js';
import * as client from './client.js';
import { rows, counts, fieldErrors } from './model.js';

const GRADES = ['A', 'B', 'C', 'D'];
const thisYear = () => new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear(); // China's year

function badge(g) {
  const s = h('span', { class: 'grade-badge', dataset: { grade: g }, title: T('gradeOf', { g }) }, g);
  s.style.backgroundColor = GRADE_COLORS[g];
  if (g === 'D' || g === 'A') s.style.color = '#ffffff';
  return s;
}

function mount(ctx) {
  const { account } = ctx;
  let flash = null; // {park, text}: the message a save leaves for the card drawn after it

  function table(p, rec) {
    const list = rows(rec);
    if (!list.length) return h('p', { class: 'muted', id: 'evals-none' }, T('none'));
    return h('table', { class: 'data evals-table', id: 'evals-table' },
      h('thead', null, h('tr', null, ['year', 'grade', 'nameInNotice', 'source'].map((k) => h('th', { scope: 'col' }, T(k))),
        h('td', { class: 'evals-actions' }, account.gate(h('span', { class: 'visually-hidden' }, T('remove')), 'parks.evaluate')))),
      h('tbody', null, list.map(({ year, grade, round }) => {
        if (!grade) {
          return h('tr', { dataset: { year, grade: '' }, class: 'evals-nodata' },
            h('th', { scope: 'row' }, String(year)),
            h('td', null, h('span', { class: 'grade-none' }, T('noData'))),
            h('td', { colspan: 2, class: 'muted' }, round ? T('noDataHint', counts(round)) : ''),
            h('td', { class: 'evals-actions' }, account.gate(h('span'), 'parks.evaluate')));
        }
        const remove = account.gate(h('button', {
          type: 'button', class: 'text-button evals-remove', 'aria-label': T('removeLabel', { year }),
          onclick: () => removeGrade(p, year),
        }, T('remove')), 'parks.evaluate');
        return h('tr', { dataset: { year, grade: grade.grade } },
          h('th', { scope: 'row' }, String(year)),
          h('td', null, badge(grade.grade)),
          h('td', null, grade.name_in_notice || '—',
            grade.match_note ? h('div', { class: 'evals-match' }, `${T('match')}：${grade.match_note}`) : null),
          h('td', { class: 'evals-source' }, grade.source,
            h('div', { class: 'evals-origin' }, grade.origin === 'planner' ? T('originPlanner') : T('originDataset'),
              grade.entered_by && grade.origin === 'planner' ? `（${grade.entered_by}）` : '')),
          h('td', { class: 'evals-actions' }, remove));
      })));
  }

  function roundsText(rec) {
    return (rec.rounds || []).map((r) => h('div', { class: 'evals-round', dataset: { year: r.year } },
      h('p', { class: 'evals-count' }, T('round', counts(r))),
      h('p', { class: 'muted evals-method' }, T('roundMethod', {
        issuer: r.issuer, date: r.date, method: r.method, dims: (r.dimensions || []).join(lang() === 'en' ? ', ' : '、'),
      }))));
  }

  function form(p) {
    const field = (name, input, hint) => h('div', { class: 'acct-field', dataset: { field: name } },
      h('label', { for: `evals-${name}` }, T(name === 'name_in_notice' ? 'nameInNotice' : name)), input,
      hint ? h('span', { class: 'acct-hint' }, hint) : null,
      h('p', { class: 'acct-field-error', id: `evals-${name}-error`, hidden: true }));
    const year = h('input', { id: 'evals-year', name: 'year', type: 'text', inputmode: 'numeric', value: String(thisYear()), autocomplete: 'off' });
    const grade = h('select', { id: 'evals-grade', name: 'grade' }, h('option', { value: '' }, T('chooseGrade')),
      GRADES.map((g) => h('option', { value: g }, T('gradeOf', { g }))));
    const source = h('input', { id: 'evals-source', name: 'source', type: 'text', autocomplete: 'off' });
    const name = h('input', { id: 'evals-name_in_notice', name: 'name_in_notice', type: 'text', autocomplete: 'off' });
    const status = h('p', { class: 'evals-status', id: 'evals-status', role: 'status' });
    const save = h('button', { type: 'submit', class: 'text-button primary', id: 'evals-save' }, T('save'));
    const el = h('form', { class: 'acct-form evals-form', id: 'evals-form', novalidate: true },
      h('h4', null, T('formTitle')),
      h('div', { class: 'evals-grid' }, field('year', year, T('yearHint')), field('grade', grade),
        field('source', source, T('sourceHint')), field('name_in_notice', name, T('nameHint'))),
      status, h('div', { class: 'acct-buttons' }, save));
    const showErrors = (errs) => {
      for (const f of ['year', 'grade', 'source', 'name_in_notice']) {
        const line = el.querySelector(`#evals-${f}-error`);
        const input = el.querySelector(`#evals-${f}`);
        line.textContent = errs[f] || '';
        line.hidden = !errs[f];
        if (errs[f]) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    };
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      const y = year.value.trim();
      const body = { grade: grade.value, source: source.value };
      if (name.value.trim()) body.name_in_notice = name.value;
      save.disabled = true;
      status.textContent = T('saving');
      showErrors({});
      try {
        const res = await client.put(p.id, y, body);
        ctx.debug.evaluationSaved = res;
        flash = { park: p.id, text: T('saved', { year: res.year }) };
        await ctx.updatePark(p.id, res.dataset_version);
        refreshRounds();
      } catch (err) {
        save.disabled = false;
        status.textContent = '';
        if (err.status === 401) account.refresh();
        const errs = fieldErrors(err.body, lang());
        showErrors(errs);
        if (!Object.keys(errs).length) {
          status.textContent = err.status === 401 ? T('err.sessionEnded') : err.status === 403 ? T('err.forbidden')
            : err.status === 0 ? T('err.network') : T('err.other', { status: err.status });
        }
      }
    });
    return account.gate(el, 'parks.evaluate');
  }

  async function removeGrade(p, year) {
    try {
      const res = await client.remove(p.id, year);
      flash = { park: p.id, text: T('removed', { year }) };
      await ctx.updatePark(p.id, res.dataset_version);
      refreshRounds();
    } catch (err) {
      if (err.status === 401) account.refresh();
      const section = ctx.ui.card.querySelector('#evals');
      section?.querySelector('#evals-status')?.replaceChildren(err.message);
    }
  }

  // After a change, the layer list's grade note is drawn again from the rounds as they are now (a
  // correction of a named year changes how many of its grades are known).
  async function refreshRounds() {
    try {
      ctx.data.evaluations = await getJSON('api/evaluations', { cache: 'no-cache' });
      ctx.renderLayers();
    } catch {
      // the note keeps the count it had; the card shows the change anyway
    }
  }

  function decorate(el, p) {
    el.querySelector('#evals')?.remove();
    const body = h('div', { class: 'evals-body', 'aria-live': 'polite' }, h('p', { class: 'muted' }, T('loading')));
    const section = h('section', { class: 'card-section evals', id: 'evals', dataset: { park: p.id } }, h('h3', null, T('title')), body);
    // After the yearly plan, before the plan's inconsistencies (and the history and sources after them).
    const before = el.querySelector('[data-section="inconsistencies"]');
    if (before) before.before(section);
    else el.append(section);
    const message = flash?.park === p.id ? flash.text : '';
    flash = null;
    client.load(p.id).then((rec) => {
      if (!section.isConnected) return;
      ctx.debug.evaluations = rec;
      const f = form(p);
      fill(body, roundsText(rec), table(p, rec), f);
      if (message) f.querySelector('#evals-status').textContent = message;
      section.dataset.loaded = 'true';
    }).catch((err) => {
      if (section.isConnected) fill(body, h('p', { class: 'acct-error' }, T('failed', { msg: err.message })));
    });
  }

  ctx.onCard(decorate);
}

export const evaluations = { name: 'evaluations', mount };
