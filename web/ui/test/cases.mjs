// Eligibility cases in the web map (issue 12) in a real headless Chromium: a visitor sees no 案例; a
// land-bureau user checks RD-012, saves it as a case with a note (保存为案例) and sees its number,
// finds it in the 案例 register by number and reopens it (the answer as saved, no "today" under the
// same rules); a viewer on a server whose rules have a new version reopens the same case and sees
// today's answer beside the saved one, and gets no 保存为案例 after a check of their own. Run by
// web/cases_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_LATER_URL=… PARKMAP_LAND='{"Username":…}' PARKMAP_VIEWER='…' node web/ui/test/cases.mjs
import path from 'node:path';
import { ART, withBrowser, ok, pass, openPage, passedCount, setBase, logIn, checkParcel, hidden } from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const LATER = (process.env.PARKMAP_LATER_URL || '').replace(/\/$/, '');
const LAND = JSON.parse(process.env.PARKMAP_LAND || 'null');
const VIEWER = JSON.parse(process.env.PARKMAP_VIEWER || 'null');
const NUMBER = /^平阳准入〔\d{4}〕\d{4}号$/;

let current = null;


async function run(browser) {
  const shot = (page, name) => page.screenshot({ path: path.join(ART, name) });

  // 1. A visitor: no 案例 in the panel.
  const a = await openPage(browser, `${BASE}/`, { width: 1366, height: 768 });
  current = a.page;
  const page = a.page;
  await page.click('.elig-toggle');
  await page.waitForSelector('#elig-panel:not([hidden]) #elig-type');
  ok(await hidden(page, '#elig-cases-open'), 'a visitor sees 案例');
  pass('a visitor sees no 案例 control');

  // 2. The land user checks RD-012 and saves it as a case.
  await logIn(page, LAND);
  await page.waitForSelector('#elig-cases-open:not([hidden])');
  await checkParcel(page, 'RD-012');
  await page.waitForSelector('#elig-case-save:not([hidden])');
  await page.fill('#elig-case-note', '现场踏勘：厂房空置');
  const saveP = page.waitForResponse((r) => r.url().endsWith('/api/eligibility/cases') && r.request().method() === 'POST');
  await page.click('#elig-case-save-button');
  const saveRes = await saveP;
  ok(saveRes.status() === 201, `POST /api/eligibility/cases: ${saveRes.status()}`);
  const sent = JSON.parse(saveRes.request().postData());
  ok(sent.parcel_id === 'RD-012' && sent.note === '现场踏勘：厂房空置' && !('verdict' in sent) && !('answer' in sent),
    `the save sends the request and the note only: ${JSON.stringify(sent)}`);
  await page.waitForSelector('#elig-case-saved');
  const number = await page.$eval('#elig-case-saved', (el) => el.dataset.number);
  const savedText = await page.textContent('#elig-case-saved');
  ok(NUMBER.test(number) && savedText.includes(number) && savedText.includes('已保存为案例'), `saved: ${savedText}`);
  const shownVerdict = await page.$eval('#elig-verdict', (el) => el.dataset.verdict);
  await shot(page, 'cases-saved.png');
  pass('a land user saves a check as a case and sees its number', number);

  // 3. The register: search by number, reopen.
  await page.click('#elig-cases-open');
  await page.waitForSelector('#elig-case-list li');
  await page.fill('#elig-case-number', number.slice(-5, -1));
  await page.click('#elig-case-search');
  await page.waitForFunction((n) => {
    const items = [...document.querySelectorAll('#elig-case-list li')];
    return items.length === 1 && items[0].dataset.number === n;
  }, number);
  await page.fill('#elig-case-number', '9999');
  await page.click('#elig-case-search');
  await page.waitForSelector('#elig-cases-none');
  await page.fill('#elig-case-number', '');
  await page.selectOption('#elig-case-verdict', shownVerdict);
  await page.click('#elig-case-search');
  await page.waitForSelector(`#elig-case-list li[data-number="${number}"]`);
  await shot(page, 'cases-list.png');
  await page.click(`#elig-case-list li[data-number="${number}"] .elig-case-open`);
  await page.waitForSelector('#elig-case-head');
  const reopened = await page.evaluate(() => ({
    number: document.querySelector('#elig-case-head').dataset.number,
    verdict: document.querySelector('#elig-verdict').dataset.verdict,
    note: document.querySelector('#elig-case-head-note')?.textContent,
    today: !!document.querySelector('#elig-today'),
    rows: document.querySelectorAll('#elig-rule-table tbody tr').length,
  }));
  const api = await page.evaluate(async (n) => (await fetch(`/api/eligibility/cases/${encodeURIComponent(n)}`)).json(), number);
  ok(reopened.number === number && reopened.verdict === api.answer.verdict && reopened.verdict === shownVerdict,
    `reopened ${JSON.stringify(reopened)}; saved ${api.answer.verdict}`);
  ok(reopened.rows === api.answer.rules.length && reopened.note.includes('现场踏勘') && !reopened.today, `reopened: ${JSON.stringify(reopened)}`);
  await shot(page, 'cases-reopened.png');
  pass('the case is found by number and verdict, and reopens with the answer as saved', reopened.verdict);
  await a.w.check('cases (land)');
  await a.context.close();

  // 4. A viewer, where the rules have a new version: today's answer beside the saved one; no save.
  const b = await openPage(browser, `${LATER}/`, { width: 1366, height: 768 });
  current = b.page;
  const p2 = b.page;
  await logIn(p2, VIEWER);
  await p2.click('.elig-toggle');
  await p2.waitForSelector('#elig-panel:not([hidden]) #elig-type');
  await checkParcel(p2, 'RD-012');
  ok(await hidden(p2, '#elig-case-save'), 'a viewer is offered 保存为案例');
  await p2.click('#elig-cases-open');
  await p2.waitForSelector(`#elig-case-list li[data-number="${number}"]`);
  await p2.click(`#elig-case-list li[data-number="${number}"] .elig-case-open`);
  await p2.waitForSelector('#elig-today');
  const today = await p2.evaluate(() => ({
    version: document.querySelector('#elig-today').dataset.version,
    saved: document.querySelector('#elig-version').dataset.version,
    rows: document.querySelectorAll('#elig-today-rules tbody tr').length,
    title: document.querySelector('#elig-today h3').textContent,
  }));
  ok(today.version !== today.saved && today.rows > 0 && today.title.includes(today.version), `today: ${JSON.stringify(today)}`);
  await shot(p2, 'cases-today.png');
  await p2.click('#lang');
  await p2.waitForFunction(() => document.querySelector('#elig-today h3')?.textContent.startsWith("Today's answer"));
  await shot(p2, 'cases-today-en.png');
  pass("a viewer reopens the case under new rules and sees today's answer beside the saved one", `${today.saved} → ${today.version}`);
  await b.w.check('cases (viewer)');
  await b.context.close();
}

async function main() {
  ok(BASE && LATER && LAND && VIEWER, 'PARKMAP_URL, PARKMAP_LATER_URL, PARKMAP_LAND and PARKMAP_VIEWER must be set');
  setBase(BASE);
  await withBrowser('cases', run, () => current);
  console.log(`1..${passedCount()}`);
}

main().catch((err) => {
  console.error(`not ok - ${err.stack || err.message}`);
  process.exit(1);
});
