// The page's one translation mechanism (web/ui/i18n.js): every key of every namespace in both Chinese
// and English, namespaced keys, placeholders, one switch telling every listener, and a missing key
// reported and shown as itself, never as a blank.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { t, ns, has, keys, setLang, lang, onLang, addStrings, problems, onMissing, missingKeys, pick, half, punct } from '../i18n.js';
import * as page from '../strings.js';
import { eligibility } from '../eligibility/strings.js';
import { briefing } from '../briefing/strings.js';
import { account } from '../account/strings.js';
import { facts } from '../facts/strings.js';
import { evaluations } from '../evaluations/strings.js';
import { actuals } from '../actuals/strings.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const all = { ...page, eligibility, briefing, account, facts, evaluations, actuals };

test('every key of every namespace has both a Chinese and an English string', () => {
  assert.deepEqual(Object.keys(all).sort(), ['account', 'actuals', 'app', 'archive', 'briefing', 'card', 'eligibility', 'evaluations', 'facts', 'filters', 'layers', 'list', 'measure', 'stats']);
  for (const [name, tables] of Object.entries(all)) assert.deepEqual(problems(name, tables), [], name);
  const ks = keys();
  assert.ok(ks.length > 230, `only ${ks.length} keys`);
  for (const l of ['zh', 'en']) {
    setLang(l);
    for (const k of ks) {
      const s = t(k);
      assert.equal(typeof s, 'string', `${l} ${k}`);
      assert.notEqual(s, k, `${l} ${k} falls back to its key`);
    }
  }
  setLang('zh');
});

test('keys are namespaced; ns() binds a namespace; placeholders are filled', () => {
  setLang('zh');
  assert.equal(t('app.title'), '平阳县小微企业园规划地图');
  assert.equal(t('card.close'), '关闭');
  assert.equal(t('eligibility.verdict.eligible'), '符合准入');
  assert.equal(ns('eligibility')('drawPoints', { n: 4 }), '已添加 4 个顶点');
  assert.equal(ns('briefing')('step', { i: 2, n: 7 }), '2 / 7');
  assert.equal(t('stats.firmsSplit', { a: 1, b: 2 }), '入驻 1，计划 2');
  setLang('en');
  assert.equal(lang(), 'en');
  assert.equal(t('app.title'), 'Pingyang small and micro enterprise parks: plan map');
  assert.equal(t('briefing.cumLabel', { y: 2020 }), 'Cumulative per the plan, 2020');
  assert.equal(pick({ name_zh: '甲', name_en: 'A' }, 'name'), 'A');
  setLang('zh');
  assert.ok(has('measure.button') && !has('measure') && !has('button'), 'a key without its namespace resolves');
});

test('a missing key is reported and shown as its key, never silently blank', () => {
  const reported = [];
  onMissing((k) => reported.push(k));
  try {
    assert.equal(t('card.noSuchString'), 'card.noSuchString');
    assert.equal(t('title'), 'title', 'an old flat key still resolves');
    t('card.noSuchString');
    assert.deepEqual(reported, ['card.noSuchString', 'title'], 'each missing key is reported once');
    assert.ok(missingKeys().includes('title'));
  } finally {
    onMissing(() => {});
  }
});

test('a namespace with a key in one language only, or added twice, is refused', () => {
  assert.throws(() => addStrings('broken', { zh: { a: '甲', b: '乙' }, en: { a: 'A' } }), /broken\.b: no en/);
  assert.throws(() => addStrings('blank', { zh: { a: '' }, en: { a: 'A' } }), /blank\.a \(zh\): empty/);
  assert.throws(() => addStrings('card', { zh: { x: '甲' }, en: { x: 'A' } }), /twice/);
  assert.ok(!has('broken.a'));
});

test('one switch tells every listener, in the order they listened', () => {
  const heard = [];
  onLang((l) => heard.push(`page ${l}`));
  onLang((l) => heard.push(`extension ${l}`));
  setLang('en');
  setLang('en');
  setLang('zh');
  assert.deepEqual(heard, ['page en', 'extension en', 'page zh', 'extension zh']);
});

// Every .js under web/ui but the tests.
async function sources(dir) {
  const out = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory() && d.name !== 'test') out.push(...await sources(p));
    else if (d.isFile() && d.name.endsWith('.js')) out.push(p);
  }
  return out;
}

test('every literal key the sources ask for exists; no other string mechanism is left', async () => {
  const known = new Set(keys());
  const asked = [];
  for (const f of await sources(root)) {
    const src = (await readFile(f, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const rel = path.relative(root, f);
    assert.ok(!/\bstrings\(|\bs\(lang\)|\bs\(ctx\.lang/.test(src), `${rel} uses an old string table`);
    for (const m of src.matchAll(/\bt\('([^'$]+)'/g)) asked.push([rel, m[1]]);
    const space = { 'eligibility': 'eligibility', 'briefing': 'briefing', 'account': 'account', 'facts': 'facts', 'actuals': 'actuals' }[rel.split(path.sep)[0]];
    if (space) for (const m of src.matchAll(/\bT\('([^'$]+)'/g)) asked.push([rel, `${space}.${m[1]}`]);
  }
  assert.ok(asked.length > 200, `only ${asked.length} literal keys found`);
  const unknown = asked.filter(([, k]) => !known.has(k));
  assert.deepEqual(unknown, []);
});

test('a bilingual note shows the half of the page\'s language, without the label the page already says', () => {
  const note = '示意图形：该园区无公开坐标，位置与轮廓为示意 / Illustrative shape: no public coordinates exist for this park';
  assert.equal(half(note, '示意图形', 'zh'), '该园区无公开坐标，位置与轮廓为示意');
  assert.equal(half(note, ['illustrative', 'illustrative shape'], 'en'), 'No public coordinates exist for this park');
  assert.equal(half(note, '', 'en'), 'Illustrative shape: no public coordinates exist for this park');
  assert.equal(half('real: decoded from a public outline; see source', 'real', 'zh'), 'Decoded from a public outline; see source');
  assert.equal(half(null, '示意图形', 'zh'), '');
  assert.equal(half('来源：县自然资源局 / 2024', '', 'zh'), '来源：县自然资源局');
});

test('full-width punctuation in Chinese only', () => {
  for (const mark of ['colon', 'stop', 'list', 'open', 'close']) {
    assert.match(punct(mark, 'zh'), /^[\u3000-\u303f\uff00-\uffef]$/, `zh ${mark}`);
    assert.doesNotMatch(punct(mark, 'en'), /[\u3000-\u303f\uff00-\uffef]/, `en ${mark}`);
  }
});
