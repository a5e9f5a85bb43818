// A saved case's report and the register's search by location and export (issue 12), in a real
// headless Chromium at 1366×768: a land-bureau user checks RD-012 and saves it as a case; reopens it
// and opens its report, whose location map has drawn the case's shape (queryRenderedFeatures) with
// labels, a scale bar, a north arrow and the county inset; 导出PDF calls the browser's print; the PDF
// Chromium prints with the page's CSS page size is ONE A4 portrait page (its /Type /Page objects
// counted and its MediaBox read); Escape closes it. The register then finds the case by the map's
// view and by a click on its shape, and not by a click far away; its CSV and Excel links carry the
// same filters. Run by web/casereport_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_LAND='{"Username":…}' node web/ui/test/casereport.mjs
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { ART, withBrowser, ok, pass, openPage, passedCount, setBase, logIn, screenPoint, checkParcel } from './browserlib.mjs';
import { pdfPages, isA4 } from './pdf.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const LAND = JSON.parse(process.env.PARKMAP_LAND || 'null');
const NUMBER = /^平阳准入〔\d{4}〕\d{4}号$/;
let current = null;

/** listed waits for the register's answer to a search whose URL has param, and returns the numbers shown. */
async function listed(page, param, action) {
  const res = page.waitForResponse((r) => r.url().includes('/api/eligibility/cases?') && r.url().includes(param));
  await action();
  const r = await res;
  ok(r.status() === 200, `${r.url()}: ${r.status()}`);
  await page.waitForFunction(() => document.querySelector('#elig-case-list, #elig-cases-none'));
  await page.waitForFunction((n) => (document.querySelectorAll('#elig-case-list li').length || (document.querySelector('#elig-cases-none') ? 0 : -1)) === n,
    (await r.json()).cases.length);
  return page.$$eval('#elig-case-list li', (els) => els.map((e) => e.dataset.number));
}

