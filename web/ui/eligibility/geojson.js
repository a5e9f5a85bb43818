// Reading an uploaded GeoJSON: the geometry of a Polygon/MultiPolygon Feature or geometry, or of a
// FeatureCollection's first polygon feature. Pure: no DOM.
export const CRS = ['EPSG:4326', 'GCJ02', 'EPSG:4528', 'EPSG:4549'];

/** firstPolygon returns the first Polygon or MultiPolygon geometry in a parsed GeoJSON object, or null. */
export function firstPolygon(obj) {
  if (!obj || typeof obj !== 'object') return null;
  if (obj.type === 'Polygon' || obj.type === 'MultiPolygon') return obj;
  if (obj.type === 'Feature') return firstPolygon(obj.geometry);
  if (obj.type === 'FeatureCollection' && Array.isArray(obj.features)) {
    for (const f of obj.features) {
      const g = firstPolygon(f);
      if (g) return g;
    }
  }
  if (obj.type === 'GeometryCollection' && Array.isArray(obj.geometries)) {
    for (const g of obj.geometries) {
      const p = firstPolygon(g);
      if (p) return p;
    }
  }
  return null;
}

/** crsOf guesses a file's CRS from its legacy "crs" member (EPSG:4528 / 4549), else null. */
export function crsOf(obj) {
  const name = obj?.crs?.properties?.name || '';
  const m = /EPSG:*:?(\d{4,5})/i.exec(name);
  if (m && CRS.includes(`EPSG:${m[1]}`)) return `EPSG:${m[1]}`;
  return null;
}
