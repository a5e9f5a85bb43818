// parkmap's web map: the page's entry point. It reads the state from the URL, loads the parks through
// the public API, builds the map from parkmap's vector tiles, and keeps the map, the list, the
// statistics strip, the card and the URL in step with one state object. Before any of it, it asks
// who is logged in (account/): under `serve -require-login` the login comes first and the map after.
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import { Map as MapLibreMap, NavigationControl, ScaleControl, FullscreenControl, setWorkerUrl, prewarm } from 'maplibre-gl';
import { h } from './dom.js';
import { t, setLang, lang, onLang, maplibreLocale } from './i18n.js';
import { loadAll, getJSON } from './api.js';
import { applyFilters, isFiltered, options } from './model.js';
import { readState, writeState, LAYER_GROUPS } from './urlstate.js';
import { buildStyle, parkColor, FONT_FAMILY, GROUP_LAYERS, PARK_LAYERS, BASE_COLORS } from './style.js';
import { renderFilters } from './filters.js';
import { renderList, renderStats } from './list.js';
import { renderCard } from './card.js';
import { LayersControl, NoticeControl } from './layers.js';
import { MeasureControl } from './measure.js';
import { Modes } from './modes.js';
import { extensions } from './extensions.js';
import { Account } from './account/index.js';
import { openArchive, attribution as archiveAttribution, SnapshotControl, ArchiveError } from './archive.js';

const PARK_FILTERED = ['parks-fill', 'parks-line', 'parks-circle', 'parks-label'];
const CARD_WIDTH = 400;

// The debug and test handle: the map, the state and the data, as the browser tests read them.
const debug = { errors: [], tileErrors: [], loadMs: null, timings: {} };
window.parkmap = debug;
debug.ready = new Promise((resolve, reject) => {
  debug.resolveReady = resolve;
  debug.rejectReady = reject;
});
// A start that fails says so in the banner and in debug.errors; whoever waits on ready sees the
// rejection, and nobody waiting is no "uncaught" error on top of the banner.
debug.ready.catch(() => {});

function shell(account) {
  const ui = {
    title: h('h1', null),
    subtitle: h('span', { class: 'subtitle' }),
    langButton: h('button', { type: 'button', id: 'lang', class: 'lang-button' }),
    filters: h('div', { id: 'filters' }),
    listTitle: h('h2', { id: 'list-title' }),
    list: h('div', { id: 'list', class: 'list' }),
    stats: h('div', { id: 'stats', class: 'stats', role: 'status', 'aria-live': 'polite' }),
    map: h('div', { id: 'map' }),
    card: h('section', { id: 'card', class: 'card', hidden: true, 'aria-labelledby': 'card-title' }),
    banner: h('div', { id: 'banner', class: 'banner', role: 'alert', hidden: true }),
  };
  ui.mapWrap = h('div', { class: 'map-wrap' }, ui.map, ui.card);
  const app = h('div', { class: 'app', id: 'app' },
    h('header', { class: 'topbar' }, h('div', { class: 'titles' }, ui.title, ui.subtitle), account.el, ui.langButton),
    h('aside', { class: 'sidebar', 'aria-label': t('filters.title') },
      ui.filters,
      h('section', { class: 'list-section', 'aria-labelledby': 'list-title' }, ui.listTitle, ui.list)),
    h('main', { class: 'main' }, ui.stats, ui.banner, ui.mapWrap));
  document.body.replaceChildren(app);
  return ui;
}

function showBanner(ui, text) {
  ui.banner.textContent = text;
  ui.banner.hidden = false;
}

function bboxOf(geometry) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]);
    } else c.forEach(walk);
  };
  walk(geometry.coordinates);
  return [[minX, minY], [maxX, maxY]];
}

