// Presentation mode: the map full screen in large type; ← and → step through the briefing of
// /api/briefing (data/briefing/steps.json), Escape leaves. Each step sets the view, the layers, the
// highlighted parks, the timeline year and the panel. It is the page's 'present' mode (../modes.js):
// P enters it from any other mode (switching that tool off), its arrows step, Escape (the mode owner's)
// leaves it, and a click on the map opens no park card while presenting.
import { T } from './strings.js';
import { h, fill, fmt } from '../dom.js';
import { GROUP_LAYERS } from '../style.js';
import { actualText, rateText, metText, actualTitle } from './actuals.js';

function bboxOf(geoms) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]);
    } else c.forEach(walk);
  };
  for (const g of geoms) walk(g.coordinates);
  return [[minX, minY], [maxX, maxY]];
}

export class Presenter {
  constructor(ctx, { steps, timeline, charts, redev, progress }) {
    Object.assign(this, { ctx, steps, timeline, charts, redev, progress });
    this.index = -1;
    this.panel = h('section', { class: 'brf-present-panel', id: 'brf-present', 'aria-live': 'polite' });
    this.panel.hidden = true;
    ctx.ui.mapWrap.append(this.panel);
    this.savedVisibility = null;
    ctx.modes.register('present', {
      enter: (i) => this.begin(i ?? 0),
      leave: () => this.end(),
      key: (e, info) => this.onKey(e, info),
    });
    ctx.modes.shortcut('p', 'present');
  }

  /** start enters the present mode at step i, or goes to step i when already presenting. */
  start(i = 0) {
    if (!this.ctx.modes.enter('present', i)) this.go(i);
  }

  stop() {
    this.ctx.modes.leave('present');
  }

  /** onKey: → PageDown Space step on, ← PageUp back; stopped so that MapLibre's arrows do not pan. */
  onKey(e, { typing, modified }) {
    if (typing || modified) return false;
    let step = 0;
    if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') step = 1;
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') step = -1;
    if (!step) return false;
    e.preventDefault();
    e.stopPropagation();
    if (step > 0) this.next(); else this.prev();
    return true;
  }

  get on() {
    return this.index >= 0;
  }

  begin(i) {
    const { map } = this.ctx;
    if (!this.on) {
      this.savedVisibility = Object.fromEntries(Object.values(GROUP_LAYERS).flat()
        .filter((l) => map.getLayer(l)).map((l) => [l, map.getLayoutProperty(l, 'visibility') || 'visible']));
      document.body.classList.add('brf-presenting');
      const fs = document.documentElement.requestFullscreen?.();
      fs?.catch?.(() => {}); // not allowed (no user gesture, or an iframe): the page fills the window anyway
    }
    this.go(i);
  }

  end() {
    if (!this.on) return;
    const { map } = this.ctx;
    this.index = -1;
    this.panel.hidden = true;
    document.body.classList.remove('brf-presenting');
    for (const [l, v] of Object.entries(this.savedVisibility || {})) if (map.getLayer(l)) map.setLayoutProperty(l, 'visibility', v);
    for (const l of ['parks-selected-line', 'parks-selected-circle']) map.setFilter(l, ['==', ['get', 'id'], this.ctx.state.park || '']);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    this.charts.home();
    setTimeout(() => map.resize(), 50);
  }

  next() { if (this.on) this.go(Math.min(this.steps.length - 1, this.index + 1)); }
  prev() { if (this.on) this.go(Math.max(0, this.index - 1)); }

