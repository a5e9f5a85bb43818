// The eligibility tool's pure parts (reading GeoJSON, the facts a proposal type needs) and its sources'
// safety: no HTML string parsing, eval or inline style attributes in web/ui/eligibility either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstPolygon, crsOf } from '../eligibility/geojson.js';
import { neededFacts, proposalOf, percentFacts, toPercent } from '../eligibility/form.js';

const dir = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'eligibility');
const root = path.join(dir, '..', '..', '..');
const FORBIDDEN = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\bsetHTML\b/, /\beval\(/,
  /new Function\(/, /createContextualFragment/, /setAttribute\(\s*['"]style['"]/, /DOMParser/];

test('no HTML string parsing, eval or inline style attributes in web/ui/eligibility', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js'));
  assert.ok(files.length >= 6);
  for (const f of files) {
    const src = (await readFile(path.join(dir, f), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const re of FORBIDDEN) assert.ok(!re.test(src), `${f} uses ${re}`);
  }
});

test('firstPolygon takes a Feature, a geometry or a FeatureCollection\'s first polygon', () => {
  const poly = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
  const multi = { type: 'MultiPolygon', coordinates: [poly.coordinates] };
  assert.equal(firstPolygon(poly), poly);
  assert.equal(firstPolygon({ type: 'Feature', geometry: multi }), multi);
  assert.equal(firstPolygon({ type: 'FeatureCollection', features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }, { type: 'Feature', geometry: poly }, { type: 'Feature', geometry: multi }] }), poly);
  assert.equal(firstPolygon({ type: 'FeatureCollection', features: [] }), null);
  assert.equal(firstPolygon({ type: 'LineString', coordinates: [] }), null);
  assert.equal(crsOf({ crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4528' } } }), 'EPSG:4528');
  assert.equal(crsOf({}), null);
});

test('the form asks for the proposal facts the rules of a type read, and sends only those', async () => {
  const rules = JSON.parse(await readFile(path.join(root, 'data', 'rules', 'eligibility.json'), 'utf8'));
  const block = neededFacts(rules, 'low_efficiency_block').map((f) => f.name);
  for (const n of ['plot_ratio', 'jointly_confirmed', 'county_approved']) assert.ok(block.includes(n), n);
  assert.ok(!block.includes('site_area_mu'), 'a geometry fact is asked for');
  assert.ok(!block.includes('exits_planned'));
  assert.ok(neededFacts(rules, 'custom_plot').some((f) => f.name === 'exits_planned'));
  const p = proposalOf(rules, { type: 'low_efficiency_block', facts: { plot_ratio: 2.2, jointly_confirmed: true, exits_planned: true } });
  assert.deepEqual(p, { type: 'low_efficiency_block', plot_ratio: 2.2, jointly_confirmed: true });
});

test('the shares the rules read as percentages are asked in per cent', async () => {
  const rules = JSON.parse(await readFile(path.join(root, 'data', 'rules', 'eligibility.json'), 'utf8'));
  assert.deepEqual([...percentFacts(rules)].sort(), ['land_premium_ratio', 'leading_industry_share']);
  assert.equal(toPercent(0.7), 70);
  assert.equal(toPercent(0.755), 75.5);
  assert.equal(toPercent(1), 100);
});
