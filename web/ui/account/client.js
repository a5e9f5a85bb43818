// The account routes of the service: GET /api/me, POST and DELETE /api/session, PUT /api/me/password,
// GET /api/audit. Every request is a same-origin fetch (the service's cross-origin protection refuses
// any other state change) with a JSON body; the session cookie is HttpOnly and never read here.
// A refused request throws an ApiError with the service's status, code, field and Retry-After.
import { url } from '../api.js';
import { ApiError } from './errors.js';

async function call(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url(path), init);
  } catch (err) {
    throw new ApiError({ status: 0, code: 'network', description: err.message });
  }
  if (res.status === 204) return null;
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError({
      status: res.status, code: json?.code || '', field: json?.field || '', description: json?.description || '',
      retryAfter: res.headers.get('Retry-After'),
    });
  }
  return json;
}

/** me reads who is logged in and what they may do. */
export const me = () => call('GET', 'api/me');

/** login opens a session; the answer is the same as /api/me's. */
export const login = (username, password) => call('POST', 'api/session', { username, password });

/** logout ends the session (204, also when there was none). */
export const logout = () => call('DELETE', 'api/session');

/** changePassword changes the user's own password; the service ends the user's other sessions. */
export const changePassword = (current, next) => call('PUT', 'api/me/password', { current_password: current, new_password: next });

/** auditQuery is the query string of GET /api/audit: the page size, the page (before) and the filters. */
export function auditQuery({ limit = 50, before, actor, table, key } = {}) {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before != null && before !== '') q.set('before', String(before));
  for (const [k, v] of Object.entries({ actor, table, key })) if (v) q.set(k, v);
  return q.toString();
}

/** audit reads one page of the audit log, newest first. */
export const audit = (params) => call('GET', `api/audit?${auditQuery(params)}`);
