// The park facts routes of the service: GET and PATCH /api/parks/{id}/facts, GET /api/parks/{id}/history.
// Same-origin fetches; the session cookie is HttpOnly and never read here. A refused request throws a
// FactsError with the status and the service's JSON body (a 409's current and sent, a 400's errors).
import { url } from '../api.js';

export class FactsError extends Error {
  constructor(status, body, message) {
    super(message || body?.description || `HTTP ${status}`);
    this.name = 'FactsError';
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, path, { body, ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (ifMatch) headers['If-Match'] = ifMatch;
  let res;
  try {
    res = await fetch(url(path), init);
  } catch (err) {
    throw new FactsError(0, { code: 'network' }, err.message);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new FactsError(res.status, json);
  return json;
}

const path = (id, what) => `api/parks/${encodeURIComponent(id)}/${what}`;

/** load reads a park's record (facts, plan, version). */
export const load = (id) => call('GET', path(id, 'facts'));

/** save sends the changed fields of the record at version: the version is the If-Match. */
export const save = (id, version, body) => call('PATCH', path(id, 'facts'), { body, ifMatch: `"${version}"` });

/** history reads the edits of a park's facts, newest first (logged-in users). */
export const history = (id) => call('GET', path(id, 'history'));
