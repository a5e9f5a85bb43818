// The actual figures' pure parts (web/ui/actuals/model.js): the card's table (无数据, never 0; sources
// numbered), the county's year, the 录入 form's values, checks and PUT body (null clears), the
// service's field errors in both shapes, and the bulk import's preview, summary and apply rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLang } from '../i18n.js';
import { T } from '../actuals/strings.js';
import {
  FIRST_YEAR, MEASURES, countyYear, years, measureName, table, formValues, yearSource, parseNumber, check, putBody,
  serverErrors, templatePath, importPath, filenameOf, previewCells, looseErrors, summaryOf, canApply, checkYears, showValue,
} from '../actuals/model.js';

const body = {
  first_year: 2018, last_year: 2026, measures: MEASURES,
  figures: [
    { park_id: 'a', park_name: '甲园', year: 2024, measure: 'tax_wan', value: 300, source: '2024年度统计年报', entered_at: '2025-03-01T00:00:00Z' },
    { park_id: 'a', park_name: '甲园', year: 2023, measure: 'land_supplied_mu', value: 12.5, source: '2023年度统计年报', entered_at: '2024-03-01T00:00:00Z' },
    { park_id: 'a', park_name: '甲园', year: 2023, measure: 'tax_wan', value: 0, source: '2023年度统计年报', entered_at: '2024-03-01T00:00:00Z' },
    { park_id: 'a', park_name: '甲园', year: 2023, measure: 'firms', value: 40, source: '园区台账', entered_at: '2024-03-01T00:00:00Z' },
    { park_id: 'b', park_name: '乙园', year: 2022, measure: 'tax_wan', value: 9, source: '别的', entered_at: '2023-03-01T00:00:00Z' },
  ],
};

test('the measures are the service\'s eight, in plan.ActualMeasures order, firms whole', () => {
  assert.deepEqual(MEASURES.map((m) => m.id), ['land_supplied_mu', 'floor_started_wan_m2', 'floor_completed_wan_m2', 'output_yi', 'tax_wan', 'firms', 'firms_above_scale', 'investment_yi']);
  assert.deepEqual(MEASURES.filter((m) => m.whole).map((m) => m.id), ['firms', 'firms_above_scale']);
  assert.equal(measureName(MEASURES[0]), '供地（亩）');
  assert.equal(measureName(MEASURES[1], 'en'), 'Floor area started (万㎡)');
});

test('the year is the county\'s (China Standard Time), and the years run from 2018 with no upper year fixed', () => {
  assert.equal(countyYear(new Date('2026-12-31T15:59:59Z')), 2026);
  assert.equal(countyYear(new Date('2026-12-31T16:00:00Z')), 2027, 'midnight in Pingyang is 16:00 UTC');
  assert.equal(FIRST_YEAR, 2018);
  assert.deepEqual(years(2018, 2021), [2018, 2019, 2020, 2021]);
  assert.equal(years(2018, 2031).at(-1), 2031);
});

test('the card\'s table: the years with figures, every measure, 无数据 as null (a 0 stays 0), sources numbered in order', () => {
  const tb = table(body, 'a');
  assert.deepEqual(tb.years, [2023, 2024]);
  assert.equal(tb.count, 4);
  assert.deepEqual(tb.rows.map((r) => r.measure.id), MEASURES.map((m) => m.id));
  const row = (id) => tb.rows.find((r) => r.measure.id === id).cells;
  assert.equal(row('land_supplied_mu')[0].value, 12.5);
  assert.equal(row('land_supplied_mu')[1], null, 'no figure is no data, not 0');
  assert.equal(row('tax_wan')[0].value, 0, 'a figure of 0 is a figure');
  assert.equal(row('output_yi').every((c) => c === null), true);
  assert.deepEqual(tb.sources, ['2023年度统计年报', '2024年度统计年报', '园区台账'], 'in the order the table reads: measure by measure');
  assert.equal(row('tax_wan')[1].note, 2);
  assert.equal(row('firms')[0].note, 3);
  assert.equal(table({ figures: [] }, 'a').count, 0);
  assert.equal(table(null, 'a').rows.length, 8, 'the page\'s own measures before any answer');
});

