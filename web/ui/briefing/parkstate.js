// The state of a park in a year, derived from its yearly plan (附件6/附件7) and its status as of 2018-10:
// per the plan, not actual progress (parkmap has no data on execution). Pure: unit-tested in node.

export const STATES = ['completed', 'started', 'supplied', 'planned'];
/** STATE_COLORS: a sequential ramp, darkest for completed. */
export const STATE_COLORS = { completed: '#1b7837', started: '#5aae61', supplied: '#c2a5cf', planned: '#d9d9d9' };

const planned = (plan, measure) => (plan || []).filter((c) => c.measure === measure && c.value != null && c.value > 0);

/**
 * parkState: completed if status 已竣工 or its planned completions up to Y cover its last planned completion
 * year; started if a start is planned ≤ Y or it is 在建; supplied if supply is planned ≤ Y; else planned.
 */
export function parkState(p, year) {
  const plan = p.yearly_plan || [];
  const completions = planned(plan, 'completion');
  if (p.status === '已竣工') return 'completed';
  if (completions.length && Math.max(...completions.map((c) => c.year)) <= year) return 'completed';
  if (p.status === '在建' || planned(plan, 'start').some((c) => c.year <= year)) return 'started';
  if (planned(plan, 'supply').some((c) => c.year <= year)) return 'supplied';
  return 'planned';
}

/** colorExpression is a MapLibre match on the park id giving each park its state's colour in year. */
export function colorExpression(parks, year) {
  const m = ['match', ['get', 'id']];
  for (const p of parks) m.push(p.id, STATE_COLORS[parkState(p, year)]);
  m.push('#888888');
  return m;
}
