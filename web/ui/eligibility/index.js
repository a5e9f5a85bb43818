// The eligibility tool (issue 4, the map part): choose a shape (draw it, select a parcel or
// redevelopment area, or drop a GeoJSON file), fill in the proposal, and see beside the map the
// checklist of POST /api/eligibility with the overlaps drawn on the map; then a printable report.
// Drawing is the page's 'draw' mode (draw.js) and picking a parcel on the map its 'select' mode
// (registered here), both through ctx.modes (../modes.js): neither listens to the map itself.
// A check can be saved as a numbered case, and cases listed and reopened (issue 12, cases.js).
import './eligibility.css';
import { h, fill } from '../dom.js';
import { getJSON, url } from '../api.js';
import { T } from './strings.js';
import { DrawTool } from './draw.js';
import { CRS, firstPolygon, crsOf } from './geojson.js';
import { renderForm, proposalOf } from './form.js';
import { renderChecklist } from './checklist.js';
import { showResult, clearResult, ensureOverlay } from './overlay.js';
import { openReport, closeReport } from './report.js';
import { ringArea, toMu } from '../geodesy.js';
import { saveBox, casesView, caseHeader, todaySection, saveCase, listCases, loadCase } from './cases.js';
import { openCaseReport, closeCaseReport } from './case-report.js';

const SELECT_LAYERS = ['redevelopment-fill', 'parcels-fill'];

