// The layer import's rules as the page shows them (issue 10), pure so that node tests them
// (web/ui/test/imports.test.mjs): which findings block a publish (layerimport.Finding.Blocking), what
// each means in words, the mapping editor's starting values, the diff's counts and the form's fields.

/** blocking mirrors layerimport.Finding.Blocking: only a feature partly outside the county is a warning. */
export const blocking = (f) => f.code !== 'outside_county' || f.detail === 'entirely';

/** counts is how many findings block and how many warn. */
export function counts(findings = []) {
  let e = 0;
  for (const f of findings) if (blocking(f)) e++;
  return { e, w: findings.length - e };
}

/** canPublish says whether a preview may be published: it read features and nothing blocks. */
export const canPublish = (p) => Boolean(p && p.count > 0 && p.sha256 && counts(p.findings || []).e === 0 && !p.published_version);

/** meaning is a finding's meaning in words, T being the namespace's reader. */
export function meaning(f, T) {
  const known = ['invalid', 'empty', 'duplicate_id', 'no_id', 'outside_county', 'unknown_kind'];
  let detail = f.detail || '';
  if (f.code === 'outside_county') detail = detail === 'entirely' || detail === 'partly' ? T(`outside.${detail}`) : detail;
  if (f.code === 'unknown_kind' && !detail) detail = '—';
  if (f.code === 'invalid' && !detail) detail = '—';
  return known.includes(f.code) ? T(`code.${f.code}`, { detail }) : T('code.other', { code: f.code, detail });
}

/** diffCounts counts the diff's changes. */
export function diffCounts(diff = []) {
  const n = { added: 0, removed: 0, changed: 0 };
  for (const c of diff) if (c.change in n) n[c.change]++;
  return n;
}

// What the store writes in a preview's mapping for a field it filled without a file field (the feature
// number as id, one kind for all): not a field of the file, so never a choice of the editor.
const notAField = (v) => /^fid \(|^-kind /.test(v);

/**
 * startMapping is the mapping editor's values for target: what the user chose (chosen), else what the
 * preview used (preview.mapping, when it names a file field), else the importer's suggestion.
 * fields are the file's (preview.source.fields; empty when the service does not list them).
 */
export function startMapping(target, preview, chosen = {}) {
  const fields = preview?.source?.fields || [];
  const ok = (v) => v && !notAField(v) && (!fields.length || fields.includes(v));
  const out = {};
  for (const f of target?.fields || []) {
    const mine = chosen[f.name];
    const used = preview?.mapping?.[f.name];
    const sug = (preview?.suggested || []).find((s) => s.field === f.name)?.source;
    if (mine !== undefined) out[f.name] = mine;
    else if (ok(used)) out[f.name] = used;
    else if (ok(sug)) out[f.name] = sug;
    else out[f.name] = '';
  }
  return out;
}

/** formFields are the multipart fields of a preview or publish (strings; empty ones are dropped by the client). */
export function formFields(opts, mapping, sha256) {
  const m = Object.fromEntries(Object.entries(mapping || {}).filter(([, v]) => v));
  const out = {
    crs: opts.crs?.trim() || '', encoding: opts.encoding || '', dataset: opts.dataset || '', source_layer: opts.sourceLayer || '',
    kind: m.kind ? '' : opts.kind || '', repair: opts.repair ? 'true' : '', note: opts.note?.trim() || '', area_unit: opts.areaUnit || '',
    mapping: Object.keys(m).length ? JSON.stringify(m) : '',
  };
  if (sha256) out.expect_sha256 = sha256;
  return out;
}

/** extentBox is the preview's extent as a GeoJSON polygon (lon/lat), or null when it has none. */
export function extentBox(extent) {
  if (!Array.isArray(extent) || extent.length !== 4 || extent.some((x) => !Number.isFinite(x))) return null;
  const [a, b, c, d] = extent;
  if (a === 0 && b === 0 && c === 0 && d === 0) return null;
  return { type: 'Polygon', coordinates: [[[a, b], [c, b], [c, d], [a, d], [a, b]]] };
}

/** stagedData is what the map draws for a preview: its staged features, else its extent's outline. */
export function stagedData(p) {
  const fc = p?.staged;
  if (fc && Array.isArray(fc.features) && fc.features.length) {
    return { kind: 'features', data: { type: 'FeatureCollection', features: fc.features.map((f) => ({ ...f, properties: { ...(f.properties || {}), role: 'staged' } })) } };
  }
  const box = extentBox(p?.extent);
  if (!box) return { kind: 'none', data: { type: 'FeatureCollection', features: [] } };
  return { kind: 'extent', data: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { role: 'extent' }, geometry: box }] } };
}

/** humanBytes is a size for people: 1 GB, 256 KB. */
export function humanBytes(n) {
  if (!Number.isFinite(n) || n <= 0) return '—';
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GB`;
  if (n >= 2 ** 20) return `${Math.round(n / 2 ** 20)} MB`;
  if (n >= 2 ** 10) return `${Math.round(n / 2 ** 10)} KB`;
  return `${n} B`;
}

/** signed is a change in 亩 with its sign. */
export const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/**
 * datasetsOf lists the datasets an upload holds from a refusal naming field dataset: the preview's
 * (source.datasets) when the service sends one, else read from its message ("… pick one: a.shp
 * (shapefile), b.gpkg (gpkg)"), as the importer lists them today.
 */
export function datasetsOf(body) {
  const listed = body?.preview?.source?.datasets;
  if (Array.isArray(listed) && listed.length > 1) return listed;
  const desc = String(body?.errors?.find((e) => e.field === 'dataset')?.description || body?.description || '');
  const m = desc.match(/(?:pick one: |it holds )(.+)$/);
  if (!m) return [];
  return m[1].split(', ').map((s) => s.replace(/ \([^()]*\)$/, '').trim()).filter(Boolean);
}
