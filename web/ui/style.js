// The MapLibre style: the project's own basemap (a plain background, the county, the zones) and the plan's
// layers, all from parkmap's vector tiles (or from their PMTiles snapshot, serve -tiles-archive); Tianditu
// raster tiles only when the server is configured for them. No glyphs URL: MapLibre draws every label
// locally with the system's fonts.

/** FONT_FAMILY is the local font stack for Chinese labels (MapLibre's localIdeographFontFamily). */
export const FONT_FAMILY =
  "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', sans-serif";

/** STATUS_COLORS colour parks by their status (ColorBrewer Set1, away from the zones' hues); 已认定, a
 * status only an edit gives, in a dark cyan that none of the zones or the other statuses is near. */
export const STATUS_COLORS = { 已竣工: '#984ea3', 在建: '#ff7f00', 新建: '#a65628', 拟建: '#f781bf', 已认定: '#00838f' };
/** GRADE_COLORS colour parks by their latest evaluation grade (绩效评价 A–D, ColorBrewer RdYlBu: blue
 * for A to red for D, told apart by people with red-green colour blindness too); NO_GRADE_COLOR, a
 * neutral grey, is every park without a known grade (无数据: not evaluated, or graded by a notice that
 * does not name it), never a grade guessed. */
export const GRADE_COLORS = { A: '#2c7bb6', B: '#abd9e9', C: '#fdae61', D: '#d7191c' };
export const NO_GRADE_COLOR = '#bdbdbd';
/** YEAR_COLORS colour land-supply parcels by planned supply year (viridis). */
export const YEAR_COLORS = { 2018: '#440154', 2019: '#3b528b', 2020: '#21918c', 2021: '#5ec962', 2022: '#fde725' };
/** REDEV_COLORS tell old factories from the other low-efficiency land. */
export const REDEV_COLORS = { oldFactory: '#525252', other: '#bdbdbd' };
/** BASE_COLORS are the plain basemap's. */
export const BASE_COLORS = { background: '#dde7ee', land: '#f7f6f2', county: '#4d4d4d', town: '#333333' };
/** ZONE_FILL_OPACITY is the zones' tint; the browser test computes the rendered colours from it. */
export const ZONE_FILL_OPACITY = 0.18;
/** PARK_FILL_ZOOM is where parks turn from dots into their (illustrative) shapes. */
export const PARK_FILL_ZOOM = 11.5;

/** GROUP_LAYERS lists the map layers of each switchable group; a layer shows when all its groups are on. */
export const GROUP_LAYERS = {
  parks: ['parks-fill', 'parks-line', 'parks-circle', 'parks-label', 'parks-selected-line', 'parks-selected-circle'],
  zones: ['zones-fill', 'zones-line', 'zones-label'],
  parcels: ['parcels-overview', 'parcels-fill', 'parcels-line', 'parcels-label'],
  redevelopment: ['redevelopment-fill', 'redevelopment-line', 'redevelopment-label'],
  towns: ['towns-circle', 'towns-label'],
  county: ['county-line'],
  labels: ['parks-label', 'zones-label', 'towns-label', 'parcels-label', 'redevelopment-label'],
};

/** PARK_LAYERS are the layers a click or a query finds parks on. */
export const PARK_LAYERS = ['parks-fill', 'parks-circle'];

const SRC = 'parkmap';

/**
 * overviewColor shades an overview cell by its parcels per z13 cell's area: a cell of zoom z covers
 * 4^(13 - z) of those, so the same density has the same colour at every zoom.
 */
function overviewColor() {
  const stops = [];
  for (let z = 8; z <= 13; z++) {
    const k = 4 ** (13 - z);
    // A z13 cell is about 150 m across: 10 parcels in one is a dense cadastre.
    stops.push(z, ['interpolate', ['linear'], ['get', 'parcels'], 0.05 * k, '#fde0c5', k, '#f59e60', 4 * k, '#c2410c', 10 * k, '#7c2d12']);
  }
  return ['interpolate', ['linear'], ['zoom'], ...stops];
}

function match(prop, table, fallback) {
  const m = ['match', ['get', prop]];
  for (const [k, v] of Object.entries(table)) m.push(/^\d+$/.test(k) ? Number(k) : k, v);
  m.push(fallback);
  return m;
}

/** parkColor is the parks' colour expression for mode "status", "zone" (zone colours from the data) or
 * "grade" (the latest evaluation grade; a park with none is NO_GRADE_COLOR). */
