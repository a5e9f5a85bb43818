// The actuals routes of the service (issue 12): GET /api/actuals, PUT /api/parks/{id}/actuals/{year},
// GET /api/actuals/template.xlsx and POST /api/actuals/import. Same-origin fetches with the session
// cookie (HttpOnly, never read here). A refused request throws an ActualsError with the status and the
// service's JSON body; a 422 of an import carries the preview in its body.
import { url } from '../api.js';
import { importPath, templatePath, filenameOf } from './model.js';

export class ActualsError extends Error {
  constructor(status, body, message) {
    super(message || body?.description || body?.error?.message || `HTTP ${status}`);
    this.name = 'ActualsError';
    this.status = status;
    this.body = body || {};
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function send(method, path, { json, raw, type, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (raw !== undefined) {
    headers['Content-Type'] = type;
    init.body = raw;
  }
  try {
    return await fetch(url(path), init);
  } catch (err) {
    throw new ActualsError(0, { code: 'network' }, err.message);
  }
}

async function call(method, path, opts) {
  const res = await send(method, path, opts);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ActualsError(res.status, body);
  return body;
}

/** list reads the figures of one park (every park without parkId), with the measures and year range. */
export const list = (parkId) => call('GET', `api/actuals${parkId ? `?park=${encodeURIComponent(parkId)}` : ''}`);

/** save sets (a number) or clears (null) figures of one park-year, with their source. */
export const save = (parkId, year, body) => call('PUT', `api/parks/${encodeURIComponent(parkId)}/actuals/${Number(year)}`, { json: body });

/** template reads the xlsx template of years from..to: {blob, filename}. */
export async function template(from, to) {
  const res = await send('GET', templatePath(from, to), { accept: `${XLSX}, application/json` });
  if (!res.ok) throw new ActualsError(res.status, await res.json().catch(() => null));
  return { blob: await res.blob(), filename: filenameOf(res.headers.get('Content-Disposition'), `actuals_${from}-${to}.xlsx`) };
}

/**
 * upload sends a filled workbook as the raw body: a preview, or with apply the write. A 422 (errors
 * found when applying: nothing written) resolves with its preview, like a preview with errors.
 */
export async function upload(file, apply) {
  const res = await send('POST', importPath(apply, file.name), { raw: file, type: XLSX });
  const body = await res.json().catch(() => null);
  if (res.status === 422 && body?.rows) return body;
  if (!res.ok) throw new ActualsError(res.status, body);
  return body;
}
