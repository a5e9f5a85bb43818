// The checked polygon and what it overlaps (parks, redevelopment areas, constraint areas), drawn from
// a GeoJSON source of their own geometries, fetched from the public API by the facts' ids.
import { getJSON } from '../api.js';

const SRC = 'elig-result';
const EMPTY = { type: 'FeatureCollection', features: [] };
const COLORS = { checked: '#d4380d', parks: '#722ed1', redevelopment: '#d48806', constraints: '#cf1322' };

export function ensureOverlay(map) {
  if (map.getSource(SRC)) return;
  map.addSource(SRC, { type: 'geojson', data: EMPTY });
  const color = ['match', ['get', 'role'], 'parks', COLORS.parks, 'redevelopment', COLORS.redevelopment, 'constraints', COLORS.constraints, COLORS.checked];
  map.addLayer({ id: 'elig-overlap-fill', type: 'fill', source: SRC, filter: ['!=', ['get', 'role'], 'checked'],
    paint: { 'fill-color': color, 'fill-opacity': 0.3 } });
  map.addLayer({ id: 'elig-checked-fill', type: 'fill', source: SRC, filter: ['==', ['get', 'role'], 'checked'],
    paint: { 'fill-color': COLORS.checked, 'fill-opacity': 0.2 } });
  map.addLayer({ id: 'elig-result-line', type: 'line', source: SRC,
    paint: { 'line-color': color, 'line-width': ['match', ['get', 'role'], 'checked', 3, 2] } });
}

export const overlayColors = COLORS;

/** overlapIds lists [collection, id] of every feature the facts say the shape overlaps. */
export function overlapIds(facts) {
  const out = [];
  for (const o of facts.overlap_parks || []) out.push(['parks', o.id]);
  for (const o of facts.overlap_redevelopment || []) out.push(['redevelopment', o.id]);
  for (const c of facts.constraints || []) for (const a of c.areas || []) out.push(['constraints', a.id]);
  return out;
}

/** showResult draws the checked geometry and fetches and draws its overlaps; returns all features. */
export async function showResult(map, checked, facts) {
  ensureOverlay(map);
  const features = [];
  if (checked) features.push({ type: 'Feature', properties: { role: 'checked' }, geometry: checked });
  const got = await Promise.all(overlapIds(facts).map(([coll, id]) =>
    getJSON(`collections/${coll}/items/${encodeURIComponent(id)}`).then((f) => ({ ...f, properties: { role: coll, id } })).catch(() => null)));
  for (const f of got) if (f?.geometry) features.push(f);
  map.getSource(SRC).setData({ type: 'FeatureCollection', features });
  return features;
}

export function clearResult(map) {
  map.getSource(SRC)?.setData(EMPTY);
}
