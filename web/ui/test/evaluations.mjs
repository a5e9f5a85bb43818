// Park evaluations in the web map (issue 12) in a real headless Chromium: a visitor switches the map to
// 按评价 and queryRenderedFeatures finds 万洋众创城 drawn in the A colour and a park without a grade in the
// no-data grey, the legend saying 2025年共评价11个园区，本系统有其中4个的档次; the card of 万洋众创城 shows
// the 2025 grade with its source notice, a park without a grade reads 无数据; a planner is refused an
// empty source (the field's own message) and then sets a 2026 grade, which the card shows and the map
// draws in the new colour, then removes it. Run by web/evaluations_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_PLANNER='{"Username":…}' node web/ui/test/evaluations.mjs
import path from 'node:path';
import { ART, withBrowser, ok, pass, openPage, passedCount, setBase, logIn, idle, screenPoint } from './browserlib.mjs';
import { GRADE_COLORS, NO_GRADE_COLOR } from '../style.js';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const PLANNER = JSON.parse(process.env.PARKMAP_PLANNER || 'null');
const UNGRADED = 'jinrong-dianzi'; // 平阳金融电子小微园: not named by the 2025 notice

let current = null;

// drawnColor is the colour MapLibre drew a park's dot in, from queryRenderedFeatures (the feature's
// layer carries its paint evaluated for that feature), as #rrggbb.
const drawnColor = (page, id) => page.evaluate((parkId) => {
  const f = window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] }).find((x) => x.properties.id === parkId);
  if (!f) return null;
  const c = f.layer.paint['circle-color'];
  const x = (v) => Math.round((c.a ? v / c.a : v) * 255).toString(16).padStart(2, '0');
  return `#${x(c.r)}${x(c.g)}${x(c.b)}`;
}, id);

