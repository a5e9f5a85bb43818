// Unit tests of the filters, sums, sort and URL state the page is built on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matches, applyFilters, stats, sortParks, options, isFiltered } from '../model.js';
import { readState, writeState, defaultState } from '../urlstate.js';

const parks = [
  { id: 'a', seq: 1, name: '萧江轻工产业小微园', aliases: [], town: '萧江镇', zone: 'culture', zone_name: '文化时尚智造区',
    status: '在建', plan_area_mu: 210, building_area_wan_m2: 45, firms: 220, firms_basis: '入驻',
    industries: ['塑包彩印'], dev_mode: '龙头企业开发' },
  { id: 'b', seq: 2, name: '万洋众创城', aliases: ['万洋众创城（机械汽摩配小微园、时尚小微园）'], town: '滨海新区',
    zone: 'coastal', zone_name: '现代滨海产业区', status: '在建', plan_area_mu: 866.9, building_area_wan_m2: 130,
    firms: 368, firms_basis: '入驻', industries: ['机械汽摩配', '时尚产业'], dev_mode: '工业地产', counts_as_parks: 2 },
  { id: 'c', seq: 3, name: '平阳紫来创业园', aliases: [], town: '万全镇', zone: 'equipment', zone_name: '先进装备制造区',
    status: '新建', plan_area_mu: 233, building_area_wan_m2: null, firms: 82, firms_basis: '计划',
    industries: ['装备制造'], dev_mode: '工业地产' },
];
const none = defaultState().filters;

test('filters match exactly, industries by membership, search by any substring of name or alias', () => {
  assert.deepEqual(applyFilters(parks, { ...none, zone: 'culture' }).map((p) => p.id), ['a']);
  assert.deepEqual(applyFilters(parks, { ...none, status: '在建' }).map((p) => p.id), ['a', 'b']);
  assert.deepEqual(applyFilters(parks, { ...none, industry: '时尚产业' }).map((p) => p.id), ['b']);
  assert.deepEqual(applyFilters(parks, { ...none, dev: '工业地产', town: '万全镇' }).map((p) => p.id), ['c']);
  assert.deepEqual(applyFilters(parks, { ...none, q: '轻工' }).map((p) => p.id), ['a']);
  assert.deepEqual(applyFilters(parks, { ...none, q: '时尚小微园' }).map((p) => p.id), ['b'], 'alias');
  assert.deepEqual(applyFilters(parks, { ...none, q: '  ' }).length, 3);
  assert.ok(!matches(parks[0], { ...none, zone: 'culture', status: '新建' }));
  assert.ok(!isFiltered(none));
  assert.ok(isFiltered({ ...none, q: '园' }));
});

test('stats add the plan figures, skip missing ones and split firms by basis', () => {
  const s = stats(parks);
  assert.equal(s.parks, 3);
  assert.equal(s.counted, 4, '万洋 counts as two parks');
  assert.equal(s.mu, 1309.9);
  assert.equal(s.wan, 175);
  assert.deepEqual([s.firms, s.firmsIn, s.firmsPlanned], [670, 588, 82]);
  assert.equal(stats([]).mu, 0);
});

test('sort by figures puts missing ones last in both directions', () => {
  assert.deepEqual(sortParks(parks, 'mu', 'desc').map((p) => p.id), ['b', 'c', 'a']);
  assert.deepEqual(sortParks(parks, 'wan', 'asc').map((p) => p.id), ['a', 'b', 'c']);
  assert.deepEqual(sortParks(parks, 'wan', 'desc').map((p) => p.id), ['b', 'a', 'c']);
  assert.deepEqual(sortParks(parks, 'status').map((p) => p.id), ['a', 'b', 'c']);
  assert.deepEqual(sortParks(parks, 'nonsense').map((p) => p.id), ['a', 'b', 'c']);
});

test('options list every value once, statuses in the plan order', () => {
  const o = options(parks);
  assert.deepEqual(o.zone.map((z) => z.value), ['culture', 'coastal', 'equipment']);
  assert.deepEqual(o.status.map((z) => z.value), ['在建', '新建']);
  assert.equal(o.industry.length, 4);
});

test('URL state round-trips and ignores what it does not know', () => {
  const s = defaultState();
  s.filters.zone = 'culture';
  s.filters.status = '在建';
  s.filters.q = '园';
  s.color = 'zone';
  s.hidden = new Set(['parcels', 'bogus']);
  s.sort = { key: 'mu', dir: 'desc' };
  s.park = 'wanyang';
  s.lang = 'en';
  const q = writeState(s);
  const back = readState(q);
  assert.deepEqual(back.filters, s.filters);
  assert.equal(back.color, 'zone');
  assert.deepEqual([...back.hidden], ['parcels']);
  assert.deepEqual(back.sort, { key: 'mu', dir: 'desc' });
  assert.equal(back.park, 'wanyang');
  assert.equal(back.lang, 'en');
  assert.equal(writeState(defaultState()), '');
  assert.equal(readState('?color=<b>&sort=x.y&lang=fr&basemap=osm').color, 'status');
  assert.equal(readState('?status=' + encodeURIComponent('在建')).filters.status, '在建');
});
