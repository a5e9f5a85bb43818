// The measuring tool: distance along the clicked points and the area they enclose, both geodesic on the
// WGS84 ellipsoid (geodesy.js), the area in 亩 as planners count land. Keyboard: a button adds the map
// centre as a point, Enter finishes, Backspace undoes, Escape leaves. It is the page's 'measure' mode
// (modes.js): it gets the map's clicks and the page's keys only while that mode is active, and starting
// another tool switches it off.
import { h, fmt, fill } from './dom.js';
import { t, lang } from './i18n.js';
import { lineLength, ringArea, toMu } from './geodesy.js';
import { addSketchLayers } from './sketch.js';

const SRC = 'measure';
const EMPTY = { type: 'FeatureCollection', features: [] };

/** formatDistance shows metres below 1 km, kilometres above. */
export function formatDistance(m, l = 'zh') {
  return m < 1000 ? `${fmt(m, 0, l)} m` : `${fmt(m / 1000, 3, l)} km`;
}

/** MeasureControl is the map control of the measuring tool, and the handler of the 'measure' mode. */
export class MeasureControl {
  constructor(modes) {
    this.modes = modes;
    this.active = false;
    this.done = false;
    this.points = [];
    modes.register('measure', {
      enter: () => this.begin(),
      leave: (next) => this.end(next),
      click: (e) => this.add(e.lngLat),
      dblclick: (e) => {
        e.preventDefault();
        this.finish();
      },
      key: (e, info) => this.onKey(e, info),
    });
  }

  onAdd(map) {
    this.map = map;
    this.el = h('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group measure-ctrl' });
    this.render();
    return this.el;
  }

  onRemove() {
    this.stop();
    this.el.remove();
  }

  ensureLayers() {
    addSketchLayers(this.map, SRC, 'measure', EMPTY, { color: '#0050b3', lineWidth: 2.5 });
  }

  /** start enters the measure mode (leaving any other tool); stop returns to browsing. */
  start() {
    this.modes.enter('measure');
  }

  stop() {
    this.modes.leave('measure');
  }

  begin() {
    if (this.active) return;
    this.active = true;
    this.done = false;
    this.points = [];
    this.ensureLayers();
    this.map.doubleClickZoom.disable();
    this.map.getCanvas().classList.add('measuring');
    this.update();
  }

  end(next) {
    if (!this.active) return;
    this.active = false;
    this.map.doubleClickZoom.enable();
    this.map.getCanvas().classList.remove('measuring');
    this.points = [];
    this.update();
    // Back to browsing, the focus goes back to the tool's button; another tool keeps the focus it took.
    if (next === 'browse') this.el.querySelector('.measure-toggle')?.focus();
  }

  add(lngLat) {
    if (this.done) {
      this.points = [];
      this.done = false;
    }
    const p = [lngLat.lng, lngLat.lat];
    const last = this.points[this.points.length - 1];
    if (last) {
      // The two clicks of a double-click land on the same pixel: one point, not two.
      const a = this.map.project(last), b = this.map.project(p);
      if (Math.hypot(a.x - b.x, a.y - b.y) < 4) return;
    }
    this.points.push(p);
    this.update();
  }

  finish() {
    this.done = this.points.length > 0;
    this.update();
  }

  undo() {
    this.done = false;
    this.points.pop();
    this.update();
  }

  /** onKey: Enter finishes, Backspace undoes (Escape is the mode owner's: it leaves the mode). */
  onKey(e, { typing }) {
    if (e.key === 'Enter' && !typing && !e.target.closest?.('button')) {
      this.finish();
      return true;
    }
    if (e.key === 'Backspace' && !typing) {
      e.preventDefault();
      this.undo();
      return true;
    }
    return false;
  }

  /** result returns {distance (m), area (m²) or null} of the points so far. */
  result() {
    const pts = this.points;
    return { distance: lineLength(pts), area: pts.length >= 3 ? ringArea(pts) : null, points: pts.length };
  }

  update() {
    const src = this.map?.getSource(SRC);
    if (src) {
      const pts = this.points;
      const features = pts.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } }));
      if (pts.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: pts } });
      if (pts.length >= 3) {
        features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...pts, pts[0]]] } });
      }
      src.setData({ type: 'FeatureCollection', features });
    }
    this.render();
  }

  render() {
    if (!this.el) return;
    const l = lang();
    const toggle = h('button', {
      type: 'button', class: ['measure-toggle', this.active ? 'active' : ''], 'aria-pressed': String(this.active),
      title: t('measure.title'), onclick: () => (this.active ? this.stop() : this.start()),
    }, t('measure.button'));
    if (!this.active) {
      fill(this.el, toggle);
      return;
    }
    const r = this.result();
    const out = r.points === 0 ? h('p', { class: 'muted' }, t('measure.none')) : h('dl', { class: 'measure-out' },
      h('dt', null, t('measure.distance')), h('dd', { id: 'measure-distance', dataset: { value: r.distance } }, formatDistance(r.distance, l)),
      r.area == null ? null : [
        h('dt', null, t('measure.area')),
        h('dd', { id: 'measure-area', dataset: { value: r.area } },
          h('strong', null, `${fmt(toMu(r.area), 2, l)} 亩`),
          ` = ${fmt(r.area, 0, l)} m²${r.area >= 1e6 ? ` = ${fmt(r.area / 1e6, 3, l)} km²` : ''}`),
      ]);
    const btn = (text, onclick, disabled) => h('button', { type: 'button', class: 'text-button', onclick, disabled }, text);
    fill(this.el, toggle, h('div', { class: 'measure-panel', 'aria-live': 'polite' },
      h('p', { class: 'hint' }, t('measure.hint')),
      out,
      h('div', { class: 'buttons' },
        btn(t('measure.addCenter'), () => this.add(this.map.getCenter())),
        btn(t('measure.undo'), () => this.undo(), this.points.length === 0),
        btn(t('measure.finish'), () => this.finish(), this.points.length === 0),
        btn(t('measure.clear'), () => { this.points = []; this.done = false; this.update(); }, this.points.length === 0),
        btn(t('measure.close'), () => this.stop()))));
  }
}
