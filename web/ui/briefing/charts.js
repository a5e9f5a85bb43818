// The charts panel: planned (bars) and cumulative (line) land supply, starts, completions and output per
// year, for the county, by zone or by park, from /api/plan/yearly, with the actual figures beside them
// where they exist (issue 12): actual bars hollow and hatched, the actual cumulative a dashed line with
// diamonds. ECharts (npm, bundled; only the modules used) with a dark big-screen theme lives in
// web/ui/briefing/echarts.js, a chunk of its own fetched the first time a chart is shown, so a planner
// who never opens one never downloads it. A year without a figure (the plan's "—", or no actual
// entered) is a gap, never 0, and never interpolated.
import { T } from './strings.js';
import { h, fill } from '../dom.js';

export const MEASURES = ['supply', 'start', 'completion', 'output'];
const GROUPS = ['all', 'zone', 'park'];

export class Charts {
  constructor(ctx, series, zoneColors) {
    this.ctx = ctx;
    this.series = series; // { all: [...], zone: [...], park: [...] }
    this.zoneColors = zoneColors;
    this.measure = 'supply';
    this.group = 'all';
    this.year = null;
    this.chartEl = h('div', { class: 'brf-chart', id: 'brf-chart', role: 'img' });
    this.controls = h('div', { class: 'brf-chart-controls' });
    this.note = h('p', { class: 'brf-muted brf-chart-note' });
    this.el = h('section', { class: 'brf-charts', id: 'brf-charts' }, this.controls, this.chartEl, this.note);
    this.chart = null;
    this.loading = null; // the ECharts chunk on its way
  }

  /**
   * ensure starts ECharts once the panel is in the document and has a size: the first call fetches
   * the ECharts chunk, and the chart draws when it has arrived. Until then render() fills in the
   * controls and the note only.
   */
  ensure() {
    if (!this.chart && !this.loading) {
      this.loading = import('./echarts.js').then(({ initChart }) => {
        this.chart = initChart(this.chartEl);
        new ResizeObserver(() => this.chart?.resize()).observe(this.chartEl);
        this.render();
      }).catch((err) => {
        this.loading = null; // a later ensure() tries again
        this.ctx.debug.errors.push(`charts: ${err.message}`);
      });
    }
    this.render();
  }

  setLang() {
    this.render();
  }

  /** showIn moves the panel into slot (the presentation's panel) with the given settings. */
  showIn(slot, opts) {
    if (!slot) return;
    slot.append(this.el);
    this.el.hidden = false;
    Object.assign(this, opts);
    this.ensure();
    this.chart?.resize();
  }

  /** home puts the panel back in its dock. */
  home() {
    if (this.homeEl && this.el.parentNode !== this.homeEl) {
      this.homeEl.append(this.el);
      this.chart?.resize();
    }
  }

  set(opts) {
    Object.assign(this, opts);
    this.render();
  }

  renderControls() {
    const seg = (items, current, key, labels) => h('div', { class: 'brf-seg', role: 'group' },
      items.map((v) => h('button', {
        type: 'button', class: v === current ? 'on' : '', 'aria-pressed': String(v === current), dataset: { [key]: v },
        onclick: () => this.set({ [key]: v }),
      }, labels[v])));
    fill(this.controls,
      seg(MEASURES, this.measure, 'measure', { supply: T('supply'), start: T('start'), completion: T('completion'), output: T('output') }),
      seg(GROUPS, this.group, 'group', { all: T('county'), zone: T('byZone'), park: T('byPark') }));
  }

  option() {
    const list = (this.series[this.group] || []).filter((s) => s.measure === this.measure);
    const years = (list[0]?.years || [2018, 2019, 2020, 2021, 2022]).map(String);
    const unit = list[0]?.unit || '';
    const out = [];
    const nameOf = (s) => (this.group === 'all' ? T('county') : s.name);
    const actualColor = '#ffffff';
    for (const s of list) {
      const color = this.group === 'zone' ? this.zoneColors[s.key] : undefined;
      const hasActual = s.actual_measure && s.actual?.some((x) => x != null);
      out.push({
        name: `${nameOf(s)} ${T('planned')}`, type: 'bar', data: s.planned, id: `${s.key}-planned`,
        stack: this.group === 'park' ? 'planned' : undefined, itemStyle: color ? { color } : undefined,
        barMaxWidth: 38,
      });
      if (s.cumulative && this.group !== 'park') {
        out.push({
          name: `${nameOf(s)} ${T('cumulative')}`, type: 'line', data: s.cumulative, id: `${s.key}-cumulative`,
          connectNulls: false, symbolSize: 8, lineStyle: { width: 3 }, itemStyle: color ? { color } : undefined,
        });
      }
      if (!hasActual) continue;
      const edge = color || actualColor;
      out.push({
        name: `${nameOf(s)} ${T('actual')}`, type: 'bar', data: s.actual, id: `${s.key}-actual`,
        stack: this.group === 'park' ? 'actual' : undefined, barMaxWidth: 38,
        itemStyle: { color: 'rgba(255,255,255,0.08)', borderColor: edge, borderWidth: 2, borderType: 'solid',
          decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4, color: edge } },
      });
      if (s.actual_cumulative && this.group !== 'park') {
        out.push({
          name: `${nameOf(s)} ${T('actualCumulative')}`, type: 'line', data: s.actual_cumulative, id: `${s.key}-actual-cumulative`,
          connectNulls: false, symbol: 'diamond', symbolSize: 11, lineStyle: { width: 2, type: 'dashed', color: edge }, itemStyle: { color: edge },
        });
      }
    }
    if (this.year && out.length) {
      out[0].markLine = { silent: true, symbol: 'none', lineStyle: { color: '#ffffff', type: 'dashed' }, label: { color: '#fff' },
        data: [{ xAxis: String(this.year) }] };
    }
    return {
      animationDuration: 300,
      title: { text: `${T(this.measure)}（${unit}）`, left: 8, top: 4, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0, textStyle: { fontSize: 11 } },
      grid: { left: 56, right: 16, top: 36, bottom: this.group === 'park' ? 64 : 48 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: unit },
      series: out,
    };
  }

  render() {
    this.renderControls();
    const any = Object.values(this.series).flat().some((s) => s.actual?.some((x) => x != null));
    this.note.textContent = `${T('noFigure')} · ${T(any ? 'planNoteActual' : 'planNote')}`;
    this.chartEl.setAttribute('aria-label', `${T('charts')}: ${T(this.measure)}`);
    this.chart?.setOption(this.option(), { notMerge: true });
  }
}
