// The proposal form, built from GET /api/eligibility/rules: the proposal types, and for the chosen
// type the facts its rules need (source "proposal"), each as an input of its type.
import { h, fill } from '../dom.js';
import { T } from './strings.js';
import { pick, punct } from '../i18n.js';

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

/**
 * percentFacts names the facts whose rules read them as a percentage (format "percent": the API takes
 * a fraction, 0.75). The form asks for them in per cent, as people write them (75), and sends
 * the fraction (issue 14: typing 75 got "must be from 0 to 1").
 */
export function percentFacts(rules) {
  return new Set(rules.rules.filter((r) => r.format === 'percent' && r.fact).map((r) => r.fact));
}

/** toPercent shows a fraction in per cent without float noise (0.7 → 70, not 70.00000000000001). */
export const toPercent = (v) => Number((v * 100).toFixed(6));

/** renderForm builds the form's fields into el from values (kept across re-renders). */
export function renderForm(el, rules, values, lang, onChange) {
  const typeSel = h('select', { id: 'elig-type', name: 'type', onchange: (e) => { values.type = e.target.value; onChange(true); } },
    rules.proposal_types.map((p) => h('option', { value: p.id, selected: p.id === values.type }, `${pick(p, 'name', lang)}（${p.clause}）`)));
  const percent = percentFacts(rules);
  const rows = neededFacts(rules, values.type).map((f) => {
    const id = `elig-fact-${f.name}`;
    const pct = percent.has(f.name);
    const unit = pct ? '%' : f.unit;
    const label = h('label', { for: id }, pick(f, 'name', lang), unit ? `${punct('open', lang)}${unit}${punct('close', lang)}` : '');
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
      const v = values.facts[f.name];
      input = h('input', {
        id, name: f.name, type: f.type === 'number' ? 'number' : 'text', step: 'any',
        min: pct && f.min != null ? toPercent(f.min) : f.min, max: pct && f.max != null ? toPercent(f.max) : f.max,
        value: v == null ? '' : (pct ? toPercent(v) : v), placeholder: T('unknown'), title: pct ? null : f.note || null,
        oninput: (e) => {
          const x = e.target.value.trim();
          if (x === '') delete values.facts[f.name];
          else if (f.type !== 'number') values.facts[f.name] = x;
          else values.facts[f.name] = pct ? Number(x) / 100 : Number(x);
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
