// Drawing a polygon on the map: click vertices, double-click or Enter to finish, Escape to cancel,
// and from the keyboard a button adds the map centre. Draws into its own GeoJSON source. It is the
// page's 'draw' mode (../modes.js): it gets the map's clicks and the page's keys only while drawing,
// so a click on a park adds a vertex and does not open the park's card, and starting another tool
// (measuring) ends the drawing.
import { addSketchLayers } from '../sketch.js';
const SRC = 'elig-draw';
const EMPTY = { type: 'FeatureCollection', features: [] };

export class DrawTool {
  /** onChange(points) while drawing; onFinish(polygon); onLeave(next mode) once drawing has stopped. */
  constructor(map, modes, { onChange, onFinish, onLeave }) {
    this.map = map;
    this.modes = modes;
    this.onChange = onChange;
    this.onFinish = onFinish;
    this.onLeave = onLeave;
    this.active = false;
    this.points = [];
    modes.register('draw', {
      enter: () => this.begin(),
      leave: (next) => {
        this.end();
        this.onLeave?.(next);
      },
      click: (e) => this.add(e.lngLat),
      dblclick: (e) => {
        e.preventDefault();
        this.finish();
      },
      key: (e, info) => this.onKey(e, info),
    });
  }

  ensureLayers() {
    addSketchLayers(this.map, SRC, 'elig-draw', EMPTY, { color: '#d4380d', lineWidth: 2 });
  }

  /** start enters the draw mode (leaving any other tool); stop and cancel return to browsing. */
  start() {
    this.modes.enter('draw');
  }

  stop() {
    this.modes.leave('draw');
  }

  cancel() {
    this.stop();
  }

  begin() {
    if (this.active) return;
    this.ensureLayers();
    this.active = true;
    this.points = [];
    this.map.doubleClickZoom.disable();
    this.map.getCanvas().classList.add('measuring');
    this.update();
  }

  end() {
    if (!this.active) return;
    this.active = false;
    this.map.getCanvas().classList.remove('measuring');
    // The second click of a finishing double-click must not zoom: zoom comes back a moment later,
    // unless the measuring tool, which needs it off too, has been started in the meantime.
    setTimeout(() => { if (!this.modes.is('draw') && !this.modes.is('measure')) this.map.doubleClickZoom.enable(); }, 400);
    this.points = [];
    this.update();
  }

  add(lngLat) {
    const p = [lngLat.lng, lngLat.lat];
    const last = this.points[this.points.length - 1];
    if (last) {
      const a = this.map.project(last), b = this.map.project(p);
      if (Math.hypot(a.x - b.x, a.y - b.y) < 4) return;
    }
    this.points.push(p);
    this.update();
  }

  finish() {
    if (this.points.length < 3) return;
    const ring = [...this.points, this.points[0]];
    this.stop();
    this.onFinish({ type: 'Polygon', coordinates: [ring] });
  }

  /** onKey: Enter finishes (Escape is the mode owner's: it leaves the mode, which cancels). */
  onKey(e, { typing }) {
    if (e.key !== 'Enter' || typing || e.target.closest?.('button')) return false;
    e.preventDefault();
    this.finish();
    return true;
  }

  update() {
    const src = this.map.getSource(SRC);
    if (src) {
      const pts = this.points;
      const fs = pts.map((p) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } }));
      if (pts.length >= 2) fs.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [...pts, pts[0]] } });
      if (pts.length >= 3) fs.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...pts, pts[0]]] } });
      src.setData({ type: 'FeatureCollection', features: fs });
    }
    this.onChange?.(this.points.length);
  }
}
