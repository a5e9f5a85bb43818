// A saved case's report (issue 12): one A4 portrait page with the case number, date and reviewer, a
// location map drawn for the page (the case's shape highlighted over the parcels, parks and towns with
// their labels, a scale bar and scale, a north arrow, and an inset of the county with the case marked),
// the facts, every rule with its clause, the note, the rules version and where the shapes come from.
// It prints with the page's own named @page (case-report.css), so another report's page size never
// applies; 导出PDF is the browser's own print-to-PDF. The maps are small MapLibre maps of their own,
// snapshotted to images once drawn, so that print shows exactly what the screen shows.
import './case-report.css';
import { Map as MapLibreMap } from 'maplibre-gl';
import { h } from '../dom.js';
import { pick } from '../i18n.js';
import { formatTime } from '../account/diff.js';
import { FONT_FAMILY } from '../style.js';
import { T } from './strings.js';
import { verdictBadge, ruleTable, factsTable } from './checklist.js';
import { niceScale, metresPerPixel, paperScale, provenanceOf } from './case-report-model.js';

const CASE_SRC = 'case-shape';
const CASE_COLOR = '#d4380d';
// The detail map's own layers from the page's style: the basemap, the plan's shapes and their labels.
const DETAIL_LAYERS = ['background', 'county-fill', 'zones-line', 'redevelopment-fill', 'redevelopment-line',
  'parks-fill', 'parcels-fill', 'parcels-line', 'parks-line', 'county-line', 'parks-circle', 'towns-circle', 'towns-label',
  'redevelopment-label', 'parcels-label', 'parks-label', 'zones-label'];
const INSET_LAYERS = ['background', 'county-fill', 'zones-fill', 'county-line'];
const MM = 96 / 25.4; // CSS pixels in a millimetre
const PAGE_HEIGHT = 273 * MM; // A4's 297 mm less the @page margins of 12 mm

/** reportStyle is the page's style cut to layers (always visible), with the case's shape on top. */
function reportStyle(base, layers, extra) {
  const sources = { parkmap: base.sources.parkmap, [CASE_SRC]: extra.source };
  const out = base.layers.filter((l) => layers.includes(l.id)).map((l) => ({ ...l, layout: { ...l.layout, visibility: 'visible' } }));
  return { version: 8, name: 'parkmap-case-report', sources, layers: [...out, ...extra.layers] };
}

function shapeLayers(label) {
  return [
    { id: 'case-shape-fill', type: 'fill', source: CASE_SRC, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': CASE_COLOR, 'fill-opacity': 0.22 } },
    { id: 'case-shape-line', type: 'line', source: CASE_SRC, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': CASE_COLOR, 'line-width': 3 } },
    { id: 'case-shape-label', type: 'symbol', source: CASE_SRC, filter: ['==', ['geometry-type'], 'Point'],
      layout: { 'text-field': label, 'text-size': 13, 'text-anchor': 'bottom', 'text-offset': [0, -0.6], 'text-allow-overlap': true },
      paint: { 'text-color': '#820014', 'text-halo-color': '#ffffff', 'text-halo-width': 2 } },
  ];
}

/** smallMap makes a still MapLibre map in el and resolves, once it has drawn everything, to it. */
function smallMap(el, style, bounds, share, maxZoom) {
  // The padding is a share of the map's size: the shape sits in the middle, clear of the inset.
  const [w, hh] = [el.clientWidth, el.clientHeight];
  const padding = { top: hh * share, bottom: hh * share, left: w * share, right: w * share };
  const map = new MapLibreMap({
    container: el, style, bounds, fitBoundsOptions: { padding, maxZoom }, interactive: false, attributionControl: false,
    preserveDrawingBuffer: true, localIdeographFontFamily: FONT_FAMILY, fadeDuration: 0, pixelRatio: 2, maplibreLogo: false,
  });
  return new Promise((resolve, reject) => {
    map.once('idle', () => resolve(map));
    map.on('error', (e) => reject(e.error || new Error('map error')));
  });
}

/** snapshot lays an image of map's canvas over it: print then shows the image, never a WebGL buffer. */
function snapshot(map, img) {
  img.src = map.getCanvas().toDataURL('image/png');
  img.hidden = false;
  return img.decode().catch(() => {});
}

/** scaleBar fills el with a bar of a round length and the paper scale for map's centre and zoom. */
function scaleBar(map, el, width) {
  const mpp = metresPerPixel(map.getCenter().lat, map.getZoom());
  const { metres, pixels } = niceScale(mpp, width * 0.28);
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  el.dataset.metres = String(metres);
  const bar = h('span', { class: 'case-scale-bar' }, h('span', null), h('span', null));
  bar.style.width = `${pixels.toFixed(1)}px`;
  el.replaceChildren(bar,
    h('span', { class: 'case-scale-label' }, `0　${label}`),
    h('span', { class: 'case-scale-ratio', id: 'case-report-ratio' }, `${T('scale')} 1:${paperScale(mpp).toLocaleString('en-US')}`));
}

function northArrow() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 36');
  svg.setAttribute('id', 'case-report-north');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', T('north'));
  const el = (name, attrs, text) => {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text) e.textContent = text;
    return e;
  };
  svg.append(el('polygon', { points: '12,2 20,28 12,23 4,28', fill: '#1a1a1a' }),
    el('polygon', { points: '12,2 12,23 4,28', fill: '#fff', stroke: '#1a1a1a', 'stroke-width': '1' }),
    el('text', { x: '12', y: '35', 'text-anchor': 'middle', 'font-size': '8', 'font-weight': 'bold', fill: '#1a1a1a' }, 'N'));
  return svg;
}