  go(i) {
    const step = this.steps[i];
    if (!step) return;
    this.index = i;
    const { map, parks, features, data } = this.ctx;
    map.resize();
    // Layers: a layer shows when each of its groups (other than labels) is in the step's list.
    const groups = new Set(step.layers || []);
    for (const layer of new Set(Object.values(GROUP_LAYERS).flat())) {
      const of = Object.entries(GROUP_LAYERS).filter(([g, ls]) => g !== 'labels' && ls.includes(layer)).map(([g]) => g);
      if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', of.every((g) => groups.has(g)) ? 'visible' : 'none');
    }
    const zoneParks = step.zone ? parks.filter((p) => p.zone === step.zone).map((p) => p.id) : [];
    for (const l of ['parks-selected-line', 'parks-selected-circle']) map.setFilter(l, ['in', ['get', 'id'], ['literal', zoneParks]]);
    if (step.year) this.timeline.setYear(step.year);
    const padding = { top: 80, bottom: 80, left: 80, right: 720 };
    if (Array.isArray(step.view)) map.flyTo({ center: [step.view[0], step.view[1]], zoom: step.view[2], duration: 1200 });
    else if (step.view === 'county') map.fitBounds(data.tj.bounds, { padding, duration: 1200 });
    else if (String(step.view).startsWith('zone:')) {
      const id = step.view.slice(5);
      const geoms = parks.filter((p) => p.zone === id).map((p) => features.get(p.id).geometry);
      const zone = data.zones.find((z) => z.properties.id === id);
      map.fitBounds(bboxOf(geoms.length ? geoms : [zone.geometry]), { padding, maxZoom: 13, duration: 1200 });
    }
    this.render();
  }

  render() {
    if (!this.on) return;
    const l = this.ctx.lang();
    const step = this.steps[this.index];
    const en = l === 'en';
    const body = this.panelBody(step, l);
    fill(this.panel,
      h('div', { class: 'brf-present-head' },
        h('span', { class: 'brf-step-no', id: 'brf-step-no' }, T('step', { i: this.index + 1, n: this.steps.length })),
        h('div', { class: 'brf-present-nav' },
          h('button', { type: 'button', onclick: () => this.prev(), disabled: this.index === 0, 'aria-label': T('prev') }, '←'),
          h('button', { type: 'button', onclick: () => this.next(), disabled: this.index === this.steps.length - 1, 'aria-label': T('next') }, '→'),
          h('button', { type: 'button', onclick: () => this.stop() }, T('exit')))),
      h('h2', { id: 'brf-step-title', dataset: { step: step.id } }, en ? step.title_en : step.title_zh),
      h('p', { class: 'brf-step-text' }, en ? step.text_en : step.text_zh),
      body,
      h('p', { class: 'brf-muted' }, `${T(this.timeline.hasActual ? 'planNoteActual' : 'planNote')} · ${step.year || ''}`));
    this.panel.hidden = false;
    if (step.panel === 'supply') this.charts.showIn(this.panel.querySelector('.brf-chart-slot'), { measure: 'supply', group: 'all', year: step.year });
    else this.charts.home();
  }

