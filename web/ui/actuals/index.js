// Actual yearly figures (issue 12) in the page: the park card's 实际数据 section (section.js) on every
// drawing of the card, read from GET /api/actuals?park=ID; for a user who may (account.gate
// 'actuals.edit', planners) its 录入 form (form.js) and the 批量导入 dialog (import.js). A save or an
// import reads the park's figures again, so the card shows what the service now holds.
import './actuals.css';
import * as client from './client.js';
import { Section } from './section.js';
import { ActualsForm } from './form.js';
import { ImportDialog } from './import.js';

function mount(ctx) {
  const { account } = ctx;
  let section = null; // the section on the card now
  const debug = { section: null, loads: 0 };
  ctx.debug.actuals = debug;

  const reload = async () => {
    if (!section?.el.isConnected) return;
    await section.load(client);
    debug.loads++;
  };
  const form = new ActualsForm({
    onSaved: async (parkId, answer) => {
      debug.saved = answer;
      await reload();
      section?.enterBtn.focus();
    },
    onUnauthorized: () => account.refresh(),
  });
  const imp = new ImportDialog({
    onApplied: async (answer) => {
      debug.applied = answer;
      await reload();
    },
    onUnauthorized: () => account.refresh(),
  });
  debug.form = form;
  debug.importDialog = imp;

  function decorate(el, p) {
    for (const old of el.querySelectorAll('.card-section.actuals')) old.remove();
    section = new Section(p, {
      account,
      onEnter: (s, opener) => form.open(s, opener),
      onBulk: (s, opener) => imp.open(s.body, opener),
    });
    debug.section = section;
    // After the plan's yearly figures, so that planned and actual are read one under the other.
    const yearly = el.querySelector('table.yearly')?.closest('.card-section');
    const before = yearly?.nextElementSibling || el.querySelector('.facts-history') || [...el.querySelectorAll('.card-section')].at(-1);
    if (before) before.before(section.el);
    else el.append(section.el);
    reload();
  }

  ctx.onCard(decorate);
  // Who entered a figure is for logged-in users: a login or a logout reads the figures again.
  account.onChange(() => {
    reload();
    if (!account.can('actuals.edit')) {
      form.close();
      imp.close();
    }
  });
  ctx.onLang(() => {
    section?.render();
    if (form.isOpen) form.render();
    if (imp.isOpen) imp.render();
  });
}

export const actuals = { name: 'actuals', mount };
