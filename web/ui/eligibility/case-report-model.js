// The case report's pure parts (issue 12): the map's ground resolution, a scale bar of a round length,
// the paper scale of the printed map and where the report's shapes come from. No DOM, so that node
// tests them (web/ui/test/case-report.test.mjs).

const EARTH_CIRCUMFERENCE = 40075016.686; // metres at the equator, as Web Mercator has it
const CSS_PIXEL_METRES = 0.0254 / 96; // one CSS pixel on paper

/** metresPerPixel is the ground length of one CSS pixel of a MapLibre map (512-pixel tiles) at lat and zoom. */
export function metresPerPixel(lat, zoom) {
  return (EARTH_CIRCUMFERENCE * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/** niceScale is the longest round length (1, 2 or 5 × 10ⁿ metres) whose bar fits in maxPixels. */
export function niceScale(mpp, maxPixels) {
  const most = mpp * maxPixels;
  let metres = 1;
  for (let p = 10 ** Math.floor(Math.log10(most)); p >= 1e-3; p /= 10) {
    const m = [5, 2, 1].map((k) => k * p).find((x) => x <= most);
    if (m) { metres = m; break; }
  }
  return { metres, pixels: metres / mpp };
}

/** paperScale is N of the printed map's scale 1:N, to two significant figures. */
export function paperScale(mpp) {
  const n = mpp / CSS_PIXEL_METRES;
  const mag = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / mag) * mag;
}

/**
 * provenanceOf says where the report's shapes come from: the registered parcel's and the overlapped
 * features' provenance, all 'real', all 'illustrative' or 'mixed'; 'submitted' when the shape was
 * drawn or uploaded by the reviewer and overlaps no recorded feature.
 */
export function provenanceOf(facts = {}) {
  const kinds = [facts.parcel?.provenance, ...(facts.overlap_parks || []).map((o) => o.provenance),
    ...(facts.overlap_redevelopment || []).map((o) => o.provenance)].filter(Boolean);
  if (!kinds.length) return { kind: 'submitted' };
  if (kinds.every((k) => k === 'real')) return { kind: 'real' };
  if (kinds.every((k) => k !== 'real')) return { kind: 'illustrative' };
  return { kind: 'mixed', detail: `${kinds.filter((k) => k === 'real').length}/${kinds.length}` };
}
