// Plan against actual in the briefing (issue 12): how a target's actual, completion rate and 2022
// verdict read in a table cell, and whether a progress answer holds any actual figure at all. Pure:
// unit-tested in node (test/briefing-actuals.test.mjs). An actual is never interpolated: a year
// without figures reads "no data", and a county figure that rests on some parks only says so.
import { fmt } from '../dom.js';

/** hasActuals reports whether any target of a /api/progress answer has an actual figure. */
export function hasActuals(prog) {
  return !!prog?.targets?.some((t) => t.actual != null);
}

/** actualText is the actual cell: the value with its unit, and "(n/N 园区)" when not every park reports. */
export function actualText(t, l, noData) {
  if (t.actual == null) return noData;
  const v = `${fmt(t.actual, 2, l)} ${t.unit || ''}`.trim();
  if (!t.actual_parks || t.actual_parks >= t.actual_parks_of) return v;
  return l === 'en' ? `${v} (${t.actual_parks} of ${t.actual_parks_of} parks)` : `${v}（${t.actual_parks}/${t.actual_parks_of}园区）`;
}

/** rateText is the completion rate as a percentage, or noData. */
export function rateText(t, l, noData) {
  return t.completion_rate == null ? noData : `${fmt(t.completion_rate * 100, 1, l)}%`;
}

/** metText says whether the 2022 target was met: met, not met, not yet due, or no data. */
export function metText(t, year, words) {
  if (t.target_met === true) return words.met;
  if (t.target_met === false) return words.notMet;
  return year < t.target_year ? words.notDue : words.noData;
}

/** actualTitle is the hover text of an actual cell: how it is worked out, its years and sources. */
export function actualTitle(t) {
  const parts = [t.actual_note, t.actual_basis];
  if (t.actual_years?.length) parts.push(`${t.actual_years.join('、')}`);
  if (t.actual_sources?.length) parts.push(t.actual_sources.join('；'));
  return parts.filter(Boolean).join('\n');
}