/**
 * fitToPage keeps the report on one page: the sheet on screen is the printed page's width, so its
 * height there is its height on paper. A long report (many rules with long reasons, a long note)
 * first gives up some of the map's height, down to 60 mm, then takes a smaller type.
 */
function fitToPage(article, mapBox) {
  const over = () => article.scrollHeight - 24 * MM - (PAGE_HEIGHT - 2 * MM);
  if (over() > 0) mapBox.style.height = `${Math.max(60 * MM, mapBox.offsetHeight - over())}px`;
  if (over() > 0) article.classList.add('case-compact');
  return over() <= 0;
}

/** noteIn is the part of the data's provenance note in lang: it is written "中文 / English". */
function noteIn(note = '', lang = 'zh') {
  const parts = String(note).split(' / ');
  return parts.length === 2 ? parts[lang === 'en' ? 1 : 0] : note;
}

function centroidOf(facts, bbox) {
  if (facts?.point?.length === 2) return facts.point;
  return [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
}

/** openCaseReport shows case c's report over the page; onClose is called when it is closed. */
export async function openCaseReport(pageMap, c, lang, onClose) {
  closeCaseReport();
  const a = c.answer;
  const facts = a.facts || {};
  const b = facts.bbox;
  const at = centroidOf(facts, b);
  const label = c.parcel_id || T('caseDrawn');
  const shape = { type: 'FeatureCollection', features: [
    { type: 'Feature', properties: {}, geometry: c.geometry },
    { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at } }] };
  const detailImg = h('img', { class: 'case-map-img', id: 'case-report-img', alt: T('mapImage'), hidden: true });
  const insetImg = h('img', { class: 'case-map-img', alt: T('insetImage'), hidden: true });
  const detailEl = h('div', { class: 'case-map-live', id: 'case-report-map' });
  const insetEl = h('div', { class: 'case-map-live' });
  const scaleEl = h('div', { class: 'case-scale', id: 'case-report-scale' });
  const reviewer = `${c.created_by_name || c.created_by}${c.created_by_unit ? `（${c.created_by_unit}）` : ''}`;
  const prov = provenanceOf(facts);
  const close = () => { closeCaseReport(); onClose?.(); };
  const meta = [
    [T('caseNumber'), h('strong', { id: 'case-report-number' }, c.number)],
    [T('caseDate'), formatTime(c.created_at, lang)],
    [T('reviewer'), reviewer],
    [T('rulesVersion'), h('span', { id: 'case-report-version' }, c.rules_version)],
    [T('target'), facts.parcel ? `${facts.parcel.id} ${facts.parcel.name || ''}` : `${T('caseDrawn')}（${c.crs}）`],
  ];
  const section = h('section', { id: 'case-report', class: 'case-report', role: 'dialog', 'aria-labelledby': 'case-report-title', tabindex: '-1', dataset: { number: c.number } },
    h('div', { class: 'case-report-tools no-print' },
      h('button', { type: 'button', class: 'text-button primary', id: 'case-report-print', onclick: () => window.print() }, T('exportPdf')),
      h('span', { class: 'hint', id: 'case-report-hint' }, T('pdfHint')),
      h('button', { type: 'button', class: 'text-button', id: 'case-report-close', onclick: close }, T('closeReport'))),
    h('article', { class: 'case-report-page' },
      h('header', { class: 'case-report-head' },
        h('h1', { id: 'case-report-title' }, T('caseReportTitle')),
        h('p', { class: 'case-report-number' }, c.number)),
      h('dl', { class: 'case-report-meta' }, meta.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
      h('div', { class: 'case-report-verdict' }, verdictBadge(a, lang), h('span', { class: 'elig-summary' }, pick(a, 'summary', lang))),
      h('figure', { class: 'case-report-figure' },
        h('div', { class: 'case-map case-map-detail' }, detailEl, detailImg, northArrow(), scaleEl,
          h('div', { class: 'case-map case-map-inset', id: 'case-report-inset' }, insetEl, insetImg)),
        h('figcaption', null, h('span', { class: 'case-key' }), T('mapCaption', { label }))),
      h('h2', null, T('factsTitle')), factsTable(a, lang),
      h('h2', null, T('rulesTitle')), ruleTable(a, lang, 'case-report-rules'),
      h('p', { class: 'case-report-note', id: 'case-report-note' }, h('strong', null, `${T('caseNote')}：`), c.note || T('none')),
      h('p', { class: 'case-report-prov', id: 'case-report-prov', dataset: { provenance: prov.kind } },
        h('strong', null, `${T('shapeSource')}：`), T(`prov.${prov.kind}`), prov.detail ? `（${prov.detail}）` : '', ' ', noteIn(facts.provenance_note, lang)),
      h('footer', null, `${T('printedAt')}：${formatTime(new Date().toISOString(), lang)}　${T('reportBasis', { version: c.rules_version })}`)));
  section.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(); } });
  document.body.append(section);
  document.body.classList.add('case-printing');
  section.dataset.onePage = String(fitToPage(section.querySelector('.case-report-page'), section.querySelector('.case-map-detail')));
  section.focus();

  const base = pageMap.getStyle();
  const state = { section };
  current = state;
  try {
    const [detail, inset] = await Promise.all([
      smallMap(detailEl, reportStyle(base, DETAIL_LAYERS, { source: { type: 'geojson', data: shape }, layers: shapeLayers(label) }),
        [[b[0], b[1]], [b[2], b[3]]], 0.3, 15),
      smallMap(insetEl, reportStyle(base, INSET_LAYERS, {
        source: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at } } },
        layers: [{ id: 'case-inset-point', type: 'circle', source: CASE_SRC, paint: { 'circle-color': CASE_COLOR, 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } }],
      }), base.sources.parkmap.bounds || [[b[0] - 0.2, b[1] - 0.2], [b[2] + 0.2, b[3] + 0.2]], 0.04, 12),
    ]);
    Object.assign(state, { detail, inset });
    if (!section.isConnected) { detail.remove(); inset.remove(); return null; }
    scaleBar(detail, scaleEl, detailEl.clientWidth);
    await Promise.all([snapshot(detail, detailImg), snapshot(inset, insetImg)]);
    section.dataset.ready = 'true';
  } catch (err) {
    section.dataset.error = String(err.message || err);
    section.querySelector('.case-report-figure')?.append(h('p', { class: 'elig-error', role: 'alert' }, T('mapFailed') + section.dataset.error));
  }
  return state;
}

// The report on show: one at a time.
let current = null;

/** closeCaseReport removes the report and its maps. */
export function closeCaseReport() {
  current?.detail?.remove();
  current?.inset?.remove();
  current = null;
  document.getElementById('case-report')?.remove();
  document.body.classList.remove('case-printing');
}
