// The leadership briefing (issue 5): a timeline of the plan's years over the map, charts of the yearly
// plans, presentation mode stepping through data/briefing/steps.json, PNG export and a printable
// progress table. An extension of the web map (web/ui/extensions.js).
import './briefing.css';
import { h, fill } from '../dom.js';
import { getJSON } from '../api.js';
import { FONT_FAMILY } from '../style.js';
import { T } from './strings.js';
import { Timeline } from './timeline.js';
import { Charts } from './charts.js';
import { Presenter } from './present.js';
import { exportPNG, composeImage, buildPrint } from './export.js';
import { parkState } from './parkstate.js';

async function mount(ctx) {
  const [all, zone, park, briefing] = await Promise.all([
    getJSON('api/plan/yearly?group=all'), getJSON('api/plan/yearly?group=zone'),
    getJSON('api/plan/yearly?group=park'), getJSON('api/briefing'),
  ]);
  const zoneColors = Object.fromEntries(ctx.data.zones.map((z) => [z.properties.id, z.properties.color]));
  const progressCache = {};
  const progress = (year) => {
    if (!progressCache[year]) {
      progressCache[year] = { data: null };
      getJSON(`api/progress?year=${year}`).then((d) => { progressCache[year].data = d; presenter.render(); });
    }
    return progressCache[year].data;
  };
  let redev = null;
  getJSON('collections/redevelopment/items?limit=1000').then((fc) => {
    const total = fc.features.reduce((s, f) => s + (f.properties.site_area_mu || 0), 0);
    const old = fc.features.filter((f) => f.properties.old_factory).reduce((s, f) => s + (f.properties.site_area_mu || 0), 0);
    redev = { total, old, oldShare: total ? old / total : 0, n: fc.features.length };
    presenter.render();
  }).catch((err) => ctx.debug.errors.push(`briefing: ${err.message}`));

  const charts = new Charts(ctx, { all: all.series, zone: zone.series, park: park.series }, zoneColors);
  const timeline = new Timeline(ctx, all.series, (y) => {
    charts.set({ year: y });
    writeYear(y);
  });
  const presenter = new Presenter(ctx, { steps: briefing.steps, timeline, charts, redev: () => redev, progress });

  const chartsBox = h('div', { class: 'brf-charts-dock', id: 'brf-charts-dock' });
  chartsBox.hidden = true;
  charts.homeEl = chartsBox;
  chartsBox.append(charts.el);
  const tools = h('div', { class: 'brf-tools' });
  const dock = h('div', { class: 'brf-dock', id: 'brf-dock' }, timeline.el, tools);
  const printSection = h('section', { class: 'brf-print', id: 'brf-print', 'aria-hidden': 'true' });
  ctx.ui.mapWrap.append(dock, chartsBox);
  document.body.append(printSection);

  function renderTools() {
    fill(tools,
      h('button', { type: 'button', id: 'brf-charts-toggle', 'aria-pressed': String(!chartsBox.hidden), onclick: toggleCharts }, T('charts')),
      h('button', { type: 'button', id: 'brf-present-btn', title: T('presentKey'), onclick: () => presenter.start(0) }, T('present')),
      h('button', { type: 'button', id: 'brf-export', onclick: () => doExport() }, T('exportPng')),
      h('button', { type: 'button', id: 'brf-print-btn', onclick: () => doPrint() }, T('printTable')));
  }
  function toggleCharts() {
    chartsBox.hidden = !chartsBox.hidden;
    if (!chartsBox.hidden) charts.ensure();
    renderTools();
  }
  const exportOpts = () => ({ year: timeline.active ? timeline.year : null, title: T('exportTitle'), font: FONT_FAMILY });
  const doExport = () => exportPNG(ctx.map, exportOpts());
  async function preparePrint(year) {
    const prog = await getJSON(`api/progress?year=${year}`);
    buildPrint(printSection, prog, ctx.lang());
    return prog;
  }
  async function doPrint() {
    await preparePrint(timeline.year);
    document.body.classList.add('brf-printing');
    window.addEventListener('afterprint', () => document.body.classList.remove('brf-printing'), { once: true });
    window.print();
  }

  // The year in the URL (?year=), beside the page's own state.
  function writeYear(y) {
    const p = new URLSearchParams(location.search);
    p.set('year', String(y));
    history.replaceState(history.state, '', `${location.pathname}?${p}${location.hash}`);
  }
  timeline.onRewrite = writeYear;
  const urlYear = Number(new URLSearchParams(location.search).get('year'));
  if (timeline.years.includes(urlYear)) timeline.setYear(urlYear);

  ctx.onLang(() => {
    timeline.setLang();
    charts.setLang();
    renderTools();
    presenter.render();
  });
  renderTools();

  ctx.debug.briefing = {
    timeline, charts, presenter, steps: briefing.steps,
    setYear: (y) => timeline.setYear(y),
    parkState: (id, y) => parkState(ctx.features.get(id).properties, y),
    chartOption: () => charts.chart?.getOption(),
    compose: async () => { const c = await composeImage(ctx.map, exportOpts()); return { width: c.width, height: c.height }; },
    preparePrint,
  };
}

export const briefing = {
  name: 'briefing',
  mount(ctx) {
    ctx.debug.briefingReady = mount(ctx).catch((err) => {
      ctx.debug.errors.push(`briefing: ${err.message}`);
      throw err;
    });
  },
};
