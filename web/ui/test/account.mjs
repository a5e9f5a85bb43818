// Accounts in the web map (issue 9) in a real headless Chromium, against a server whose users the Go
// test created: a visitor sees 登录 and no gated control; a wrong password is answered in Chinese at the
// form; each role's user logs in, sees their name and unit and exactly the gated controls of the Go
// test's table (PARKMAP_ACCOUNTS), and logs out; the admin reads the audit log (with its login rows,
// paged by 更多); a password is changed and the new one logs in; the lockout message is computed from
// Retry-After; under -require-login (PARKMAP_LOCKED_URL) the login comes first, before any data, and the
// map after it; without a write database (PARKMAP_READONLY_URL) 只读 replaces 登录. Run by
// web/account_browser_e2e_test.go:
//   PARKMAP_URL=… PARKMAP_LOCKED_URL=… PARKMAP_READONLY_URL=… PARKMAP_ACCOUNTS='[…]' PARKMAP_PASSWORD_USER='{…}' node web/ui/test/account.mjs
// No wall-clock limits: every wait is for a condition.
import path from 'node:path';
import { ART, withBrowser, newContext, ok, pass, watch, idle, renderedParkIds, passedCount, setBase, sameSet, logIn, refused, escapeDialog } from './browserlib.mjs';

const BASE = (process.env.PARKMAP_URL || '').replace(/\/$/, '');
const LOCKED = (process.env.PARKMAP_LOCKED_URL || '').replace(/\/$/, '');
const READONLY = (process.env.PARKMAP_READONLY_URL || '').replace(/\/$/, '');
const SMALL = { width: 1366, height: 768 };
const LARGE = { width: 1920, height: 1080 };

// The Go test's table: [{User: {Username, Password, DisplayName, Unit, Roles}, Gated: [permission…]}].
const CASES = JSON.parse(process.env.PARKMAP_ACCOUNTS || '[]');
const PW_USER = JSON.parse(process.env.PARKMAP_PASSWORD_USER || 'null');

let current = null;

async function main() {
  ok(BASE && LOCKED && READONLY, 'PARKMAP_URL, PARKMAP_LOCKED_URL or PARKMAP_READONLY_URL is not set');
  ok(CASES.length >= 3 && PW_USER, 'PARKMAP_ACCOUNTS or PARKMAP_PASSWORD_USER is not set');
  setBase(BASE);
  await withBrowser('account', run, () => current);
}

// open loads url in a fresh context (its own cookies) and waits for the account control, not for the
// map: under -require-login the map does not load before a login.
async function open(browser, url, viewport) {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const w = watch(page, url);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#account, #login-screen', { state: 'attached' });
  return { context, page, w };
}

// gatedShown lists the permissions of the gated controls that are not hidden, and checks every gated
// control against what /api/me says the user may do.
async function gatedShown(page, label) {
  const { gated, can } = await page.evaluate(() => ({
    gated: [...document.querySelectorAll('[data-requires]')].map((el) => ({ perm: el.dataset.requires, hidden: el.hidden, id: el.id })),
    can: window.parkmap.account.me.authenticated ? window.parkmap.account.me.can || [] : [],
  }));
  ok(gated.length >= 2, `${label}: only ${gated.length} gated controls on the page`);
  for (const g of gated) ok(g.hidden === !can.includes(g.perm), `${label}: #${g.id} (${g.perm}) hidden=${g.hidden}, can=${can}`);
  return [...new Set(gated.filter((g) => !g.hidden).map((g) => g.perm))].sort();
}

const box = (page, sel) => page.locator(sel).first().boundingBox();
const overlaps = (a, b) => a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

