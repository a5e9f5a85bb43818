// The layer import routes of the service (issue 10): GET /api/imports/targets, POST
// /api/imports/{layer}/preview and /publish (multipart/form-data: the file and the options), GET
// /api/imports/{layer}/versions and POST /api/imports/{layer}/rollback. Same-origin fetches with the
// session cookie. A refused request throws an ImportError with the status and the service's JSON body;
// a refusal whose file was read (blocking findings) carries the preview in body.preview.
import { url } from '../api.js';

export class ImportError extends Error {
  constructor(status, body, message) {
    super(message || body?.errors?.[0]?.description_zh || body?.description || `HTTP ${status}`);
    this.name = 'ImportError';
    this.status = status;
    this.body = body || {};
  }
}

async function call(method, path, init = {}) {
  let res;
  try {
    res = await fetch(url(path), { method, credentials: 'same-origin', cache: 'no-store', ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
  } catch (err) {
    throw new ImportError(0, { code: 'network' }, err.message);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ImportError(res.status, body);
  return body;
}

const layerPath = (layer, tail) => `api/imports/${encodeURIComponent(layer)}/${tail}`;

/** targets lists the importable layers, each with may_import for the caller, and max_file_bytes. */
export const targets = () => call('GET', 'api/imports/targets');

/** versions lists a layer's published versions, oldest first. */
export const versions = (layer) => call('GET', layerPath(layer, 'versions'));

/** rollback makes version live again: {layer, version, before}. */
export const rollback = (layer, version) => call('POST', layerPath(layer, 'rollback'), {
  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: Number(version) }),
});

/**
 * send previews (publish false) or publishes file as layer's next version with the form's fields
 * (strings; empty ones are left out). The browser sets the multipart boundary.
 */
export function send(layer, publish, file, fields) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== '' && v != null) form.append(k, v);
  form.append('file', file, file.name);
  return call('POST', layerPath(layer, publish ? 'publish' : 'preview'), { body: form });
}
