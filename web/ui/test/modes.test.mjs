// The owner of the interaction modes (web/ui/modes.js): one mode at a time, leaving a mode runs its
// cleanup, Escape goes back to browse, and a map click reaches the active mode only. And, read from the
// sources: nothing but main.js listens to the map's clicks or the document's keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Modes, MODES, isTyping, isFormControl } from '../modes.js';
import { DrawTool } from '../eligibility/draw.js';

// A fake event target: closest() answers for the selectors the owner asks about.
const el = (tag, { type, dialog = false, menu = false } = {}) => ({
  closest(sel) {
    if (sel === '[role="dialog"]') return dialog ? this : null;
    if (sel === '[role="menu"]') return menu ? this : null;
    if (sel === 'input[type="range"]') return tag === 'input' && type === 'range' ? this : null;
    if (sel === 'input, select, textarea') return ['input', 'select', 'textarea'].includes(tag) ? this : null;
    if (sel === 'button') return tag === 'button' ? this : null;
    return null;
  },
});
const key = (k, target = el('body'), more = {}) => ({
  key: k, target, stopped: false, prevented: false,
  stopPropagation() { this.stopped = true; }, preventDefault() { this.prevented = true; }, ...more,
});

// A recording handler for each tool mode, and a browse that opens "cards" on clicks.
function setup() {
  const modes = new Modes();
  const log = [];
  const cards = [];
  modes.register('browse', { click: (e) => cards.push(e.park) });
  for (const m of MODES.filter((x) => x !== 'browse')) {
    modes.register(m, {
      enter: (arg, prev) => log.push(`enter ${m}${arg === undefined ? '' : ` ${arg}`} from ${prev}`),
      leave: (next) => log.push(`leave ${m} for ${next}`),
      click: (e) => log.push(`click ${m} ${e.park}`),
    });
  }
  return { modes, log, cards };
}

test('the page starts in browse and has the five modes', () => {
  assert.deepEqual(MODES, ['browse', 'measure', 'draw', 'select', 'present']);
  assert.equal(new Modes().current, 'browse');
});

test('exactly one mode is active: entering one leaves the previous first', () => {
  const { modes, log } = setup();
  assert.equal(modes.enter('draw'), true);
  assert.equal(modes.enter('measure'), true);
  assert.equal(modes.current, 'measure');
  assert.ok(modes.is('measure') && !modes.is('draw') && !modes.is('browse'));
  assert.deepEqual(log, ['enter draw from browse', 'leave draw for measure', 'enter measure from draw']);
  assert.equal(modes.enter('measure'), false, 'entering the active mode again is a no-op');
  assert.equal(log.length, 3);
  modes.enter('present', 2);
  assert.deepEqual(log.slice(3), ['leave measure for present', 'enter present 2 from measure']);
});

test('leaving a mode calls its cleanup; leave() of a mode that is not active does nothing', () => {
  const { modes, log } = setup();
  modes.enter('select');
  assert.equal(modes.leave('draw'), false);
  assert.equal(modes.current, 'select');
  assert.equal(modes.leave('select'), true);
  assert.equal(modes.current, 'browse');
  assert.deepEqual(log, ['enter select from browse', 'leave select for browse']);
  assert.equal(modes.leave('browse'), false);
});

test('a tool that stops itself from its own cleanup is not left twice', () => {
  const modes = new Modes();
  let leaves = 0;
  modes.register('measure', { leave: () => { leaves++; modes.leave('measure'); } });
  modes.register('draw', {});
  modes.enter('measure');
  modes.enter('draw');
  assert.equal(leaves, 1);
  assert.equal(modes.current, 'draw');
});

test('Escape leaves the current mode back to browse, but not from a text field or a dialog', () => {
  const { modes, log } = setup();
  modes.enter('draw');
  assert.equal(modes.key(key('Escape', el('input', { type: 'text' }))), false, 'Escape in a text field is the field\'s');
  assert.equal(modes.current, 'draw');
  assert.equal(modes.key(key('Escape', el('div', { dialog: true }))), false, 'Escape in a dialog is the dialog\'s');
  assert.equal(modes.key(key('Escape', el('button', { menu: true }))), false, 'Escape in a menu is the menu\'s');
  assert.equal(modes.current, 'draw');
  const e = key('Escape');
  assert.equal(modes.key(e), true);
  assert.equal(modes.current, 'browse');
  assert.ok(e.stopped);
  assert.deepEqual(log, ['enter draw from browse', 'leave draw for browse']);
  assert.equal(modes.key(key('Escape')), false, 'Escape in browse is browse\'s own (the card), not a switch');
});

test('a mode that handles a key itself keeps it; others fall through to Escape and the shortcuts', () => {
  const modes = new Modes();
  const seen = [];
  modes.register('present', { key: (e, info) => { seen.push([e.key, info.typing]); return e.key === 'ArrowRight'; } });
  modes.register('measure', {});
  modes.shortcut('p', 'present');
  assert.equal(modes.key(key('P')), true);
  assert.equal(modes.current, 'present');
  assert.equal(modes.key(key('ArrowRight', el('input', { type: 'range' }))), true);
  assert.deepEqual(seen, [['ArrowRight', false]], 'a range slider is not typing');
  modes.enter('measure');
  assert.equal(modes.key(key('p', el('input', { type: 'search' }))), false, 'P typed in a field');
  assert.equal(modes.key(key('p', el('body'), { ctrlKey: true })), false, 'Ctrl+P is the browser\'s');
  assert.equal(modes.current, 'measure');
  assert.equal(modes.key(key('p')), true, 'P enters the presentation from another mode');
  assert.equal(modes.current, 'present');
});

