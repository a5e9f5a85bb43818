// The evaluation routes of the service: GET /api/parks/{id}/evaluations, PUT and DELETE of one year's
// grade. Same-origin fetches; a refused request throws an EvalError with the status and the service's
// JSON body (a 400's errors, each naming its field).
import { url } from '../api.js';

export class EvalError extends Error {
  constructor(status, body, message) {
    super(message || body?.description || `HTTP ${status}`);
    this.name = 'EvalError';
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url(path), init);
  } catch (err) {
    throw new EvalError(0, { code: 'network' }, err.message);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new EvalError(res.status, json);
  return json;
}

const path = (id, year) => `api/parks/${encodeURIComponent(id)}/evaluations${year == null ? '' : `/${encodeURIComponent(year)}`}`;

/** load reads a park's grades by year and the rounds. */
export const load = (id) => call('GET', path(id));

/** put sets the park's grade of year: {grade, source, name_in_notice?}. */
export const put = (id, year, body) => call('PUT', path(id, year), body);

/** remove deletes the park's grade of year. */
export const remove = (id, year) => call('DELETE', path(id, year));