// layoutOK checks that nothing in the top bar overlaps and that sel (a dialog, the menu) is on screen.
async function layoutOK(page, label, sel) {
  const vp = page.viewportSize();
  const parts = ['.app .topbar h1', '#account', '#lang'];
  const boxes = await Promise.all(parts.map((s) => box(page, s)));
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      ok(!overlaps(boxes[i], boxes[j]), `${label}: ${parts[i]} overlaps ${parts[j]}: ${JSON.stringify([boxes[i], boxes[j]])}`);
    }
  }
  const shown = await page.$$eval('#account > *', (els) => els.filter((e) => !e.hidden && e.id !== 'account-menu').map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  const bar = await box(page, '.app .topbar');
  for (const b of shown) ok(b.y >= bar.y && b.y + b.height <= bar.y + bar.height + 0.5, `${label}: the account control leaves the top bar`);
  if (sel) {
    const b = await box(page, sel);
    ok(b && b.x >= 0 && b.y >= 0 && b.x + b.width <= vp.width && b.y + b.height <= vp.height, `${label}: ${sel} is not inside the ${vp.width}×${vp.height} view: ${JSON.stringify(b)}`);
  }
}


// logout leaves by the menu's 退出; under -require-login (locked) the login screen comes back instead of 登录.
async function logout(page, { locked = false } = {}) {
  if (await page.locator('#account-menu').isHidden()) await page.click('#account-button');
  const del = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'DELETE');
  await page.click('#account-logout');
  ok((await del).status() === 204, 'DELETE /api/session did not answer 204');
  await page.waitForSelector(locked ? '#login-screen #acct-screen-username' : '#account-login:not([hidden])');
  await page.waitForFunction(() => !window.parkmap.account.me.authenticated);
}

const label = (u) => `${u.DisplayName} · ${u.Unit}`;

