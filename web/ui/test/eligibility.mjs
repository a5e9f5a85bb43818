// The eligibility tool of the web map (issue 4) in a real headless Chromium: draw a ~45 亩 block, fill in
// the proposal, check it, and compare what the page shows with what POST /api/eligibility answers for
// the very request the page sent; change facts; select redevelopment area RD-012 on the map; upload a
// GeoJSON; open the printable report (rules version, a non-blank map image). Run by
// web/eligibility_browser_e2e_test.go:
//   PARKMAP_URL=http://127.0.0.1:PORT ARTIFACTS_DIR=artifacts/screenshots node web/ui/test/eligibility.mjs
import path from 'node:path';
import { ART, withBrowser, ok, pass, near, openPage, idle, screenPoint, passedCount, setBase } from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
// The 45 亩 square of the API tests.
const SQUARE = [[120.5, 27.64], [120.50152, 27.64], [120.50152, 27.6418], [120.5, 27.6418]];

async function post(body) {
  const res = await fetch(`${BASE}/api/eligibility`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  ok(res.ok, `POST /api/eligibility: ${res.status}`);
  return res.json();
}

async function main() {
  ok(BASE, 'PARKMAP_URL is not set');
  setBase(BASE);
  await withBrowser('eligibility', run, () => current);
}

// checkAndCompare presses Check, and compares the page's checklist with the API's answer to the request
// the page sent.
async function checkAndCompare(page, label) {
  const reqP = page.waitForRequest((r) => r.url().endsWith('/api/eligibility') && r.method() === 'POST');
  await page.click('#elig-check');
  const req = await reqP;
  const sent = req.postData();
  await page.waitForFunction(() => {
    const e = window.parkmap.eligibility.state;
    return !e.busy && e.result && document.querySelector('#elig-verdict');
  });
  const want = await post(sent);
  const shown = await page.evaluate(() => ({
    verdict: document.querySelector('#elig-verdict').dataset.verdict,
    text: document.querySelector('#elig-verdict').textContent,
    version: document.querySelector('#elig-version').dataset.version,
    rows: [...document.querySelectorAll('#elig-rule-table tbody tr')].map((tr) => ({
      id: tr.dataset.rule, result: tr.dataset.result, clause: tr.querySelector('.elig-clause').textContent,
      reason: tr.querySelector('td:last-child').textContent,
    })),
    missing: [...document.querySelectorAll('#elig-missing li')].map((li) => li.dataset.fact),
  }));
  ok(shown.verdict === want.verdict, `${label}: page shows ${shown.verdict}, the API answers ${want.verdict}`);
  ok(shown.version === want.rules_version, `${label}: rules version ${shown.version} vs ${want.rules_version}`);
  ok(shown.rows.length === want.rules.length, `${label}: ${shown.rows.length} rule rows, the API has ${want.rules.length}`);
  want.rules.forEach((r, i) => {
    const row = shown.rows[i];
    ok(row.id === r.id && row.result === r.result && row.clause === r.clause,
      `${label}: rule ${r.id}: page ${JSON.stringify(row)} vs API ${r.result} ${r.clause}`);
    ok(row.reason === r.reason_zh, `${label}: rule ${r.id}: reason "${row.reason}" vs "${r.reason_zh}"`);
  });
  ok(JSON.stringify(shown.missing) === JSON.stringify(want.missing_facts || []), `${label}: missing ${shown.missing} vs ${want.missing_facts}`);
  return { sent: JSON.parse(sent), want, shown };
}

let current = null;
const rowOf = (res, id) => res.rules.find((r) => r.id === id);

async function run(browser) {
  const shots = [];
  const shot = async (page, name) => {
    const file = path.join(ART, name);
    await page.screenshot({ path: file });
    shots.push(file);
  };
  const { context, page, w } = await openPage(browser, `${BASE}/`, { width: 1366, height: 768 });
  current = page;

  // 1. Open the tool from its map control, by keyboard.
  await page.focus('.elig-toggle');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#elig-panel:not([hidden]) #elig-type');
  const types = await page.$$eval('#elig-type option', (os) => os.map((o) => o.value));
  ok(types.includes('low_efficiency_block') && types.includes('new_park'), `proposal types from the rules: ${types}`);
  pass('the eligibility panel opens from its control with the proposal types of GET /api/eligibility/rules', types.join(', '));

  // 2. Draw the 45 亩 square, zoomed in so that it is large on screen.
  await page.evaluate((sq) => window.parkmap.map.fitBounds([sq[0], sq[2]], { padding: { top: 90, bottom: 260, left: 600, right: 120 }, duration: 0 }), SQUARE);
  await idle(page);
  await page.click('#elig-draw-start');
  const pts = [];
  for (const ll of SQUARE) pts.push(await screenPoint(page, ll));
  // Every vertex must land on the map itself, not on a panel over it.
  const onCanvas = await page.evaluate((ps) => ps.map((p) => document.elementFromPoint(p.x, p.y)?.classList.contains('maplibregl-canvas')), pts);
  ok(onCanvas.every(Boolean), `vertices not on the map canvas: ${JSON.stringify(pts)} ${onCanvas}`);
  for (const p of pts.slice(0, 3)) await page.mouse.click(p.x, p.y);
  await page.mouse.dblclick(pts[3].x, pts[3].y);
  await page.waitForFunction(() => window.parkmap.eligibility.state.target?.kind === 'drawn');
  const drawnMu = await page.evaluate(() => window.parkmap.eligibility.state.target.mu);
  ok(near(drawnMu, 45, 0.6), `the drawn square is ${drawnMu} 亩, not about 45`);
  const zoomAfter = await page.evaluate(() => window.parkmap.map.getZoom());
  pass('a polygon is drawn by clicking its vertices and double-clicking', `${drawnMu.toFixed(2)} 亩 at z${zoomAfter.toFixed(2)}`);

  // 3. Fill in the proposal: a low-efficiency block at plot ratio 2.2.
  await page.selectOption('#elig-type', 'low_efficiency_block');
  await page.fill('#elig-fact-plot_ratio', '2.2');
  let r = await checkAndCompare(page, 'drawn block, plot ratio 2.2');
  ok(r.sent.proposal.type === 'low_efficiency_block' && r.sent.proposal.plot_ratio === 2.2, `sent ${JSON.stringify(r.sent.proposal)}`);
  ok(r.want.verdict === 'needs_information', `the block with nothing else known: ${r.want.verdict}`);
  const rowClause = (id) => r.shown.rows.find((x) => x.id === id)?.clause;
  ok(rowClause('block_site_area') === '专栏3' && rowClause('park_plot_ratio') === '§四(一)2', 'clauses 专栏3 / §四(一)2 not shown');
  ok(rowOf(r.want, 'block_site_area').result === 'pass' && rowOf(r.want, 'park_plot_ratio').result === 'pass', 'area and plot ratio do not pass');
  ok(r.shown.missing.includes('jointly_confirmed') && r.shown.missing.includes('county_approved'), `missing facts: ${r.shown.missing}`);
  const drawnOverlay = await page.evaluate(() => window.parkmap.map.querySourceFeatures('elig-result').filter((f) => f.properties.role === 'checked').length);
  ok(drawnOverlay > 0, 'the checked polygon is not drawn on the map');
  pass('the checklist shows the API\'s verdict for the drawn block, each rule with its clause', `${r.want.verdict}; missing ${r.shown.missing.length}`);
  await shot(page, 'eligibility-drawn.png');

  // 4. Not jointly confirmed → not eligible; confirmed and approved → the remaining facts decide.
  await page.selectOption('#elig-fact-jointly_confirmed', 'false');
  r = await checkAndCompare(page, 'not jointly confirmed');
  ok(r.want.verdict === 'not_eligible' && rowOf(r.want, 'block_joint_confirmation').result === 'fail', `not confirmed: ${r.want.verdict}`);
  await page.selectOption('#elig-fact-jointly_confirmed', 'true');
  await page.selectOption('#elig-fact-county_approved', 'true');
  // Shares are typed in per cent, as people write them; the API gets the fraction.
  ok(/（%）$/.test(await page.textContent('label[for="elig-fact-leading_industry_share"]')), 'the share field gives no unit (%)');
  const fills = { leading_industry_share: '75', land_premium_ratio: '50', sale_price_production: '2500', sale_price_other: '2800',
    max_unit_price_ratio: '1.3', smallest_unit_m2: '500', rent_per_m2_month: '20' };
  for (const [k, v] of Object.entries(fills)) await page.fill(`#elig-fact-${k}`, v);
  r = await checkAndCompare(page, 'every fact given');
  ok(r.want.verdict === 'eligible', `with every fact given the API answers ${r.want.verdict}`);
  ok(r.sent.proposal.leading_industry_share === 0.75 && r.sent.proposal.land_premium_ratio === 0.5,
    `75 % and 50 % sent as ${r.sent.proposal.leading_industry_share} and ${r.sent.proposal.land_premium_ratio}`);
  pass('changing jointly_confirmed / county_approved and the other facts changes the verdict as the API says', 'not_eligible → eligible');
  await shot(page, 'eligibility-eligible.png');

  // 5. Select redevelopment area RD-012 on the map.
  const rd = await post(JSON.stringify({ parcel_id: 'RD-012' }));
  await page.click('button[data-mode="select"]');
  await page.evaluate((b) => window.parkmap.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 150, bottom: 150, left: 600, right: 150 }, duration: 0 }), rd.facts.bbox);
  await idle(page);
  const p = await screenPoint(page, rd.facts.point);
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction(() => window.parkmap.eligibility.state.target?.parcel_id === 'RD-012');
  r = await checkAndCompare(page, 'RD-012');
  ok(r.sent.parcel_id === 'RD-012', `sent ${JSON.stringify(r.sent)}`);
  ok(r.want.verdict === 'not_eligible' && rowOf(r.want, 'block_site_area').result === 'fail', `RD-012: ${r.want.verdict}`);
  ok(r.shown.rows.find((x) => x.id === 'block_site_area').result === 'fail', 'RD-012: block_site_area is not shown failing');
  pass('RD-012 (29.9 亩) selected on the map is not eligible, block_site_area failing', rowOf(r.want, 'block_site_area').reason_zh);
  await shot(page, 'eligibility-rd012.png');

  // 5b. A land-supply parcel clicked on the map, and one typed by its id (the keyboard's way).
  const gd = await post(JSON.stringify({ parcel_id: 'GD2018-001' }));
  await page.evaluate((b) => window.parkmap.map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 150, bottom: 150, left: 600, right: 150 }, duration: 0 }), gd.facts.bbox);
  await idle(page);
  const gp = await screenPoint(page, gd.facts.point);
  await page.mouse.click(gp.x, gp.y);
  await page.waitForFunction(() => window.parkmap.eligibility.state.target?.parcel_id === 'GD2018-001');
  await page.fill('#elig-parcel-id', 'RD-012');
  await page.press('#elig-parcel-id', 'Enter');
  await page.waitForFunction(() => window.parkmap.eligibility.state.target?.parcel_id === 'RD-012');
  r = await checkAndCompare(page, 'RD-012 typed');
  ok(r.want.verdict === 'not_eligible' && r.sent.parcel_id === 'RD-012', `RD-012 typed: ${r.want.verdict}`);
  pass('a land-supply parcel is selected by a click, a redevelopment area by typing its id');

  // 6. The printable report.
  await page.click('#elig-report-open');
  await page.waitForSelector('#elig-report-img');
  const rep = await page.evaluate(async () => {
    const img = document.querySelector('#elig-report-img');
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0, sum = 0, sum2 = 0;
    for (let i = 0; i < d.length; i += 16) {
      const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      n++; sum += y; sum2 += y * y;
    }
    const mean = sum / n;
    return {
      w: c.width, h: c.height, variance: sum2 / n - mean * mean,
      text: document.querySelector('#elig-report').textContent,
      rows: document.querySelectorAll('#elig-report-rules tbody tr').length,
    };
  });
  ok(rep.text.includes(r.want.rules_version), 'the report does not name the rules version');
  ok(rep.text.includes('专栏3') && rep.text.includes('§四(一)2'), 'the report lacks the clauses');
  ok(/检查时间：\d{4}/.test(rep.text), 'the report lacks the date and time');
  ok(rep.rows === r.want.rules.length, `report rule rows ${rep.rows}`);
  ok(rep.w > 100 && rep.h > 100 && rep.variance > 50, `the report's map image is blank: ${rep.w}×${rep.h}, variance ${rep.variance}`);
  pass('the printable report has the rules version, date and time, clauses and a non-blank map image', `${rep.w}×${rep.h}, variance ${rep.variance.toFixed(0)}`);
  await shot(page, 'eligibility-report.png');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => ({
    app: getComputedStyle(document.getElementById('app')).display,
    report: getComputedStyle(document.getElementById('elig-report')).display,
  }));
  ok(printed.app === 'none' && printed.report !== 'none', `print media: app ${printed.app}, report ${printed.report}`);
  await page.pdf({ path: path.join(ART, 'eligibility-report.pdf'), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  pass('in print only the report is shown (A4 PDF saved)');
  await page.keyboard.press('Escape');
  ok(!(await page.$('#elig-report')), 'Escape does not close the report');

  // 7. Upload a GeoJSON of the square (a FeatureCollection) and check it.
  await page.click('button[data-mode="file"]');
  const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] } }] };
  await page.setInputFiles('#elig-file', { name: 'block.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(fc)) });
  await page.waitForFunction(() => window.parkmap.eligibility.state.target?.kind === 'file');
  r = await checkAndCompare(page, 'uploaded square');
  ok(r.sent.crs === 'EPSG:4326' && near(r.want.facts.area_mu, 44.88, 0.01), `uploaded: crs ${r.sent.crs}, ${r.want.facts.area_mu} 亩`);
  pass('an uploaded GeoJSON FeatureCollection is checked', `${r.want.verdict}, ${r.want.facts.area_mu} 亩`);

  // 7b. A shape over a park: the park it overlaps is drawn highlighted on the map.
  const park = (await (await fetch(`${BASE}/collections/parks/items/wanyang`)).json());
  await page.setInputFiles('#elig-file', { name: 'park.geojson', mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'Feature', properties: {}, geometry: park.geometry })) });
  await page.waitForFunction(() => window.parkmap.eligibility.state.target?.name === 'park.geojson');
  r = await checkAndCompare(page, 'a park\'s own outline');
  ok(r.want.facts.overlap_parks.some((o) => o.id === 'wanyang'), `overlaps: ${JSON.stringify(r.want.facts.overlap_parks)}`);
  ok(r.want.verdict === 'not_eligible' && rowOf(r.want, 'no_overlap_other_park').result === 'fail', `over a park: ${r.want.verdict}`);
  await idle(page);
  const roles = await page.evaluate(() => window.parkmap.map.querySourceFeatures('elig-result').map((f) => `${f.properties.role}:${f.properties.id || ''}`));
  ok(roles.includes('parks:wanyang') && roles.some((x) => x.startsWith('checked')), `overlay features: ${roles}`);
  const rendered = await page.evaluate(() => window.parkmap.map.queryRenderedFeatures({ layers: ['elig-overlap-fill'] }).length);
  ok(rendered > 0, 'the overlapped park is not rendered');
  pass('the parks a shape overlaps are drawn on the map', r.want.facts.overlap_parks.map((o) => `${o.id} ${o.overlap_mu} 亩`).join(', '));
  await shot(page, 'eligibility-overlap.png');

  // 7c. One tool at a time (web/ui/modes.js): while drawing, a click on a park adds a vertex and opens
  // no card; starting the measuring tool ends the drawing, and starting to draw ends the measuring.
  const modeOf = () => page.evaluate(() => ({
    mode: window.parkmap.modes.current, drawing: window.parkmap.eligibility.draw.active,
    vertices: window.parkmap.eligibility.draw.points.length, measuring: window.parkmap.measure.active,
    card: !document.querySelector('#card').hidden,
  }));
  ok(!(await modeOf()).card, 'a card is open before the drawing checks');
  await page.evaluate(() => window.parkmap.map.jumpTo({ center: [120.6, 27.6], zoom: 11 }));
  await idle(page);
  // A point of the map where a click in browse would open a park's card: on the park, on the canvas.
  const onPark = await page.evaluate(() => {
    const m = window.parkmap.map;
    const layers = ['parks-fill', 'parks-circle'].filter((l) => m.getLayer(l));
    const r = m.getCanvas().getBoundingClientRect();
    for (const f of m.queryRenderedFeatures({ layers })) {
      const c = f.geometry.type === 'Point' ? f.geometry.coordinates : null;
      const pts = c ? [m.project(c)] : [];
      if (!c) {
        const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
        const xs = ring.map((p) => m.project(p));
        const [x0, x1] = [Math.min(...xs.map((p) => p.x)), Math.max(...xs.map((p) => p.x))];
        const [y0, y1] = [Math.min(...xs.map((p) => p.y)), Math.max(...xs.map((p) => p.y))];
        for (let i = 1; i < 6; i++) for (let j = 1; j < 6; j++) pts.push({ x: x0 + (x1 - x0) * i / 6, y: y0 + (y1 - y0) * j / 6 });
      }
      for (const p of pts) {
        const x = r.left + p.x, y = r.top + p.y;
        if (!document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas')) continue;
        const hit = m.queryRenderedFeatures([[p.x - 1, p.y - 1], [p.x + 1, p.y + 1]], { layers });
        if (hit.length && hit.every((h) => h.properties.id === f.properties.id)) return { x, y, id: f.properties.id };
      }
    }
    return null;
  });
  ok(onPark, 'no park on the map to click');
  await page.click('button[data-mode="draw"]');
  await page.click('#elig-draw-start');
  let m = await modeOf();
  ok(m.mode === 'draw' && m.drawing, `drawing did not start: ${JSON.stringify(m)}`);
  await page.mouse.click(onPark.x, onPark.y);
  await page.waitForTimeout(400);
  m = await modeOf();
  ok(!m.card, `a click on ${onPark.id} while drawing opened its card`);
  ok(m.vertices === 1 && m.mode === 'draw', `the click did not add a vertex: ${JSON.stringify(m)}`);
  pass('while drawing, a click on a park adds a vertex and does not open its card', onPark.id);

  await page.click('button.measure-toggle');
  m = await modeOf();
  ok(m.mode === 'measure' && m.measuring && !m.drawing && m.vertices === 0, `measure while drawing: ${JSON.stringify(m)}`);
  ok(await page.$('#elig-draw-start'), 'the panel still shows the drawing as on');
  await page.click('#elig-draw-start');
  m = await modeOf();
  ok(m.mode === 'draw' && m.drawing && !m.measuring, `draw while measuring: ${JSON.stringify(m)}`);
  ok(!(await page.$('.measure-panel')), 'the measuring panel is still open');
  await page.keyboard.press('Escape');
  m = await modeOf();
  ok(m.mode === 'browse' && !m.drawing && !m.measuring, `Escape did not return to browsing: ${JSON.stringify(m)}`);
  // The same click in browse does open the card: the point was on the park.
  await page.mouse.click(onPark.x, onPark.y);
  await page.waitForSelector('#card:not([hidden])');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#card', { state: 'hidden' });
  pass('measuring ends the drawing and drawing ends the measuring; Escape returns to browsing, where the click opens the card');

  // 8. English.
  await page.click('#lang');
  const en = await page.evaluate(() => ({
    verdict: document.querySelector('#elig-verdict').textContent,
    reason: document.querySelector('#elig-rule-table tbody tr td:last-child').textContent,
  }));
  ok(en.verdict === { eligible: 'Eligible', not_eligible: 'Not eligible', needs_information: 'Needs information' }[r.want.verdict], `English verdict ${en.verdict}`);
  ok(en.reason === r.want.rules[0].reason_en, `English reason ${en.reason} vs ${r.want.rules[0].reason_en}`);
  pass('the checklist follows the language switch', en.verdict);
  await shot(page, 'eligibility-en.png');

  await w.check('eligibility');
  pass('no console error, no CSP violation, no request leaving 127.0.0.1', `${w.requests.length} requests`);
  await context.close();
  console.log(`1..${passedCount()}`);
  console.log(`screenshots: ${shots.join(' ')}`);
}

main().catch((err) => {
  console.error(`not ok - ${err.stack || err.message}`);
  process.exit(1);
});
