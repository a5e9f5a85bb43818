// The layers of a sketch drawn on the map (the measuring tool, the eligibility drawing): one GeoJSON
// source holding the polygon, the line and the vertices, each drawn by its own layer in one colour.
export function addSketchLayers(map, source, prefix, data, { color, lineWidth = 2 }) {
  if (map.getSource(source)) return;
  map.addSource(source, { type: 'geojson', data });
  map.addLayer({ id: `${prefix}-fill`, type: 'fill', source, filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': color, 'fill-opacity': 0.15 } });
  map.addLayer({ id: `${prefix}-line`, type: 'line', source, filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': color, 'line-width': lineWidth, 'line-dasharray': [2, 1] } });
  map.addLayer({ id: `${prefix}-point`, type: 'circle', source, filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': '#ffffff', 'circle-radius': 4, 'circle-stroke-color': color, 'circle-stroke-width': 2 } });
}
