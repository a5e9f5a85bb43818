// The web map drawing its vector tiles from a PMTiles archive on another origin (serve -tiles-archive,
// issue 11), in headless Chromium. Run by web/pmtiles_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_MISSING_URL=… PARKMAP_NORANGE_URL=… ARCHIVE_ORIGIN=http://127.0.0.1:PORT node web/ui/test/pmtiles.mjs
// PARKMAP_URL's archive is good; PARKMAP_MISSING_URL's answers 404; PARKMAP_NORANGE_URL's host ignores
// Range. The Go test counts, on the servers' side, the Range requests and parkmap's tile requests.
import path from 'node:path';
import {
  ok, pass, api, watch, newContext, idle, renderedParkIds, screenPoint, sameSet, passedCount, setBase, ART, withBrowser,
} from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const MISSING = (process.env.PARKMAP_MISSING_URL || '').replace(/\/$/, '');
const NORANGE = (process.env.PARKMAP_NORANGE_URL || '').replace(/\/$/, '');
const ARCHIVE = (process.env.ARCHIVE_ORIGIN || '').replace(/\/$/, '');
const VIEWPORT = { width: 1366, height: 768 };
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let current = null;

async function main() {
  ok(BASE && MISSING && NORANGE && ARCHIVE, 'PARKMAP_URL, PARKMAP_MISSING_URL, PARKMAP_NORANGE_URL and ARCHIVE_ORIGIN must be set');
  setBase(BASE);
  await withBrowser('pmtiles', run, () => current);
}

/** open opens base's page, watched, with the archive's origin allowed as the one other origin. */
async function open(browser, base) {
  const context = await newContext(browser, VIEWPORT);
  const page = await context.newPage();
  current = page;
  const w = watch(page, base, new RegExp(`^${escapeRe(ARCHIVE)}/`));
  const ranges = [];
  page.on('request', (r) => {
    if (r.url().startsWith(ARCHIVE + '/')) ranges.push(r.headers().range || '');
  });
  await page.goto(`${base}/`, { waitUntil: 'load' });
  return { context, page, w, ranges };
}

const parkTileRequests = (w, base) => w.requests.filter((u) => u.startsWith(`${base}/tiles/all/`));