async function run(browser) {
  const { context, page, w } = await open(browser, `${BASE}/`, SMALL);
  current = page;
  await page.evaluate(() => window.parkmap.ready);

  // 1. A visitor: 登录, no gated control shown.
  ok(await page.isVisible('#account-login'), 'a visitor does not see 登录');
  ok((await page.textContent('#account-login')).trim() === '登录', `the login button reads ${await page.textContent('#account-login')}`);
  ok(!(await page.isVisible('#account-button')), 'a visitor sees a user menu');
  const anon = await gatedShown(page, 'visitor');
  ok(anon.length === 0, `a visitor sees gated controls: ${anon}`);
  await layoutOK(page, 'visitor');
  await page.screenshot({ path: path.join(ART, 'account-visitor.png') });
  await w.check('visitor');
  pass('a visitor sees 登录 and no gated control');

  // 2. A wrong password: the Chinese message at the form, focus back on the password.
  const viewer = CASES[0].User;
  await page.click('#account-login');
  await page.waitForSelector('#acct-login-dialog[open]');
  ok(await page.evaluate(() => document.activeElement?.id) === 'acct-login-username', 'the dialog does not focus the user name');
  const labels = await page.$$eval('#acct-login-form input:not([hidden])', (ins) => ins.map((i) => i.labels?.[0]?.textContent));
  ok(labels.join() === '用户名,密码', `the fields' labels: ${labels}`);
  await page.fill('#acct-login-username', viewer.Username);
  await page.fill('#acct-login-password', `${viewer.Password}-wrong`);
  await refused(page, w, 401, '/api/session', () => page.press('#acct-login-password', 'Enter'));
  await page.waitForSelector('#acct-login-error:not([hidden])');
  const wrong = (await page.textContent('#acct-login-error')).trim();
  ok(wrong === '用户名或密码错误', `a wrong password says "${wrong}"`);
  ok(await page.evaluate(() => document.activeElement?.id) === 'acct-login-password', 'focus is not back on the password');
  ok(await page.inputValue('#acct-login-password') === '', 'the wrong password is left in its field');
  await layoutOK(page, 'login error 1366', '#acct-login-dialog');
  await page.screenshot({ path: path.join(ART, 'account-login-wrong.png') });
  pass('a wrong password is answered at the form in Chinese', wrong);

  // 3. The lockout message from Retry-After. The service locks an account only after repeated failures,
  // which would lock the test's users too: its 429 is played by the browser's router here, in the
  // service's exact form, to check what the page makes of it.
  await page.route('**/api/session', (route) => (route.request().method() === 'POST'
    ? route.fulfill({ status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '540' },
      body: JSON.stringify({ code: 'too_many_requests', description: 'too many failed logins' }) })
    : route.fallback()));
  await page.fill('#acct-login-password', 'anything');
  await refused(page, w, 429, '/api/session', () => page.press('#acct-login-password', 'Enter'));
  await page.waitForFunction(() => document.querySelector('#acct-login-error').textContent.includes('分钟'));
  const locked = (await page.textContent('#acct-login-error')).trim();
  ok(locked === '登录失败次数过多，请 9 分钟后再试', `the lockout says "${locked}"`);
  await page.unroute('**/api/session');
  await escapeDialog(page, '#acct-login-dialog');
  ok(await page.evaluate(() => document.activeElement?.id) === 'account-login', 'Escape does not return focus to 登录');
  pass('the lockout message counts the minutes of Retry-After; Escape closes the dialog', locked);

  // 4. Each role: name and unit, exactly the gated controls of the table (a park's card is open, so
  // that its 编辑 is among them), the menu, logout.
  await page.evaluate(() => window.parkmap.selectPark('xiaojiang-qinggong'));
  await page.waitForSelector('#card:not([hidden]) #facts-edit', { state: 'attached' });
  for (const c of CASES) {
    const u = c.User;
    const role = u.Roles.join('+');
    await logIn(page, u);
    const text = (await page.textContent('#account-button')).trim();
    ok(text === label(u), `${role}: the top bar shows "${text}", not "${label(u)}"`);
    const shown = await gatedShown(page, role);
    ok(sameSet(shown, c.Gated), `${role}: gated controls shown ${shown}, the table says ${c.Gated}`);
    await page.click('#account-button');
    await page.waitForSelector('#account-menu:not([hidden])');
    const items = await page.$$eval('#account-menu [role="menuitem"]', (bs) => bs.filter((b) => b.offsetParent).map((b) => b.id));
    const want = [c.Gated.includes('audit.read') && 'account-audit', c.Gated.includes('account.password') && 'account-password', 'account-logout'].filter(Boolean);
    ok(items.join() === want.join(), `${role}: menu items ${items}, want ${want}`);
    ok(await page.evaluate(() => document.activeElement?.id) === want[0], `${role}: the menu does not focus its first item`);
    await layoutOK(page, `${role} menu`, '#account-menu');
    await page.screenshot({ path: path.join(ART, `account-${role}-menu.png`) });
    if (c.Gated.includes('audit.read')) await auditPanel(page, w, u, SMALL);
    await logout(page);
    const after = await gatedShown(page, `${role} logged out`);
    ok(after.length === 0, `${role}: after logout gated controls shown: ${after}`);
    await w.check(role);
    pass(`${role} logs in, sees "${text}" and the gated controls ${shown.join(', ') || '(none)'}, and logs out`);
  }

  // 5. The interface language switches the account's words too.
  await logIn(page, viewer);
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#account-logout').textContent === 'Log out');
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#account-logout').textContent === '退出');
  await logout(page);
  pass('the account menu follows the language switch');

  await changePassword(browser, page, w);
  await context.close();

  await editFacts(browser);

  // 6. The admin at 1920×1080: the menu and the audit log fit.
  const admin = CASES.find((c) => c.Gated.includes('audit.read')).User;
  const big = await open(browser, `${BASE}/`, LARGE);
  current = big.page;
  await big.page.evaluate(() => window.parkmap.ready);
  await logIn(big.page, admin);
  await big.page.click('#account-button');
  await layoutOK(big.page, 'admin menu 1920', '#account-menu');
  await big.page.screenshot({ path: path.join(ART, 'account-admin-menu-1920.png') });
  await auditPanel(big.page, big.w, admin, LARGE);
  await big.w.check('admin 1920');
  await big.context.close();
  pass('at 1920×1080 the menu and the audit log are inside the view, the top bar does not overlap');

  await requireLogin(browser);
  await readOnlyService(browser);
  console.log(`# ${passedCount()} checks passed`);
}

