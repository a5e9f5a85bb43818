// Extensions of the web map: each is a module whose mount(ctx) is called once the map has loaded,
// with ctx = { map, ui, state, data, parks, features, debug, t, lang, addControl, selectPark, onLang,
// modes, account, onCard, updatePark, renderLayers }; ctx.onCard(fn) calls fn(cardEl, park) after every drawing of the
// park card; ctx.updatePark(id, datasetVersion) reloads one park after an edit; ctx.account tells who is logged in and gates controls on permissions
// (account/index.js: account.can(name), account.gate(el, name), account.onChange(fn)). An extension that takes the map's clicks or the page's keys registers a mode with
// ctx.modes (modes.js) instead of listening itself, so that only one tool at a time has them.
// Each extension keeps its own files (web/ui/<name>/); this list is the only shared line per extension.
import { eligibility } from './eligibility/index.js';
import { briefing } from './briefing/index.js';
import { facts } from './facts/index.js';
import { evaluations } from './evaluations/index.js';
import { actuals } from './actuals/index.js';
import { imports } from './imports/index.js';
export const extensions = [eligibility, briefing, facts, evaluations, actuals, imports];