export function parkColor(mode, zoneColors) {
  if (mode === 'grade') return match('evaluation_grade', GRADE_COLORS, NO_GRADE_COLOR);
  return mode === 'zone' ? match('zone', zoneColors, '#888888') : match('status', STATUS_COLORS, '#888888');
}

/** ZONE_COLOR is a zone's own colour, which its tile feature carries (the zones' color property), so the
 * style needs no data of its own: the published style (/styles/parkmap.json) is this same style. */
const ZONE_COLOR = ['coalesce', ['get', 'color'], '#cccccc'];

const label = (size, extra = {}) => ({
  'text-size': size,
  'text-max-width': 8,
  'text-allow-overlap': false,
  'text-padding': 2,
  ...extra,
});
const halo = (color = '#222222') => ({ 'text-color': color, 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.6 });

/**
 * buildStyle returns the style. tj is the TileJSON of /tiles/all.json; cfg is /ui/config.json;
 * archive, when the server names a tiles archive, is what archive.js openArchive read of it: the
 * vector tiles then come from it (pmtiles://), with its zooms (MapLibre overzooms past its maxzoom) and
 * an attribution that says it is a snapshot. zoneColors maps zone ids to their colours (for parks
 * coloured by zone); lang picks the zone labels' language. The build (build.mjs) also writes it out,
 * with no tiles, as the published style the server completes (web/handle_styles.go).
 */
