// The web map in a real headless Chromium (Debian's, driven by playwright-core), asserting what a person
// would see. Run by web/browser_e2e_test.go against a running parkmap:
//   PARKMAP_URL=http://127.0.0.1:PORT [PARKMAP_TIANDITU_URL=…] ARTIFACTS_DIR=artifacts/screenshots node web/ui/test/browser.mjs
// Exits non-zero on the first failed check. Screenshots go to ARTIFACTS_DIR.
import path from 'node:path';
import { ringArea } from '../geodesy.js';
import {
  ok, pass, sameSet, near, api, openPage, idle, renderedParkIds, listIds, statsOf, sums, checkStats, zonePixels,
  screenPoint, passedCount, setBase, ART, withBrowser,
} from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const TDT_BASE = (process.env.PARKMAP_TIANDITU_URL || '').replace(/\/$/, '');

async function main() {
  ok(BASE, 'PARKMAP_URL is not set');
  setBase(BASE);
  await withBrowser('browser', run);
}

async function run(browser) {
  const all = (await api('/collections/parks/items?limit=1000')).features;
  const allIds = all.map((f) => f.properties.id);
  ok(allIds.length === 20, `the API has ${allIds.length} parks, not 20`);
  const shots = [];
  const shot = async (page, name) => {
    const file = path.join(ART, name);
    await page.screenshot({ path: file });
    shots.push(file);
  };

  // 1. The county view at 1366×768.
  const { context, page, w } = await openPage(browser, `${BASE}/`, { width: 1366, height: 768 });
  const loadMs = await page.evaluate(() => window.parkmap.loadMs);
  pass('page loads and the map goes idle', `${loadMs} ms from navigation start`);

  const zoneIds = await page.evaluate(() => [...new Set(window.parkmap.map.queryRenderedFeatures({ layers: ['zones-fill'] }).map((f) => f.properties.id))]);
  ok(sameSet(zoneIds, ['coastal', 'culture', 'equipment']), `zones rendered: ${zoneIds}`);
  const px = await zonePixels(page);
  for (const [id, n] of Object.entries(px)) ok(n >= 300, `zone ${id}: only ${n} pixels of its colour on the canvas`);
  pass('every zone colour is rendered', JSON.stringify(px));

  const county = await renderedParkIds(page);
  ok(sameSet(county, allIds), `at the county view ${county.length} parks are rendered: missing ${allIds.filter((i) => !county.includes(i))}`);
  pass('queryRenderedFeatures finds all 20 parks at the county view');

  const labels = await page.evaluate(() => {
    const m = window.parkmap.map;
    const fs = m.queryRenderedFeatures({ layers: ['parks-label', 'zones-label', 'towns-label'] });
    return fs.map((f) => `${f.layer.id}:${f.properties.name}`);
  });
  // Zone names give way to park and town names where they would collide, but some always fit.
  ok(labels.some((l) => l.startsWith('zones-label:')) && labels.filter((l) => l.startsWith('parks-label:')).length >= 5 &&
    labels.some((l) => l.startsWith('towns-label:')), `labels placed: ${labels.join(', ')}`);
  pass('Chinese labels are placed from the label layers', `${labels.length} labels`);
  ok((await listIds(page)).length === 20, 'the list does not show 20 parks');
  checkStats(await statsOf(page), sums(all), 'county view');
  pass('the list and the statistics strip show all 20 parks');
  await shot(page, 'county-1366x768.png');

  // 2. A click on a park opens its card with the plan's area.
  const wanyang = all.find((f) => f.properties.id === 'wanyang').properties;
  const dot = await page.evaluate(() => window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] })
    .find((f) => f.properties.id === 'wanyang').geometry.coordinates);
  const pt = await screenPoint(page, dot);
  await page.mouse.click(pt.x, pt.y);
  await page.waitForSelector('#card:not([hidden])');
  const card = await page.evaluate(() => ({
    title: document.querySelector('#card-title').textContent,
    plan: Number(document.querySelector('#card [data-field="plan_area_mu"] .figure-value').dataset.value),
    drawn: Number(document.querySelector('#card [data-field="drawn_area_mu"] .figure-value').dataset.value),
    provenance: document.querySelector('#card .provenance').textContent,
    warnings: [...document.querySelectorAll('#card ul.warnings li')].map((li) => li.dataset.id),
    yearly: document.querySelector('#card table.yearly')?.textContent || '',
    dashes: document.querySelectorAll('#card table.yearly td.dash').length,
    key: document.querySelector('#card .table-key')?.textContent || '',
  }));
  ok(card.title.includes(wanyang.name), `card title ${card.title}`);
  ok(card.plan === wanyang.plan_area_mu, `card planned area ${card.plan}, API ${wanyang.plan_area_mu}`);
  ok(card.drawn === wanyang.drawn_area_mu, `card drawn area ${card.drawn}, API ${wanyang.drawn_area_mu}`);
  ok(card.provenance.includes('示意'), `provenance not stated: ${card.provenance}`);
  // Said once, in the page's language (issue 14: "示意图形。 示意图形：… / Illustrative shape: …").
  ok(card.provenance.split('示意图形').length === 2 && !/[A-Za-z]/.test(card.provenance),
    `the card's provenance repeats itself or mixes in English: ${card.provenance}`);
  ok(sameSet(card.warnings, wanyang.inconsistencies.map((i) => i.id)), `card flags ${card.warnings}`);
  ok(card.yearly.includes('附件6') && card.dashes > 0, 'the yearly plan table lacks its source or its "—" cells');
  ok(card.key.includes('“—”：规划表原文即为“—”'), `the "—" cells are not explained under the table: ${card.key}`);
  ok(new URL(page.url()).searchParams.get('park') === 'wanyang', 'the open card is not in the URL');
  pass('clicking a park opens its card with the right planned area', `${card.plan} 亩`);
  await shot(page, 'card-wanyang-1366x768.png');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#card', { state: 'hidden' });
  pass('Escape closes the card');

  // 3. One zone: only its parks, on the map and in the list; the strip sums them.
  const culture = (await api('/collections/parks/items?limit=1000&zone=culture')).features;
  await page.selectOption('#f-zone', 'culture');
  await idle(page);
  const onMap = await renderedParkIds(page);
  const cultureIds = culture.map((f) => f.properties.id);
  ok(sameSet(onMap, cultureIds), `zone culture: map shows ${onMap}, API ${cultureIds}`);
  ok(sameSet(await listIds(page), cultureIds), 'zone culture: the list differs from the API');
  checkStats(await statsOf(page), sums(culture), 'zone culture');
  pass('filtering one zone leaves only its parks on the map and in the list', `${cultureIds.length} parks`);

  const building = (await api(`/collections/parks/items?limit=1000&zone=culture&status=${encodeURIComponent('在建')}`)).features;
  await page.selectOption('#f-status', '在建');
  await idle(page);
  ok(sameSet(await renderedParkIds(page), building.map((f) => f.properties.id)), 'zone culture + 在建: the map differs');
  ok(sameSet(await listIds(page), building.map((f) => f.properties.id)), 'zone culture + 在建: the list differs');
  checkStats(await statsOf(page), sums(building), 'culture + 在建');
  pass('文化时尚智造区 + 在建: map, list and strip agree with the API',
    building.map((f) => `${f.properties.name} ${f.properties.plan_area_mu}亩`).join('、'));

  await page.fill('#f-q', '南溪');
  await idle(page);
  ok(sameSet(await listIds(page), ['tengjiao-nanxi']), 'search 南溪 does not find 腾蛟南溪');
  await page.fill('#f-q', '');
  await idle(page);
  pass('search by any Chinese substring');

  await page.click('#park-list button.sort[data-sort="mu"]');
  await page.click('#park-list button.sort[data-sort="mu"]');
  const sortedMu = await page.$$eval('#park-list tbody tr', (rows) => rows.map((r) => r.dataset.id));
  const wantSorted = [...building].sort((a, b) => b.properties.plan_area_mu - a.properties.plan_area_mu).map((f) => f.properties.id);
  ok(sortedMu.join() === wantSorted.join(), `sorted by 亩 descending: ${sortedMu}, want ${wantSorted}`);
  pass('the list sorts by planned area');

  // 4. The URL reproduces the view and the filters.
  await page.evaluate(() => window.parkmap.map.jumpTo({ center: [120.52, 27.62], zoom: 10.6, bearing: 12 }));
  await idle(page);
  await page.waitForFunction(() => location.hash.startsWith('#10.6/'));
  const link = page.url();
  const before = await page.evaluate(() => {
    const m = window.parkmap.map;
    return { c: m.getCenter().toArray(), z: m.getZoom(), b: m.getBearing() };
  });
  const beforeIds = await renderedParkIds(page);
  ok(new URL(link).searchParams.get('zone') === 'culture' && new URL(link).searchParams.get('status') === '在建', `the URL lacks the filters: ${link}`);
  const again = await openPage(browser, link, { width: 1366, height: 768 });
  const after = await again.page.evaluate(() => {
    const m = window.parkmap.map;
    return {
      c: m.getCenter().toArray(), z: m.getZoom(), b: m.getBearing(),
      zone: document.querySelector('#f-zone').value, status: document.querySelector('#f-status').value,
      sort: window.parkmap.state.sort,
    };
  });
  ok(near(after.c[0], before.c[0], 1e-3) && near(after.c[1], before.c[1], 1e-3) && near(after.z, before.z, 0.01) &&
    near(after.b, before.b, 0.5), `view not restored: ${JSON.stringify(before)} vs ${JSON.stringify(after)}`);
  ok(after.zone === 'culture' && after.status === '在建' && after.sort.key === 'mu' && after.sort.dir === 'desc',
    `filters not restored: ${JSON.stringify(after)}`);
  ok(sameSet(await renderedParkIds(again.page), beforeIds), 'the restored page renders other parks');
  ok((await listIds(again.page)).join() === sortedMu.join(), 'the restored list differs');
  pass('loading the URL restores the same view and filters', link.slice(BASE.length));

  // 5. Keyboard: a list row opens the card with Enter; Escape closes it and gives focus back.
  await again.page.focus('#park-list tbody button.row-link');
  const rowName = await again.page.evaluate(() => document.activeElement.textContent);
  await again.page.keyboard.press('Enter');
  await again.page.waitForSelector('#card:not([hidden])');
  ok(await again.page.evaluate(() => document.activeElement?.id === 'card-title'), 'focus is not on the card');
  ok((await again.page.textContent('#card-title')).includes(rowName), 'Enter opened another park');
  await again.page.keyboard.press('Escape');
  await again.page.waitForSelector('#card', { state: 'hidden' });
  ok(await again.page.evaluate(() => document.activeElement?.classList.contains('row-link')), 'focus did not return to the row');
  await again.page.focus('#lang');
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await again.page.keyboard.press('Tab');
    reached.add(await again.page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
  }
  for (const id of ['f-q', 'f-zone', 'f-status', 'f-industry', 'f-dev', 'f-town']) ok(reached.has(id), `Tab never reaches #${id}`);
  pass('keyboard: Tab reaches the controls, Enter opens a row, Escape closes the card');
  await again.w.check('restored page');
  await again.context.close();

  // 6. The layer list, colour by zone, the measuring tool, English.
  await page.click('.layers-ctrl summary');
  await page.uncheck('#layer-parcels');
  ok(await page.evaluate(() => window.parkmap.map.getLayoutProperty('parcels-fill', 'visibility') === 'none'), 'the parcels switch does not hide them');
  ok(new URL(page.url()).searchParams.get('hide') === 'parcels', 'hidden layers are not in the URL');
  await page.check('#layer-parcels');
  ok(await page.evaluate(() => window.parkmap.map.getLayoutProperty('parcels-fill', 'visibility') === 'visible'), 'the parcels switch does not show them');
  pass('the layer list switches layers on and off');
  await page.check('input[name="park-color"][value="zone"]');
  ok(new URL(page.url()).searchParams.get('color') === 'zone', 'the colour mode is not in the URL');
  const circleColor = await page.evaluate(() => JSON.stringify(window.parkmap.map.getPaintProperty('parks-circle', 'circle-color')));
  ok(circleColor.includes('"zone"'), `parks not coloured by zone: ${circleColor}`);
  pass('parks colour by zone on the switch');

  await page.click('button.measure-toggle');
  ok(await page.evaluate(() => window.parkmap.modes.current === 'measure'), 'the measuring tool is not the active mode');
  // While measuring, a click on a park is a point of the measure, not its card (web/ui/modes.js).
  const dotNow = await page.evaluate(() => {
    const m = window.parkmap.map;
    const f = m.queryRenderedFeatures({ layers: ['parks-circle'] })[0];
    return f && { id: f.properties.id, c: f.geometry.coordinates };
  });
  if (dotNow) {
    const dp = await screenPoint(page, dotNow.c);
    await page.mouse.click(dp.x, dp.y);
    await page.waitForTimeout(300);
    ok(await page.isHidden('#card'), `a click on ${dotNow.id} while measuring opened its card`);
    ok(await page.evaluate(() => window.parkmap.measure.points.length === 1), 'the click on a park is not a measured point');
    await page.keyboard.press('Backspace');
    ok(await page.evaluate(() => window.parkmap.measure.points.length === 0), 'Backspace does not undo the point');
    pass('while measuring, a click on a park adds a point and opens no card', dotNow.id);
  }
  const corners = [[120.50, 27.60], [120.54, 27.60], [120.54, 27.63], [120.50, 27.63]];
  for (const c of corners) {
    const p = await screenPoint(page, c);
    await page.mouse.click(p.x, p.y);
  }
  const pts = await page.evaluate(() => window.parkmap.measure.points);
  const shown = Number(await page.getAttribute('#measure-area', 'data-value'));
  ok(pts.length === 4, `measure has ${pts.length} points`);
  ok(near(shown, ringArea(pts), 1), `measured area ${shown} m², geodesy ${ringArea(pts)}`);
  const text = await page.textContent('#measure-area');
  ok(/亩/.test(text), `area not in 亩: ${text}`);
  pass('the measuring tool reports the geodesic area in 亩', text.trim());
  await shot(page, 'measure-1366x768.png');
  await page.keyboard.press('Escape');
  ok(!(await page.$('#measure-area')), 'Escape does not leave the measuring tool');
  ok(await page.evaluate(() => window.parkmap.modes.current === 'browse'), 'Escape does not return to browsing');

  await page.click('#lang');
  ok(await page.evaluate(() => document.documentElement.lang === 'en' && /Pingyang/.test(document.querySelector('h1').textContent)),
    'the English switch does not translate the page');
  ok(new URL(page.url()).searchParams.get('lang') === 'en', 'the language is not in the URL');
  await page.evaluate(() => window.parkmap.selectPark('xiaojiang-qinggong'));
  await idle(page);
  const enProvenance = await page.textContent('#card .provenance');
  ok(/^Shape: illustrative\. No public coordinates/.test(enProvenance) &&
    !/[\u3000-\u303f\uff00-\uffef]/.test(enProvenance), `the English card's provenance: ${enProvenance}`);
  await shot(page, 'english-card-1366x768.png');
  pass('English switch');
  await w.check('county page');
  await context.close();

  // 7. 1920×1080: the question the page must answer at a glance.
  const q = `${BASE}/?zone=culture&status=${encodeURIComponent('在建')}&park=tengjiao-nanxi#9.6/27.62/120.74`;
  const big = await openPage(browser, q, { width: 1920, height: 1080 });
  ok(sameSet(await renderedParkIds(big.page), building.map((f) => f.properties.id)), '1920×1080: the filtered parks are not all rendered');
  ok(await big.page.isVisible('#card'), '1920×1080: the card from the URL is not open');
  await shot(big.page, 'culture-zaijian-1920x1080.png');
  await big.w.check('1920×1080 page');
  await big.context.close();
  pass('1920×1080 with the filters and a card from the URL');

  // A link to a park without a view opens on that park.
  const one = await openPage(browser, `${BASE}/?park=xiaojiang-qinggong`, { width: 1366, height: 768 });
  const view = await one.page.evaluate(() => ({ z: window.parkmap.map.getZoom(), c: window.parkmap.map.getCenter().toArray() }));
  ok(view.z > 12 && await one.page.isVisible('#card'), `a park link does not open on the park: ${JSON.stringify(view)}`);
  ok((await renderedParkIds(one.page)).includes('xiaojiang-qinggong'), 'the linked park is not on the map');
  await shot(one.page, 'park-link-1366x768.png');
  await one.w.check('park link page');
  await one.context.close();
  pass('a link to a park opens on it', `zoom ${view.z.toFixed(1)}`);

  // 8. Tianditu configured but unreachable: the map works without it and says so.
  if (TDT_BASE) {
    const tdtHosts = /^https:\/\/t[0-7]\.tianditu\.gov\.cn\//;
    const tdt = await openPage(browser, `${TDT_BASE}/`, { width: 1366, height: 768 }, tdtHosts);
    await tdt.page.waitForSelector('#tdt-note');
    ok(!(await tdt.page.$('#tdt-attrib')), 'the Tianditu attribution stays after its tiles failed');
    await idle(tdt.page);
    ok(sameSet(await renderedParkIds(tdt.page), allIds), 'with Tianditu failing, parks are missing');
    ok(tdt.w.aborted.length > 0, 'no Tianditu tile was even asked for');
    const tileErrors = await tdt.page.evaluate(() => window.parkmap.tileErrors.length);
    ok(tileErrors > 0, 'Tianditu tile errors were not seen by the page');
    await shot(tdt.page, 'tianditu-unreachable-1366x768.png');
    await tdt.w.check('Tianditu page');
    await tdt.context.close();
    pass('Tianditu tiles failing leave a working map and a note', `${tdt.w.aborted.length} tile requests stopped in the browser`);

    // The same tiles answered (by the test, in the browser): Tianditu shows, with its attribution and 审图号.
    const tile = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const served = [];
    const ok2 = await openPage(browser, `${TDT_BASE}/`, { width: 1366, height: 768 }, tdtHosts, (route) => {
      served.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: tile, headers: { 'Access-Control-Allow-Origin': '*' } });
    });
    await idle(ok2.page);
    const attrib = await ok2.page.textContent('#tdt-attrib');
    ok(/天地图/.test(attrib) && /审图号：GS\(2024\)0568号/.test(attrib), `Tianditu attribution: ${attrib}`);
    ok(await ok2.page.evaluate(() => window.parkmap.map.getLayoutProperty('tianditu-vec', 'visibility') === 'visible'), 'Tianditu is not shown');
    ok(served.length > 0 && served.every((u) => u.includes('tk=parkmap-test-key')), 'Tianditu tiles are not asked for with the key');
    ok(!(await ok2.page.$('#tdt-note')), 'a failure note without a failure');
    await ok2.w.check('Tianditu answering page');
    await ok2.context.close();
    pass('Tianditu tiles, when they load, show with the attribution and 审图号 in the lower left', attrib);
  }

  console.log(`screenshots: ${shots.join(' ')}`);
  console.log(`load: ${loadMs} ms (navigation start to the map idle with all parks rendered)`);
}

main().then(() => {
  console.log(`${passedCount()} passed, 0 failed`);
}, (err) => {
  console.error(`not ok ${passedCount() + 1} - ${err.message}`);
  console.log(`${passedCount()} passed, 1 failed`);
  process.exit(1);
});
