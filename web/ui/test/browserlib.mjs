// Helpers of the browser tests (browser.mjs, eligibility.mjs, briefing.mjs, account.mjs): Chromium
// launched the one way they all need, a page opened and watched for everything that must not happen,
// and what a person would see on it, read through the page's window.parkmap handle.
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** ART is where screenshots go (ARTIFACTS_DIR). */
export const ART = process.env.ARTIFACTS_DIR || 'artifacts/screenshots';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-unsafe-swiftshader',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
  // Belt and braces: no host name but the test server's resolves, so nothing can leave this machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

let passed = 0;
let BASE = '';

/** setBase sets the server the API helpers ask. */
export function setBase(base) {
  BASE = base;
}

/** passedCount is how many checks have passed. */
export function passedCount() {
  return passed;
}
export function ok(cond, msg) {
  if (!cond) throw new Error(msg);
}
export function pass(name, detail = '') {
  passed++;
  console.log(`ok ${passed} - ${name}${detail ? `: ${detail}` : ''}`);
}
export const sameSet = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
export const near = (a, b, eps) => Math.abs(a - b) <= eps;

export async function api(pathAndQuery) {
  const res = await fetch(BASE + pathAndQuery, { headers: { Accept: 'application/json' } });
  ok(res.ok, `${pathAndQuery}: ${res.status}`);
  return res.json();
}

/** watch records everything a page does that must not happen. */
export function watch(page, base, allowHost) {
  const w = { console: [], warnings: [], pageErrors: [], requests: [], failed: [], bad: [], aborted: [], cancelled: [] };
  const origin = new URL(base).origin;
  // A tile of this server that MapLibre itself cancels (net::ERR_ABORTED) because the view moved on
  // before it arrived — a park link jumps from the first view to the park, the briefing flies between
  // views — is the map's doing, not the server's; how many there are depends only on how fast the
  // machine is. Any other failed request still fails the check.
  const cancelledTile = (r) => r.failure()?.errorText === 'net::ERR_ABORTED' &&
    r.url().startsWith(origin + '/') && /^\/tiles\/[^/]+\/\d+\/\d+\/\d+\.mvt$/.test(new URL(r.url()).pathname);
  page.on('console', (m) => {
    // The browser's own report of a Tianditu tile that the test stopped is expected there.
    if (allowHost && allowHost.test(m.location()?.url || '')) return;
    if (m.type() === 'error') w.console.push(m.text());
    else if (m.type() === 'warning') w.warnings.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e)));
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('requestfailed', (r) => {
    if (allowHost && allowHost.test(r.url())) w.aborted.push(r.url());
    else if (cancelledTile(r)) w.cancelled.push(r.url());
    else w.failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) w.bad.push(`${r.status()} ${r.url()}`);
  });
  w.check = async (label) => {
    const csp = await page.evaluate(() => window.__csp || []);
    const errors = await page.evaluate(() => window.parkmap?.errors || []);
    ok(errors.length === 0, `${label}: map error events: ${errors.join(' | ')}`);
    ok(w.console.length === 0, `${label}: console errors: ${w.console.join(' | ')}`);
    ok(w.pageErrors.length === 0, `${label}: page errors: ${w.pageErrors.join(' | ')}`);
    ok(csp.length === 0, `${label}: CSP violations: ${csp.join(' | ')}`);
    ok(w.failed.length === 0, `${label}: failed requests: ${w.failed.join(' | ')}`);
    ok(w.bad.length === 0, `${label}: error responses: ${w.bad.join(' | ')}`);
    const foreign = w.requests.filter((u) => {
      if (u.startsWith('blob:') || u.startsWith('data:')) return false;
      if (allowHost && allowHost.test(u)) return false;
      return new URL(u).hostname !== '127.0.0.1';
    });
    ok(foreign.length === 0, `${label}: requests leaving 127.0.0.1: ${foreign.join(' | ')}`);
    const other = w.requests.filter((u) => u.startsWith('http') && !u.startsWith(origin) && !(allowHost && allowHost.test(u)));
    ok(other.length === 0, `${label}: requests to another origin: ${other.join(' | ')}`);
    ok(!w.requests.some((u) => /glyph|fonts?\/|\.pbf(\?|$)/.test(u)), `${label}: a glyph request was made`);
  };
  return w;
}

