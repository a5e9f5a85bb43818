// The vector source from a tiles archive (serve -tiles-archive): buildStyle's source, and the words
// that say the map is a snapshot. The browser test (pmtiles.mjs) draws from a real archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildStyle } from '../style.js';
import { snapshotText, attribution } from '../archive.js';
import { setLang } from '../i18n.js';

const tj = {
  tiles: ['http://127.0.0.1:8080/tiles/all/{z}/{x}/{y}.mvt'], minzoom: 8, maxzoom: 18,
  bounds: [120.07, 27.43, 121.13, 27.77], attribution: '园区为示意图形',
};
const archive = {
  url: 'https://tiles.example.cn/p.pmtiles', tiles: ['pmtiles://https://tiles.example.cn/p.pmtiles/{z}/{x}/{y}'],
  minzoom: 8, maxzoom: 14, bounds: [120, 27.4, 121.2, 27.8], attribution: 'a <b>&</b>',
  exportedAt: '2026-12-03T09:13:32Z', datasetVersion: 'v42',
};

test('without an archive the source is the server\'s tiles, as before', () => {
  const src = buildStyle({ tj, cfg: {}, zoneColors: {}, colorMode: 'status', lang: 'zh' }).sources.parkmap;
  assert.deepEqual(src.tiles, tj.tiles);
  assert.equal(src.maxzoom, 16);
  assert.equal(src.attribution, tj.attribution);
});

test('with an archive the source is pmtiles://, with the archive\'s zooms, the layers unchanged', () => {
  const plain = buildStyle({ tj, cfg: {}, zoneColors: {}, colorMode: 'status', lang: 'zh' });
  const style = buildStyle({ tj, cfg: { tiles_archive: archive.url }, archive: { ...archive, attributionHTML: 'x' }, zoneColors: {}, colorMode: 'status', lang: 'zh' });
  const src = style.sources.parkmap;
  assert.deepEqual(src.tiles, archive.tiles);
  assert.equal(src.minzoom, 8);
  assert.equal(src.maxzoom, 14); // MapLibre overzooms past it
  assert.deepEqual(src.bounds, archive.bounds);
  assert.equal(src.attribution, 'x');
  assert.deepEqual(src.promoteId, plain.sources.parkmap.promoteId);
  assert.deepEqual(style.layers, plain.layers);
});

test('the snapshot says when (Beijing time) and which data; the attribution is escaped', () => {
  setLang('zh');
  assert.equal(snapshotText(archive), '地图为静态瓦片快照，导出于 2026/12/03 17:13 (UTC+8)，数据版本 v42');
  assert.equal(snapshotText({ ...archive, exportedAt: '', datasetVersion: '' }), '地图为静态瓦片快照（导出时间不详）');
  assert.equal(snapshotText({ ...archive, exportedAt: 'yesterday', datasetVersion: '' }), '地图为静态瓦片快照（导出时间不详）');
  assert.match(attribution(archive, 'fallback'), /^a &#60;b&#62;&#38;&#60;\/b&#62; · 地图为静态瓦片快照/);
  assert.match(attribution({ ...archive, attribution: '' }, '园区为示意图形'), /^园区为示意图形 · /);
  setLang('en');
  assert.match(snapshotText(archive), /^The map is a static tile snapshot exported on 2026\/12\/03 17:13 \(UTC\+8\), dataset version v42$/);
  setLang('zh');
});
