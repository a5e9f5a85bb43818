// Unit tests of the measuring tool's geodesy against PostGIS's geography (WGS84 spheroid).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distance, lineLength, ringArea, toMu, SQM_PER_MU } from '../geodesy.js';

const close = (got, want, rel, what) =>
  assert.ok(Math.abs(got - want) <= Math.abs(want) * rel, `${what}: got ${got}, want ${want} within ${rel * 100}%`);

// Reference values: PostGIS 3, ST_Distance / ST_Area on ::geography (spheroid).
test('distance matches PostGIS geography', () => {
  close(distance([120.5, 27.6], [120.6, 27.7]), 14838.13230798, 1e-6, '0.1° diagonal at 27.6°N');
  close(distance([120.0, 27.0], [121.0, 28.0]), 148467.21749809, 1e-6, '1° diagonal');
  assert.equal(distance([120.5, 27.6], [120.5, 27.6]), 0);
});

test('a line adds up its segments', () => {
  const a = [120.5, 27.6], b = [120.6, 27.7], c = [120.7, 27.6];
  close(lineLength([a, b, c]), distance(a, b) + distance(b, c), 1e-12, 'line length');
  assert.equal(lineLength([a]), 0);
});

test('area matches PostGIS geography within 0.5% (in practice far closer)', () => {
  const box = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
  close(ringArea(box(120.5, 27.6, 120.51, 27.61)), 1093927.127366066, 5e-4, '0.01° box at 27.6°N');
  close(ringArea(box(120.3, 27.5, 120.6, 27.7)), 656385802.2503815, 5e-4, '0.3°×0.2° box');
  const quad = [[120.4, 27.55], [120.45, 27.56], [120.43, 27.62], [120.38, 27.6], [120.4, 27.55]];
  close(ringArea(quad), 33371948.206341743, 5e-4, 'irregular quadrilateral');
});

test('area ignores orientation and closure; fewer than 3 points have none', () => {
  const ring = [[120.4, 27.55], [120.45, 27.56], [120.43, 27.62]];
  close(ringArea([...ring].reverse()), ringArea(ring), 1e-12, 'reversed');
  close(ringArea([...ring, ring[0]]), ringArea(ring), 1e-12, 'closed');
  assert.equal(ringArea(ring.slice(0, 2)), 0);
});

test('Web Mercator would be 27% too large here; 亩 are 10000/15 m²', () => {
  assert.equal(SQM_PER_MU, 10000 / 15);
  close(toMu(666.6666666666666), 1, 1e-12, 'one mu');
  // Web Mercator's scale factor squared at 27.6°N:
  const merc = 1 / Math.cos((27.6 * Math.PI) / 180) ** 2;
  assert.ok(merc > 1.25 && merc < 1.3);
});
