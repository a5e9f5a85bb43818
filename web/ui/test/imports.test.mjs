// The layer import's pure parts (web/ui/imports/model.js): which findings block a publish (as
// layerimport.Finding.Blocking), their meaning in Chinese and English, when 发布 is enabled, the
// mapping editor's starting values, the form's fields, and what the map draws for a preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLang } from '../i18n.js';
import { T } from '../imports/strings.js';
import { blocking, counts, canPublish, meaning, diffCounts, startMapping, formFields, stagedData, extentBox, humanBytes, datasetsOf } from '../imports/model.js';

const target = { layer: 'constraints', fields: [{ name: 'id' }, { name: 'kind', required: true }, { name: 'name' }] };

test('only a feature partly outside the county is a warning', () => {
  assert.equal(blocking({ code: 'outside_county', detail: 'partly' }), false);
  assert.equal(blocking({ code: 'outside_county', detail: 'entirely' }), true);
  for (const code of ['invalid', 'empty', 'duplicate_id', 'no_id', 'unknown_kind']) assert.equal(blocking({ code }), true, code);
  assert.deepEqual(counts([{ code: 'invalid' }, { code: 'outside_county', detail: 'partly' }, { code: 'no_id' }]), { e: 2, w: 1 });
});

test('each finding reads in Chinese, and in English', () => {
  setLang('zh');
  assert.equal(meaning({ code: 'invalid', detail: 'Self-intersection[1 2]' }, T), '几何无效（Self-intersection[1 2]）');
  assert.equal(meaning({ code: 'empty' }, T), '空几何');
  assert.equal(meaning({ code: 'duplicate_id', detail: '2' }, T), '编号重复（2 个）');
  assert.equal(meaning({ code: 'no_id' }, T), '缺少编号');
  assert.equal(meaning({ code: 'outside_county', detail: 'entirely' }, T), '超出县域（全部）');
  assert.equal(meaning({ code: 'outside_county', detail: 'partly' }, T), '超出县域（部分）');
  assert.equal(meaning({ code: 'unknown_kind', detail: '菜地' }, T), '未知类型（菜地）');
  assert.equal(meaning({ code: 'later', detail: 'x' }, T), 'later（x）');
  setLang('en');
  assert.equal(meaning({ code: 'outside_county', detail: 'partly' }, T), 'outside the county (partly)');
  setLang('zh');
});

test('发布 needs a read file with no blocking finding, not yet published', () => {
  const p = { count: 3, sha256: 'a'.repeat(64), findings: [{ code: 'outside_county', detail: 'partly' }] };
  assert.equal(canPublish(p), true);
  assert.equal(canPublish({ ...p, findings: [{ code: 'invalid' }] }), false);
  assert.equal(canPublish({ ...p, count: 0 }), false);
  assert.equal(canPublish({ ...p, published_version: 2 }), false);
  assert.equal(canPublish(null), false);
});

test('the mapping starts from the user\'s choice, then the preview\'s fields, then the suggestion', () => {
  const p = { source: { fields: ['BSM', 'LX', 'MC'] }, mapping: { id: 'fid (feature number)', kind: 'LX' }, suggested: [{ field: 'name', source: 'MC' }, { field: 'id', source: 'NOPE' }] };
  assert.deepEqual(startMapping(target, p), { id: '', kind: 'LX', name: 'MC' });
  assert.deepEqual(startMapping(target, p, { id: 'BSM', kind: '' }), { id: 'BSM', kind: '', name: 'MC' });
  // Without the file's fields listed, the store's own words are still never a field.
  assert.deepEqual(startMapping(target, { mapping: { id: 'fid (feature number)', kind: '-kind 基本农田', name: 'MC' } }), { id: '', kind: '', name: 'MC' });
});

test('the form sends what was set, the kind only when no field is mapped to it', () => {
  const f = formFields({ crs: ' EPSG:4528 ', kind: '基本农田', repair: true, note: ' 说明 ' }, { id: 'BSM', kind: '', name: '' }, 'b'.repeat(64));
  assert.deepEqual(f, { crs: 'EPSG:4528', encoding: '', dataset: '', source_layer: '', kind: '基本农田', repair: 'true', note: '说明', area_unit: '',
    mapping: '{"id":"BSM"}', expect_sha256: 'b'.repeat(64) });
  assert.equal(formFields({ kind: '基本农田' }, { kind: 'LX' }).kind, '');
  assert.equal(formFields({}, {}).mapping, '');
  assert.equal('expect_sha256' in formFields({}, {}), false);
});

test('the map draws the staged features, else the extent, else nothing', () => {
  const feat = { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [120.5, 27.6] } };
  const s = stagedData({ staged: { type: 'FeatureCollection', features: [feat] }, extent: [1, 2, 3, 4] });
  assert.equal(s.kind, 'features');
  assert.equal(s.data.features[0].properties.role, 'staged');
  assert.equal(s.data.features[0].properties.id, 'a');
  const e = stagedData({ extent: [120.5, 27.6, 120.6, 27.7] });
  assert.equal(e.kind, 'extent');
  assert.deepEqual(e.data.features[0].geometry.coordinates[0][2], [120.6, 27.7]);
  assert.equal(stagedData({ extent: [0, 0, 0, 0] }).kind, 'none');
  assert.equal(extentBox([1, 2, NaN, 4]), null);
});

test('the diff counts and sizes', () => {
  assert.deepEqual(diffCounts([{ change: 'added' }, { change: 'added' }, { change: 'removed' }, { change: 'changed' }]), { added: 2, removed: 1, changed: 1 });
  assert.equal(humanBytes(2 ** 30), '1 GB');
  assert.equal(humanBytes(256 * 1024), '256 KB');
});

test('the datasets of an upload holding several, from the preview or the message', () => {
  assert.deepEqual(datasetsOf({ preview: { source: { datasets: ['a.shp', 'b.gpkg'] } } }), ['a.shp', 'b.gpkg']);
  assert.deepEqual(datasetsOf({ field: 'dataset', description: 'the upload holds several datasets, pick one: 地块/a.shp (shapefile), b.geojson (geojson)' }), ['地块/a.shp', 'b.geojson']);
  assert.deepEqual(datasetsOf({ errors: [{ field: 'dataset', description: 'no dataset "x" in the upload; it holds a.gdb (filegdb), b.kml (kml)' }] }), ['a.gdb', 'b.kml']);
  assert.deepEqual(datasetsOf({ description: 'something else' }), []);
});
