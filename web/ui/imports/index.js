// Layer imports in the page (issue 10): a 导入 button on the map for a user who may import a layer
// (account.gate 'layers.import': land, data_admin) opens the 图层导入 panel (panel.js) on the map's left,
// as the eligibility tool's panel sits (the two never open together). While it is open the layer being
// imported is drawn from the tiles in grey, and a preview's staged features (or, when the service sends
// none, the file's extent) over it in dashed purple, the map fitted to them. A publish or a rollback
// asks the tiles again past every cache (?v=), so that the map shows the new version at once.
import './imports.css';
import { h } from '../dom.js';
import { T } from './strings.js';
import { ImportPanel } from './panel.js';
import { stagedData } from './model.js';

const SRC = 'imports-staged';
const EMPTY = { type: 'FeatureCollection', features: [] };
const PANEL_WIDTH = 460;
export const STAGED_LAYERS = ['imports-staged-fill', 'imports-staged-line'];
const CURRENT_LAYERS = ['imports-current-fill', 'imports-current-line'];

function mount(ctx) {
  const { map, ui, data, account } = ctx;
  const debug = { panel: null, staged: null, refreshed: 0 };
  ctx.debug.imports = debug;

  function ensureLayers(layer) {
    if (!map.getSource(SRC)) {
      map.addSource(SRC, { type: 'geojson', data: EMPTY });
      map.addLayer({ id: 'imports-current-fill', type: 'fill', source: 'parkmap', 'source-layer': layer, layout: { visibility: 'none' },
        paint: { 'fill-color': '#8c8c8c', 'fill-opacity': 0.25 } });
      map.addLayer({ id: 'imports-current-line', type: 'line', source: 'parkmap', 'source-layer': layer, layout: { visibility: 'none' },
        paint: { 'line-color': '#595959', 'line-width': 1 } });
      map.addLayer({ id: 'imports-staged-fill', type: 'fill', source: SRC, filter: ['==', ['get', 'role'], 'staged'],
        paint: { 'fill-color': '#9254de', 'fill-opacity': 0.3 } });
      map.addLayer({ id: 'imports-staged-line', type: 'line', source: SRC,
        paint: { 'line-color': '#531dab', 'line-width': 2, 'line-dasharray': [2, 1.5] } });
    }
    // The grey layer is the one being imported: its source layer follows the chosen layer.
    for (const id of CURRENT_LAYERS) {
      if (map.getLayer(id).sourceLayer !== layer) {
        const spec = { ...map.getStyle().layers.find((l) => l.id === id), 'source-layer': layer };
        map.removeLayer(id);
        map.addLayer(spec, 'imports-staged-fill');
      }
    }
  }

  function showCurrent(layer, on) {
    if (on && layer) ensureLayers(layer);
    for (const id of CURRENT_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
  }

  function drawPreview(p, target) {
    if (target) showCurrent(target.layer, !panel.el.hidden);
    if (!map.getSource(SRC)) ensureLayers(target?.layer || 'constraints');
    const s = stagedData(p);
    debug.staged = s.kind;
    map.getSource(SRC).setData(s.data);
    const e = p?.extent;
    if (s.kind !== 'none' && e) {
      map.fitBounds([[e[0], e[1]], [e[2], e[3]]], { padding: { top: 50, bottom: 50, left: PANEL_WIDTH + 40, right: 80 }, maxZoom: 16, duration: 0 });
    }
  }

  // A publish or rollback: every tile is asked for again, past the browser's and the server's caches.
  function refreshTiles(layer, version) {
    debug.refreshed++;
    const v = `import-${layer}-${version}-${Date.now()}`;
    const tiles = data.tj.tiles.map((u) => `${u}${u.includes('?') ? '&' : '?'}v=${encodeURIComponent(v)}`);
    map.getSource('parkmap')?.setTiles(tiles);
    map.getSource(SRC)?.setData(EMPTY);
  }

  const btn = h('button', { type: 'button', class: 'imports-toggle', id: 'imports-toggle', 'aria-pressed': 'false', 'aria-controls': 'imports-panel' });
  const ctlEl = account.gate(h('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group imports-ctrl' }, btn), 'layers.import');
  ctx.addControl({ onAdd: () => ctlEl, onRemove: () => ctlEl.remove() }, 'top-right');

  const panel = new ImportPanel({
    onPreview: drawPreview,
    onPublished: async (layer, version) => refreshTiles(layer, version),
    onUnauthorized: () => account.refresh(),
    onClose: () => setOpen(false),
  });
  debug.panel = panel;
  ui.mapWrap.append(panel.el);

  function setOpen(open) {
    if (open && ui.mapWrap.classList.contains('elig-open')) document.querySelector('.elig-toggle')?.click();
    if (open) panel.show(); else panel.hide();
    ui.mapWrap.classList.toggle('imports-open', open);
    btn.classList.toggle('active', open);
    btn.setAttribute('aria-pressed', String(open));
    showCurrent(panel.st.layer, open);
    if (!open) map.getSource(SRC)?.setData(EMPTY);
    else if (panel.st.preview) drawPreview(panel.st.preview, panel.target);
  }
  btn.addEventListener('click', () => setOpen(panel.el.hidden));
  // The eligibility panel takes the same place: opening it closes this one.
  new MutationObserver(() => {
    if (ui.mapWrap.classList.contains('elig-open') && !panel.el.hidden) setOpen(false);
  }).observe(ui.mapWrap, { attributes: true, attributeFilter: ['class'] });

  function renderButton() {
    btn.textContent = T('tool');
    btn.setAttribute('aria-label', T('toolLabel'));
    btn.title = T('toolLabel');
  }
  renderButton();
  account.onChange(() => {
    if (!account.can('layers.import')) {
      setOpen(false);
      panel.reset();
    }
  });
  ctx.onLang(() => {
    renderButton();
    panel.render();
  });
}

export const imports = { name: 'imports', mount };
