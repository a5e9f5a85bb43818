// Layer imports in the web map (issue 10) in a real headless Chromium, against a server whose users
// the Go test created: a data_admin logs in, opens 图层导入 (a viewer never sees it), chooses 管控图层,
// picks a file with an invalid geometry through the file input, maps its fields and previews it: the
// count, the finding marked 错误 with its meaning 几何无效, 发布 disabled; a zip of two datasets: the
// page offers both and previews the one chosen; then the good file: its count,
// no finding, the diff, and its staged features rendered on the map over the layer (queried from the
// map's staged layers), the map fitted to them, the panel clear of the map's controls at 1366×768;
// 发布 says 已发布为第 1 版, the version list shows it current and the tiles are asked for again; a
// second version is published and 回滚到此版本 (confirmed) makes the first current again.
// Run by web/imports_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_ADMIN='{…}' PARKMAP_VIEWER='{…}' PARKMAP_BAD=… PARKMAP_GOOD=… PARKMAP_TWO=… node web/ui/test/imports.mjs
// No wall-clock limits: every wait is for a condition.
import path from 'node:path';
import { ART, withBrowser, ok, pass, openPage, passedCount, logIn, hidden, idle, refused } from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const ADMIN = JSON.parse(process.env.PARKMAP_ADMIN || 'null');
const VIEWER = JSON.parse(process.env.PARKMAP_VIEWER || 'null');
const BAD = process.env.PARKMAP_BAD || '';
const GOOD = process.env.PARKMAP_GOOD || '';
const TWO = process.env.PARKMAP_TWO || '';
const SMALL = { width: 1366, height: 768 };
const STAGED = ['imports-staged-fill', 'imports-staged-line'];

let current = null;
const shot = (page, name) => page.screenshot({ path: path.join(ART, name) });
const text = (page, sel) => page.$eval(sel, (el) => el.textContent);

// outcome waits until the status line says want or the panel shows an error, and fails on the error:
// a publish the service refuses ends the wait at once instead of leaving it to the test's timeout.
async function outcome(page, want) {
  await page.waitForFunction((w) => document.querySelector('#imports-status')?.textContent.includes(w) || document.querySelector('#imports-alert'), want);
  const alert = await page.$('#imports-alert');
  ok(!alert, `waiting for ${want}, the panel says: ${alert ? await alert.textContent() : ''}`);
}

