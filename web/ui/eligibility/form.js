// The proposal form, built from GET /api/eligibility/rules: the proposal types, and for the chosen
// type the facts its rules need (source "proposal"), each as an input of its type.
import { h, fill } from '../dom.js';
import { T } from './strings.js';
import { pick } from '../i18n.js';

/** neededFacts lists the proposal facts the rules of a type read (their fact or their "when" fact). */
export function neededFacts(rules, type) {
  const names = new Set();
  for (const r of rules.rules) {
    if (!r.applies_to?.includes(type)) continue;
    if (r.fact) names.add(r.fact);
    if (r.when?.fact) names.add(r.when.fact);
  }
  return rules.facts.filter((f) => f.source === 'proposal' && names.has(f.name));
}

/** renderForm builds the form's fields into el from values (kept across re-renders). */
export function renderForm(el, rules, values, lang, onChange) {
  const typeSel = h('select', { id: 'elig-type', name: 'type', onchange: (e) => { values.type = e.target.value; onChange(true); } },
    rules.proposal_types.map((p) => h('option', { value: p.id, selected: p.id === values.type }, `${pick(p, 'name', lang)}（${p.clause}）`)));
  const rows = neededFacts(rules, values.type).map((f) => {
    const id = `elig-fact-${f.name}`;
    const label = h('label', { for: id }, pick(f, 'name', lang), f.unit ? `（${f.unit}）` : '');
    let input;
    if (f.type === 'boolean') {
      const v = values.facts[f.name];
      input = h('select', { id, name: f.name, onchange: (e) => {
        const x = e.target.value;
        if (x === '') delete values.facts[f.name]; else values.facts[f.name] = x === 'true';
      } },
      h('option', { value: '', selected: v == null }, T('unknown')),
      h('option', { value: 'true', selected: v === true }, T('yes')),
      h('option', { value: 'false', selected: v === false }, T('no')));
    } else {
      input = h('input', {
        id, name: f.name, type: f.type === 'number' ? 'number' : 'text', step: 'any', min: f.min, max: f.max,
        value: values.facts[f.name] ?? '', placeholder: T('unknown'), title: f.note || null,
        oninput: (e) => {
          const x = e.target.value.trim();
          if (x === '') delete values.facts[f.name];
          else values.facts[f.name] = f.type === 'number' ? Number(x) : x;
        },
      });
    }
    return h('div', { class: 'elig-field' }, label, input);
  });
  fill(el,
    h('div', { class: 'elig-field' }, h('label', { for: 'elig-type' }, T('proposalType')), typeSel),
    h('fieldset', { class: 'elig-facts' }, h('legend', null, T('facts')), rows));
}

/** proposalOf builds the request's proposal from the form values, keeping only the type's facts. */
export function proposalOf(rules, values) {
  const p = { type: values.type };
  for (const f of neededFacts(rules, values.type)) {
    const v = values.facts[f.name];
    if (v != null && !(typeof v === 'number' && Number.isNaN(v))) p[f.name] = v;
  }
  return p;
}