/**
 * refused runs action, which the service must answer with status at a path containing part, and takes
 * that answer and the browser's console report of it off the watch's (watch()) lists of what must not
 * happen: a refusal the test asked for is not a fault of the page.
 */
export async function refused(page, w, status, part, action) {
  const report = page.waitForEvent('console', { predicate: (m) => m.type() === 'error' && m.text().includes(`status of ${status}`) });
  const answer = page.waitForResponse((r) => r.status() === status && r.url().includes(part));
  await action();
  await Promise.all([report, answer]);
  const drop = (list, pred) => {
    const i = list.findIndex(pred);
    if (i >= 0) list.splice(i, 1);
  };
  drop(w.console, (t) => t.includes(`status of ${status}`));
  drop(w.bad, (b) => b.startsWith(`${status} `) && b.includes(part));
}

/**
 * withBrowser launches Debian's Chromium (a fresh temporary profile, removed on close), runs
 * fn(browser) and closes it. When fn fails, the page failedPage() returns (the one being checked) is
 * saved as ART/<name>-failure.png: what it looked like when a check failed.
 */
export async function withBrowser(name, fn, failedPage = () => null) {
  ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: install Debian's chromium (scripts/install-deps.sh)`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new Error(`playwright-core is not installed (run npm ci): ${err.message}`);
  }
  await mkdir(ART, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 0 });
  try {
    await fn(browser);
  } catch (err) {
    await failedPage()?.screenshot({ path: path.join(ART, `${name}-failure.png`) }).catch(() => {});
    throw err;
  } finally {
    await browser.close();
  }
}

/** newContext is a fresh browser context (its own cookies) that logs CSP violations in window.__csp. */
export async function newContext(browser, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  // No wall-clock limits: every wait is for a condition, and a slow or busy machine only makes it
  // slower. A hung test is ended by go test's -timeout (runBrowserScript kills the script).
  context.setDefaultTimeout(0);
  context.setDefaultNavigationTimeout(0);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return context;
}

export async function openPage(browser, url, viewport, allowHost, handler = (route) => route.abort('internetdisconnected')) {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const w = watch(page, url, allowHost);
  if (allowHost) await page.route(allowHost, handler);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => window.parkmap.ready);
  return { context, page, w };
}

export const idle = (page) => page.evaluate(() => new Promise((resolve) => {
  const m = window.parkmap.map;
  m.once('idle', resolve);
  m.triggerRepaint();
}));

export const renderedParkIds = (page) => page.evaluate(() => {
  const m = window.parkmap.map;
  const fs = m.queryRenderedFeatures({ layers: ['parks-circle', 'parks-fill'].filter((l) => m.getLayer(l)) });
  return [...new Set(fs.map((f) => f.properties.id))];
});

export const listIds = (page) => page.$$eval('#park-list tbody tr', (rows) => rows.map((r) => r.dataset.id));

export const statsOf = (page) => page.$$eval('#stats .stat', (els) => Object.fromEntries(els.map((e) => [e.dataset.field, Number(e.dataset.value)])));

export function sums(features) {
  const r = { parks: features.length, mu: 0, wan: 0, firms: 0 };
  for (const f of features) {
    r.mu += f.properties.plan_area_mu ?? 0;
    r.wan += f.properties.building_area_wan_m2 ?? 0;
    r.firms += f.properties.firms ?? 0;
  }
  return r;
}

