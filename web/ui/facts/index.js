// Park facts that can change (issue 12): on the park card, an 编辑 button for a user who may edit
// (account.gate(el, 'parks.edit')) opens the editor (form.js); a save reloads the park (ctx.updatePark),
// so that the card, the list, the filters and the map's tiles show the new facts at once. A logged-in
// user also sees the park's 修改记录 (history.js). The card itself (card.js) shows the current value
// and, where it differs, the plan's beside it.
import './facts.css';
import { h } from '../dom.js';
import { lang } from '../i18n.js';
import { formatTime } from '../account/diff.js';
import { T } from './strings.js';
import { FactsForm } from './form.js';
import { historySection } from './history.js';

function mount(ctx) {
  const { account } = ctx;
  let shown = null; // the card's element and park, as last drawn
  const form = new FactsForm({
    onSaved: async (rec) => {
      ctx.debug.factsSaved = rec;
      await ctx.updatePark(rec.park_id, rec.dataset_version);
      ctx.ui.card.querySelector('#facts-edit')?.focus();
    },
    onUnauthorized: () => account.refresh(),
  });
  ctx.debug.factsForm = form;

  function decorate(el, p) {
    shown = { el, p };
    for (const old of el.querySelectorAll('.facts-tools, .facts-history')) old.remove();
    const edit = account.gate(h('button', {
      type: 'button', class: 'text-button facts-edit', id: 'facts-edit', 'aria-label': `${T('editLabel')}：${p.name}`,
      onclick: (e) => form.open(p.id, e.currentTarget),
    }, T('edit')), 'parks.edit');
    const updated = p.facts_updated_at ? h('span', { class: 'facts-updated' }, T('updated', { at: formatTime(p.facts_updated_at, lang()) })) : null;
    const tools = h('div', { class: 'facts-tools' }, edit, updated);
    el.querySelector('.card-head')?.after(tools);
    if (account.user) {
      const sources = [...el.querySelectorAll('.card-section')].at(-1);
      const hist = historySection(p.id, { onUnauthorized: () => account.refresh() });
      if (sources) sources.before(hist);
      else el.append(hist);
    }
  }

  ctx.onCard(decorate);
  // A login or a logout changes who sees the history (the edit button's gate follows by itself).
  account.onChange(() => {
    if (shown?.el.isConnected && !shown.el.hidden) decorate(shown.el, ctx.features.get(shown.p.id)?.properties || shown.p);
    if (!account.can('parks.edit')) form.close();
  });
  ctx.onLang(() => {
    if (form.isOpen) form.render();
  });
}

export const facts = { name: 'facts', mount };
