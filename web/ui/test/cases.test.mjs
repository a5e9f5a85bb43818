// The eligibility cases' pure parts (web/ui/eligibility/cases-model.js): the register's query, a save's
// body, a note's length as the service counts it, a case's URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casesPath, casesExportPath, casePath, noteLength, saveBody, VERDICTS, MAX_NOTE } from '../eligibility/cases-model.js';

test('casesPath leaves out empty filters, trims the others and encodes them', () => {
  assert.equal(casesPath({}), 'api/eligibility/cases?limit=50');
  assert.equal(casesPath({ number: ' 0001 ', parcel: '', verdict: 'not_eligible' }, 10),
    'api/eligibility/cases?number=0001&verdict=not_eligible&limit=10');
  const q = new URL(`http://x/${casesPath({ number: '〔2026〕', since: '2026-12-01', until: '2026-12-02', colour: 'red' })}`).searchParams;
  assert.equal(q.get('number'), '〔2026〕');
  assert.equal(q.get('since'), '2026-12-01');
  assert.equal(q.get('until'), '2026-12-02');
  assert.equal(q.get('colour'), null, 'a key the service does not take is never sent');
});

test('casePath percent-encodes the number, Chinese brackets and all', () => {
  assert.equal(casePath('平阳准入〔2026〕0001号'), `api/eligibility/cases/${encodeURIComponent('平阳准入〔2026〕0001号')}`);
  assert.ok(!casePath('平阳准入〔2026〕0001号').includes('〔'));
});

test('noteLength counts characters (code points) after trimming, as the service does', () => {
  assert.equal(noteLength('  现场踏勘  '), 4);
  assert.equal(noteLength('𠀀'.repeat(3)), 3, 'a character outside the BMP is one, not two UTF-16 units');
  assert.equal(noteLength(undefined), 0);
  assert.equal(MAX_NOTE, 2000);
});

test('saveBody is the checked request with the note, and no note when it is empty', () => {
  const checked = { parcel_id: 'RD-018', proposal: { type: 'old_factory_redevelopment', plot_ratio: 2.2 } };
  assert.deepEqual(saveBody(checked, ' 复核 '), { ...checked, note: '复核' });
  assert.deepEqual(saveBody(checked, '   '), checked);
  assert.equal(checked.note, undefined, 'the last check is not changed');
  assert.deepEqual(VERDICTS, ['eligible', 'not_eligible', 'needs_information']);
});

test('casesPath and casesExportPath carry a location as lon/lat to 6 decimals', () => {
  const q = new URL(`http://x/${casesPath({ bbox: [120.1234567, 27.5, 120.9, 27.8], point: [120.5, 27.6] })}`).searchParams;
  assert.equal(q.get('bbox'), '120.123457,27.500000,120.900000,27.800000');
  assert.equal(q.get('point'), '120.500000,27.600000');
  assert.equal(casesPath({ bbox: [1, 2, 3] }), 'api/eligibility/cases?limit=50', 'a malformed box is not sent');
  const e = new URL(`http://x/${casesExportPath({ verdict: 'eligible', point: [120.5, 27.6] }, 'xlsx')}`).searchParams;
  assert.equal(e.get('f'), 'xlsx');
  assert.equal(e.get('verdict'), 'eligible');
  assert.equal(e.get('limit'), null, 'an export holds every case found, not a page');
});
