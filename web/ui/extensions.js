// Extensions of the web map: each is a module whose mount(ctx) is called once the map has loaded,
// with ctx = { map, ui, state, data, parks, features, debug, t, lang, addControl, selectPark, onLang }.
// Each extension keeps its own files (web/ui/<name>/); this list is the only shared line per extension.
import { eligibility } from './eligibility/index.js';
import { briefing } from './briefing/index.js';
export const extensions = [eligibility, briefing];
