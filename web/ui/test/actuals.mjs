// Actual yearly figures in the web map (issue 12) in a real headless Chromium, against a server whose
// users the Go test created: a planner logs in, corrects a park's status on its card (the facts form),
// enters a figure in the 录入 form (the page's own check and the service's field error shown beside the
// input, in Chinese; an emptied figure cleared), opens 批量导入, downloads the template for 2023–2024
// from the page (saved where the Go test watches, PARKMAP_DOWNLOAD), waits for the Go test to fill it
// with excelize (PARKMAP_FILLED, and PARKMAP_BAD with flagged cells), uploads the bad file and sees its
// errors in red with apply disabled, uploads the good one and sees the preview cell by cell with its
// counts, applies, and the card shows the figures with their sources; a viewer sees the figures but no
// 录入 and no 批量导入. Run by web/actuals_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_PLANNER='{…}' PARKMAP_VIEWER='{…}' PARKMAP_DOWNLOAD=… PARKMAP_FILLED=… PARKMAP_BAD=… PARKMAP_FILL='{…}' node web/ui/test/actuals.mjs
// No wall-clock limits: every wait is for a condition.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ART, withBrowser, ok, pass, openPage, passedCount, setBase, logIn, hidden, refused } from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const PLANNER = JSON.parse(process.env.PARKMAP_PLANNER || 'null');
const VIEWER = JSON.parse(process.env.PARKMAP_VIEWER || 'null');
const DOWNLOAD = process.env.PARKMAP_DOWNLOAD || '';
const FILLED = process.env.PARKMAP_FILLED || '';
const BAD = process.env.PARKMAP_BAD || '';
// What the Go test writes into the template: {parks: [id…], years: [y…], cells: {park/year/measure: value},
// sources: {year: source}, bad: [{park, year, measure, raw}]} (the bad file is the good one with those cells spoiled).
const FILL = JSON.parse(process.env.PARKMAP_FILL || 'null');
const SMALL = { width: 1366, height: 768 };

let current = null;
const shot = (page, name) => page.screenshot({ path: path.join(ART, name) });
// untilFile waits for the Go test to write a file (it renames it into place when it is complete).
async function untilFile(p) {
  while (!existsSync(p)) await sleep(50);
}

// openCard selects a park and waits for its 实际数据 section to have read its figures.
async function openCard(page, id) {
  await page.evaluate((x) => window.parkmap.selectPark(x), id);
  await page.waitForFunction((x) => {
    const s = document.querySelector('#card:not([hidden]) #actuals');
    return s && s.dataset.park === x && s.dataset.loaded;
  }, id);
}

// cardFigures reads the card's table as a person sees it: {measure/year: text}, and the footnotes.
const cardFigures = (page) => page.evaluate(() => {
  const cells = {};
  const years = [...document.querySelectorAll('#actuals-table thead th')].map((th) => th.textContent);
  for (const tr of document.querySelectorAll('#actuals-table tbody tr')) {
    [...tr.querySelectorAll('td')].forEach((td, i) => {
      cells[`${tr.dataset.measure}/${years[i]}`] = { text: td.textContent, title: td.title, none: td.classList.contains('none') };
    });
  }
  const notes = [...document.querySelectorAll('#actuals-sources li')].map((li) => li.textContent);
  return { years, cells, notes };
});