async function run(browser) {
  const shot = (page, name) => page.screenshot({ path: path.join(ART, name) });
  const a = await openPage(browser, `${BASE}/`, { width: 1366, height: 768 });
  current = a.page;
  const page = a.page;
  await logIn(page, LAND);
  await page.click('.elig-toggle');
  await page.waitForSelector('#elig-panel:not([hidden]) #elig-type');
  await checkParcel(page, 'RD-012');
  await page.fill('#elig-case-note', '现场踏勘：厂房空置，建议按低效用地再开发处理');
  await page.click('#elig-case-save-button');
  await page.waitForSelector('#elig-case-saved');
  const number = await page.$eval('#elig-case-saved', (el) => el.dataset.number);
  ok(NUMBER.test(number), `saved as ${number}`);

  // 1. Reopen the case and open its report.
  await page.click('#elig-cases-open');
  await page.waitForSelector(`#elig-case-list li[data-number="${number}"]`);
  await page.click(`#elig-case-list li[data-number="${number}"] .elig-case-open`);
  await page.waitForSelector('#elig-case-head');
  await page.click('#elig-case-report-open');
  await page.waitForSelector('#case-report[data-ready], #case-report[data-error]');
  const err = await page.$eval('#case-report', (el) => el.dataset.error || '');
  ok(!err, `the report's map failed: ${err}`);
  const saved = await page.evaluate(async (n) => (await fetch(`/api/eligibility/cases/${encodeURIComponent(n)}`)).json(), number);
  const rep = await page.evaluate(() => {
    const { detail, inset } = window.parkmap.caseReport;
    const q = (m, layers) => m.queryRenderedFeatures({ layers }).length;
    const vis = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { w: r.width, h: r.height, display: getComputedStyle(el).display };
    };
    return {
      number: document.querySelector('#case-report-number')?.textContent,
      title: document.querySelector('#case-report-title')?.textContent,
      shape: q(detail, ['case-shape-fill']),
      shapeLabel: q(detail, ['case-shape-label']),
      labels: q(detail, ['parks-label', 'towns-label', 'parcels-label', 'redevelopment-label']),
      county: q(inset, ['county-line']) + q(inset, ['county-fill']),
      insetPoint: q(inset, ['case-inset-point']),
      zoom: detail.getZoom(),
      scale: { ...vis('#case-report-scale'), metres: Number(document.querySelector('#case-report-scale')?.dataset.metres),
        text: document.querySelector('#case-report-scale')?.textContent },
      north: vis('#case-report-north'),
      inset: vis('#case-report-inset'),
      rows: document.querySelectorAll('#case-report-rules tbody tr').length,
      note: document.querySelector('#case-report-note')?.textContent,
      prov: document.querySelector('#case-report-prov')?.dataset.provenance,
      text: document.querySelector('#case-report').textContent,
      hint: document.querySelector('#case-report-hint')?.textContent,
      img: (() => { const i = document.querySelector('#case-report-img'); return { w: i.naturalWidth, h: i.naturalHeight, hidden: i.hidden }; })(),
    };
  });
  ok(rep.number === number && rep.title, `the report's number: ${rep.number}`);
  ok(rep.shape > 0 && rep.shapeLabel > 0, `the report's map has not drawn the case's shape: ${rep.shape}, label ${rep.shapeLabel}`);
  ok(rep.labels > 0, `the report's map has no labels (parks, towns, parcels): ${rep.labels}`);
  ok(rep.county > 0 && rep.insetPoint === 1, `the inset has no county or no case point: ${rep.county}, ${rep.insetPoint}`);
  ok(rep.scale.w > 40 && rep.scale.metres > 0 && /\d+ k?m/.test(rep.scale.text) && /1:\d/.test(rep.scale.text), `scale bar: ${JSON.stringify(rep.scale)}`);
  ok(rep.north && rep.north.w > 10 && rep.north.h > 10, `north arrow: ${JSON.stringify(rep.north)}`);
  ok(rep.rows === saved.answer.rules.length, `rule rows ${rep.rows} of ${saved.answer.rules.length}`);
  ok(rep.note.includes('厂房空置') && rep.text.includes(saved.rules_version) && rep.text.includes(saved.created_by_name), 'note, rules version or reviewer missing');
  ok(['real', 'illustrative', 'mixed', 'submitted'].includes(rep.prov) && rep.text.includes('图形来源'), `provenance: ${rep.prov}`);
  ok(rep.hint.includes('另存为 PDF') && rep.img.w > 400 && !rep.img.hidden, `hint ${rep.hint}, image ${JSON.stringify(rep.img)}`);
  // The snapshot the print shows is not blank where the shape is.
  const variance = await page.evaluate(async () => {
    const img = document.querySelector('#case-report-img');
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0, s = 0, s2 = 0, red = 0;
    for (let i = 0; i < d.length; i += 4 * 5) {
      const v = d[i] + d[i + 1] + d[i + 2]; n++; s += v; s2 += v * v;
      if (d[i] > 180 && d[i + 1] < 110 && d[i + 2] < 80) red++;
    }
    return { variance: s2 / n - (s / n) ** 2, red };
  });
  ok(variance.variance > 50 && variance.red > 50, `the map image: ${JSON.stringify(variance)}`);
  await shot(page, 'casereport-screen.png');
  await page.locator('.case-report-page').screenshot({ path: path.join(ART, 'casereport-page.png') });
  pass('the case report shows the number, reviewer, note, rules and a map with the shape, labels, scale bar, north arrow and inset',
    `zoom ${rep.zoom.toFixed(1)}, scale bar ${rep.scale.metres} m, ${rep.rows} rules, provenance ${rep.prov}`);

  // 2. 导出PDF is the browser's print; the PDF is one A4 portrait page.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  await page.click('#case-report-print');
  ok(await page.evaluate(() => window.__printed) === 1, 'the 导出PDF button does not print');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    app: getComputedStyle(document.getElementById('app')).display,
    tools: getComputedStyle(document.querySelector('.case-report-tools')).display,
    page: getComputedStyle(document.querySelector('#case-report')).page,
  }));
  ok(printed.app === 'none' && printed.tools === 'none' && printed.page === 'case-report', `print media: ${JSON.stringify(printed)}`);
  // The printed page as laid out on paper: a viewport of A4's width less the margins (186 mm).
  await page.setViewportSize({ width: 703, height: 1032 });
  await page.screenshot({ path: path.join(ART, 'casereport-print.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await writeFile(path.join(ART, 'casereport.pdf'), pdf);
  const pages = pdfPages(pdf);
  ok(pages.length === 1 && isA4(pages[0], 'portrait'), `the PDF has ${pages.length} pages: ${JSON.stringify(pages)}`);
  await page.emulateMedia({ media: 'screen' });
  pass('导出PDF prints; the PDF is one A4 portrait page', `${pages.length} page, ${pages[0].width.toFixed(2)}×${pages[0].height.toFixed(2)} pt, ${pdf.length} bytes`);
  // Escape from where the print left the focus: on 导出PDF.
  await page.focus('#case-report-print');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#case-report') && !document.body.classList.contains('case-printing'));
  pass('Escape closes the report');

  // 3. 按位置: the map's view (fitted to the case when it was reopened), a click on its shape, a click far away.
  await page.click('#elig-case-close');
  await page.waitForSelector('#elig-case-in-view');
  let got = await listed(page, 'bbox=', () => page.click('#elig-case-in-view'));
  ok(got.includes(number), `in the view: ${got}`);
  ok(await page.$('#elig-case-location'), 'the location filter is not shown');
  const csv = await page.$eval('#elig-case-export-csv', (a) => a.href);
  ok(csv.includes('f=csv') && csv.includes('bbox='), `the CSV link ${csv}`);
  const file = await page.evaluate(async (href) => {
    const r = await fetch(href);
    const b = new Uint8Array(await r.arrayBuffer());
    return { status: r.status, type: r.headers.get('content-type'), bom: b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf, text: new TextDecoder().decode(b) };
  }, csv);
  ok(file.status === 200 && file.bom && file.text.includes('案例编号,日期,地块,结论,规则版本,审查人,备注') && file.text.includes(number), `the CSV: ${file.status} ${file.text.slice(0, 120)}`);
  await page.click('#elig-case-pick');
  await page.waitForSelector('#elig-case-pick-hint');
  const at = await screenPoint(page, saved.answer.facts.point);
  ok(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y) === window.parkmap.map.getCanvas(), at), `the case's point ${JSON.stringify(at)} is covered`);
  got = await listed(page, 'point=', () => page.mouse.click(at.x, at.y));
  ok(got.includes(number) && !(await page.$('#elig-case-pick-hint')), `at the case's point: ${got}`);
  const xlsx = await page.$eval('#elig-case-export-xlsx', (a) => a.href);
  ok(xlsx.includes('f=xlsx') && xlsx.includes('point='), `the Excel link ${xlsx}`);
  await shot(page, 'casereport-by-location.png');
  // Far from the case: a point of the map's canvas (no control or panel over it) outside its bbox.
  const far = await page.evaluate(({ p, b }) => {
    const m = window.parkmap.map;
    const r = m.getCanvas().getBoundingClientRect();
    for (const [fx, fy] of [[0.85, 0.5], [0.7, 0.85], [0.85, 0.8], [0.6, 0.2], [0.75, 0.3]]) {
      const x = r.left + r.width * fx, y = r.top + r.height * fy;
      const ll = m.unproject([x - r.left, y - r.top]);
      if (document.elementFromPoint(x, y) === m.getCanvas() && (ll.lng < b[0] || ll.lng > b[2] || ll.lat < b[1] || ll.lat > b[3])) return { x, y };
    }
    return null;
  }, { p: saved.answer.facts.point, b: saved.answer.facts.bbox });
  ok(far, 'no free point of the map away from the case');
  await page.click('#elig-case-pick');
  got = await listed(page, 'point=', () => page.mouse.click(far.x, far.y));
  ok(!got.includes(number), `far from the case: ${got}`);
  await page.click('#elig-case-clear-location');
  await page.waitForFunction(() => !document.querySelector('#elig-case-location'));
  pass('the register finds the case by the map view and by a click on its shape, not by a click far away; the exports carry the filters');
  await a.w.check('case report');
  await a.context.close();
}

async function main() {
  ok(BASE && LAND, 'PARKMAP_URL and PARKMAP_LAND must be set');
  setBase(BASE);
  await withBrowser('casereport', run, () => current);
  console.log(`1..${passedCount()}`);
}

main().catch((e) => {
  console.error(`not ok - ${e.stack || e.message}`);
  process.exit(1);
});