async function main() {
  const state = readState(location.search);
  const linkHasView = /^#\d/.test(location.hash); // before MapLibre writes its own
  setLang(state.lang);
  const toggleLang = () => {
    state.lang = lang() === 'en' ? 'zh' : 'en';
    setLang(state.lang);
    history.replaceState(history.state, '', location.pathname + writeState(state) + location.hash);
  };
  // Who is logged in, before any data: with -require-login the service refuses the data to a visitor,
  // so the page shows its login screen instead and goes on once someone has logged in.
  const account = new Account({ toggleLang });
  debug.account = account;
  await account.refresh();
  await account.whenAllowed();
  const ui = shell(account);
  ui.stats.textContent = t('app.loading');

  const meta = document.querySelector('meta[name="parkmap-worker"]');
  if (meta) setWorkerUrl(new URL(meta.content, document.baseURI).href);
  // The worker loads while the data does, not after it.
  prewarm();

  let data;
  try {
    data = await loadAll();
  } catch (err) {
    showBanner(ui, t('app.loadFailed') + err.message);
    debug.errors.push(String(err.message));
    debug.rejectReady(err);
    return;
  }
  // serve -tiles-archive: the vector tiles come from a static PMTiles archive. One that cannot be read
  // is said plainly, in place of a blank map.
  let archive = null;
  if (data.cfg?.tiles_archive) {
    try {
      archive = await openArchive(data.cfg.tiles_archive);
    } catch (err) {
      const msg = err instanceof ArchiveError ? err.message : t('app.loadFailed') + err.message;
      showBanner(ui, msg);
      ui.stats.textContent = '';
      debug.errors.push(msg);
      debug.rejectReady(err);
      return;
    }
    archive.attributionHTML = archiveAttribution(archive, data.tj.attribution);
    debug.archive = archive;
  }
  debug.timings.data = Math.round(performance.now());
  const features = new Map(data.parks.map((f) => [f.properties.id, f]));
  const parks = data.parks.map((f) => f.properties);
  const zones = data.zones.map((f) => ({ id: f.properties.id, name: f.properties.name, color: f.properties.color }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const zoneColors = Object.fromEntries(zones.map((z) => [z.id, z.color]));
  let opts = options(parks);
  const tdt = data.cfg?.tianditu?.enabled ? data.cfg.tianditu : null;
  let tdtFailed = false;

  const map = new MapLibreMap({
    container: ui.map,
    style: buildStyle({ tj: data.tj, cfg: data.cfg, archive, zoneColors, colorMode: state.color, lang: state.lang }),
    hash: true,
    bounds: data.tj.bounds,
    // The layer list is open on wide screens; the county is fitted beside it.
    fitBoundsOptions: { padding: { top: 24, bottom: 24, left: 24, right: LayersControl.openByDefault() ? 320 : 24 } },
    minZoom: 7,
    maxZoom: 18,
    maxBounds: [[118.9, 26.6], [122.3, 28.6]],
    localIdeographFontFamily: FONT_FAMILY,
    locale: maplibreLocale(),
    attributionControl: { compact: true },
    maplibreLogo: false,
    dragRotate: true,
  });
  map.getCanvas().setAttribute('aria-label', t('app.mapLabel'));
  Object.assign(debug, { map, state, parks, zones, features });

  map.on('error', (e) => {
    const source = e.sourceId || e.source?.id || '';
    if (source.startsWith('tianditu')) {
      debug.tileErrors.push(String(e.error?.message || e.error || 'tile error'));
      if (!tdtFailed) {
        tdtFailed = true;
        applyBasemap();
      }
      return;
    }
    // A session that ended under -require-login: the tiles are refused; /api/me tells the page so.
    if (e.error?.status === 401) {
      account.refresh();
      return;
    }
    let msg = String(e.error?.message || e.error || e.message || 'map error');
    if (archive && source === 'parkmap') msg = t('archive.unreadable', { url: archive.url, reason: msg });
    debug.errors.push(msg);
    showBanner(ui, msg);
  });

  const basemap = () => (tdt ? state.basemap || 'tianditu' : 'local');
  const notice = new NoticeControl();
  const layersCtl = new LayersControl({
    state, zones, tianditu: tdt, basemap, evaluations: () => data.evaluations,
    onToggle: (g, on) => {
      if (on) state.hidden.delete(g); else state.hidden.add(g);
      applyVisibility();
      writeURL();
    },
    onColor: (mode) => {
      state.color = mode;
      for (const [layer, prop] of [['parks-fill', 'fill-color'], ['parks-circle', 'circle-color']]) {
        map.setPaintProperty(layer, prop, parkColor(mode, zoneColors));
      }
      layersCtl.render();
      writeURL();
    },
    onBasemap: (name) => {
      state.basemap = name;
      applyBasemap();
      writeURL();
    },
  });
  // The one owner of the interaction modes (modes.js): browse is registered below, measure by its
  // control, draw, select and present by the extensions.
  const modes = new Modes();
  debug.modes = modes;
  const measure = new MeasureControl(modes);
  debug.measure = measure;
  map.addControl(new NavigationControl({ visualizePitch: true }), 'top-right');
  map.addControl(new FullscreenControl({ container: document.getElementById('app') }), 'top-right');
  map.addControl(measure, 'top-right');
  map.addControl(layersCtl, 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  map.addControl(notice, 'bottom-left');
  const snapshot = archive ? new SnapshotControl(archive) : null;
  if (snapshot) map.addControl(snapshot, 'bottom-left');

  function writeURL() {
    history.replaceState(history.state, '', location.pathname + writeState(state) + location.hash);
  }

  function applyVisibility() {
    for (const layer of new Set(Object.values(GROUP_LAYERS).flat())) {
      const groups = LAYER_GROUPS.filter((g) => GROUP_LAYERS[g].includes(layer));
      const on = groups.every((g) => !state.hidden.has(g));
      if (map.getLayer(layer)) map.setLayoutProperty(layer, 'visibility', on ? 'visible' : 'none');
    }
  }

  function applyBasemap() {
    const useTdt = basemap() === 'tianditu' && !tdtFailed;
    if (tdt) {
      for (const id of ['tianditu-vec', 'tianditu-cva']) map.setLayoutProperty(id, 'visibility', useTdt ? 'visible' : 'none');
    }
    map.setPaintProperty('county-fill', 'fill-opacity', useTdt ? 0 : 1);
    map.setPaintProperty('background', 'background-color', BASE_COLORS.background);
    const attribution = useTdt ? `${tdt.attribution}  审图号：${tdt.review_number}` : '';
    notice.set(attribution, tdtFailed ? t('layers.tdtFailed') : '');
  }

  let shownIds = [];
  function applyAll() {
    const shown = applyFilters(parks, state.filters);
    shownIds = shown.map((p) => p.id);
    const filtered = isFiltered(state.filters);
    const byId = filtered ? ['in', ['get', 'id'], ['literal', shownIds]] : null;
    for (const layer of PARK_FILTERED) map.setFilter(layer, byId);
    map.setFilter('parcels-fill', filtered ? ['in', ['get', 'park_id'], ['literal', shownIds]] : null);
    map.setFilter('parcels-line', filtered ? ['in', ['get', 'park_id'], ['literal', shownIds]] : null);
    map.setFilter('parcels-label', filtered ? ['in', ['get', 'park_id'], ['literal', shownIds]] : null);
    const area = ['all'];
    if (state.filters.zone) area.push(['==', ['get', 'zone'], state.filters.zone]);
    if (state.filters.town) area.push(['==', ['get', 'town'], state.filters.town]);
    for (const layer of ['redevelopment-fill', 'redevelopment-line', 'redevelopment-label']) {
      map.setFilter(layer, area.length > 1 ? area : null);
    }
    renderList(ui.list, shown, state, { onSort, onPick: (id) => selectPark(id, { fly: true, focus: true }) });
    renderStats(ui.stats, shown);
    writeURL();
  }
  debug.shownIds = () => [...shownIds];

  function onSort(sort) {
    state.sort = sort;
    const shown = applyFilters(parks, state.filters);
    renderList(ui.list, shown, state, { onSort, onPick: (id) => selectPark(id, { fly: true, focus: true }) });
    ui.list.querySelector(`button.sort[data-sort="${sort.key}"]`)?.focus();
    writeURL();
  }

  // What extensions add to the card (ctx.onCard): called after every drawing of it, with the card's
  // element and the park's properties.
  const cardHooks = [];

  // updatePark replaces one park's properties after an edit of its facts (ctx.updatePark): the list,
  // the statistics, the filters' choices and an open card are redrawn from the new properties, and
  // the tiles are asked for again at the dataset version the edit made (?v=), past the browser's copy,
  // so that the map's colours show the new status at once.
  async function updatePark(id, datasetVersion) {
    const f = await getJSON(`collections/parks/items/${encodeURIComponent(id)}`, { cache: 'no-cache' });
    const i = parks.findIndex((p) => p.id === id);
    if (i < 0) return;
    features.set(id, f);
    parks[i] = f.properties;
    opts = options(parks);
    renderFilters(ui.filters, opts, state, applyAll);
    applyAll();
    // A static archive stays the snapshot it is (its control says of when): only the server's tiles
    // can be asked for at the new version.
    if (datasetVersion && !archive) {
      const tiles = data.tj.tiles.map((u) => `${u}${u.includes('?') ? '&' : '?'}v=${encodeURIComponent(datasetVersion)}`);
      map.getSource('parkmap')?.setTiles(tiles);
    }
    if (state.park === id) selectPark(id);
  }
  debug.updatePark = updatePark;

  let returnFocus = null;
  function selectPark(id, { fly = false, focus = false } = {}) {
    const f = features.get(id);
    if (!f) return;
    if (focus) returnFocus = document.activeElement;
    state.park = id;
    renderCard(ui.card, f.properties, closeCard);
    for (const fn of cardHooks) fn(ui.card, f.properties);
    ui.card.hidden = false;
    ui.mapWrap.classList.add('card-open');
    for (const layer of ['parks-selected-line', 'parks-selected-circle']) map.setFilter(layer, ['==', ['get', 'id'], id]);
    for (const tr of ui.list.querySelectorAll('tr[data-id]')) tr.classList.toggle('selected', tr.dataset.id === id);
    if (fly) {
      map.fitBounds(bboxOf(f.geometry), {
        padding: { top: 60, bottom: 60, left: 60, right: CARD_WIDTH + 60 }, maxZoom: 15, duration: 800,
      });
    }
    if (focus) ui.card.querySelector('#card-title')?.focus();
    writeURL();
  }
  debug.selectPark = selectPark;

  function closeCard() {
    if (ui.card.hidden) return;
    state.park = '';
    ui.card.hidden = true;
    ui.mapWrap.classList.remove('card-open');
    for (const layer of ['parks-selected-line', 'parks-selected-circle']) map.setFilter(layer, ['==', ['get', 'id'], '']);
    for (const tr of ui.list.querySelectorAll('tr.selected')) tr.classList.remove('selected');
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
    writeURL();
  }

  // Browse: a click on a park opens its card; Escape closes it.
  function openParkAt(e) {
    const { x, y } = e.point;
    const layers = PARK_LAYERS.filter((l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none');
    const hits = map.queryRenderedFeatures([[x - 4, y - 4], [x + 4, y + 4]], { layers });
    if (!hits.length) return;
    // Among dots that overlap, the one whose centre is nearest the click.
    const dist = (f) => {
      if (f.layer.id !== 'parks-circle') return 0;
      const p = map.project(f.geometry.coordinates);
      return Math.hypot(p.x - x, p.y - y);
    };
    hits.sort((a, b) => dist(a) - dist(b));
    selectPark(hits[0].properties.id);
  }
  modes.register('browse', {
    click: openParkAt,
    key: (e) => {
      // Escape in a modal dialog (a login, the facts editor) closes the dialog, not the card under it.
      if (e.key !== 'Escape' || ui.card.hidden || document.querySelector('dialog[open]')) return false;
      closeCard();
      return true;
    },
  });
  // The page's only map click, double-click and document key listeners: each event goes to the active
  // mode. Keys are taken in the capture phase, before MapLibre's own keyboard handler on the map, so
  // that a mode's arrows (the presentation's steps) are not also the map's panning.
  map.on('click', (e) => modes.click(e));
  map.on('dblclick', (e) => modes.dblclick(e));
  document.addEventListener('keydown', (e) => modes.key(e), true);
  for (const layer of PARK_LAYERS) {
    map.on('mouseenter', layer, () => { if (modes.is('browse')) map.getCanvas().classList.add('pointer'); });
    map.on('mouseleave', layer, () => map.getCanvas().classList.remove('pointer'));
  }

  function renderTexts() {
    document.title = t('app.title');
    ui.title.textContent = t('app.title');
    ui.subtitle.textContent = t('app.subtitle');
    ui.langButton.textContent = t('app.langSwitch');
    ui.langButton.setAttribute('aria-label', t('app.langSwitchLabel'));
    ui.listTitle.textContent = t('list.title');
    map.getCanvas().setAttribute('aria-label', t('app.mapLabel'));
    renderFilters(ui.filters, opts, state, applyAll);
    snapshot?.render();
  }

  // One language switch re-renders everything: the page's parts here, then each extension's (ctx.onLang),
  // in the order they were added.
  onLang(() => {
    renderTexts();
    layersCtl.render();
    measure.render();
    applyBasemap();
    if (map.getLayer('zones-label')) map.setLayoutProperty('zones-label', 'text-field', ['get', state.lang === 'en' ? 'name_en' : 'name']);
    applyAll();
    if (state.park) selectPark(state.park);
  });
  ui.langButton.addEventListener('click', () => {
    toggleLang();
    ui.langButton.focus();
  });
  renderTexts();
  map.on('load', () => {
    debug.timings.mapLoad = Math.round(performance.now());
    // The attribution starts folded (its button opens it) so that it does not cover the map.
    const attrib = ui.map.querySelector('.maplibregl-ctrl-attrib');
    attrib?.classList.remove('maplibregl-compact-show');
    attrib?.removeAttribute('open');
    applyVisibility();
    applyBasemap();
    applyAll();
    // A link to a park without a view opens on that park.
    if (state.park) selectPark(state.park, { fly: !linkHasView });
    const ctx = {
      map, ui, state, data, parks, features, debug, t, lang, selectPark, writeURL, modes, account, updatePark,
      renderLayers: () => layersCtl.render(),
      onCard: (fn) => {
        cardHooks.push(fn);
        if (state.park && !ui.card.hidden) fn(ui.card, features.get(state.park).properties);
      },
      addControl: (ctl, pos = 'top-right') => map.addControl(ctl, pos),
      onLang,
    };
    for (const ext of extensions) {
      try {
        ext.mount(ctx);
      } catch (err) {
        debug.errors.push(`extension ${ext.name}: ${err.message}`);
        showBanner(ui, `${ext.name}: ${err.message}`);
      }
    }
    map.once('idle', () => {
      debug.loadMs = Math.round(performance.now());
      debug.resolveReady();
    });
  });
}

main().catch((err) => {
  debug.errors.push(String(err?.message || err));
  debug.rejectReady?.(err);
  throw err;
});
