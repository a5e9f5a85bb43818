// The printable A4 report: title, date and time, rules version, a map image, the facts table and the
// rule table with clauses. A section of the page shown over the map and, in print, alone on the page.
import { h } from '../dom.js';
import { T } from './strings.js';
import { verdictBadge, ruleTable, factsTable } from './checklist.js';

/** captureMap returns a PNG data URL of the map, read inside the 'render' event (the drawing buffer is
 * still valid there without preserveDrawingBuffer). */
export function captureMap(map, coveredLeft = 0) {
  return new Promise((resolve) => {
    map.once('render', () => {
      // The part of the map the panel covers is left out.
      const src = map.getCanvas();
      const ratio = src.width / src.clientWidth || 1;
      const sx = Math.min(Math.round(coveredLeft * ratio), Math.floor(src.width / 2));
      const out = document.createElement('canvas');
      out.width = src.width - sx;
      out.height = src.height;
      out.getContext('2d').drawImage(src, sx, 0, out.width, out.height, 0, 0, out.width, out.height);
      resolve(out.toDataURL('image/png'));
    });
    map.triggerRepaint();
  });
}

/** openReport builds (or rebuilds) the report section and shows it. */
export async function openReport(map, res, lang, coveredLeft, onClose) {
  const src = await captureMap(map, coveredLeft);
  document.getElementById('elig-report')?.remove();
  const now = new Date();
  const stamp = now.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
  const close = () => { closeReport(); onClose?.(); };
  const section = h('section', { id: 'elig-report', class: 'elig-report', role: 'dialog', 'aria-labelledby': 'elig-report-title', tabindex: '-1' },
    h('div', { class: 'elig-report-buttons no-print' },
      h('button', { type: 'button', class: 'text-button', onclick: () => window.print() }, T('printNow')),
      h('button', { type: 'button', class: 'text-button', id: 'elig-report-close', onclick: close }, T('closeReport'))),
    h('h1', { id: 'elig-report-title' }, T('reportTitle')),
    h('p', { class: 'elig-report-meta' },
      h('span', { id: 'elig-report-time', dataset: { time: now.toISOString() } }, `${T('checkedAt')}：${stamp}`), '　',
      h('span', { id: 'elig-report-version' }, `${T('rulesVersion')}：${res.rules_version}`)),
    verdictBadge(res, lang),
    h('figure', { class: 'elig-report-map' }, h('img', { id: 'elig-report-img', src, alt: T('mapImage') }), h('figcaption', null, T('mapImage'))),
    h('h2', null, T('factsTitle')), factsTable(res, lang),
    h('h2', null, T('rule')), ruleTable(res, lang, 'elig-report-rules'),
    h('p', { class: 'muted' }, res.facts?.provenance_note || ''));
  section.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
  document.body.append(section);
  document.body.classList.add('elig-printing');
  section.focus();
  return section;
}

export function closeReport() {
  document.getElementById('elig-report')?.remove();
  document.body.classList.remove('elig-printing');
}
