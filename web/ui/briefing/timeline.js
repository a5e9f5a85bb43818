// The timeline: a year slider (2018–2022, on to the last year with actual figures) with a play button.
// The year colours every park by its state in that year per the plan (parkstate.js), shows the parcels
// supplied by then (year ≤ Y) and adds the plan's cumulative figures to the statistics strip, with the
// actual ones beside them where entered. Until it is first used the map keeps its own colours.
import { T } from './strings.js';
import { h, fill, swatch, fmt } from '../dom.js';
import { parkColor } from '../style.js';
import { STATES, STATE_COLORS, colorExpression } from './parkstate.js';

export const YEARS = [2018, 2019, 2020, 2021, 2022];

/** yearsOf is the timeline's years: those of the yearly series (the plan's, or on to the last actual). */
export function yearsOf(series) {
  const ys = series?.[0]?.years;
  return ys?.length ? ys : YEARS;
}
const PARCEL_LAYERS = ['parcels-fill', 'parcels-line', 'parcels-label'];
const yearClause = (y) => ['<=', ['get', 'year'], y];
const isYearClause = (f) => Array.isArray(f) && f[0] === '<=' && Array.isArray(f[1]) && f[1][1] === 'year';

export class Timeline {
  constructor(ctx, totals, onYear) {
    this.ctx = ctx;
    this.totals = totals; // group=all series of /api/plan/yearly
    this.years = yearsOf(totals);
    this.hasActual = totals.some((s) => s.actual?.some((x) => x != null));
    this.onYear = onYear;
    this.year = 2022;
    this.active = false;
    this.timer = null;
    this.zoneColors = Object.fromEntries(ctx.data.zones.map((z) => [z.properties.id, z.properties.color]));
    this.el = h('div', { class: 'brf-timeline', id: 'brf-timeline' });
    // The statistics strip is rebuilt by the page on every filter change; the year's figures and the
    // parcel filter are put back each time.
    this.observer = new MutationObserver(() => this.reapply());
    this.observer.observe(ctx.ui.stats, { childList: true });
    this.render();
  }

  setLang() {
    this.render();
    this.reapply(true);
  }

  render() {
    this.slider = h('input', {
      type: 'range', min: this.years[0], max: this.years[this.years.length - 1], step: 1, value: String(this.year),
      id: 'brf-year', 'aria-label': T('timeline'),
      oninput: () => this.setYear(Number(this.slider.value)),
    });
    this.playBtn = h('button', { type: 'button', class: 'brf-play', id: 'brf-play', onclick: () => this.togglePlay() },
      this.timer ? T('pause') : T('play'));
    this.yearOut = h('output', { class: 'brf-year', id: 'brf-year-label', for: 'brf-year' }, String(this.year));
    const ticks = h('div', { class: 'brf-ticks', 'aria-hidden': 'true' }, this.years.map((y) => h('span', null, String(y))));
    const legend = h('ul', { class: 'brf-legend', id: 'brf-legend' },
      STATES.map((s) => h('li', null, swatch(STATE_COLORS[s]), T(`st_${s}`))),
      h('li', { class: 'brf-muted' }, T('parcelsNote')));
    fill(this.el,
      h('div', { class: 'brf-row' }, h('span', { class: 'brf-label' }, T('timeline')), this.playBtn,
        h('div', { class: 'brf-slider' }, this.slider, ticks), this.yearOut),
      h('p', { class: 'brf-note', id: 'brf-plan-note' }, T(this.hasActual ? 'planNoteActual' : 'planNote')),
      h('details', { class: 'brf-legend-box', open: true }, h('summary', null, T('stateLegend')), legend));
  }

  /** setYear shows year y on the map, the strip and the slider. */
  setYear(y) {
    const ys = this.years;
    this.year = Math.min(ys[ys.length - 1], Math.max(ys[0], Math.round(y)));
    this.active = true;
    this.slider.value = String(this.year);
    this.yearOut.textContent = String(this.year);
    this.apply();
    this.onYear?.(this.year);
  }

  apply() {
    const { map, parks } = this.ctx;
    const color = this.active ? colorExpression(parks, this.year) : parkColor(this.ctx.state.color, this.zoneColors);
    map.setPaintProperty('parks-fill', 'fill-color', color);
    map.setPaintProperty('parks-circle', 'circle-color', color);
    for (const layer of PARCEL_LAYERS) {
      if (!map.getLayer(layer)) continue;
      let f = map.getFilter(layer);
      // Keep the page's own filter (by park), replace the year clause.
      if (Array.isArray(f) && f[0] === 'all' && isYearClause(f[f.length - 1])) f = f.length === 3 ? f[1] : null;
      const next = this.active ? (f ? ['all', f, yearClause(this.year)] : ['all', ['literal', true], yearClause(this.year)]) : f;
      map.setFilter(layer, next);
    }
    this.renderStrip();
  }

  reapply(force) {
    if (!this.active) return;
    this.onRewrite?.(this.year); // the page has just rewritten its URL without the year
    const f = this.ctx.map.getFilter('parcels-fill');
    const ok = Array.isArray(f) && f[0] === 'all' && isYearClause(f[f.length - 1]);
    if (!ok || force) this.apply();
    else if (!this.ctx.ui.stats.querySelector('.brf-cum')) this.renderStrip();
  }

  renderStrip() {
    const stats = this.ctx.ui.stats;
    stats.querySelector('.brf-cum')?.remove();
    if (!this.active) return;
    const l = this.ctx.lang();
    const i = this.years.indexOf(this.year);
    // The actual beside the plan, where a figure was entered; "no data" otherwise, never 0.
    const actual = (v) => (this.hasActual
      ? h('span', { class: 'brf-cum-actual', dataset: { value: v ?? '' } }, ` / ${T('cumActual')} `, h('b', null, v == null ? T('noData') : fmt(v, 1, l)))
      : null);
    const item = (m) => {
      const s = this.totals.find((x) => x.measure === m);
      const v = s?.cumulative ? s.cumulative[i] : null;
      return h('span', { class: 'brf-cum-item', dataset: { measure: m, value: v ?? '' } },
        `${T(m)} `, h('b', null, fmt(v, 1, l)), s?.actual_measure ? actual(s.actual_cumulative?.[i]) : null, ` ${s?.unit || ''}`);
    };
    const out = this.totals.find((x) => x.measure === 'output');
    const el = h('div', { class: 'brf-cum', id: 'brf-cum' },
      h('span', { class: 'stat-label' }, `${T('cumLabel', { y: this.year })}：`),
      item('supply'), item('start'), item('completion'),
      h('span', { class: 'brf-cum-item', dataset: { measure: 'output', value: out?.planned[i] ?? '' } },
        `${T('output')} `, h('b', null, fmt(out?.planned[i], 1, l)), actual(out?.actual?.[i]), ` ${out?.unit || ''}`),
      h('span', { class: 'brf-muted' }, T(this.hasActual ? 'planNoteActual' : 'planNote')));
    stats.append(el);
  }

  togglePlay() {
    if (this.timer) return this.stop();
    const ys = this.years;
    if (this.year >= ys[ys.length - 1]) this.setYear(ys[0]);
    else this.setYear(this.year);
    this.timer = setInterval(() => {
      if (this.year >= ys[ys.length - 1]) return this.stop();
      this.setYear(this.year + 1);
    }, 1500);
    this.playBtn.textContent = T('pause');
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.playBtn.textContent = T('play');
  }
}
