// Plan against actual in the briefing's tables (web/ui/briefing/actuals.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasActuals, actualText, rateText, metText, actualTitle } from '../briefing/actuals.js';

const words = { met: '已达标', notMet: '未达标', notDue: '未到期', noData: '无数据' };

test('no actual reads no data, never 0', () => {
  const t = { actual: null, unit: '亩', completion_rate: null, target_met: null, target_year: 2022 };
  assert.equal(actualText(t, 'zh', '无数据'), '无数据');
  assert.equal(rateText(t, 'zh', '无数据'), '无数据');
  assert.equal(metText(t, 2022, words), '无数据');
  assert.equal(metText(t, 2020, words), '未到期');
  assert.equal(hasActuals({ targets: [t] }), false);
});

test('a partial county figure says how many parks it rests on', () => {
  const t = { actual: 1550.5, unit: '亩', actual_parks: 2, actual_parks_of: 20, completion_rate: 1.0337, target_met: true, target_year: 2022 };
  assert.equal(actualText(t, 'zh', '无数据'), '1,550.5 亩（2/20园区）');
  assert.equal(actualText(t, 'en', 'no data'), '1,550.5 亩 (2 of 20 parks)');
  assert.equal(rateText(t, 'zh', '无数据'), '103.4%');
  assert.equal(metText(t, 2026, words), '已达标');
  assert.equal(metText({ ...t, target_met: false }, 2022, words), '未达标');
  assert.equal(hasActuals({ targets: [t] }), true);
  assert.equal(actualText({ ...t, actual_parks: 20 }, 'zh', '无数据'), '1,550.5 亩');
});

test('the hover text carries the note, the years and the sources', () => {
  const s = actualTitle({ actual_note: 'n', actual_basis: 'b', actual_years: [2021, 2022], actual_sources: ['年报', '报送'] });
  assert.equal(s, 'n\nb\n2021、2022\n年报；报送');
});
