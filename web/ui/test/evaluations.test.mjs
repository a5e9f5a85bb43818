// The card's evaluation rows (web/ui/evaluations/model.js): every year with a grade and every round
// without one (无数据), newest first; a round's counts; a 400's field errors in the page's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rows, counts, fieldErrors } from '../evaluations/model.js';
import { parkColor, GRADE_COLORS, NO_GRADE_COLOR } from '../style.js';
import { readState, writeState } from '../urlstate.js';

const round2025 = { year: 2025, parks_evaluated: 11, parks_recognised: 13, grade_counts: { A: 3, B: 4, C: 3, D: 1 }, grades_known: 4 };

test('rows: a graded year, a planner year without a round, a round without the park\'s grade', () => {
  const rec = {
    evaluations: [{ year: 2026, grade: 'B' }, { year: 2025, grade: 'A' }],
    rounds: [round2025, { ...round2025, year: 2024, grades_known: 0 }],
  };
  assert.deepEqual(rows(rec).map((r) => [r.year, r.grade?.grade ?? null, r.round?.year ?? null]),
    [[2026, 'B', null], [2025, 'A', 2025], [2024, null, 2024]]);
  assert.deepEqual(rows({ evaluations: [], rounds: [round2025] }).map((r) => [r.year, r.grade]), [[2025, null]]);
  assert.deepEqual(rows(null), []);
});

test('counts fill the round sentence', () => {
  assert.deepEqual(counts(round2025), { year: 2025, n: 11, r: 13, a: 3, b: 4, c: 3, d: 1, known: 4 });
});

test('fieldErrors: each field in Chinese or English; a lone field error too', () => {
  const body = { field: 'grade', errors: [{ field: 'grade', description: 'grade must be one of A, B, C, D', description_zh: '档次只能是 A、B、C 或 D' }] };
  assert.deepEqual(fieldErrors(body, 'zh'), { grade: '档次只能是 A、B、C 或 D' });
  assert.deepEqual(fieldErrors(body, 'en'), { grade: 'grade must be one of A, B, C, D' });
  assert.deepEqual(fieldErrors({ field: 'id', description: 'no park' }, 'zh'), { id: 'no park' });
});

test('colour by grade: A–D by the latest grade, every other park no data; the URL keeps the mode', () => {
  const expr = parkColor('grade', {});
  assert.deepEqual(expr.slice(0, 2), ['match', ['get', 'evaluation_grade']]);
  assert.equal(expr.at(-1), NO_GRADE_COLOR);
  for (const [g, c] of Object.entries(GRADE_COLORS)) assert.equal(expr[expr.indexOf(g) + 1], c);
  assert.equal(readState('?color=grade').color, 'grade');
  assert.equal(writeState(readState('?color=grade')), '?color=grade');
  assert.equal(readState('?color=nonsense').color, 'status');
});