export function checkStats(got, want, label) {
  ok(got.parks === want.parks, `${label}: stats strip shows ${got.parks} parks, the API has ${want.parks}`);
  ok(near(got.mu, want.mu, 0.01), `${label}: stats 亩 ${got.mu}, API ${want.mu}`);
  ok(near(got.wan, want.wan, 0.01), `${label}: stats 万㎡ ${got.wan}, API ${want.wan}`);
  ok(got.firms === want.firms, `${label}: stats firms ${got.firms}, API ${want.firms}`);
}

const hex = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** zonePixels counts, in a screenshot of the map, pixels of each zone's rendered tint over the land. */
export async function zonePixels(page) {
  const box = await page.locator('#map canvas').boundingBox();
  const png = await page.screenshot({ clip: box });
  const expected = await page.evaluate(() => {
    const m = window.parkmap.map;
    return {
      land: m.getPaintProperty('county-fill', 'fill-color'),
      opacity: m.getPaintProperty('zones-fill', 'fill-opacity'),
      zones: window.parkmap.zones,
    };
  });
  const land = hex(expected.land);
  const targets = expected.zones.map((z) => ({
    id: z.id, rgb: hex(z.color).map((c, i) => Math.round(land[i] * (1 - expected.opacity) + c * expected.opacity)),
  }));
  const counts = await page.evaluate(async ({ b64, targets }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const n = Object.fromEntries(targets.map((t) => [t.id, 0]));
    for (let i = 0; i < d.length; i += 4) {
      for (const t of targets) {
        if (Math.abs(d[i] - t.rgb[0]) <= 6 && Math.abs(d[i + 1] - t.rgb[1]) <= 6 && Math.abs(d[i + 2] - t.rgb[2]) <= 6) n[t.id]++;
      }
    }
    return n;
  }, { b64: png.toString('base64'), targets });
  return counts;
}

export async function screenPoint(page, lngLat) {
  return page.evaluate((ll) => {
    const m = window.parkmap.map;
    const p = m.project(ll);
    const r = m.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}


/** logIn logs user ({Username, Password}) in through the page's 登录 dialog and waits for the account. */
export async function logIn(page, user) {
  await page.click('#account-login');
  await page.waitForSelector('#acct-login-dialog[open]');
  await page.fill('#acct-login-username', user.Username);
  await page.fill('#acct-login-password', user.Password);
  await page.press('#acct-login-password', 'Enter');
  await page.waitForSelector('#account-button:not([hidden])');
  await page.waitForFunction(() => window.parkmap.account.me.authenticated);
}

/** hidden reports whether the element of sel is hidden or not in the document (or absent). */
export const hidden = (page, sel) => page.$eval(sel, (el) => el.hidden || el.offsetParent === null).catch(() => true);

/** checkParcel checks a parcel by its id in the eligibility panel (already open) and waits for the verdict. */
export async function checkParcel(page, id) {
  await page.click('button[data-mode="select"]');
  await page.fill('#elig-parcel-id', id);
  await page.press('#elig-parcel-id', 'Enter');
  await page.waitForFunction((x) => window.parkmap.eligibility.state.target?.parcel_id === x, id);
  await page.click('#elig-check');
  await page.waitForFunction(() => {
    const e = window.parkmap.eligibility.state;
    return !e.busy && e.result && document.querySelector('#elig-verdict');
  });
}

/**
 * escapeDialog presses Escape in the open <dialog> sel and waits for its close event to have been
 * handled. A dialog returns focus in its own close listener, and the browser queues that event as a
 * task after the open attribute goes, so a check made when [open] is gone can run before it; the
 * listener added here runs after the page's (listeners run in the order they were added).
 */
export async function escapeDialog(page, sel) {
  await page.evaluate((s) => {
    window.__dialogClosed = new Promise((resolve) => document.querySelector(s).addEventListener('close', () => resolve(), { once: true }));
  }, sel);
  await page.keyboard.press('Escape');
  await page.evaluate(() => window.__dialogClosed);
}