async function run(browser) {
  const all = (await api('/collections/parks/items?limit=1000')).features;
  const allIds = all.map((f) => f.properties.id);
  ok(allIds.length === 20, `the API has ${allIds.length} parks, not 20`);
  const { dataset_version: version } = await api('/readyz');

  // 1. The county drawn from the archive: every park, from the pmtiles:// source, through Range requests.
  const { context, page, w, ranges } = await open(browser, BASE);
  await page.evaluate(() => window.parkmap.ready);
  const src = await page.evaluate(() => {
    const s = window.parkmap.map.getSource('parkmap');
    return { tiles: s.tiles, maxzoom: s.maxzoom, minzoom: s.minzoom };
  });
  ok(src.tiles.length === 1 && src.tiles[0] === `pmtiles://${ARCHIVE}/pingyang.pmtiles/{z}/{x}/{y}`, `source tiles: ${src.tiles}`);
  ok(src.minzoom === 8 && src.maxzoom === 14, `source zooms ${src.minzoom}-${src.maxzoom}, the archive's are 8-14`);
  const county = await renderedParkIds(page);
  ok(sameSet(county, allIds), `at the county view ${county.length} parks are rendered: missing ${allIds.filter((i) => !county.includes(i))}`);
  const sourceParks = await page.evaluate(() => window.parkmap.map.querySourceFeatures('parkmap', { sourceLayer: 'parks_label' }).length);
  ok(sourceParks > 0, 'querySourceFeatures finds no park in the archive\'s tiles');
  ok(ranges.length >= 2 && ranges.every((r) => /^bytes=\d+-\d+$/.test(r)), `archive requests and their Range: ${ranges.join(', ')}`);
  ok(parkTileRequests(w, BASE).length === 0, `parkmap was asked for tiles: ${parkTileRequests(w, BASE).join(' | ')}`);
  pass('the county is drawn from the archive', `all 20 parks rendered, ${ranges.length} Range requests to ${ARCHIVE}, 0 tile requests to parkmap`);

  // 2. It says it is a snapshot, of when and of which data, on the map and in the attribution.
  const snap = await page.$eval('#archive-snapshot', (el) => el.textContent);
  ok(snap.includes('静态瓦片快照') && snap.includes('导出于') && /\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/.test(snap), `snapshot note: ${snap}`);
  ok(snap.includes(version), `the snapshot note does not name the dataset version ${version}: ${snap}`);
  const attrib = await page.$eval('.maplibregl-ctrl-attrib', (el) => el.textContent);
  ok(attrib.includes('静态瓦片快照') && attrib.includes('示意'), `attribution: ${attrib}`);
  pass('the map says it is a static snapshot', snap);

  // 3. Past the archive's maxzoom MapLibre overzooms its z14 tiles: a park's shape, still no tile from parkmap.
  const wanyang = all.find((f) => f.properties.id === 'wanyang');
  const dot = await page.evaluate(() => window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] })
    .find((f) => f.properties.id === 'wanyang').geometry.coordinates);
  await page.evaluate((c) => window.parkmap.map.jumpTo({ center: c, zoom: 16 }), dot);
  await idle(page);
  const shapes = await page.evaluate(() => window.parkmap.map.queryRenderedFeatures({ layers: ['parks-fill'] }).map((f) => f.properties.id));
  ok(shapes.includes('wanyang'), `at z16 the parks drawn are ${shapes}`);
  const drawn = await page.evaluate(() => {
    const tm = window.parkmap.map.style.tileManagers.parkmap;
    const ids = tm.getRenderableIds().map((id) => tm.getTileByID(id).tileID);
    return { z: Math.max(...ids.map((i) => i.canonical.z)), overscaled: Math.max(...ids.map((i) => i.overscaledZ)) };
  });
  ok(drawn.z === 14 && drawn.overscaled === 16, `at z16 the tiles drawn are z${drawn.z} (as z${drawn.overscaled}), want the archive's z14 overzoomed to z16`);
  pass('past z14 the archive\'s tiles are overzoomed', 'wanyang\'s shape at z16 from a z14 tile');

  // 4. What is not tiles still comes from parkmap: a click opens the park's card.
  const pt = await screenPoint(page, dot);
  await page.mouse.click(pt.x, pt.y);
  await page.waitForSelector('#card:not([hidden])');
  const title = await page.$eval('#card-title', (el) => el.textContent);
  ok(title.includes(wanyang.properties.name), `card title ${title}`);
  ok(parkTileRequests(w, BASE).length === 0, `parkmap was asked for tiles: ${parkTileRequests(w, BASE).join(' | ')}`);
  ok(w.aborted.length === 0, `archive requests failed: ${w.aborted.join(' | ')}`);
  await page.screenshot({ path: path.join(ART, 'pmtiles-archive.png') });
  await w.check('archive page');
  pass('the card comes from parkmap, with no CSP violation, error or failed request', title);
  await context.close();

  // 5. An archive that is not there: the page says so in Chinese, naming it and the 404, no blank map.
  for (const [base, name, reason] of [[MISSING, '404', /404/], [NORANGE, 'no Range', /Byte Serving/]]) {
    const bad = await open(browser, base);
    await bad.page.waitForSelector('#banner:not([hidden])');
    const banner = await bad.page.$eval('#banner', (el) => el.textContent);
    ok(banner.includes('静态瓦片包无法读取') && banner.includes(ARCHIVE) && reason.test(banner), `${name}: banner ${banner}`);
    ok(await bad.page.evaluate(() => !window.parkmap.map), `${name}: a map was built over an archive that cannot be read`);
    const csp = await bad.page.evaluate(() => window.__csp);
    ok(csp.length === 0, `${name}: CSP violations: ${csp.join(' | ')}`);
    ok(bad.w.pageErrors.length === 0, `${name}: page errors: ${bad.w.pageErrors.join(' | ')}`);
    ok(parkTileRequests(bad.w, base).length === 0, `${name}: parkmap was asked for tiles instead`);
    await bad.page.screenshot({ path: path.join(ART, `pmtiles-${name.replace(' ', '-')}.png`) });
    pass(`an archive that cannot be read (${name}) is said on the page`, banner);
    await bad.context.close();
  }
  current = null;
  console.log(`pmtiles: ${passedCount()} checks passed`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