async function run(browser) {
  const [park, park2] = FILL.parks;
  const a = await openPage(browser, `${BASE}/?park=${park}`, SMALL);
  current = a.page;
  const { page, w } = a;

  // 0. A visitor: the section, no tools.
  await openCard(page, park);
  ok(await hidden(page, '#actuals-enter') && await hidden(page, '#actuals-bulk'), 'a visitor sees 录入 or 批量导入');
  ok((await page.textContent('#actuals h3')) === '实际数据', 'the section is not headed 实际数据');
  pass('a visitor sees 实际数据 without 录入 or 批量导入');

  // 1. The planner corrects the park's status in the card (the facts form).
  await logIn(page, PLANNER);
  await page.waitForSelector('#facts-edit:not([hidden])');
  await page.click('#facts-edit');
  await page.waitForSelector('#facts-dialog[open]');
  await page.selectOption('#facts-status', '已认定');
  const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/parks/${park}/facts`));
  await page.click('#facts-save');
  ok((await patched).status() === 200, 'the status correction was refused');
  await page.waitForFunction(() => document.querySelector('#card [data-field="status"]')?.textContent === '已认定');
  pass('the planner corrects the park\'s status on its card', '已认定');

  // 2. The 录入 form: a fraction of firms is refused by the page, a negative by the service (bypassing
  // the page's check), each beside its input in Chinese; a figure saved, then cleared.
  await page.waitForSelector('#actuals-enter:not([hidden])');
  await page.waitForSelector('#actuals-bulk:not([hidden])');
  await page.click('#actuals-enter');
  await page.waitForSelector('#actuals-dialog[open]');
  const years = await page.$$eval('#actuals-year option', (os) => os.map((o) => Number(o.value)));
  const me = await page.evaluate(async (x) => (await fetch(`/api/actuals?park=${x}`)).json(), park);
  ok(years.at(-1) === 2018 && years[0] === me.last_year && years.length === me.last_year - 2017, `the year choices: ${years[0]}…${years.at(-1)}`);
  const labels = await page.$$eval('#actuals-form label', (ls) => ls.map((l) => l.textContent));
  ok(labels.includes('供地') && labels.includes('入驻企业') && labels.includes('来源'), `the form's labels: ${labels}`);
  const unit = await page.textContent('#actuals-form [data-field="land_supplied_mu"] .actuals-unit');
  ok(unit === '亩', `the unit beside 供地: ${unit}`);
  await page.selectOption('#actuals-year', '2023');
  let puts = 0;
  page.on('request', (r) => { if (r.method() === 'PUT') puts++; });
  await page.fill('#actuals-firms', '4.5');
  await page.fill('#actuals-output_yi', '3');
  await page.fill('#actuals-source', '');
  await page.click('#actuals-save');
  await page.waitForSelector('#actuals-firms-error:not([hidden])');
  ok((await page.textContent('#actuals-firms-error')) === '请输入整数', 'the page\'s message of a fraction of firms');
  ok((await page.textContent('#actuals-source-error')) === '请填写来源', 'the page\'s message of a missing source');
  ok(await page.getAttribute('#actuals-firms', 'aria-invalid') === 'true' && puts === 0, 'a bad figure was sent or not marked');
  await shot(page, 'actuals-form-error.png');
  await page.fill('#actuals-tax_wan', '-1');
  await refused(page, w, 400, `/api/parks/${park}/actuals/2023`, () => page.evaluate(() => window.parkmap.actuals.form.send({ source: '测试', figures: { tax_wan: -1 } })));
  await page.waitForSelector('#actuals-tax_wan-error:not([hidden])');
  const serverMsg = await page.textContent('#actuals-tax_wan-error');
  ok(/[\u4e00-\u9fff]/.test(serverMsg), `the service's error beside 税收 is not in Chinese: ${serverMsg}`);
  await shot(page, 'actuals-form-server-error.png');
  pass('the 录入 form shows the page\'s and the service\'s errors beside the inputs, in Chinese', serverMsg);
  await page.fill('#actuals-firms', '');
  await page.fill('#actuals-output_yi', '');
  await page.fill('#actuals-tax_wan', '');
  await page.fill('#actuals-investment_yi', '0.75');
  await page.fill('#actuals-source', '园区台账（测试）');
  const put = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.click('#actuals-save');
  const putRes = await put;
  ok(putRes.status() === 200, `the PUT: ${putRes.status()}`);
  ok(JSON.stringify(JSON.parse(putRes.request().postData())) === JSON.stringify({ source: '园区台账（测试）', figures: { investment_yi: 0.75 } }), `the PUT body: ${putRes.request().postData()}`);
  await page.waitForSelector('#actuals-dialog:not([open])', { state: 'attached' });
  await page.waitForSelector('#actuals-table td[data-year="2023"][data-value="0.75"]');
  let fig = await cardFigures(page);
  ok(fig.cells['investment_yi/2023'].title.includes('园区台账（测试）') && fig.notes.some((n) => n.includes('园区台账（测试）')), `the saved figure's source: ${JSON.stringify(fig.cells['investment_yi/2023'])}`);
  ok(fig.cells['output_yi/2023'].text === '无数据', `a missing figure reads ${fig.cells['output_yi/2023'].text}`);
  // Clearing it: empty the input, the PUT sends null, the card says 无数据 again (no 2023 column left).
  await page.click('#actuals-enter');
  await page.waitForSelector('#actuals-dialog[open]');
  await page.selectOption('#actuals-year', '2023');
  ok(await page.inputValue('#actuals-investment_yi') === '0.75', 'the form does not show the saved figure');
  await page.fill('#actuals-investment_yi', '');
  const clear = page.waitForResponse((r) => r.request().method() === 'PUT');
  await page.click('#actuals-save');
  const clearRes = await clear;
  ok(clearRes.status() === 200 && JSON.parse(clearRes.request().postData()).figures.investment_yi === null, `the clear: ${clearRes.request().postData()}`);
  await page.waitForSelector('#actuals-none');
  pass('a figure entered in the form is shown with its source, and emptying it clears it (null)');

  // 3. 批量导入: the template for 2023–2024, downloaded from the page.
  await page.click('#actuals-bulk');
  await page.waitForSelector('#actuals-imp-dialog[open]');
  await page.selectOption('#actuals-imp-from', '2023');
  await page.selectOption('#actuals-imp-to', '2024');
  ok(await page.isDisabled('#actuals-imp-apply'), '应用 is enabled before any upload');
  const dl = page.waitForEvent('download');
  await page.click('#actuals-imp-download');
  const download = await dl;
  ok(download.suggestedFilename() === '平阳县小微园实际数据_2023-2024.xlsx', `the template's name: ${download.suggestedFilename()}`);
  await download.saveAs(`${DOWNLOAD}.part`);
  const { rename } = await import('node:fs/promises');
  await rename(`${DOWNLOAD}.part`, DOWNLOAD);
  await page.waitForSelector('#actuals-imp-status:not([hidden])');
  await shot(page, 'actuals-import-dialog.png');
  pass('the planner downloads the template for 2023–2024 from the page', download.suggestedFilename());

  // 4. The Go test fills it. The bad file first: its flagged cells in red, 应用 disabled.
  await untilFile(BAD);
  await untilFile(FILLED);
  await page.setInputFiles('#actuals-imp-file', BAD);
  const prevBad = page.waitForResponse((r) => r.url().includes('/api/actuals/import?filename=') && r.request().method() === 'POST');
  await page.click('#actuals-imp-upload');
  ok((await prevBad).status() === 200, 'the preview of the bad file');
  await page.waitForSelector('#actuals-imp-summary:not([hidden])');
  // The service's answer as the page holds it (a big preview's body is not kept by the browser's inspector).
  const badAnswer = await page.evaluate(() => window.parkmap.actuals.importDialog.preview);
  const badSummary = await page.$eval('#actuals-imp-summary', (el) => ({ ...el.dataset, text: el.textContent }));
  ok(Number(badSummary.errors) >= FILL.bad.length && badSummary.text.includes('错误'), `the bad file's summary: ${JSON.stringify(badSummary)}`);
  for (const b of FILL.bad) {
    const sel = `#actuals-imp-preview tr[data-park="${b.park}"][data-year="${b.year}"][data-measure="${b.measure}"]`;
    const info = await page.$eval(sel, (e) => ({ status: e.dataset.status, cell: e.dataset.cell, text: e.textContent, color: getComputedStyle(e.querySelector('td')).color }))
      .catch(() => null);
    ok(info && info.status === 'error' && /[\u4e00-\u9fff]{2,}/.test(info.text.split('错误')[1] || '') && info.color === 'rgb(207, 19, 34)',
      `the bad cell ${JSON.stringify(b)}: ${JSON.stringify(info)}`);
    b.cell = info.cell;
  }
  ok(await page.isDisabled('#actuals-imp-apply'), '应用 is enabled with errors');
  ok(badAnswer.applied === false, 'a preview applied something');
  await page.$eval('#actuals-imp-scroll', (el) => el.querySelector('tr.st-error')?.scrollIntoView({ block: 'center' }));
  await shot(page, 'actuals-import-errors.png');
  pass('a file with bad cells is previewed with its errors in red and cannot be applied', FILL.bad.map((b) => b.cell).join(' '));

  // 5. The good file: the preview cell by cell, its counts, then 应用.
  await page.setInputFiles('#actuals-imp-file', FILLED);
  const prev = page.waitForResponse((r) => r.url().includes('/api/actuals/import?filename=') && r.request().method() === 'POST');
  await page.click('#actuals-imp-upload');
  ok((await prev).status() === 200, 'the preview of the filled file');
  await page.waitForFunction(() => document.querySelector('#actuals-imp-summary')?.dataset.errors === '0');
  const answer = await page.evaluate(() => window.parkmap.actuals.importDialog.preview);
  const want = Object.keys(FILL.cells).length;
  const rows = await page.$$eval('#actuals-imp-preview tbody tr', (trs) => trs.map((tr) => ({ ...tr.dataset, text: tr.textContent })));
  const fresh = rows.filter((r) => r.status === 'new' || r.status === 'changed');
  ok(fresh.length === want, `the preview shows ${fresh.length} new or changed cells, the Go test filled ${want}`);
  for (const r of fresh) {
    const v = FILL.cells[`${r.park}/${r.year}/${r.measure}`];
    ok(v != null && r.text.includes('无数据 →'), `a preview row: ${JSON.stringify(r)}`);
  }
  const summary = await page.$eval('#actuals-imp-summary', (el) => ({ ...el.dataset, text: el.textContent }));
  ok(Number(summary.changed) === answer.summary.changed && summary.text.includes(`修改 ${answer.summary.changed} 项`), `the summary: ${JSON.stringify(summary)}`);
  ok(!(await page.isDisabled('#actuals-imp-apply')), '应用 is disabled for a clean preview');
  await shot(page, 'actuals-import-preview.png');
  pass('the filled template is previewed cell by cell, with its counts', summary.text);
  const applied = page.waitForResponse((r) => r.url().includes('/api/actuals/import?apply=true'));
  await page.click('#actuals-imp-apply');
  ok((await applied).status() === 200, 'the apply');
  await page.waitForFunction(() => document.querySelector('#actuals-imp-summary')?.dataset.applied === 'true');
  await page.waitForFunction((n) => document.querySelectorAll('#actuals-table tbody td:not(.none)').length === n,
    Object.keys(FILL.cells).filter((k) => k.startsWith(`${park}/`)).length);
  ok(await page.isDisabled('#actuals-imp-apply'), '应用 can be pressed twice');
  await shot(page, 'actuals-import-applied.png');
  await page.click('#actuals-imp-close');

  // 6. The card shows the figures with their sources.
  const checkCard = async (p, id) => {
    const f = await cardFigures(p);
    ok(f.years.join() === FILL.years.join(), `${id}: the card's years ${f.years}`);
    for (const [k, v] of Object.entries(FILL.cells)) {
      const [pk, y, m] = k.split('/');
      if (pk !== id) continue;
      const c = f.cells[`${m}/${y}`];
      ok(c && !c.none, `${k}: ${JSON.stringify(c)}`);
      ok(c.text.startsWith(Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 4 })), `${k}: shows ${c.text}, filled ${v}`);
      ok(c.title.includes(FILL.sources[y]), `${k}: the source on hover is ${c.title}`);
    }
    ok(f.cells[`floor_started_wan_m2/${FILL.years[0]}`].text === '无数据', `${id}: an unfilled figure reads ${f.cells[`floor_started_wan_m2/${FILL.years[0]}`].text}`);
    for (const y of FILL.years) ok(f.notes.some((n) => n.includes(FILL.sources[y])), `${id}: no footnote of ${FILL.sources[y]}: ${f.notes}`);
    return f;
  };
  await checkCard(page, park);
  await page.$eval('#actuals', (el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'actuals-card-planner.png');
  await openCard(page, park2);
  await checkCard(page, park2);
  pass('after 应用 the card shows the figures of both parks with their sources', `${park}, ${park2}`);
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#actuals h3')?.textContent === 'Actual figures');
  await page.$eval('#actuals', (el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'actuals-card-en.png');
  await page.click('#lang');
  await a.w.check('actuals (planner)');
  await a.context.close();

  // 7. A viewer sees the figures but no 录入 and no 批量导入.
  const b = await openPage(browser, `${BASE}/?park=${park}`, SMALL);
  current = b.page;
  await logIn(b.page, VIEWER);
  await openCard(b.page, park);
  await b.page.waitForSelector('#actuals-table');
  await checkCard(b.page, park);
  ok(await hidden(b.page, '#actuals-enter') && await hidden(b.page, '#actuals-bulk'), 'a viewer sees 录入 or 批量导入');
  await b.page.$eval('#actuals', (el) => el.scrollIntoView({ block: 'start' }));
  await shot(b.page, 'actuals-card-viewer.png');
  pass('a viewer sees the figures and their sources, but no 录入 and no 批量导入');

  // 8. The briefing now shows plan against actual: the timeline runs on to the last year with
  // figures, the chart draws the actual beside the plan, and the targets table gives the actual (from
  // the two parks that reported), the completion rate against the 2022 target, and no verdict on 2022
  // (no 2022 figure was entered).
  await b.page.evaluate(() => window.parkmap.briefingReady);
  const last = FILL.years[FILL.years.length - 1];
  const sum = (measure, pred) => Object.entries(FILL.cells).filter(([k]) => k.split('/')[2] === measure && pred(Number(k.split('/')[1])))
    .reduce((s, [, v]) => s + v, 0);
  const zh = (x, d) => Number(x).toLocaleString('zh-CN', { maximumFractionDigits: d });
  ok(await b.page.$eval('#brf-year', (el) => Number(el.max)) === last, 'the timeline does not run on to the last year with figures');
  await b.page.evaluate((y) => window.parkmap.briefing.setYear(y), last);
  await b.page.click('#brf-charts-toggle');
  await b.page.waitForFunction(() => window.parkmap.briefing.chartOption()?.series?.some((x) => x.id === 'all-actual'));
  const chart = await b.page.evaluate(() => window.parkmap.briefing.chartOption().series.find((x) => x.id === 'all-actual').data);
  const yearly = FILL.years.map((y) => sum('land_supplied_mu', (yy) => yy === y));
  ok(chart.slice(0, 5).every((v) => v == null) && chart.slice(5).every((v, i) => Math.abs(v - yearly[i]) < 1e-6),
    `the chart's actual land supply ${JSON.stringify(chart)}, filled ${yearly}`);
  await shot(b.page, 'actuals-briefing-chart.png');
  const table = await b.page.evaluate(async (y) => {
    await window.parkmap.briefing.preparePrint(y);
    const row = (id) => {
      const tr = document.querySelector(`#brf-print tr[data-id="${id}"]`);
      return { actual: tr.querySelector('.brf-actual').textContent, rate: tr.querySelector('.brf-rate').textContent, met: tr.querySelector('.brf-met').textContent };
    };
    return { land: row('land_supply_mu'), output: row('output'), firms: row('firms'), sales: row('sales_per_mu') };
  }, last);
  const land = sum('land_supplied_mu', (y) => y <= last);
  const output = sum('output_yi', (y) => y === last);
  const firms = sum('firms', (y) => y === last);
  const expected = {
    land: { actual: `${zh(land, 2)} 亩（2/20园区）`, rate: `${zh(land / 1500 * 100, 1)}%`, met: '无数据' },
    output: { actual: `${zh(output, 2)} 亿元（2/20园区）`, rate: `${zh(output / 120 * 100, 1)}%`, met: '无数据' },
    firms: { actual: `${zh(firms, 2)} 家（2/20园区）`, rate: `${zh(firms / 1000 * 100, 1)}%`, met: '无数据' },
    sales: { actual: '无数据', rate: '无数据', met: '无数据' },
  };
  ok(JSON.stringify(table) === JSON.stringify(expected), `the briefing's targets table ${JSON.stringify(table)}, want ${JSON.stringify(expected)}`);
  await b.page.evaluate(() => document.body.classList.add('brf-printing'));
  await b.page.emulateMedia({ media: 'print' });
  await shot(b.page, 'actuals-briefing-print.png');
  await b.page.emulateMedia({ media: 'screen' });
  await b.page.evaluate(() => document.body.classList.remove('brf-printing'));
  pass('the briefing shows plan against actual with completion rates', `${last}: 供地 ${table.land.actual} ${table.land.rate}; 产值 ${table.output.actual} ${table.output.rate}`);
  await b.w.check('actuals (viewer)');
  await b.context.close();
}

async function main() {
  ok(BASE && PLANNER && VIEWER && DOWNLOAD && FILLED && BAD && FILL, 'PARKMAP_URL, PARKMAP_PLANNER, PARKMAP_VIEWER, PARKMAP_DOWNLOAD, PARKMAP_FILLED, PARKMAP_BAD and PARKMAP_FILL must be set');
  setBase(BASE);
  await withBrowser('actuals', run, () => current);
  console.log(`1..${passedCount()}`);
}

main().catch((err) => {
  console.error(`not ok - ${err.stack || err.message}`);
  process.exit(1);
});
