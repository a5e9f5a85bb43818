// The park facts editor's pure parts (web/ui/facts/model.js): the form's values from a record, the
// page's own checks, the PATCH body of only what changed, and the change lists of the history and of
// a conflict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLang, t } from '../i18n.js';
import { T } from '../facts/strings.js';
import {
  STATUSES, DEV_MODES, FIELDS, splitIndustries, formValues, check, value, patch, changes, conflictRows, show, serverErrors,
} from '../facts/model.js';
import { STATUSES as PAGE_STATUSES } from '../model.js';
import { STATUS_COLORS } from '../style.js';

const rec = {
  park_id: 'xiaojiang-qinggong', version: 3,
  facts: { status: '已认定', firms_in_residence: 57, industries: ['轻工', '鞋服'], development_mode: null, operator: '萧江镇资产公司', contact: null, notes: null, recognition_year: 2021 },
  plan: { status: '在建', firms: 40, firms_basis: '入驻', industries: ['轻工'], development_mode: '政府主导企业自建' },
};

test('the vocabularies are the service\'s, and every status has a colour and a place in the page\'s order', () => {
  assert.deepEqual(STATUSES, ['已竣工', '在建', '新建', '拟建', '已认定']);
  assert.deepEqual(PAGE_STATUSES, STATUSES);
  for (const s of STATUSES) assert.match(STATUS_COLORS[s], /^#[0-9a-f]{6}$/);
  assert.equal(DEV_MODES.length, 5);
});

test('industries are split on Chinese and Latin separators', () => {
  assert.deepEqual(splitIndustries('轻工、鞋服，印刷, 包装;  宠物；\n礼品'), ['轻工', '鞋服', '印刷', '包装', '宠物', '礼品']);
  assert.deepEqual(splitIndustries(' ,、 '), []);
});

test('the form holds the current facts; empty is the plan\'s', () => {
  const v = formValues(rec);
  assert.deepEqual(v, { status: '已认定', firms_in_residence: '57', industries: '轻工、鞋服', development_mode: '', operator: '萧江镇资产公司', contact: '', notes: '', recognition_year: '2021' });
  assert.deepEqual(formValues({ facts: {} }).status, '');
});

test('the page checks numbers, lists and lengths, naming the field', () => {
  const ok = formValues(rec);
  assert.deepEqual(check(ok, 2026), []);
  const fields = (v) => check({ ...ok, ...v }, 2026).map((e) => `${e.field}:${e.key}`);
  assert.deepEqual(fields({ firms_in_residence: '-1' }), ['firms_in_residence:err.whole']);
  assert.deepEqual(fields({ firms_in_residence: '2.5' }), ['firms_in_residence:err.whole']);
  assert.deepEqual(fields({ firms_in_residence: '100001' }), ['firms_in_residence:err.range']);
  assert.deepEqual(fields({ recognition_year: '2017' }), ['recognition_year:err.range']);
  assert.deepEqual(fields({ recognition_year: '2027' }), []);
  assert.deepEqual(fields({ recognition_year: '2028' }), ['recognition_year:err.range']);
  assert.deepEqual(fields({ industries: '轻工、轻工' }), ['industries:err.repeated']);
  assert.deepEqual(fields({ industries: Array.from({ length: 13 }, (_, i) => `产业${i}`).join('、') }), ['industries:err.tooMany']);
  assert.deepEqual(fields({ status: '建成', notes: '字'.repeat(2001) }), ['status:err.status', 'notes:err.long']);
  const [range] = check({ ...ok, recognition_year: '1999' }, 2026);
  setLang('zh');
  assert.equal(T(range.key, range.args), '应在 2018 至 2027 之间');
  setLang('en');
  assert.equal(T(range.key, range.args), 'Must be from 2018 to 2027');
  setLang('zh');
});

test('the PATCH body has only what changed; emptied fields go back to the plan\'s (null)', () => {
  assert.deepEqual(patch(formValues(rec), rec), {});
  const v = { ...formValues(rec), status: '在建', operator: '  ', industries: '轻工，鞋服', firms_in_residence: '60' };
  assert.deepEqual(patch(v, rec), { status: '在建', firms_in_residence: 60, operator: null });
  assert.deepEqual(patch({ ...formValues({ facts: {} }), notes: '二期 2024 年投用' }, { facts: {} }), { notes: '二期 2024 年投用' });
  assert.equal(value({ recognition_year: ' 2021 ' }, 'recognition_year'), 2021);
});

test('the history lists each changed fact, before → after, in the form\'s order, without the version', () => {
  const before = { ...rec.facts, version: 2, status: '在建', industries: null };
  const after = { ...rec.facts, version: 3 };
  assert.deepEqual(changes(before, after), [
    { field: 'status', before: '在建', after: '已认定' },
    { field: 'industries', before: null, after: ['轻工', '鞋服'] },
  ]);
  assert.deepEqual(changes(null, { status: '已认定' }), [{ field: 'status', before: null, after: '已认定' }]);
  assert.equal(show(['轻工', '鞋服']), '轻工、鞋服');
  assert.equal(show(null, '（空）'), '（空）');
});

test('a conflict shows both versions of what was sent', () => {
  const rows = conflictRows(rec, { recognition_year: 2021, status: '新建' });
  assert.deepEqual(rows, [
    { field: 'status', current: '已认定', sent: '新建', same: false },
    { field: 'recognition_year', current: 2021, sent: 2021, same: true },
  ]);
  assert.equal(t('facts.conflict'), '该园区信息已被他人修改');
});

test('the service\'s field errors keep both languages, at their fields', () => {
  const errs = serverErrors({ code: 'invalid', field: 'status', errors: [
    { field: 'status', description: 'status must be one of …', description_zh: '建设状态只能是：…' },
    { field: 'body', description: 'x', description_zh: '甲' },
  ] });
  assert.deepEqual(errs, [
    { field: 'status', text: { zh: '建设状态只能是：…', en: 'status must be one of …' } },
    { field: null, text: { zh: '甲', en: 'x' } },
  ]);
  assert.deepEqual(serverErrors({ field: 'notes', description: 'too long' }), [{ field: 'notes', text: { zh: 'too long', en: 'too long' } }]);
  assert.deepEqual(FIELDS.filter((f) => !T(`field.${f}`)), []);
});
