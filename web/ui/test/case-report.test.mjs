// The case report's pure parts (web/ui/eligibility/case-report-model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metresPerPixel, niceScale, paperScale, provenanceOf } from '../eligibility/case-report-model.js';

test('metresPerPixel is Web Mercator ground resolution for 512-pixel tiles', () => {
  assert.ok(Math.abs(metresPerPixel(0, 0) - 78271.517) < 0.01);
  const py = metresPerPixel(27.6, 15); // Pingyang at zoom 15
  assert.ok(Math.abs(py - 2.388 * Math.cos((27.6 * Math.PI) / 180)) < 0.01, String(py));
});

test('niceScale picks the longest 1-2-5 length that fits', () => {
  assert.deepEqual(niceScale(2, 200).metres, 200);
  assert.deepEqual(niceScale(2, 240).metres, 200);
  assert.deepEqual(niceScale(2, 260).metres, 500);
  assert.deepEqual(niceScale(30, 200).metres, 5000);
  assert.equal(niceScale(0.5, 190).metres, 50);
  const s = niceScale(2.1, 200);
  assert.ok(s.pixels <= 200 && Math.abs(s.pixels - s.metres / 2.1) < 1e-9);
});

test('paperScale rounds 1:N to two significant figures', () => {
  assert.equal(paperScale(1), 3800); // 1 m per CSS pixel is 1:3780
  assert.equal(paperScale(0.1), 380);
  assert.equal(paperScale(20), 76000);
});

test('provenanceOf names real, illustrative, mixed and submitted shapes', () => {
  assert.equal(provenanceOf({}).kind, 'submitted');
  assert.equal(provenanceOf({ parcel: { provenance: 'illustrative' } }).kind, 'illustrative');
  assert.equal(provenanceOf({ parcel: { provenance: 'real' }, overlap_parks: [{ provenance: 'real' }] }).kind, 'real');
  const m = provenanceOf({ parcel: { provenance: 'real' }, overlap_redevelopment: [{ provenance: 'illustrative' }] });
  assert.deepEqual(m, { kind: 'mixed', detail: '1/2' });
});