test('the form\'s values for a year: the figures as strings, \'\' where none; the year\'s usual source', () => {
  const v = formValues(body, 'a', 2023);
  assert.equal(v.land_supplied_mu, '12.5');
  assert.equal(v.tax_wan, '0');
  assert.equal(v.output_yi, '');
  assert.equal(Object.keys(v).length, 8);
  assert.equal(yearSource(body, 'a', 2023), '2023年度统计年报');
  assert.equal(yearSource(body, 'a', 2019), '');
});

test('numbers are read as people type them; anything else is NaN, blank is null', () => {
  assert.equal(parseNumber(' 12.5 '), 12.5);
  assert.equal(parseNumber('１２．５'), 12.5);
  assert.equal(parseNumber('1,234'), 1234);
  assert.equal(parseNumber('-3'), -3);
  assert.equal(parseNumber(''), null);
  assert.ok(Number.isNaN(parseNumber('十二')));
  assert.ok(Number.isNaN(parseNumber('12亩')));
  assert.ok(Number.isNaN(parseNumber('=A1')));
});

test('the form\'s checks: not a number, negative, a fraction of firms, too big, a missing or long source', () => {
  const before = formValues(body, 'a', 2023);
  const errs = check({ ...before, land_supplied_mu: 'abc', tax_wan: '-1', firms: '4.5', output_yi: '1e9' }, '', MEASURES, before);
  assert.deepEqual(errs.map((e) => [e.field, e.key]), [
    ['land_supplied_mu', 'err.number'], ['output_yi', 'err.tooBig'], ['tax_wan', 'err.negative'], ['firms', 'err.whole'],
  ]);
  assert.deepEqual(check({ ...before, output_yi: '3' }, ' ', MEASURES, before).map((e) => e.key), ['err.sourceRequired']);
  assert.deepEqual(check({ ...before, tax_wan: '' }, '', MEASURES, before), [], 'clearing a figure needs no source');
  assert.deepEqual(check(before, '', MEASURES, before), [], 'nothing set, nothing required');
  assert.deepEqual(check({ ...before, output_yi: '3' }, '来'.repeat(301), MEASURES, before).map((e) => e.key), ['err.sourceLong']);
  setLang('zh');
  assert.equal(T('err.whole'), '请输入整数');
});

test('the PUT body: only what changed, a number to set, null to clear; nothing changed is null', () => {
  const before = formValues(body, 'a', 2023);
  assert.equal(putBody(before, 'x', before), null);
  assert.equal(putBody({ ...before, land_supplied_mu: '12.50' }, 'x', before), null, '12.50 is 12.5');
  assert.deepEqual(putBody({ ...before, land_supplied_mu: '', output_yi: '2.5', firms: '41' }, ' 2023年报 ', before),
    { source: '2023年报', figures: { land_supplied_mu: null, output_yi: 2.5, firms: 41 } });
});

test('the service\'s field errors land at their inputs, in both languages, from either error shape', () => {
  const flat = { code: 'invalid', description: 'tax_wan: negative', field: 'figures.tax_wan',
    errors: [{ field: 'figures.tax_wan', description: 'tax_wan: negative', description_zh: '税收不能为负数' }, { field: 'source', description: 'required', description_zh: '请填写来源' }] };
  assert.deepEqual(serverErrors(flat), [
    { field: 'tax_wan', text: { zh: '税收不能为负数', en: 'tax_wan: negative' } },
    { field: 'source', text: { zh: '请填写来源', en: 'required' } },
  ]);
  const nested = { error: { code: 'invalid', message: 'bad year', message_zh: '年份不能晚于今年', field: 'year' } };
  assert.deepEqual(serverErrors(nested), [{ field: 'year', text: { zh: '年份不能晚于今年', en: 'bad year' } }]);
  const fields = { error: { code: 'invalid', fields: [{ field: 'figures.nope', message: 'unknown measure', message_zh: '未知指标' }] } };
  assert.deepEqual(serverErrors(fields), [{ field: null, text: { zh: '未知指标', en: 'unknown measure' } }]);
  assert.deepEqual(serverErrors({ code: 'not_found', description: 'no park', field: 'id' }), [{ field: null, text: { zh: 'no park', en: 'no park' } }]);
  assert.deepEqual(serverErrors(null), []);
});