// auditPanel opens the audit log as an admin: its rows are /api/audit's, the admin's own login is among
// them, 更多 pages on with before= (the page size made 2 by the browser's router to need it).
async function auditPanel(page, w, admin, viewport) {
  const tag = viewport.width;
  const want = await page.evaluate(async () => (await fetch('api/audit?limit=50', { credentials: 'same-origin' })).json());
  ok(Array.isArray(want.entries) && want.entries.length > 0, `GET /api/audit as admin: ${JSON.stringify(want).slice(0, 200)}`);
  const logins = want.entries.filter((e) => e.actor === admin.Username && /session|login/.test(`${e.action} ${e.table}`));
  ok(logins.length > 0, `no login of ${admin.Username} in the audit log: ${want.entries.map((e) => `${e.actor} ${e.action} ${e.table}`).join(' | ')}`);
  if (await page.locator('#account-menu').isHidden()) await page.click('#account-button');
  await page.click('#account-audit');
  await page.waitForSelector('#acct-audit[open] #acct-audit-table tbody tr');
  await page.waitForFunction(() => !document.querySelector('#acct-audit-more').disabled || document.querySelector('#acct-audit-more').hidden);
  const rows = await page.$$eval('#acct-audit-table tbody tr', (trs) => trs.map((tr) => ({
    id: Number(tr.dataset.id), action: tr.dataset.action, actor: tr.querySelector('.acct-actor').textContent,
    time: tr.querySelector('time').getAttribute('datetime'), shown: tr.querySelector('time').textContent,
  })));
  ok(rows.length === want.entries.length, `the panel shows ${rows.length} rows, /api/audit has ${want.entries.length}`);
  want.entries.forEach((e, i) => ok(rows[i].id === e.id && rows[i].actor === e.actor && rows[i].action === e.action,
    `row ${i}: ${JSON.stringify(rows[i])} vs ${e.id} ${e.actor} ${e.action}`));
  ok(rows.every((r) => r.shown && r.shown !== r.time), 'a time is not in the local format');
  ok(await page.isHidden('#acct-audit-more') === (want.next_before == null), '更多 is shown without a next page, or hidden with one');
  await layoutOK(page, `audit ${tag}`, '#acct-audit');
  await page.screenshot({ path: path.join(ART, `account-audit-${tag}.png`) });

  // Paging: two entries a page, then 更多 until the end; ids strictly falling, none twice.
  if (want.entries.length >= 3) {
    await page.route('**/api/audit?*', (route) => route.fallback({ url: route.request().url().replace(/limit=\d+/, 'limit=2') }));
    await page.click('#acct-audit-filters button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('#acct-audit-table tbody tr').length === 2);
    await page.click('#acct-audit-more');
    await page.waitForFunction(() => document.querySelectorAll('#acct-audit-table tbody tr').length === 4
      || (document.querySelector('#acct-audit-more').hidden && document.querySelectorAll('#acct-audit-table tbody tr').length === 3));
    const ids = await page.$$eval('#acct-audit-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.id)));
    ok(ids.every((id, i) => i === 0 || id < ids[i - 1]), `paged ids do not fall: ${ids}`);
    ok(ids.join() === want.entries.slice(0, ids.length).map((e) => e.id).join(), `paged ids ${ids} vs ${want.entries.map((e) => e.id)}`);
    await page.unroute('**/api/audit?*');
  }
  await escapeDialog(page, '#acct-audit');
  ok(await page.evaluate(() => document.activeElement?.id) === 'account-button', 'closing the audit log does not return focus');
  await w.check(`audit ${tag}`);
  pass(`the audit log at ${tag}px shows /api/audit's ${rows.length} entries with ${logins.length} login(s) of ${admin.Username}; 更多 pages on`);
}

// changePassword: a mismatch is caught in the page, a wrong current password at its field, then the
// change; another session of the user ends, this one stays; the new password logs in.
async function changePassword(browser, page, w) {
  const u = PW_USER;
  const next = `${u.Password}-new-2`;
  const other = await browser.newContext();
  const otherLogin = await other.request.post(`${BASE}/api/session`, { data: { username: u.Username, password: u.Password } });
  ok(otherLogin.status() === 200, `a second session: ${otherLogin.status()}`);
  await logIn(page, u);
  await page.click('#account-button');
  await page.click('#account-password');
  await page.waitForSelector('#acct-pw-dialog[open]');
  ok(await page.evaluate(() => document.activeElement?.id) === 'acct-pw-current', 'the dialog does not focus the current password');
  let puts = 0;
  page.on('request', (r) => { if (r.url().endsWith('/api/me/password')) puts++; });
  await page.fill('#acct-pw-current', u.Password);
  await page.fill('#acct-pw-new', next);
  await page.fill('#acct-pw-repeat', `${next}x`);
  await page.press('#acct-pw-repeat', 'Enter');
  await page.waitForSelector('#acct-pw-repeat-error:not([hidden])');
  ok((await page.textContent('#acct-pw-repeat-error')) === '两次输入的新密码不一致', 'the mismatch message');
  ok(puts === 0, 'a mismatch was sent to the service');
  await page.fill('#acct-pw-current', `${u.Password}-wrong`);
  await page.fill('#acct-pw-repeat', next);
  await refused(page, w, 401, '/api/me/password', () => page.press('#acct-pw-repeat', 'Enter'));
  await page.waitForSelector('#acct-pw-current-error:not([hidden])');
  ok((await page.textContent('#acct-pw-current-error')) === '当前密码不正确', 'the wrong current password message');
  ok(await page.getAttribute('#acct-pw-current', 'aria-invalid') === 'true', 'the current password is not marked invalid');
  await layoutOK(page, 'password 1366', '#acct-pw-dialog');
  await page.screenshot({ path: path.join(ART, 'account-password-wrong.png') });
  await page.fill('#acct-pw-current', u.Password);
  const put = page.waitForResponse((r) => r.url().endsWith('/api/me/password'));
  await page.press('#acct-pw-current', 'Enter');
  ok((await put).status() === 204, 'PUT /api/me/password did not answer 204');
  await page.waitForSelector('#acct-pw-done:not([hidden])');
  await page.screenshot({ path: path.join(ART, 'account-password-done.png') });
  ok(await page.evaluate(async () => (await (await fetch('api/me')).json()).authenticated), 'this session ended with the change');
  const otherMe = await (await other.request.get(`${BASE}/api/me`)).json();
  ok(!otherMe.authenticated, 'the other session survived the change of password');
  await other.close();
  await page.keyboard.press('Escape');
  await logout(page);
  await logIn(page, { ...u, Password: next });
  ok((await page.textContent('#account-button')).trim() === label(u), 'the new password does not log in');
  await logout(page);
  await w.check('password');
  pass('a password is changed (mismatch caught in the page, wrong current password at its field); the other session ends, the new password logs in');
}

// editFacts: a planner edits a park's facts on its card. A bad number is caught in the page at its
// field; a save after another planner's edit is answered 409 and shown as 「该园区信息已被他人修改」
// with both versions; after reloading, the save goes through and the card (with the plan's value
// beside), the list, the status filter and the map's tiles show the new status, and 修改记录 the edit.
async function editFacts(browser) {
  const planner = CASES.find((c) => c.Gated.includes('parks.edit')).User;
  const park = 'xiaojiang-qinggong';
  const { context, page, w } = await open(browser, `${BASE}/?park=${park}`, SMALL);
  current = page;
  await page.evaluate(() => window.parkmap.ready);
  await page.waitForSelector('#card:not([hidden]) #facts-edit', { state: 'attached' });
  ok(await page.isHidden('#facts-edit'), 'a visitor sees 编辑');
  ok(!(await page.$('#facts-history')), 'a visitor sees the 修改记录');
  await logIn(page, planner);
  await page.waitForSelector('#facts-edit:not([hidden])');
  await page.waitForSelector('#facts-history .muted');
  ok((await page.textContent('#facts-history .muted')).trim() === '尚无修改记录。', 'the history of a park never edited');
  ok((await page.textContent('#facts-edit')).trim() === '编辑', 'the edit button does not read 编辑');

  let patches = 0;
  page.on('request', (r) => { if (r.method() === 'PATCH') patches++; });
  await page.click('#facts-edit');
  await page.waitForSelector('#facts-dialog[open]');
  const labels = await page.$$eval('#facts-form label', (ls) => ls.map((l) => l.textContent));
  ok(labels.join() === '建设状态,入驻企业数,主导产业,开发模式,运营主体,联系方式,备注,认定年份', `the form's labels: ${labels}`);
  const options = await page.$$eval('#facts-status option', (os) => os.map((o) => o.textContent));
  ok(options[0] === '（沿用规划原值：在建）' && options.includes('已认定'), `the status choices: ${options}`);
  ok(await page.evaluate(() => document.activeElement?.id) === 'facts-status', 'the form does not focus the status');
  await page.fill('#facts-firms_in_residence', '-5');
  await page.click('#facts-save');
  await page.waitForSelector('#facts-firms_in_residence-error:not([hidden])');
  ok((await page.textContent('#facts-firms_in_residence-error')) === '请输入整数', 'the message of a bad number');
  ok(await page.getAttribute('#facts-firms_in_residence', 'aria-invalid') === 'true', 'the bad number is not marked invalid');
  ok(patches === 0, 'a bad number was sent to the service');
  await layoutOK(page, 'facts form 1366', '#facts-dialog');
  await page.screenshot({ path: path.join(ART, 'facts-form-error.png') });

  // Another planner's edit while the form is open: this one's save is stale.
  const other = await browser.newContext();
  ok((await other.request.post(`${BASE}/api/session`, { data: { username: planner.Username, password: planner.Password } })).status() === 200, 'a second session');
  const etag = (await other.request.get(`${BASE}/api/parks/${park}/facts`)).headers().etag;
  const theirs = await other.request.patch(`${BASE}/api/parks/${park}/facts`, { data: { operator: '萧江镇资产经营公司' }, headers: { 'If-Match': etag } });
  ok(theirs.status() === 200, `the other edit: ${theirs.status()}`);
  await other.close();
  await page.fill('#facts-firms_in_residence', '');
  await page.selectOption('#facts-status', '已认定');
  await refused(page, w, 409, `/api/parks/${park}/facts`, () => page.click('#facts-save'));
  await page.waitForSelector('#facts-conflict:not([hidden])');
  const conflict = await page.textContent('#facts-conflict h3');
  ok(conflict === '「该园区信息已被他人修改」', `the conflict says ${conflict}`);
  const rows = await page.$$eval('#facts-conflict tbody tr', (trs) => trs.map((tr) => [tr.dataset.field, tr.querySelector('.facts-current').textContent, tr.querySelector('.facts-sent').textContent]));
  ok(JSON.stringify(rows) === JSON.stringify([['status', '（沿用规划原值）', '已认定']]), `the conflict's rows: ${JSON.stringify(rows)}`);
  await layoutOK(page, 'facts conflict 1366', '#facts-dialog');
  await page.screenshot({ path: path.join(ART, 'facts-conflict.png') });
  await page.click('#facts-reload');
  ok(await page.inputValue('#facts-operator') === '萧江镇资产经营公司', 'reloading does not show the other edit');
  await page.selectOption('#facts-status', '已认定');
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await page.click('#facts-save');
  ok((await saved).status() === 200, 'the save after reloading');
  await page.waitForSelector('#facts-dialog:not([open])', { state: 'attached' });

  // The new status everywhere: the card (the plan's beside), the list, the filter, the map.
  await page.waitForFunction(() => document.querySelector('#card [data-field="status"]')?.textContent === '已认定');
  const plan = await page.$$eval('#card .plan-value', (els) => els.map((e) => e.textContent));
  ok(plan.includes('规划原值：在建（2018年10月状态）'), `the card's plan values: ${plan}`);
  ok((await page.textContent(`#list tr[data-id="${park}"]`)).includes('已认定'), 'the list does not show the new status');
  const choices = await page.$$eval('#f-status option', (os) => os.map((o) => o.value));
  ok(choices.includes('已认定'), `the status filter: ${choices}`);
  await page.waitForFunction((id) => {
    const m = window.parkmap.map;
    return m.queryRenderedFeatures({ layers: ['parks-circle', 'parks-fill'].filter((l) => m.getLayer(l)) })
      .some((f) => f.properties.id === id && f.properties.status === '已认定');
  }, park);
  await page.waitForSelector('#facts-history li[data-id]');
  const hist = await page.$$eval('#facts-history .facts-history-list > li', (lis) => lis.map((li) => li.textContent));
  ok(hist.length === 2 && hist[0].includes(planner.DisplayName) && hist[0].includes('建设状态：（沿用规划原值） → 已认定') && hist[1].includes('运营主体'),
    `the history: ${hist.join(' | ')}`);
  await page.screenshot({ path: path.join(ART, 'facts-card-edited.png') });

  // The form follows the language switch; a logout hides 编辑 and the history.
  await page.click('#lang');
  await page.click('#facts-edit');
  await page.waitForSelector('#facts-dialog[open]');
  ok((await page.textContent('label[for="facts-status"]')) === 'Status', 'the form is not in English');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#facts-dialog:not([open])', { state: 'attached' });
  ok(await page.isVisible('#card'), 'Escape in the form closed the card too');
  await page.click('#lang');
  await logout(page);
  await page.waitForSelector('#facts-edit[hidden]', { state: 'attached' });
  ok(!(await page.$('#facts-history')), 'the history stays after logging out');
  await w.check('facts');
  await context.close();
  pass('a planner edits a park\'s status on its card: a bad number is caught at its field, a stale save shows both versions, and the saved status is on the card, the list, the filter and the map, with its 修改记录');
}

// requireLogin: the login screen first, no data asked for; after the login the map; a logout brings the
// login screen back.
async function requireLogin(browser) {
  const u = CASES[0].User;
  const { context, page, w } = await open(browser, `${LOCKED}/`, SMALL);
  current = page;
  await page.waitForSelector('#login-screen #acct-screen-username');
  ok(await page.evaluate(() => !document.getElementById('app')), 'the map\'s page is built before the login');
  ok(await page.evaluate(() => document.activeElement?.id) === 'acct-screen-username', 'the login screen does not focus the user name');
  const asked = w.requests.filter((r) => /\/(collections|tiles|api\/(?!me$)|ui\/config)/.test(new URL(r).pathname));
  ok(asked.length === 0, `data asked for before the login: ${asked}`);
  await page.screenshot({ path: path.join(ART, 'account-require-login.png') });
  await w.check('require-login, before the login');
  await page.fill('#acct-screen-username', u.Username);
  await page.fill('#acct-screen-password', u.Password);
  await page.press('#acct-screen-password', 'Enter');
  await page.evaluate(() => window.parkmap.ready);
  await idle(page);
  ok(await page.isHidden('#login-screen') || !(await page.$('#login-screen')), 'the login screen stays after the login');
  const parks = await renderedParkIds(page);
  ok(parks.length > 0, 'no park is drawn after the login');
  ok((await page.textContent('#account-button')).trim() === label(u), 'the top bar does not show the user');
  await layoutOK(page, 'require-login map');
  await page.screenshot({ path: path.join(ART, 'account-require-login-map.png') });
  await w.check('require-login, after the login');
  pass('under -require-login the login comes first, with no data asked for, and the map after it', `${parks.length} parks drawn`);
  await logout(page, { locked: true });
  ok(await page.isHidden('#app'), 'the map stays shown after logging out under -require-login');
  await w.check('require-login, logged out');
  await context.close();
  pass('logging out under -require-login brings the login screen back in place of the map');
}

// readOnlyService: without a write database the service cannot log anyone in; the page offers no 登录
// and says why on hover (the title) and to assistive technology (the label).
async function readOnlyService(browser) {
  const { context, page, w } = await open(browser, `${READONLY}/`, SMALL);
  current = page;
  await page.evaluate(() => window.parkmap.ready);
  const me = await page.evaluate(() => window.parkmap.account.me);
  ok(me.login_available === false, `a read-only service says login_available=${me.login_available}`);
  ok(!(await page.isVisible('#account-login')), 'a read-only service offers 登录');
  ok(await page.isVisible('#account-readonly'), 'a read-only service does not say 只读');
  const why = await page.getAttribute('#account-readonly', 'title');
  ok(/不能登录/.test(why), `the hover says "${why}"`);
  ok((await page.getAttribute('#account-readonly', 'aria-label')).includes(why), 'the label does not say why');
  await layoutOK(page, 'read-only');
  await w.check('read-only');
  await context.close();
  pass('a service without a write database offers no 登录 and says why', why);
}

main().catch((err) => {
  console.error(err.stack || String(err));
  process.exit(1);
});