// pixelAt is the colour of the screenshot's pixel at a park's dot centre: what a person sees there.
async function pixelAt(page, id) {
  const ll = await page.evaluate((parkId) => window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] })
    .find((x) => x.properties.id === parkId)?.geometry.coordinates, id);
  const pt = await screenPoint(page, ll);
  const png = await page.screenshot({ clip: { x: Math.round(pt.x), y: Math.round(pt.y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 1;
    c.height = 1;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return `#${[d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }, png.toString('base64'));
}

const close = (a, b) => a && b && [1, 3, 5].every((i) => Math.abs(parseInt(a.slice(i, i + 2), 16) - parseInt(b.slice(i, i + 2), 16)) <= 8);

async function openCard(page, id) {
  const ll = await page.evaluate((parkId) => window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] })
    .find((x) => x.properties.id === parkId)?.geometry.coordinates, id);
  if (ll) {
    const pt = await screenPoint(page, ll);
    await page.mouse.click(pt.x, pt.y);
  }
  // Dots that overlap at the county view may give the click to a neighbour; the list is the other way in.
  if (await page.evaluate((parkId) => window.parkmap.state.park !== parkId, id)) {
    await page.click(`#park-list tr[data-id="${id}"] button.row-link`);
  }
  await page.waitForFunction((parkId) => window.parkmap.state.park === parkId && document.querySelector(`#evals[data-park="${parkId}"][data-loaded]`), id);
}

async function run(browser) {
  const shot = (page, name) => page.screenshot({ path: path.join(ART, name) });
  const a = await openPage(browser, `${BASE}/`, { width: 1366, height: 768 });
  current = a.page;
  const page = a.page;

  // 1. 按评价: the layer list's third colour mode.
  await page.click('.layers-ctrl summary');
  await page.check('input[name="park-color"][value="grade"]');
  await page.waitForFunction(() => window.parkmap.state.color === 'grade');
  await idle(page);
  ok(new URL(page.url()).searchParams.get('color') === 'grade', `the URL keeps the mode: ${page.url()}`);
  const wanyang = await drawnColor(page, 'wanyang');
  const ungraded = await drawnColor(page, UNGRADED);
  ok(wanyang === GRADE_COLORS.A, `万洋众创城 is drawn in ${wanyang}, the A colour is ${GRADE_COLORS.A}`);
  ok(ungraded === NO_GRADE_COLOR, `${UNGRADED} is drawn in ${ungraded}, no data is ${NO_GRADE_COLOR}`);
  const grades = await page.evaluate(() => Object.fromEntries(window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] })
    .map((f) => [f.properties.id, f.properties.evaluation_grade ?? null])));
  ok(Object.keys(grades).length === 20 && Object.values(grades).filter(Boolean).length === 4, `grades on the map: ${JSON.stringify(grades)}`);
  const px = await pixelAt(page, UNGRADED);
  ok(close(px, NO_GRADE_COLOR), `the pixel at ${UNGRADED}'s dot is ${px}`);
  const legend = await page.textContent('.layer-group[data-group="parks"]');
  ok(['A 档', 'B 档', 'C 档', 'D 档', '无数据'].every((s) => legend.includes(s)), `legend: ${legend}`);
  const note = await page.textContent('#grade-note');
  ok(note.includes('2025年共评价11个园区，本系统有其中4个的档次'), `legend note: ${note}`);
  await shot(page, 'evaluations-map.png');
  pass('按评价 draws 万洋众创城 in the A colour and a park without a grade in the no-data grey, with an honest legend', `${wanyang} / ${ungraded}`);

  // 2. The card of 万洋众创城: the 2025 grade with its source notice and the round's count.
  await page.click('.layers-ctrl summary'); // fold the layer list away from the card
  await openCard(page, 'wanyang');
  const card = await page.evaluate(() => {
    const row = document.querySelector('#evals tr[data-year="2025"]');
    return {
      grade: row?.dataset.grade, source: row?.querySelector('.evals-source')?.textContent || '',
      name: row?.textContent || '', count: document.querySelector('#evals .evals-count')?.textContent || '',
      method: document.querySelector('#evals .evals-method')?.textContent || '',
      form: !!document.querySelector('#evals-form:not([hidden])'),
    };
  });
  ok(card.grade === 'A' && card.source.includes('平阳县小微企业园建设管理工作领导小组办公室') && card.source.includes('2025-08-05') &&
    card.name.includes('平阳万洋众创城'), `the card's 2025 row: ${JSON.stringify(card)}`);
  ok(card.count.includes('2025年共评价11个园区') && card.count.includes('本系统有其中4个的档次'), `the round: ${card.count}`);
  ok(card.method.includes('温小微园办〔2020〕2号') && card.method.includes('清廉建设'), `the method: ${card.method}`);
  ok(!card.form, 'a visitor is offered the grade form');
  await page.locator('#evals').scrollIntoViewIfNeeded();
  await shot(page, 'evaluations-card.png');
  pass('the card shows the 2025 grade with its source notice and the honest count', card.grade);

  // 3. A park the notice does not name: 无数据, never a guess.
  await openCard(page, UNGRADED);
  const none = await page.evaluate(() => {
    const row = document.querySelector('#evals tr[data-year="2025"]');
    return { grade: row?.dataset.grade, text: row?.textContent || '' };
  });
  ok(none.grade === '' && none.text.includes('无数据') && none.text.includes('不作推测'), `a park without a grade: ${JSON.stringify(none)}`);
  pass('a park without a grade reads 无数据');

  // 4. A planner: an empty source is refused with the field's message; then a 2026 grade is set.
  await logIn(page, PLANNER);
  await openCard(page, 'wanyang');
  await page.waitForSelector('#evals-form:not([hidden])');
  await page.fill('#evals-year', '2026');
  await page.selectOption('#evals-grade', 'B');
  await page.fill('#evals-source', '');
  // The refusal is expected: its answer and the browser's console report of it come off the watch's lists.
  const report = page.waitForEvent('console', { predicate: (m) => m.type() === 'error' && m.text().includes('status of 400') });
  const bad = page.waitForResponse((r) => r.url().endsWith('/api/parks/wanyang/evaluations/2026') && r.request().method() === 'PUT');
  await page.click('#evals-save');
  ok((await bad).status() === 400, 'an empty source is not a 400');
  await report;
  const drop = (list, pred) => list.splice(list.findIndex(pred), 1);
  drop(a.w.console, (t) => t.includes('status of 400'));
  drop(a.w.bad, (b) => b.startsWith('400 ') && b.includes('/api/parks/wanyang/evaluations/2026'));
  await page.waitForSelector('#evals-source-error:not([hidden])');
  const err = await page.textContent('#evals-source-error');
  ok(err.includes('来源不能为空'), `the source's message: ${err}`);
  await page.locator('#evals-form').scrollIntoViewIfNeeded();
  await shot(page, 'evaluations-form-error.png');
  await page.fill('#evals-source', '平阳县小微企业园建设管理工作领导小组办公室 2026 年绩效评价通知');
  const good = page.waitForResponse((r) => r.url().endsWith('/api/parks/wanyang/evaluations/2026') && r.request().method() === 'PUT');
  await page.click('#evals-save');
  ok((await good).status() === 200, 'the 2026 grade is not saved');
  await page.waitForSelector('#evals[data-loaded] tr[data-year="2026"][data-grade="B"]');
  const saved = await page.evaluate(() => ({
    status: document.querySelector('#evals-status')?.textContent || '',
    source: document.querySelector('#evals tr[data-year="2026"] .evals-source')?.textContent || '',
    years: [...document.querySelectorAll('#evals tbody tr')].map((r) => `${r.dataset.year}${r.dataset.grade}`),
  }));
  ok(saved.status.includes('已保存 2026 年') && saved.source.includes('2026 年绩效评价通知') && saved.years.join() === '2026B,2025A',
    `after the save: ${JSON.stringify(saved)}`);
  await page.waitForFunction((c) => {
    const f = window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] }).find((x) => x.properties.id === 'wanyang');
    return f?.properties.evaluation_grade === 'B' && f?.properties.evaluation_year === 2026 && c;
  }, GRADE_COLORS.B);
  await idle(page);
  const now = await drawnColor(page, 'wanyang');
  ok(now === GRADE_COLORS.B, `after the 2026 grade 万洋众创城 is drawn in ${now}, the B colour is ${GRADE_COLORS.B}`);
  await page.locator('#evals').scrollIntoViewIfNeeded();
  await shot(page, 'evaluations-planner.png');
  pass('a planner sets a 2026 grade: the card shows it and the map draws the new colour', now);

  // Removing it puts the map back on the 2025 grade.
  await page.click('#evals tr[data-year="2026"] .evals-remove');
  await page.waitForFunction(() => document.querySelector('#evals[data-loaded]') && !document.querySelector('#evals tr[data-year="2026"]') &&
    document.querySelector('#evals-status')?.textContent.includes('已删除 2026 年'));
  await page.waitForFunction(() => window.parkmap.map.queryRenderedFeatures({ layers: ['parks-circle'] })
    .find((x) => x.properties.id === 'wanyang')?.properties.evaluation_year === 2025);
  await idle(page);
  const back = await drawnColor(page, 'wanyang');
  ok(back === GRADE_COLORS.A, `after removing 2026 万洋众创城 is drawn in ${back}`);
  pass('a planner removes the 2026 grade: the map is back on the 2025 grade', back);

  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#evals[data-loaded] h3')?.textContent.startsWith('Evaluation'));
  await page.locator('#evals').scrollIntoViewIfNeeded();
  await shot(page, 'evaluations-card-en.png');
  await a.w.check('evaluations');
  await a.context.close();
}

async function main() {
  ok(BASE && PLANNER, 'PARKMAP_URL and PARKMAP_PLANNER must be set');
  setBase(BASE);
  await withBrowser('evaluations', run, () => current);
  console.log(`1..${passedCount()}`);
}

main().catch((err) => {
  console.error(`not ok - ${err.stack || err.message}`);
  process.exit(1);
});
