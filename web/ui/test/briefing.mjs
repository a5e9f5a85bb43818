// The leadership briefing (issue 5) in a real headless Chromium at 1920×1080: the timeline changes what
// is rendered (parcels supplied by the year, a park's state), the charts show the plan's cumulative
// supply, presentation mode steps through data/briefing/steps.json with ← → and Escape, the PNG export
// has the map's size and is not blank, the print table is built. Run by web/briefing_browser_e2e_test.go:
//   PARKMAP_URL=http://127.0.0.1:PORT ARTIFACTS_DIR=artifacts/screenshots node web/ui/test/briefing.mjs
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ART, withBrowser, ok, pass, near, openPage, idle, passedCount, setBase, api } from './browserlib.mjs';
import { pdfPages, isA4 } from './pdf.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const VIEW = { width: 1920, height: 1080 };

async function main() {
  ok(BASE, 'PARKMAP_URL is not set');
  setBase(BASE);
  await withBrowser('briefing', run);
}

const renderedParcels = (page) => page.evaluate(() => {
  const m = window.parkmap.map;
  return [...new Set(m.queryRenderedFeatures({ layers: ['parcels-fill'] }).map((f) => f.properties.code))];
});

async function setSlider(page, year) {
  await page.evaluate((y) => {
    const s = document.querySelector('#brf-year');
    s.value = String(y);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, year);
  await idle(page);
}

async function run(browser) {
  const parcels = await api('/collections/parcels/items?limit=1000');
  const byYear = (y) => parcels.features.filter((f) => f.properties.year <= y).map((f) => f.properties.code).sort();
  ok(parcels.features.length === 23, `parcels: ${parcels.features.length}`);
  const steps = (await api('/api/briefing')).steps;
  const parks = (await api('/collections/parks/items?limit=1000')).features;

  const { context, page, w } = await openPage(browser, BASE + '/', VIEW);
  await page.evaluate(() => window.parkmap.briefingReady);
  await page.waitForSelector('#brf-year');
  await w.check('briefing loaded');
  pass('the timeline is on the page');

  // The slider: parcels supplied by the year, a park's state. Zoom so that every parcel is drawn.
  await page.evaluate((fc) => {
    let a = [Infinity, Infinity, -Infinity, -Infinity];
    const walk = (c) => { if (typeof c[0] === 'number') { a = [Math.min(a[0], c[0]), Math.min(a[1], c[1]), Math.max(a[2], c[0]), Math.max(a[3], c[1])]; } else c.forEach(walk); };
    for (const f of fc) walk(f.geometry.coordinates);
    window.parkmap.map.fitBounds([[a[0], a[1]], [a[2], a[3]]], { padding: 60, duration: 0, maxZoom: 12 });
  }, parcels.features);
  await idle(page);
  const zoom = await page.evaluate(() => window.parkmap.map.getZoom());
  ok(zoom >= 10, `zoom ${zoom} below the parcels' minzoom`);
  await setSlider(page, 2018);
  const r2018 = (await renderedParcels(page)).sort();
  const s2018 = await page.evaluate(() => window.parkmap.briefing.parkState('keji-chuangxin', 2018));
  await page.screenshot({ path: path.join(ART, 'briefing-timeline-2018.png') });
  await setSlider(page, 2022);
  const r2022 = (await renderedParcels(page)).sort();
  const s2022 = await page.evaluate(() => window.parkmap.briefing.parkState('keji-chuangxin', 2022));
  await page.screenshot({ path: path.join(ART, 'briefing-timeline-2022.png') });
  ok(r2018.join() === byYear(2018).join(), `2018 parcels rendered ${r2018.join()} ≠ ${byYear(2018).join()}`);
  ok(r2022.length === 23 && r2022.join() === byYear(2022).join(), `2022 parcels rendered: ${r2022.length}`);
  ok(r2018.length < r2022.length, 'the parcels did not grow');
  pass('the slider changes the parcels rendered', `${r2018.length} in 2018 → ${r2022.length} in 2022`);
  ok(s2018 === 'planned' && s2022 === 'completed', `keji-chuangxin: ${s2018} → ${s2022}`);
  // The colour on the map follows the state.
  const colors = await page.evaluate(() => {
    const m = window.parkmap.map;
    const expr = m.getPaintProperty('parks-circle', 'circle-color');
    const i = expr.indexOf('keji-chuangxin');
    return expr[i + 1];
  });
  ok(colors === '#1b7837', `keji-chuangxin colour in 2022: ${colors}`);
  await setSlider(page, 2018);
  const c2018 = await page.evaluate(() => { const e = window.parkmap.map.getPaintProperty('parks-circle', 'circle-color'); return e[e.indexOf('keji-chuangxin') + 1]; });
  ok(c2018 === '#d9d9d9', `keji-chuangxin colour in 2018: ${c2018}`);
  pass('a park\'s state follows the year', '平阳科技产业创新园 planned (2018) → completed (2022)');
  const cum = await page.$eval('#brf-cum [data-measure="supply"]', (e) => Number(e.dataset.value));
  ok(near(cum, 141.5, 0.01), `stats strip cumulative supply 2018: ${cum}`);
  ok(new URL(page.url()).searchParams.get('year') === '2018', `year not in the URL: ${page.url()}`);
  // A filter of the page rewrites the query; the year stays in it, and the parcels stay filtered by year.
  await page.selectOption('#filters select >> nth=0', { index: 1 });
  await idle(page);
  ok(new URL(page.url()).searchParams.get('year') === '2018', `year lost from the URL after a filter: ${page.url()}`);
  const yf = await page.evaluate(() => JSON.stringify(window.parkmap.map.getFilter('parcels-fill')));
  ok(yf.includes('"<=",["get","year"],2018'), `parcel filter after a page filter: ${yf}`);
  await page.selectOption('#filters select >> nth=0', { index: 0 });
  await idle(page);
  pass('the statistics strip shows the cumulative figures of the year', `${cum} 亩 by 2018; year kept in the URL`);

  // The charts. ECharts is a chunk of its own (web/ui/briefing/echarts.js): nothing so far has fetched
  // it, and opening the charts does, once.
  const echartsFetched = () => page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/static\/dist\/echarts-[^/]*\.js/.test(e.name)).map((e) => e.name));
  const before = await echartsFetched();
  ok(before.length === 0, `ECharts fetched before any chart was opened: ${before}`);
  await page.click('#brf-charts-toggle');
  await page.waitForSelector('#brf-chart canvas');
  const after = await echartsFetched();
  ok(after.length === 1, `ECharts chunk fetched ${after.length} times on opening the charts: ${after}`);
  pass('ECharts is fetched only when the charts are opened', after[0].replace(/^.*\/static\//, 'static/'));
  const opt = await page.evaluate(() => {
    const o = window.parkmap.briefing.chartOption();
    return { x: o.xAxis[0].data, series: o.series.map((s) => ({ id: s.id, type: s.type, data: s.data })) };
  });
  const cumS = opt.series.find((s) => s.id === 'all-cumulative');
  ok(cumS && near(cumS.data[opt.x.indexOf('2021')], 1547.9, 0.01), `chart cumulative 2021: ${JSON.stringify(cumS)}`);
  const want = (await api('/api/plan/yearly?group=all')).series.find((s) => s.measure === 'supply');
  ok(JSON.stringify(opt.series.find((s) => s.id === 'all-planned').data) === JSON.stringify(want.planned), 'planned bars ≠ API');
  ok(want.planned.includes(null) && opt.series.find((s) => s.id === 'all-planned').data.includes(null), 'a "—" year is not a gap');
  await page.click('#brf-charts [data-group="zone"]');
  const zoneSeries = await page.evaluate(() => window.parkmap.briefing.chartOption().series.length);
  ok(zoneSeries === 6, `by zone: ${zoneSeries} series`);
  await page.click('#brf-charts [data-group="park"]');
  await page.click('#brf-charts [data-measure="completion"]');
  const parkSeries = await page.evaluate(() => window.parkmap.briefing.chartOption().series.length);
  ok(parkSeries >= 10, `by park: ${parkSeries} series`);
  await page.screenshot({ path: path.join(ART, 'briefing-charts.png') });
  await page.click('#brf-charts [data-group="all"]');
  await page.click('#brf-charts [data-measure="supply"]');
  await page.click('#brf-charts-toggle');
  pass('the charts show the plan', 'county cumulative supply 2021 = 1547.9 亩; by zone; by park');

  // Export PNG.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#brf-export')]);
  const file = path.join(ART, 'briefing-export.png');
  await download.saveAs(file);
  const buf = await readFile(file);
  ok(buf.subarray(1, 4).toString() === 'PNG', 'the download is not a PNG');
  const pw = buf.readUInt32BE(16), ph = buf.readUInt32BE(20);
  const canvas = await page.evaluate(() => { const c = window.parkmap.map.getCanvas(); return { w: c.width, h: c.height }; });
  ok(pw === canvas.w && ph === canvas.h, `PNG ${pw}×${ph}, map canvas ${canvas.w}×${canvas.h}`);
  const variance = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    // The map's middle, away from the drawn title and legend.
    const d = g.getImageData(Math.floor(img.width * 0.3), Math.floor(img.height * 0.3), Math.floor(img.width * 0.4), Math.floor(img.height * 0.4)).data;
    let n = 0, s = 0, s2 = 0; const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) { const v = d[i] + d[i + 1] + d[i + 2]; n++; s += v; s2 += v * v; colours.add(`${d[i]},${d[i + 1]},${d[i + 2]}`); }
    return { variance: s2 / n - (s / n) ** 2, colours: colours.size, alpha: d[3] };
  }, buf.toString('base64'));
  ok(variance.variance > 50 && variance.colours > 20 && variance.alpha === 255, `exported PNG looks blank: ${JSON.stringify(variance)}`);
  pass('the PNG export', `${pw}×${ph}, ${variance.colours} colours in the map's middle`);

  // The printable table.
  const rows = await page.evaluate(async () => {
    await window.parkmap.briefing.preparePrint(2020);
    return [...document.querySelectorAll('#brf-print tbody tr')].map((tr) => [tr.querySelector('.brf-actual').textContent,
      tr.querySelector('.brf-rate').textContent, tr.querySelector('.brf-met').textContent].join('|'));
  });
  const prog = await api('/api/progress?year=2020');
  // No actual figures in the bundled data: actual and completion say so; 2020 is before the target year.
  ok(rows.length === prog.targets.length && rows.every((r) => r === '无数据|无数据|未到期'), `print table: ${rows.length} rows, ${rows.slice(0, 3)}`);
  await page.evaluate(() => document.body.classList.add('brf-printing'));
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: path.join(ART, 'briefing-print.png') });
  // Printed at its CSS page size, the briefing stays A4 landscape (the case report's portrait page is its own).
  const pdfPagesOut = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  ok(pdfPagesOut.length >= 1 && pdfPagesOut.every((p) => isA4(p, 'landscape')), `the briefing's PDF pages: ${JSON.stringify(pdfPagesOut)}`);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('brf-printing'));
  pass('the printable progress table', `${rows.length} targets, actual "无数据", ${pdfPagesOut.length} A4 landscape page(s)`);

  // Presentation mode: P, → through every step, ← back, Escape out. P is pressed while measuring: the
  // presentation is a mode of its own (web/ui/modes.js), and entering it ends the measuring.
  await page.click('button.measure-toggle');
  ok(await page.evaluate(() => window.parkmap.modes.current === 'measure'), 'the measuring tool did not start');
  await page.locator('#map canvas').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('p');
  await page.waitForSelector('#brf-present:not([hidden])');
  const modeNow = await page.evaluate(() => ({ mode: window.parkmap.modes.current, measuring: window.parkmap.measure.active }));
  ok(modeNow.mode === 'present' && !modeNow.measuring, `P while measuring: ${JSON.stringify(modeNow)}`);
  pass('P while measuring starts the presentation and ends the measuring');
  const inView = (ids) => page.evaluate((ids) => {
    const m = window.parkmap.map;
    const b = m.getBounds();
    return ids.filter((id) => {
      const f = window.parkmap.features.get(id);
      let ok = true;
      const walk = (c) => { if (typeof c[0] === 'number') ok = ok && b.contains(c); else c.forEach(walk); };
      walk(f.geometry.coordinates);
      return !ok;
    });
  }, ids);
  for (let i = 0; i < steps.length; i++) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await page.waitForFunction((id) => document.querySelector('#brf-step-title')?.dataset.step === id, steps[i].id);
    await page.waitForFunction(() => !window.parkmap.map.isMoving());
    await idle(page);
    const title = await page.$eval('#brf-step-title', (e) => e.textContent);
    ok(title === steps[i].title_zh, `step ${i + 1}: title ${title}`);
    const no = await page.$eval('#brf-step-no', (e) => e.textContent);
    ok(no === `${i + 1} / ${steps.length}`, `step ${i + 1}: ${no}`);
    const year = await page.$eval('#brf-year-label', (e) => e.textContent);
    ok(Number(year) === steps[i].year, `step ${i + 1}: year ${year}`);
    if (steps[i].zone) {
      const ids = parks.filter((f) => f.properties.zone === steps[i].zone).map((f) => f.properties.id);
      const outside = await inView(ids);
      if (outside.length) {
        await page.screenshot({ path: path.join(ART, `briefing-step-${i + 1}-fail.png`) });
        console.log(JSON.stringify(await page.evaluate(() => ({ b: window.parkmap.map.getBounds().toArray(), z: window.parkmap.map.getZoom(), c: window.parkmap.map.getContainer().clientWidth }))));
      }
      ok(outside.length === 0, `step ${i + 1}: parks of ${steps[i].zone} outside the view: ${outside.join()}`);
      const z = await page.evaluate(() => window.parkmap.map.getZoom());
      ok(z > 10.5, `step ${i + 1}: the map did not fly to the zone (zoom ${z})`);
      const sum = await page.$eval('#brf-present [data-field="parks"]', (e) => Number(e.dataset.value));
      ok(sum > 0, `step ${i + 1}: zone figures`);
    }
    if (steps[i].panel === 'supply') await page.waitForSelector('#brf-present #brf-chart canvas');
    if (steps[i].panel === 'targets') await page.waitForSelector('#brf-present #brf-targets tbody tr');
    if (steps[i].panel === 'redevelopment') {
      await page.waitForSelector('#brf-present [data-field="old"]');
    }
    await page.screenshot({ path: path.join(ART, `briefing-step-${i + 1}.png`) });
  }
  pass('→ steps through the briefing', `${steps.length} steps, titles, years, zone views`);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((id) => document.querySelector('#brf-step-title')?.dataset.step === id, steps[steps.length - 2].id);
  pass('← goes back');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#brf-present', { state: 'hidden' });
  ok(!(await page.evaluate(() => document.body.classList.contains('brf-presenting'))), 'still presenting after Escape');
  ok(await page.evaluate(() => window.parkmap.modes.current === 'browse'), 'Escape did not return to browsing');
  await idle(page);
  pass('Escape leaves presentation mode');

  // English.
  await page.click('#lang');
  const note = await page.$eval('#brf-plan-note', (e) => e.textContent);
  ok(note.startsWith('Per the plan, not actual progress'), `English note: ${note}`);
  pass('the timeline speaks English after the switch');
  // A tile request MapLibre cancels because the view moved on (the briefing flies from view to view) is
  // its own doing, not a failure of the server; any other failed request still fails the test.
  const aborted = w.failed.filter((f) => /\/tiles\/all\/\d+\/\d+\/\d+\.mvt net::ERR_ABORTED$/.test(f));
  w.failed = w.failed.filter((f) => !aborted.includes(f));
  await w.check('after the briefing');
  pass('no console error, no CSP violation, no request leaving 127.0.0.1');
  await context.close();
  console.log(`briefing: ${passedCount()} checks passed`);
}

main().catch((err) => {
  console.error(`not ok - ${err.stack || err}`);
  process.exit(1);
});
