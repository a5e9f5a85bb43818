// What the card's evaluation section shows, from GET /api/parks/{id}/evaluations: one row per year,
// newest first, for every year the park has a grade and every round in which it has none (无数据,
// with how many parks that round graded and how many of those grades are known). Pure, for node tests.

/**
 * rows merges a park's grades and the rounds: [{year, grade (null: no data), round (or null)}],
 * newest year first.
 */
export function rows(rec) {
  const rounds = new Map((rec?.rounds || []).map((r) => [r.year, r]));
  const grades = new Map((rec?.evaluations || []).map((g) => [g.year, g]));
  const years = [...new Set([...rounds.keys(), ...grades.keys()])].sort((a, b) => b - a);
  return years.map((year) => ({ year, grade: grades.get(year) || null, round: rounds.get(year) || null }));
}

/** counts are a round's words' placeholders: {year, n, r, a, b, c, d, known}. */
export function counts(round) {
  const g = round.grade_counts || {};
  return {
    year: round.year, n: round.parks_evaluated, r: round.parks_recognised,
    a: g.A ?? 0, b: g.B ?? 0, c: g.C ?? 0, d: g.D ?? 0, known: round.grades_known,
  };
}

/** fieldErrors maps a 400's errors to {field: message} in the language l. */
export function fieldErrors(body, l) {
  const out = {};
  for (const e of body?.errors || []) out[e.field] = l === 'en' ? e.description : (e.description_zh || e.description);
  if (!Object.keys(out).length && body?.field) out[body.field] = body.description;
  return out;
}