test('the template and import addresses; the download\'s own file name from Content-Disposition', () => {
  assert.equal(templatePath(2023, '2024'), 'api/actuals/template.xlsx?from=2023&to=2024');
  assert.equal(importPath(false), 'api/actuals/import');
  assert.equal(importPath(true), 'api/actuals/import?apply=true');
  assert.equal(importPath(true, '平阳 2023.xlsx'), 'api/actuals/import?apply=true&filename=%E5%B9%B3%E9%98%B3+2023.xlsx');
  assert.equal(importPath(false, 'x'.repeat(200)).length, 'api/actuals/import?filename='.length + 120, 'the service takes 120 characters at most');
  const cd = `attachment; filename="actuals_2023-2024.xlsx"; filename*=UTF-8''${encodeURIComponent('平阳县小微园实际数据_2023-2024.xlsx')}`;
  assert.equal(filenameOf(cd), '平阳县小微园实际数据_2023-2024.xlsx');
  assert.equal(filenameOf('attachment; filename="a.xlsx"'), 'a.xlsx');
  assert.equal(filenameOf(null, 'x.xlsx'), 'x.xlsx');
  assert.equal(checkYears(2024, 2023), 'imp.yearsBad');
  assert.equal(checkYears(2023, 2023), null);
});

const preview = {
  applied: false, template: 'v1', sheet: '实际数据',
  summary: { rows: 2, changed: 2, unchanged: 1, cleared: 0, errors: 2 },
  rows: [
    { row: 3, park_id: 'a', park_name: '甲园', year: 2023, cells: [
      { cell: 'D3', measure: 'land_supplied_mu', raw: '12.5', value: 12.5, before: null, status: 'new' },
      { cell: 'E3', measure: 'floor_started_wan_m2', raw: '', value: null, before: null, status: 'empty' },
      { cell: 'H3', measure: 'tax_wan', raw: '300', value: 300, before: 300, status: 'same' },
    ] },
    { row: 4, park_id: 'b', park_name: '乙园', year: 2023, cells: [
      { cell: 'D4', measure: 'land_supplied_mu', raw: '8', value: 8, before: 7, status: 'changed' },
      { cell: 'E4', measure: 'floor_started_wan_m2', raw: '很多', value: null, before: null, status: 'error', message: 'not a number', message_zh: '不是数字' },
    ] },
  ],
  errors: [
    { cell: 'E4', field: 'floor_started_wan_m2', message: 'not a number', message_zh: '不是数字' },
    { cell: 'A9', field: 'park_id', message: 'unknown park', message_zh: '未知园区编号' },
  ],
};

test('the preview, cell by cell: blanks left out, errors with their message; row-less errors listed apart', () => {
  const cells = previewCells(preview);
  assert.deepEqual(cells.map((c) => [c.cell, c.status]), [['D3', 'new'], ['H3', 'same'], ['D4', 'changed'], ['E4', 'error']]);
  assert.deepEqual(cells[3].message, { zh: '不是数字', en: 'not a number' });
  assert.equal(cells[2].before, 7);
  assert.equal(cells[0].park_name, '甲园');
  assert.deepEqual(previewCells(preview, { onlyChanges: true }).map((c) => c.cell), ['D3', 'D4', 'E4']);
  assert.equal(previewCells(preview, { all: true }).length, 5);
  assert.deepEqual(looseErrors(preview), [{ cell: 'A9', field: 'park_id', text: { zh: '未知园区编号', en: 'unknown park' } }]);
});

test('apply is possible only for a preview with changes and no error', () => {
  assert.equal(canApply(preview), false);
  const clean = { ...preview, summary: { rows: 2, changed: 2, unchanged: 1, cleared: 0, errors: 0 }, errors: [] };
  assert.equal(canApply(clean), true);
  assert.equal(canApply({ ...clean, summary: { ...clean.summary, changed: 0 } }), false, 'nothing to apply');
  assert.equal(canApply({ ...clean, applied: true }), false, 'already applied');
  assert.equal(canApply(null), false);
  assert.equal(summaryOf({ summary: { errors: 0 }, errors: [{}] }).errors, 1, 'an error the summary missed still counts');
  assert.deepEqual(summaryOf(null), { rows: 0, changed: 0, unchanged: 0, cleared: 0, errors: 0 });
});

test('a figure is shown for people; none is no data', () => {
  assert.equal(showValue(null, '无数据'), '无数据');
  assert.equal(showValue(0, '无数据'), '0');
  assert.equal(showValue(1234.5, '—', 'en'), '1,234.5');
});
