// The park state per year of the briefing's timeline (web/ui/briefing/parkstate.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parkState, colorExpression, STATE_COLORS } from '../briefing/parkstate.js';

const cell = (measure, year, value) => ({ source_table: '附件7', measure, year, unit: '亩', raw: value == null ? '—' : String(value), value });

test('a new park goes planned → supplied → started → completed with its plan', () => {
  const p = { id: 'x', status: '拟建', yearly_plan: [
    cell('supply', 2019, 50), cell('supply', 2020, null), cell('start', 2020, 50), cell('completion', 2021, 3), cell('completion', 2022, 4),
  ] };
  assert.deepEqual([2018, 2019, 2020, 2021, 2022].map((y) => parkState(p, y)), ['planned', 'supplied', 'started', 'started', 'completed']);
});

test('status as of 2018-10 counts: 已竣工 is completed, 在建 is started', () => {
  assert.equal(parkState({ status: '已竣工', yearly_plan: [] }, 2018), 'completed');
  assert.equal(parkState({ status: '在建', yearly_plan: [] }, 2018), 'started');
});

test('"—" (null) and 0 are no plan', () => {
  const p = { status: '新建', yearly_plan: [cell('supply', 2018, null), cell('start', 2018, 0)] };
  assert.equal(parkState(p, 2022), 'planned');
});

test('colorExpression matches each park id to its state colour', () => {
  const e = colorExpression([{ id: 'a', status: '已竣工' }, { id: 'b', status: '拟建' }], 2018);
  assert.deepEqual(e, ['match', ['get', 'id'], 'a', STATE_COLORS.completed, 'b', STATE_COLORS.planned, '#888888']);
});