export function buildStyle({ tj, cfg, archive, zoneColors, colorMode, lang }) {
  const tiles = archive
    ? { tiles: archive.tiles, minzoom: archive.minzoom, maxzoom: archive.maxzoom, bounds: archive.bounds, attribution: archive.attributionHTML }
    : { tiles: tj.tiles, minzoom: tj.minzoom ?? 0, maxzoom: Math.min(tj.maxzoom ?? 16, 16), bounds: tj.bounds, attribution: tj.attribution };
  const sources = {
    [SRC]: {
      type: 'vector',
      ...tiles,
      promoteId: {
        parks: 'id', parks_label: 'id', zones: 'id', zones_label: 'id', redevelopment: 'id',
        redevelopment_label: 'id', parcels: 'code', parcels_label: 'code', towns: 'code',
      },
    },
  };
  const tdt = cfg?.tianditu?.enabled ? cfg.tianditu : null;
  if (tdt) {
    for (const layer of ['vec', 'cva']) {
      sources[`tianditu-${layer}`] = { type: 'raster', tiles: tdt.tiles[layer], tileSize: 256, maxzoom: 18 };
    }
  }
  const raster = (id) => ({ id, type: 'raster', source: id, layout: { visibility: 'none' } });
  const layers = [
    { id: 'background', type: 'background', paint: { 'background-color': BASE_COLORS.background } },
    ...(tdt ? [raster('tianditu-vec')] : []),
    { id: 'county-fill', type: 'fill', source: SRC, 'source-layer': 'county', paint: { 'fill-color': BASE_COLORS.land } },
    {
      id: 'zones-fill', type: 'fill', source: SRC, 'source-layer': 'zones',
      paint: { 'fill-color': ZONE_COLOR, 'fill-opacity': ZONE_FILL_OPACITY },
    },
    {
      id: 'zones-line', type: 'line', source: SRC, 'source-layer': 'zones',
      paint: { 'line-color': ZONE_COLOR, 'line-width': 1.2, 'line-opacity': 0.7 },
    },
    {
      id: 'redevelopment-fill', type: 'fill', source: SRC, 'source-layer': 'redevelopment', minzoom: 9,
      paint: {
        'fill-color': ['case', ['==', ['get', 'old_factory'], true], REDEV_COLORS.oldFactory, REDEV_COLORS.other],
        'fill-opacity': 0.6,
      },
    },
    {
      id: 'redevelopment-line', type: 'line', source: SRC, 'source-layer': 'redevelopment', minzoom: 11,
      paint: { 'line-color': '#404040', 'line-width': 0.8 },
    },
    {
      id: 'parks-fill', type: 'fill', source: SRC, 'source-layer': 'parks', minzoom: PARK_FILL_ZOOM,
      paint: { 'fill-color': parkColor(colorMode, zoneColors), 'fill-opacity': 0.78 },
    },
    // A county's cadastre at county zoom: cells of 8 pixels shaded by how many parcels each holds,
    // where a tile has too many to draw (the tiles carry either the parcels or these, issue 11).
    {
      id: 'parcels-overview', type: 'fill', source: SRC, 'source-layer': 'parcels_overview', maxzoom: 14,
      paint: {
        'fill-color': overviewColor(),
        'fill-opacity': 0.75,
      },
    },
    {
      id: 'parcels-fill', type: 'fill', source: SRC, 'source-layer': 'parcels', minzoom: 10,
      paint: { 'fill-color': match('year', YEAR_COLORS, '#999999'), 'fill-opacity': 0.85 },
    },
    {
      id: 'parcels-line', type: 'line', source: SRC, 'source-layer': 'parcels', minzoom: 12,
      paint: { 'line-color': '#ffffff', 'line-width': 0.8 },
    },
    {
      id: 'parks-line', type: 'line', source: SRC, 'source-layer': 'parks', minzoom: PARK_FILL_ZOOM,
      paint: { 'line-color': '#1a1a1a', 'line-width': 1.2 },
    },
    {
      id: 'parks-selected-line', type: 'line', source: SRC, 'source-layer': 'parks', minzoom: PARK_FILL_ZOOM,
      filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#000000', 'line-width': 3.5 },
    },
    {
      id: 'county-line', type: 'line', source: SRC, 'source-layer': 'county',
      paint: { 'line-color': BASE_COLORS.county, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 2.5] },
    },
    ...(tdt ? [raster('tianditu-cva')] : []),
    {
      id: 'parks-circle', type: 'circle', source: SRC, 'source-layer': 'parks_label', maxzoom: PARK_FILL_ZOOM + 0.5,
      paint: {
        'circle-color': parkColor(colorMode, zoneColors),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 5, 11, 8],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'parks-selected-circle', type: 'circle', source: SRC, 'source-layer': 'parks_label',
      maxzoom: PARK_FILL_ZOOM + 0.5, filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-color': 'rgba(0,0,0,0)', 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 9, 11, 12],
        'circle-stroke-color': '#000000', 'circle-stroke-width': 3,
      },
    },
    {
      id: 'towns-circle', type: 'circle', source: SRC, 'source-layer': 'towns',
      paint: { 'circle-color': BASE_COLORS.town, 'circle-radius': 3, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
    },
    {
      id: 'zones-label', type: 'symbol', source: SRC, 'source-layer': 'zones_label', maxzoom: 11,
      layout: label(15, {
        'text-field': ['get', lang === 'en' ? 'name_en' : 'name'], 'text-max-width': 10, 'text-letter-spacing': 0.12,
        // Beside its point when a park's or a town's name is there already: those are placed first.
        'text-variable-anchor': ['center', 'bottom', 'top', 'left', 'right'], 'text-radial-offset': 1.2,
      }),
      paint: { ...halo(), 'text-color': ['coalesce', ['get', 'color'], '#333333'], 'text-opacity': 0.85, 'text-halo-width': 1.4 },
    },
    {
      id: 'towns-label', type: 'symbol', source: SRC, 'source-layer': 'towns',
      layout: label(12, {
        'text-field': ['get', 'name'], 'text-anchor': 'top', 'text-offset': [0, 0.5],
        'symbol-sort-key': ['match', ['get', 'kind'], '镇', 1, 2],
      }),
      paint: halo('#333333'),
    },
    {
      id: 'redevelopment-label', type: 'symbol', source: SRC, 'source-layer': 'redevelopment_label', minzoom: 13,
      layout: label(11, { 'text-field': ['concat', ['get', 'kind'], ' ', ['to-string', ['get', 'site_area_mu']], '亩'] }),
      paint: halo('#404040'),
    },
    {
      id: 'parcels-label', type: 'symbol', source: SRC, 'source-layer': 'parcels_label', minzoom: 13,
      layout: label(11, { 'text-field': ['concat', ['to-string', ['get', 'year']], '年 ', ['to-string', ['get', 'area_mu']], '亩'] }),
      paint: halo('#1a1a1a'),
    },
    {
      id: 'parks-label', type: 'symbol', source: SRC, 'source-layer': 'parks_label', minzoom: 9,
      layout: label(['interpolate', ['linear'], ['zoom'], 9, 11, 14, 14], {
        'text-field': ['get', 'name'],
        'text-anchor': ['step', ['zoom'], 'left', PARK_FILL_ZOOM, 'center'],
        'text-offset': ['step', ['zoom'], ['literal', [0.9, 0]], PARK_FILL_ZOOM, ['literal', [0, 0]]],
        'symbol-sort-key': ['-', 0, ['get', 'plan_area_mu']],
      }),
      paint: halo('#1a1a1a'),
    },
  ];
  return { version: 8, name: 'parkmap', sources, layers };
}