const overlap = (a, b) => a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function run(browser) {
  ok(BASE && ADMIN && VIEWER && BAD && GOOD && TWO, 'PARKMAP_URL, PARKMAP_ADMIN, PARKMAP_VIEWER, PARKMAP_BAD, PARKMAP_GOOD and PARKMAP_TWO must be set');

  // A viewer sees no 导入.
  const v = await openPage(browser, `${BASE}/`, SMALL);
  current = v.page;
  await logIn(v.page, VIEWER);
  ok(await hidden(v.page, '.imports-ctrl'), 'a viewer sees the 导入 button');
  await v.w.check('viewer');
  await v.context.close();
  pass('a viewer has no 图层导入');

  const { context, page, w } = await openPage(browser, `${BASE}/`, SMALL);
  current = page;
  ok(await hidden(page, '.imports-ctrl'), 'a visitor sees the 导入 button');
  await logIn(page, ADMIN);
  await page.waitForSelector('.imports-ctrl:not([hidden]) #imports-toggle');
  ok((await text(page, '#imports-toggle')) === '图层导入', `the button says ${await text(page, '#imports-toggle')}`);
  await page.click('#imports-toggle');
  await page.waitForSelector('#imports-panel:not([hidden]) #imports-layer');
  const layers = await page.$$eval('#imports-layer option', (os) => os.map((o) => o.value));
  ok(['parks', 'parcels', 'redevelopment', 'constraints'].every((l) => layers.includes(l)), `a data_admin may import ${layers}`);
  await page.selectOption('#imports-layer', 'constraints');
  await page.waitForSelector('#imports-map-kind');
  ok((await text(page, '#imports-replaces')).includes('整个管控图层'), `the layer's note reads ${await text(page, '#imports-replaces')}`);
  pass('图层导入 opens for a data_admin', layers.join(', '));

  // The file with an invalid geometry: previewed (the service refuses it, with the preview), the
  // finding listed as 错误 with its meaning, 发布 disabled.
  await page.setInputFiles('#imports-file', BAD);
  await page.waitForFunction(() => document.querySelector('#imports-file-name')?.textContent.endsWith('.geojson'));
  await page.fill('#imports-map-id', 'BSM');
  await page.fill('#imports-map-kind', 'LX');
  await refused(page, w, 400, '/api/imports/constraints/preview', () => page.click('#imports-preview'));
  await page.waitForSelector('#imports-findings li[data-code="invalid"]');
  const bad = await page.$eval('#imports-findings li[data-code="invalid"]', (li) => ({ text: li.textContent, level: li.dataset.level }));
  ok(bad.level === 'error' && bad.text.includes('错误') && bad.text.includes('几何无效') && bad.text.includes('BAD-1'), `the finding reads ${bad.text}`);
  ok((await page.$eval('#imports-summary', (el) => el.dataset.count)) === '2', 'the bad file\'s count');
  ok(await page.$eval('#imports-publish', (b) => b.disabled), '发布 is enabled with a blocking finding');
  ok((await text(page, '#imports-alert')).includes('不能发布'), `the alert says ${await text(page, '#imports-alert')}`);
  await shot(page, 'imports-invalid.png');
  pass('an invalid geometry is shown as 错误 and blocks 发布', bad.text);

  // A zip of two datasets: the service asks which, the page offers them, the choice is previewed.
  await page.setInputFiles('#imports-file', TWO);
  await page.waitForFunction(() => !document.querySelector('#imports-summary'));
  await refused(page, w, 400, '/api/imports/constraints/preview', () => page.click('#imports-preview'));
  await page.waitForSelector('#imports-dataset-choose');
  const sets = await page.$$eval('#imports-dataset-choose option', (os) => os.map((o) => o.value).filter(Boolean));
  ok(sets.length === 2 && sets.every((d) => /[ab]\.geojson$/.test(d)), `the datasets offered: ${sets}`);
  await page.selectOption('#imports-dataset-choose', sets[1]);
  await page.waitForSelector('#imports-summary[data-count="3"]');
  ok((await text(page, '#imports-dataset')).includes(sets[1]), `the dataset read: ${await text(page, '#imports-dataset')}`);
  pass('a zip of two datasets: the page offers both and previews the one chosen', sets.join(', '));

  // The good file: count, no finding, the diff, the staged features on the map.
  await page.setInputFiles('#imports-file', GOOD);
  await page.waitForFunction(() => !document.querySelector('#imports-summary'));
  ok((await page.inputValue('#imports-map-kind')) === 'LX', 'the mapping was kept for the next file');
  await page.click('#imports-preview');
  await page.waitForSelector('#imports-summary[data-count="3"]');
  ok((await page.$eval('#imports-findings', (el) => el.dataset.count)) === '0', 'the good file has findings');
  ok((await text(page, '#imports-summary')).includes('要素 3 个'), `the summary reads ${await text(page, '#imports-summary')}`);
  ok((await text(page, '#imports-diff')).includes('新增 3'), `the diff reads ${await text(page, '#imports-diff')}`);
  ok((await text(page, '#imports-crs-used')).includes('EPSG:4326'), `the CRS reads ${await text(page, '#imports-crs-used')}`);
  ok(!(await page.$eval('#imports-publish', (b) => b.disabled)), '发布 is disabled for a clean preview');
  await idle(page);
  const drawn = await page.evaluate((layers) => {
    const m = window.parkmap.map;
    const fs = m.queryRenderedFeatures({ layers });
    const b = m.getBounds();
    return { n: fs.length, kind: window.parkmap.imports.staged, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      current: m.getLayoutProperty('imports-current-fill', 'visibility'), sourceLayer: m.getLayer('imports-current-fill').sourceLayer };
  }, STAGED);
  ok(drawn.n > 0, `no staged feature is rendered (${drawn.kind})`);
  ok(drawn.current === 'visible' && drawn.sourceLayer === 'constraints', `the current layer is not drawn under them: ${JSON.stringify(drawn)}`);
  ok(drawn.bounds[0] < 120.50 && drawn.bounds[2] > 120.523 && drawn.bounds[1] < 27.64 && drawn.bounds[3] > 27.653 && drawn.bounds[2] - drawn.bounds[0] < 0.5,
    `the map is not fitted to the file: ${drawn.bounds}`);
  // The panel covers none of the map's controls.
  const boxes = await page.evaluate(() => {
    const r = (el) => { const b = el?.getBoundingClientRect(); return b && b.width ? { x: b.x, y: b.y, width: b.width, height: b.height } : null; };
    return { panel: r(document.querySelector('#imports-panel')),
      ctrls: [...document.querySelectorAll('.maplibregl-ctrl-top-right .maplibregl-ctrl, .maplibregl-ctrl-bottom-left .maplibregl-ctrl, .maplibregl-ctrl-bottom-right .maplibregl-ctrl, #brf-dock')].map(r).filter(Boolean) };
  });
  ok(boxes.ctrls.length >= 3 && boxes.ctrls.every((c) => !overlap(boxes.panel, c)), `the panel overlaps a map control: ${JSON.stringify(boxes)}`);
  await shot(page, 'imports-preview.png');
  pass('a clean preview: 3 features, no finding, drawn on the map', `${drawn.n} rendered (${drawn.kind})`);

  // English.
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#imports-title')?.textContent === 'Layer import');
  ok((await text(page, '#imports-summary')).includes('3 features'), `in English: ${await text(page, '#imports-summary')}`);
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#imports-title')?.textContent === '图层导入');
  pass('the panel speaks English too');

  // 发布.
  const before = await page.evaluate(() => window.parkmap.imports.refreshed);
  await page.click('#imports-publish');
  await outcome(page, '已发布为第 1 版');
  await page.waitForSelector('#imports-versions tr[data-version="1"][data-current="true"]');
  ok((await page.evaluate(() => window.parkmap.imports.refreshed)) === before + 1, 'the tiles were not asked for again');
  ok(await page.$eval('#imports-publish', (b) => b.disabled), '发布 stays enabled after the publish');
  await idle(page);
  await shot(page, 'imports-published.png');
  pass('发布: 已发布为第 1 版, listed as current');

  // A second version (the zip's second dataset), then 回滚到此版本 on the first, confirmed.
  await page.setInputFiles('#imports-file', TWO);
  await page.waitForFunction(() => !document.querySelector('#imports-summary'));
  await refused(page, w, 400, '/api/imports/constraints/preview', () => page.click('#imports-preview'));
  await page.selectOption('#imports-dataset-choose', sets[1]);
  await page.waitForSelector('#imports-summary[data-count="3"]');
  ok((await text(page, '#imports-diff')).includes('当前为第 1 版') && (await text(page, '#imports-diff')).includes('新增 3，删除 3'), `the diff reads ${await text(page, '#imports-diff')}`);
  await page.click('#imports-publish');
  await outcome(page, '已发布为第 2 版');
  await page.waitForSelector('#imports-versions tr[data-version="2"][data-current="true"]');
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await page.click('#imports-versions tr[data-version="1"] .imports-rollback');
  await outcome(page, '已回滚到第 1 版');
  await page.waitForSelector('#imports-versions tr[data-version="1"][data-current="true"]');
  ok(asked.includes('回滚到第 1 版'), `the confirmation asked: ${asked}`);
  ok(!(await page.$('#imports-versions tr[data-version="1"] .imports-rollback')) && await page.$('#imports-versions tr[data-version="2"] .imports-rollback'),
    'the rollback buttons do not follow the current version');
  pass('a second version, then 回滚到此版本 on the first, confirmed', asked);

  await w.check('imports');
  await context.close();
}

await withBrowser('imports', run, () => current);
console.log(`# ${passedCount()} checks passed`);