  panelBody(step, l) {
    const figs = (ps) => {
      const s = { parks: 0, mu: 0, wan: 0, firms: 0 };
      for (const p of ps) {
        s.parks += p.counts_as_parks ?? 1;
        s.mu += p.plan_area_mu ?? 0;
        s.wan += p.building_area_wan_m2 ?? 0;
        s.firms += p.firms ?? 0;
      }
      const fig = (k, label, v, unit, d) => h('div', { class: 'brf-fig', dataset: { field: k, value: v } },
        h('span', { class: 'brf-fig-label' }, label), h('b', null, fmt(v, d, l)), h('span', null, unit));
      return h('div', { class: 'brf-figs' },
        fig('parks', T('figParks'), s.parks, T('unitParks'), 0), fig('mu', T('figMu'), s.mu, T('unitMu'), 1),
        fig('wan', T('figWan'), s.wan, T('unitWan'), 2), fig('firms', T('figFirms'), s.firms, T('unitFirms'), 0));
    };
    const { parks } = this.ctx;
    switch (step.panel) {
      case 'zone': {
        const ps = parks.filter((p) => p.zone === step.zone);
        return h('div', null, figs(ps), h('ul', { class: 'brf-park-names' }, ps.map((p) => h('li', null, p.name))));
      }
      case 'supply':
        return h('div', { class: 'brf-chart-slot' });
      case 'redevelopment': {
        const r = this.redev();
        if (!r) return h('p', null, '…');
        return h('div', { class: 'brf-figs' },
          h('div', { class: 'brf-fig', dataset: { field: 'redev', value: 3447.19 } }, h('span', { class: 'brf-fig-label' }, T('redevTotal')), h('b', null, fmt(3447.19, 2, l)), h('span', null, '亩')),
          h('div', { class: 'brf-fig', dataset: { field: 'old', value: r.oldShare } }, h('span', { class: 'brf-fig-label' }, T('redevOld')),
            h('b', null, `${fmt(r.oldShare * 100, 1, l)}%`), h('span', null, `${fmt(r.old, 1, l)} / ${fmt(r.total, 1, l)} 亩 · ${r.n} ${T('redevAreas')}`)));
      }
      case 'targets': {
        const prog = this.progress(step.year);
        return h('div', null, targetsTable(prog, l), indicatorsLine(prog, l));
      }
      default:
        return figs(parks);
    }
  }
}

/** targetsTable is the /api/progress table: target, baseline, plan path, 2022 target, the actual
 * (from the parks' entered figures; "no data" where none), the completion rate and whether the 2022
 * target was met. */
export function targetsTable(prog, l, limit = Infinity) {
  if (!prog) return h('p', null, '…');
  const en = l === 'en';
  const nd = T('noData');
  const v = (x, unit) => (x == null ? nd : `${fmt(x, 2, l)} ${unit || ''}`);
  const words = { met: T('met'), notMet: T('notMet'), notDue: T('notDue'), noData: nd };
  const heads = [T('thTarget'), T('thBaseline'), T('thPlanned'), T('thGoal'), T('thActual'), T('thRate'), T('thMet'), T('thClause')];
  return h('table', { class: 'brf-targets', id: 'brf-targets' },
    h('thead', null, h('tr', null, heads.map((x) => h('th', null, x)))),
    h('tbody', null, prog.targets.slice(0, limit).map((t) => h('tr', { dataset: { id: t.id } },
      h('td', null, en ? t.name_en : t.name_zh), h('td', null, v(t.baseline, t.unit)), h('td', null, v(t.planned, t.unit)),
      h('td', null, `${t.comparator === '>=' ? '≥ ' : ''}${v(t.target, t.unit)}`),
      h('td', { class: t.actual == null ? 'brf-nodata brf-actual' : 'brf-actual', title: actualTitle(t), dataset: { value: t.actual ?? '' } }, actualText(t, l, nd)),
      h('td', { class: t.completion_rate == null ? 'brf-nodata brf-rate' : 'brf-rate', dataset: { value: t.completion_rate ?? '' } }, rateText(t, l, nd)),
      h('td', { class: `brf-met brf-met-${t.target_met == null ? 'none' : t.target_met}` }, metText(t, prog.year, words)),
      h('td', null, t.clause)))));
}

/** indicatorsLine lists the year's derived indicators (亩均税收, 亩均产值, output per 万㎡): each with
 * the parks it rests on, or "no data". */
export function indicatorsLine(prog, l) {
  if (!prog?.indicators) return null;
  const en = l === 'en';
  return h('p', { class: 'brf-indicators', id: 'brf-indicators' }, `${T('indicators', { y: prog.year })}：`,
    prog.indicators.map((i) => h('span', { class: 'brf-indicator', dataset: { id: i.id, value: i.value ?? '' }, title: i.basis },
      `${en ? i.name_en : i.name_zh} `, h('b', null, i.value == null ? T('noData') : fmt(i.value, 2, l)),
      i.value == null ? '' : ` ${i.unit}${T('indicatorParks', { n: i.parks })}`)));
}
