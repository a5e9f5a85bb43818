// The page's one translation mechanism: string tables in namespaces ('app', 'card', 'eligibility',
// 'briefing', …), each with a Chinese (the default) and an English table of the same keys, read as
// t('<namespace>.<key>', {placeholder: value}). The page's own namespaces are in strings.js; an
// extension adds its own with addStrings() when its module loads. setLang() tells every onLang()
// listener, so that one switch re-renders the whole page.
import * as pageStrings from './strings.js';

const LANGS = ['zh', 'en'];
const catalogue = { zh: new Map(), en: new Map() };
const namespaces = new Set();
const listeners = [];
const missing = new Set();
let current = 'zh';

// A missing string is a bug to be seen, not a blank on the page: it is reported once on the console
// (the browser tests fail on console errors) and shown as its key.
let report = (key) => console.error(`i18n: no string for "${key}" (${current})`);

/** flatten turns nested tables ({verdict: {eligible: …}}) into dotted keys ('verdict.eligible'). */
function flatten(obj, prefix, out) {
  for (const [k, v] of Object.entries(obj)) {
    const key = `${prefix}.${k}`;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

/**
 * problems lists what is wrong with a namespace's tables: a key one language has and the other lacks,
 * a value that is not a string, or an empty string.
 */
export function problems(ns, tables) {
  const flat = Object.fromEntries(LANGS.map((l) => [l, flatten(tables?.[l] || {}, ns, new Map())]));
  const out = [];
  for (const l of LANGS) {
    const other = LANGS.find((x) => x !== l);
    for (const [k, v] of flat[l]) {
      if (!flat[other].has(k)) out.push(`${k}: no ${other}`);
      if (typeof v !== 'string') out.push(`${k} (${l}): not a string`);
      else if (v === '' && !EMPTY_OK.has(k)) out.push(`${k} (${l}): empty`);
    }
  }
  if (!flat.zh.size) out.push(`${ns}: no strings`);
  return out;
}

// Strings that are empty on purpose: English needs no counting word after a number.
const EMPTY_OK = new Set(['stats.parksUnit', 'stats.firmsUnit', 'briefing.unitParks', 'briefing.unitFirms']);

/** addStrings adds namespace ns ({zh: {...}, en: {...}}); it throws on a missing translation or a reused name. */
export function addStrings(ns, tables) {
  if (!/^[a-z][a-zA-Z]*$/.test(ns)) throw new Error(`i18n: bad namespace "${ns}"`);
  if (namespaces.has(ns)) throw new Error(`i18n: namespace "${ns}" added twice`);
  const bad = problems(ns, tables);
  if (bad.length) throw new Error(`i18n: ${bad.join('; ')}`);
  namespaces.add(ns);
  for (const l of LANGS) for (const [k, v] of flatten(tables[l], ns, new Map())) catalogue[l].set(k, v);
}

for (const [ns, tables] of Object.entries(pageStrings)) addStrings(ns, tables);

/** t returns the string for a namespaced key, with {name} placeholders filled from args. */
export function t(key, args) {
  let s = catalogue[current].get(key);
  if (s === undefined) {
    if (!missing.has(key)) {
      missing.add(key);
      report(key);
    }
    return key;
  }
  if (args) for (const [k, v] of Object.entries(args)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** ns returns t bound to one namespace: ns('card')('close') is t('card.close'). */
export const ns = (name) => (key, args) => t(`${name}.${key}`, args);

/** has says whether a namespaced key exists. */
export const has = (key) => catalogue.zh.has(key);

/** keys lists every namespaced key (of both languages: they are the same). */
export const keys = () => [...catalogue.zh.keys()];

/** missingKeys lists the keys asked for that do not exist. */
export const missingKeys = () => [...missing];

/** onMissing replaces the reporter of a missing key (the tests count them). */
export function onMissing(fn) {
  report = fn;
}

/** setLang switches the interface language ("zh" or "en") and tells every onLang listener, in order. */
export function setLang(l) {
  const next = l === 'en' ? 'en' : 'zh';
  const changed = next !== current;
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
  if (changed) for (const fn of [...listeners]) fn(current);
}

/** onLang calls fn(lang) after every language switch. */
export function onLang(fn) {
  listeners.push(fn);
}

/** lang returns the interface language. */
export function lang() {
  return current;
}

/** pick chooses the _zh or _en variant of a field of an API object (the data's own translations). */
export function pick(obj, field, l = current) {
  if (!obj) return '';
  return (l === 'en' ? obj[`${field}_en`] : obj[`${field}_zh`]) ?? obj[`${field}_zh`] ?? obj[field] ?? '';
}

/**
 * half returns the part of a bilingual note ("中文 / English", as data/seed/provenance.json writes
 * them for API clients) in the interface language, with a leading label dropped when the page says it
 * already (labels: one or a list, e.g. "示意图形", "Illustrative shape"; any case). A note with one
 * language is returned whole.
 */
export function half(note, labels = [], l = current) {
  const text = String(note ?? '');
  const cut = text.indexOf(' / ');
  let part = cut < 0 ? text : (l === 'en' ? text.slice(cut + 3) : text.slice(0, cut));
  part = part.trim();
  for (const label of [labels].flat().filter(Boolean)) {
    for (const sep of ['：', ':']) {
      const lead = `${label}${sep}`.toLowerCase();
      if (part.toLowerCase().startsWith(lead)) {
        const rest = part.slice(lead.length).trim();
        return rest.charAt(0).toUpperCase() + rest.slice(1); // a sentence of its own now
      }
    }
  }
  return part;
}

/** PUNCT is the punctuation each language writes: full-width in Chinese only. */
const PUNCT = {
  zh: { colon: '：', stop: '。', list: '；', open: '（', close: '）' },
  en: { colon: ': ', stop: '.', list: '; ', open: ' (', close: ')' },
};

/** punct returns a punctuation mark (colon, stop, list, open, close) of the interface language. */
export function punct(mark, l = current) {
  return PUNCT[l === 'en' ? 'en' : 'zh'][mark];
}

/** GLOSS gives English glosses of the plan's own words, shown beside them in English mode. */
const GLOSS = {
  已竣工: 'completed', 在建: 'under construction', 新建: 'new', 拟建: 'proposed', 已认定: 'recognised',
  工业地产: 'industrial real estate', 龙头企业开发: 'leading-firm development', 政府主导企业自建: 'government-led, firms build',
  国资公司代建: 'built by a state-owned company', 待定: 'to be decided',
};

/** gloss returns the plan's word, with its English gloss in English mode. */
export function gloss(word) {
  if (current === 'en' && GLOSS[word]) return `${word} (${GLOSS[word]})`;
  return word ?? '';
}

/** maplibreLocale returns MapLibre's own control titles in the interface language (set when the map is made). */
export function maplibreLocale() {
  if (current === 'en') return {};
  return {
    'AttributionControl.ToggleAttribution': '数据来源',
    'FullscreenControl.Enter': '全屏',
    'FullscreenControl.Exit': '退出全屏',
    'NavigationControl.ResetBearing': '拖动以旋转地图，单击恢复正北',
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
  };
}
