// Drawing a polygon on the map: click vertices, double-click or Enter to finish, Escape to cancel,
// and from the keyboard a button adds the map centre. Draws into its own GeoJSON source.
import { addSketchLayers } from '../sketch.js';
const SRC = 'elig-draw';
const EMPTY = { type: 'FeatureCollection', features: [] };

export class DrawTool {
  constructor(map, { onChange, onFinish, onCancel }) {
    this.map = map;
    this.onChange = onChange;
    this.onFinish = onFinish;
    this.onCancel = onCancel;
    this.active = false;
    this.points = [];
    this.onClick = this.onClick.bind(this);
    this.onDblClick = this.onDblClick.bind(this);
    this.onKey = this.onKey.bind(this);
  }

  ensureLayers() {
    addSketchLayers(this.map, SRC, 'elig-draw', EMPTY, { color: '#d4380d', lineWidth: 2 });
  }

  start() {
    if (this.active) return;
    this.ensureLayers();
    this.active = true;
    this.points = [];
    this.map.doubleClickZoom.disable();
    this.map.getCanvas().classList.add('measuring');
    this.map.on('click', this.onClick);
    this.map.on('dblclick', this.onDblClick);
    document.addEventListener('keydown', this.onKey);
    this.update();
  }

  stop() {
    if (!this.active) return;
    this.active = false;
    this.map.getCanvas().classList.remove('measuring');
    this.map.off('click', this.onClick);
    this.map.off('dblclick', this.onDblClick);
    document.removeEventListener('keydown', this.onKey);
    // The second click of a finishing double-click must not zoom: zoom comes back a moment later.
    setTimeout(() => this.map.doubleClickZoom.enable(), 400);
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

  onClick(e) { this.add(e.lngLat); }

  onDblClick(e) {
    e.preventDefault();
    this.finish();
  }

  finish() {
    if (this.points.length < 3) return;
    const ring = [...this.points, this.points[0]];
    this.stop();
    this.onFinish({ type: 'Polygon', coordinates: [ring] });
  }

  cancel() {
    this.stop();
    this.onCancel?.();
  }

  onKey(e) {
    const typing = e.target.closest?.('input, select, textarea');
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.cancel();
    } else if (e.key === 'Enter' && !typing && !e.target.closest?.('button')) {
      e.preventDefault();
      this.finish();
    }
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