test('a click in draw mode reaches the drawing, not browse\'s card opener', () => {
  const { modes, log, cards } = setup();
  modes.click({ park: 'wanyang' });
  assert.deepEqual(cards, ['wanyang'], 'in browse a click opens the card');
  modes.enter('draw');
  modes.click({ park: 'wanyang' });
  modes.dblclick({ park: 'wanyang' });
  assert.deepEqual(cards, ['wanyang'], 'a click while drawing opened a card');
  assert.ok(log.includes('click draw wanyang'));
  for (const m of ['measure', 'select', 'present']) {
    modes.enter(m);
    modes.click({ park: 'x' });
  }
  assert.deepEqual(cards, ['wanyang'], 'a click in another mode opened a card');
  modes.leave('present');
  modes.click({ park: 'y' });
  assert.deepEqual(cards, ['wanyang', 'y']);
});

test('unknown and twice-registered modes are refused', () => {
  const modes = new Modes();
  assert.throws(() => modes.register('zoom', {}), /unknown mode/);
  modes.register('draw', {});
  assert.throws(() => modes.register('draw', {}), /twice/);
  assert.throws(() => modes.enter('measure'), /no handler/);
  assert.equal(modes.current, 'browse');
});

test('typing is a text field, select or textarea; a range slider is a form control but not typing', () => {
  assert.ok(isTyping(el('input', { type: 'text' })) && isTyping(el('textarea')) && isTyping(el('select')));
  assert.ok(!isTyping(el('input', { type: 'range' })) && isFormControl(el('input', { type: 'range' })));
  assert.ok(!isTyping(el('button')) && !isTyping(null) && isTyping({ isContentEditable: true }));
});

// Just enough of a MapLibre map for the drawing tool.
function fakeMap() {
  const classes = new Set();
  const sources = new Map();
  return {
    classes, dblZoom: true,
    doubleClickZoom: { disable() { this.owner.dblZoom = false; }, enable() { this.owner.dblZoom = true; } },
    getCanvas: () => ({ classList: { add: (c) => classes.add(c), remove: (c) => classes.delete(c) } }),
    getSource: (id) => sources.get(id),
    addSource: (id) => sources.set(id, { data: null, setData(d) { this.data = d; } }),
    addLayer() {},
    project: ([x, y]) => ({ x: x * 1000, y: y * 1000 }),
  };
}

test('the real drawing tool: its clicks add vertices, no card opens, and measuring ends it', () => {
  const modes = new Modes();
  const cards = [];
  modes.register('browse', { click: (e) => cards.push(e.lngLat) });
  const measure = [];
  modes.register('measure', { enter: () => measure.push('on'), leave: () => measure.push('off') });
  const map = fakeMap();
  map.doubleClickZoom.owner = map;
  const left = [];
  const draw = new DrawTool(map, modes, { onChange() {}, onFinish() {}, onLeave: (next) => left.push(next) });
  draw.start();
  assert.ok(modes.is('draw') && draw.active && map.classes.has('measuring') && !map.dblZoom);
  for (const [lng, lat] of [[1, 1], [2, 1], [2, 2]]) modes.click({ lngLat: { lng, lat } });
  assert.equal(draw.points.length, 3);
  assert.deepEqual(cards, [], 'a click while drawing reached the card opener');
  modes.enter('measure');
  assert.ok(!draw.active && draw.points.length === 0 && !map.classes.has('measuring'), 'drawing is still on');
  assert.deepEqual(left, ['measure']);
  assert.deepEqual(measure, ['on']);
  draw.start();
  assert.deepEqual(measure, ['on', 'off'], 'drawing did not end the measuring');
  modes.key(key('Escape'));
  assert.ok(modes.is('browse') && !draw.active);
  modes.click({ lngLat: { lng: 5, lat: 5 } });
  assert.equal(cards.length, 1, 'back in browse a click opens a card again');
});

// Every .js under web/ui (not the tests), recursively.
async function sources(dir) {
  const out = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory() && d.name !== 'test' && d.name !== 'node_modules') out.push(...await sources(p));
    else if (d.isFile() && d.name.endsWith('.js')) out.push(p);
  }
  return out;
}

test('only main.js listens to the map\'s clicks and the document\'s keys: the tools are modes', async () => {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const files = await sources(root);
  assert.ok(files.length >= 30, `only ${files.length} sources`);
  const LISTEN = {
    click: /\.on\(\s*['"]click['"]/g, dblclick: /\.on\(\s*['"]dblclick['"]/g,
    keys: /(document|window)\.addEventListener\(\s*['"]key(down|up|press)['"]/g,
  };
  const found = [];
  for (const f of files) {
    const src = (await readFile(f, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [kind, re] of Object.entries(LISTEN)) {
      for (let i = (src.match(re) || []).length; i > 0; i--) found.push(`${path.relative(root, f)} ${kind}`);
    }
  }
  assert.deepEqual(found.sort(), ['main.js click', 'main.js dblclick', 'main.js keys'], found.join('\n'));
});