async function postCheck(body) {
  const res = await fetch(url('api/eligibility'), {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.description || `${res.status}`);
  return json;
}

function mount(ctx) {
  const { map, ui, debug, account } = ctx;
  const st = {
    open: false, mode: 'draw', target: null, values: { type: 'low_efficiency_block', facts: {} },
    rules: null, result: null, error: '', busy: false, points: 0, crs: 'EPSG:4326', checkedGeometry: null,
    // Cases: the last check's request (what a save sends), the save's state, the register's view.
    checked: null, note: '', saving: false, saved: null, saveError: '',
    view: 'check', caseFilters: {}, cases: null, casesError: '', caseOpen: null, casePick: false,
  };
  const api = { state: st };
  debug.eligibility = api;

  // The control button on the map.
  const btn = h('button', { type: 'button', class: 'elig-toggle', 'aria-pressed': 'false', 'aria-controls': 'elig-panel' });
  const ctlEl = h('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group elig-ctrl' }, btn);
  ctx.addControl({ onAdd: () => ctlEl, onRemove: () => ctlEl.remove() }, 'top-right');

  const panel = h('section', { id: 'elig-panel', class: 'elig-panel', hidden: true, 'aria-labelledby': 'elig-title' });
  ui.mapWrap.append(panel);
  const formEl = h('div', { class: 'elig-form' });
  const checklistEl = h('div', { id: 'elig-checklist', class: 'elig-checklist', 'aria-live': 'polite' });

  const draw = new DrawTool(map, ctx.modes, {
    onChange: (n) => { st.points = n; const p = panel.querySelector('#elig-draw-count'); if (p) p.textContent = T('drawPoints', { n }); },
    onFinish: (geometry) => {
      const mu = toMu(ringArea(geometry.coordinates[0].slice(0, -1)));
      setTarget({ kind: 'drawn', geometry, crs: 'EPSG:4326', label: T('targetDrawn', { mu: mu.toFixed(2) }), mu });
    },
    onLeave: () => render(),
  });
  api.draw = draw;

  // The select mode: while the panel is open on its "select" tab, a map click picks a parcel. Leaving
  // it for another tool (or by Escape) sets the panel back to its first tab, so that the panel never
  // says "select" while the map's clicks do something else; closing the panel keeps the tab for later.
  ctx.modes.register('select', {
    enter: () => map.getCanvas().classList.add('elig-select'),
    leave: () => {
      map.getCanvas().classList.remove('elig-select');
      if (st.casePick) {
        st.casePick = false;
        render();
      }
      if (st.open && st.mode === 'select') {
        st.mode = 'draw';
        render();
      }
    },
    click: (e) => onSelectClick(e),
  });

  function setTarget(target) {
    st.target = target;
    st.result = null;
    st.error = '';
    st.checked = null;
    st.saved = null;
    st.caseOpen = null;
    clearResult(map);
    if (target.geometry && target.crs === 'EPSG:4326') showResult(map, target.geometry, {});
    render();
  }

  function onSelectClick(e) {
    if (st.casePick) {
      // 按位置: the register's cases under the clicked point.
      st.caseFilters.point = [e.lngLat.lng, e.lngLat.lat];
      delete st.caseFilters.bbox;
      ctx.modes.leave('select');
      searchCases();
      return;
    }
    const { x, y } = e.point;
    const layers = SELECT_LAYERS.filter((l) => map.getLayer(l));
    const hits = map.queryRenderedFeatures([[x - 3, y - 3], [x + 3, y + 3]], { layers });
    if (!hits.length) return;
    const f = hits.find((x2) => x2.layer.id === 'parcels-fill') || hits[0];
    const coll = f.layer.id.startsWith('parcels') ? 'parcels' : 'redevelopment';
    const id = f.properties.id ?? f.properties.code ?? f.id;
    if (id != null) selectParcel(String(id), coll);
  }

  function selectParcel(id, coll = 'redevelopment') {
    setTarget({ kind: 'parcel', parcel_id: id, collection: coll, label: T('targetParcel', { id }) });
  }
  api.selectParcel = selectParcel;

  function setMode(mode) {
    if (mode !== 'draw') draw.stop();
    st.mode = mode;
    if (mode === 'select' && st.open) ctx.modes.enter('select');
    else ctx.modes.leave('select');
    render();
  }

  async function readFile(file) {
    try {
      const obj = JSON.parse(await file.text());
      const g = firstPolygon(obj);
      if (!g) throw new Error(T('errorNoPolygon'));
      const crs = crsOf(obj) || st.crs;
      st.crs = crs;
      setTarget({ kind: 'file', geometry: g, crs, name: file.name, label: T('targetFile', { name: file.name }) });
    } catch (err) {
      st.error = T('errorFile') + err.message;
      render();
    }
  }

  async function check() {
    if (!st.target || !st.rules) return;
    const body = { proposal: proposalOf(st.rules, st.values) };
    if (st.target.kind === 'parcel') body.parcel_id = st.target.parcel_id;
    else {
      body.geometry = st.target.geometry;
      body.crs = st.target.kind === 'file' ? st.crs : 'EPSG:4326';
    }
    st.busy = true;
    st.error = '';
    st.saved = null;
    st.saveError = '';
    st.caseOpen = null;
    render();
    try {
      const res = await postCheck(body);
      st.result = res;
      st.checked = body;
      let geom = null;
      if (st.target.kind === 'parcel') {
        const f = await getJSON(`collections/${res.facts.parcel?.collection || st.target.collection}/items/${encodeURIComponent(st.target.parcel_id)}`);
        geom = f.geometry;
      } else if (body.crs === 'EPSG:4326') geom = st.target.geometry;
      st.checkedGeometry = geom;
      await showResult(map, geom, res.facts);
      if (res.facts.bbox) {
        const b = res.facts.bbox;
        map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 60, bottom: 60, left: 460, right: 60 }, maxZoom: 16, duration: 0 });
      }
    } catch (err) {
      st.error = T('errorCheck') + err.message;
    }
    st.busy = false;
    render();
    // The answer is below the form: bring the verdict into view.
    panel.querySelector('#elig-verdict, .elig-error')?.scrollIntoView({ block: 'start' });
  }
  api.check = check;

  async function doSave(note) {
    if (note == null || !st.checked) { render(); return; }
    st.saving = true;
    st.saveError = '';
    render();
    try {
      st.saved = await saveCase(st.checked, note);
      st.note = '';
      debug.caseSaved = st.saved;
    } catch (err) {
      st.saveError = T('saveFailed') + err.message;
      if (err.status === 401) account.refresh();
    }
    st.saving = false;
    render();
    panel.querySelector('#elig-case-saved, #elig-case-save .elig-error')?.focus?.();
  }

  async function searchCases() {
    st.casesError = '';
    try {
      st.cases = (await listCases(st.caseFilters)).cases;
    } catch (err) {
      st.casesError = T('casesFailed') + err.message;
      if (err.status === 401) account.refresh();
    }
    render();
  }

  // 按位置 by the view: the part of the map the panel leaves visible.
  function casesInView() {
    const c = map.getCanvas();
    const sw = map.unproject([Math.min(panel.offsetWidth, c.clientWidth - 1), c.clientHeight]);
    const ne = map.unproject([c.clientWidth, 0]);
    st.caseFilters.bbox = [sw.lng, sw.lat, ne.lng, ne.lat];
    delete st.caseFilters.point;
    searchCases();
  }

  function pickCasePoint() {
    if (st.casePick) { ctx.modes.leave('select'); return; }
    ctx.modes.enter('select');
    st.casePick = true;
    render();
  }

  function clearCaseLocation() {
    delete st.caseFilters.bbox;
    delete st.caseFilters.point;
    searchCases();
  }

  async function showCaseReport(c) {
    // A case from a save or a list has its answer; one reopened by number has it too.
    const full = c.answer && c.geometry ? c : await loadCase(c.number);
    debug.caseReport = await openCaseReport(map, full, ctx.lang(), () => panel.querySelector('#elig-case-report-open, #elig-case-saved-report')?.focus());
  }
  api.showCaseReport = showCaseReport;

  function showCases(on) {
    // A pending 按位置 click belongs to the register: leaving it (or reopening) ends it.
    if (st.casePick) ctx.modes.leave('select');
    st.view = on ? 'cases' : 'check';
    if (on) {
      draw.stop();
      ctx.modes.leave('select');
      searchCases();
    }
    render();
  }
  api.showCases = showCases;

  // Reopening puts the case's answer as saved in the panel, its shape on the map, and today's answer
  // beside it when the rules have changed.
  async function openCase(number) {
    if (st.casePick) ctx.modes.leave('select');
    try {
      const c = await loadCase(number);
      st.view = 'check';
      st.target = null;
      st.checked = null;
      st.saved = null;
      st.caseOpen = c;
      st.result = c.answer;
      debug.caseOpen = c;
      await showResult(map, c.geometry, c.answer.facts);
      const b = c.answer.facts?.bbox;
      if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: { top: 60, bottom: 60, left: 460, right: 60 }, maxZoom: 16, duration: 0 });
    } catch (err) {
      st.casesError = T('casesFailed') + err.message;
    }
    render();
    panel.querySelector('#elig-case-head')?.scrollIntoView({ block: 'start' });
  }
  api.openCase = openCase;

  function closeCase() {
    st.caseOpen = null;
    st.result = null;
    clearResult(map);
    showCases(true);
  }

  function modeButtons() {
    const b = (mode, text) => h('button', {
      type: 'button', class: ['text-button', st.mode === mode ? 'active' : ''], 'aria-pressed': String(st.mode === mode),
      dataset: { mode }, onclick: () => setMode(mode),
    }, text);
    return h('div', { class: 'elig-modes', role: 'group' }, b('draw', T('modeDraw')), b('select', T('modeSelect')), b('file', T('modeFile')));
  }

  function modeBody() {
    if (st.mode === 'draw') {
      return h('div', { class: 'elig-mode-body' }, h('p', { class: 'hint' }, T('drawHint')),
        h('div', { class: 'buttons' },
          draw.active ? [
            h('span', { id: 'elig-draw-count', class: 'muted' }, T('drawPoints', { n: st.points })),
            h('button', { type: 'button', class: 'text-button', onclick: () => draw.add(map.getCenter()) }, T('drawAddCenter')),
            h('button', { type: 'button', class: 'text-button', id: 'elig-draw-finish', onclick: () => draw.finish() }, T('drawFinish')),
            h('button', { type: 'button', class: 'text-button', onclick: () => draw.cancel() }, T('drawCancel')),
          ] : h('button', { type: 'button', class: 'text-button', id: 'elig-draw-start', onclick: () => { draw.start(); render(); } }, T('modeDraw'))));
    }
    if (st.mode === 'select') {
      // From the keyboard: type the id of a parcel or redevelopment area.
      const idInput = h('input', { type: 'text', id: 'elig-parcel-id', placeholder: 'RD-012', value: st.target?.parcel_id || '',
        onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); pickTyped(); } } });
      const pickTyped = () => {
        const v = idInput.value.trim();
        if (v) selectParcel(v, /^RD-/i.test(v) ? 'redevelopment' : 'parcels');
      };
      return h('div', { class: 'elig-mode-body' }, h('p', { class: 'hint' }, T('selectHint')),
        h('div', { class: 'elig-field' }, h('label', { for: 'elig-parcel-id' }, T('parcelId')),
          h('span', { class: 'elig-inline' }, idInput, h('button', { type: 'button', class: 'text-button', onclick: pickTyped }, T('pick')))));
    }
    const input = h('input', { type: 'file', id: 'elig-file', accept: '.geojson,.json,application/geo+json,application/json',
      onchange: (e) => e.target.files[0] && readFile(e.target.files[0]) });
    const drop = h('div', { class: 'elig-drop', id: 'elig-drop' }, T('dropHere'));
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) readFile(e.dataTransfer.files[0]); });
    return h('div', { class: 'elig-mode-body' }, h('p', { class: 'hint' }, T('fileHint')),
      h('div', { class: 'elig-field' }, h('label', { for: 'elig-crs' }, T('crs')),
        h('select', { id: 'elig-crs', onchange: (e) => { st.crs = e.target.value; } }, CRS.map((c) => h('option', { value: c, selected: c === st.crs }, c)))),
      h('div', { class: 'elig-field' }, h('label', { for: 'elig-file' }, T('file')), input), drop);
  }

  function render() {
    btn.textContent = T('tool');
    btn.title = T('toolTitle');
    btn.setAttribute('aria-pressed', String(st.open));
    btn.classList.toggle('active', st.open);
    panel.hidden = !st.open;
    ui.mapWrap.classList.toggle('elig-open', st.open);
    if (!st.open) return;
    if (st.rules) renderForm(formEl, st.rules, st.values, ctx.lang(), () => render());
    if (st.result) renderChecklist(checklistEl, st.result, ctx.lang(), st.rules);
    else fill(checklistEl);
    const focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : '';
    const casesBtn = account.gate(h('button', { type: 'button', class: ['text-button', st.view === 'cases' ? 'active' : ''], id: 'elig-cases-open',
      'aria-pressed': String(st.view === 'cases'), onclick: () => showCases(st.view !== 'cases') }, T('cases')), 'cases.read');
    const head = h('div', { class: 'elig-head' }, h('h2', { id: 'elig-title', tabindex: '-1' }, T('panelTitle')),
      h('span', { class: 'elig-inline' }, casesBtn,
        h('button', { type: 'button', class: 'text-button', id: 'elig-close', onclick: () => toggle(false) }, T('close'))));
    if (st.view === 'cases') {
      fill(panel, head, casesView(st, ctx.lang(), { onSearch: searchCases, onOpen: openCase, onInView: casesInView,
        onPick: pickCasePoint, onClearLocation: clearCaseLocation }));
      if (focused) panel.querySelector(`#${CSS.escape(focused)}`)?.focus();
      return;
    }
    if (st.caseOpen) {
      fill(panel, head, caseHeader(st.caseOpen, ctx.lang(), closeCase, showCaseReport), checklistEl, todaySection(st.caseOpen, ctx.lang()));
      if (focused) panel.querySelector(`#${CSS.escape(focused)}`)?.focus();
      return;
    }
    fill(panel,
      head,
      modeButtons(), modeBody(),
      h('p', { class: 'elig-target', id: 'elig-target' }, `${T('target')}：`, st.target ? st.target.label : T('targetNone')),
      h('h3', null, T('proposal')), formEl,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'text-button primary', id: 'elig-check', disabled: !st.target || st.busy, onclick: check },
          st.busy ? T('checking') : T('check')),
        h('button', { type: 'button', class: 'text-button', id: 'elig-report-open', disabled: !st.result,
          onclick: () => openReport(map, st.result, ctx.lang(), panel.offsetWidth, () => panel.querySelector('#elig-report-open')?.focus()) }, T('report'))),
      st.error ? h('p', { class: 'elig-error', role: 'alert' }, st.error) : null,
      st.result && st.checked ? saveBox(st, account, doSave, showCaseReport) : null,
      checklistEl);
    if (focused) panel.querySelector(`#${CSS.escape(focused)}`)?.focus();
  }

  async function toggle(on) {
    st.open = on;
    if (on) {
      ensureOverlay(map);
      if (!st.rules) {
        try {
          st.rules = await getJSON('api/eligibility/rules');
        } catch (err) {
          st.error = err.message;
        }
      }
      setMode(st.mode);
      panel.querySelector('#elig-title')?.focus();
    } else {
      draw.stop();
      ctx.modes.leave('select');
      closeReport();
      closeCaseReport();
      render();
      btn.focus();
    }
  }
  api.open = () => toggle(true);
  btn.addEventListener('click', () => toggle(!st.open));
  // A logout closes the register (its cases are for logged-in users); the gates follow by themselves.
  account.onChange(() => {
    if (!account.can('cases.read')) {
      st.view = 'check';
      st.caseOpen = null;
    }
    render();
  });
  ctx.onLang(() => {
    if (st.target?.kind === 'parcel') st.target.label = T('targetParcel', { id: st.target.parcel_id });
    else if (st.target?.kind === 'drawn') st.target.label = T('targetDrawn', { mu: st.target.mu.toFixed(2) });
    else if (st.target?.kind === 'file') st.target.label = T('targetFile', { name: st.target.name });
    render();
  });
  render();
}

export const eligibility = { name: 'eligibility', mount };
