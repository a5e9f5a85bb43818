// pageweight.mjs: what a planner's first load of the page transfers, measured in headless Chromium
// (make bench, scripts/bench.sh; never a test: a size is a figure to report, not a limit to assert).
// PARKMAP_URL=http://127.0.0.1:18080/ node web/ui/test/pageweight.mjs prints the bytes over the wire
// (gzip as served) of the page and everything it fetched until the map was idle, by kind, then the
// same after opening the briefing's charts (the ECharts chunk, fetched only then).
import { withBrowser, newContext } from './browserlib.mjs';

const base = process.env.PARKMAP_URL || 'http://127.0.0.1:18080/';

function tally(entries) {
  const by = {};
  let total = 0;
  for (const e of entries) {
    const name = new URL(e.name).pathname;
    const kind = /\/static\/dist\/echarts-/.test(name) ? 'echarts' : /\/static\//.test(name) ? 'assets'
      : /\/tiles\//.test(name) ? 'tiles' : 'api';
    by[kind] = (by[kind] || 0) + e.transferSize;
    total += e.transferSize;
  }
  return { total, by };
}

await withBrowser('pageweight', async (browser) => {
  const context = await newContext(browser, { width: 1366, height: 768 });
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction(() => window.parkmap?.map?.loaded() && window.parkmap.map.areTilesLoaded());
  const resources = () => page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return [nav, ...performance.getEntriesByType('resource')].map((e) => ({ name: e.name, transferSize: e.transferSize }));
  });
  const first = tally(await resources());
  console.log(`pageweight: first load ${first.total} bytes transferred ${JSON.stringify(first.by)}`);
  await page.click('#brf-charts-toggle');
  await page.waitForSelector('#brf-chart canvas');
  const charts = tally(await resources());
  console.log(`pageweight: after opening the charts ${charts.total} bytes ${JSON.stringify(charts.by)}`);
  await context.close();
});
