// @camptocamp/ogc-client, an OGC API client nobody here wrote (the one geOrchestra and others build
// on), reads the server at PARKMAP_URL (issue 13): the landing page, conformance, every feature
// collection with its CRSs, the items of each page by page against numberMatched, the CRS of a
// request in the URL it builds, and the vector tilesets with their tile URL templates.
import { OgcApiEndpoint } from '@camptocamp/ogc-client';
import { ok, pass, passedCount } from './browserlib.mjs';

const BASE = process.env.PARKMAP_URL;

async function json(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  ok(res.ok, `${url}: ${res.status}`);
  return res.json();
}

async function main() {
  const api = new OgcApiEndpoint(BASE + '/');
  const info = await api.info;
  ok(info.title, `no title in ${JSON.stringify(info)}`);
  const classes = await api.conformanceClasses;
  for (const c of ['ogcapi-features-1/1.0/conf/core', 'ogcapi-features-1/1.0/conf/geojson', 'ogcapi-features-2/1.0/conf/crs']) {
    ok(classes.some((x) => x.endsWith(c)), `conformance lacks ${c}: ${classes}`);
  }
  ok(await api.hasFeatures, 'the client finds no features');
  pass('landing page and conformance', `${info.title}; ${classes.length} classes`);

  const ours = (await json(BASE + '/collections')).collections.map((c) => c.id);
  const features = await api.featureCollections;
  ok(ours.every((id) => features.includes(id)), `feature collections ${features}, the server lists ${ours}`);
  for (const id of ours) {
    const c = await api.getCollectionInfo(id);
    ok(c.id === id && c.itemType === 'feature', `${id}: ${JSON.stringify(c).slice(0, 200)}`);
    // Its queryables, as the client reads them from the collection's queryables link: every one the
    // server lists, the geometry typed by its GeoJSON schema, the rest by their JSON type.
    const listed = (await json(`${BASE}/collections/${id}/queryables`)).properties;
    ok(c.queryables.length === Object.keys(listed).length && c.queryables.length > 1,
      `${id}: the client finds ${c.queryables.length} queryables, the server lists ${Object.keys(listed).length}`);
    const geometry = c.queryables.find((q) => q.name === 'geometry');
    ok(geometry && ['point', 'polygon'].includes(geometry.type), `${id}: the client types geometry ${JSON.stringify(geometry)}`);
    // ogc-client 1.3.0 knows string, number, integer, date and geometries; it reads boolean as string.
    for (const q of c.queryables) {
      const want = listed[q.name].type === 'boolean' ? 'string' : listed[q.name].type;
      if (q.name !== 'geometry') ok(q.type === want, `${id}.${q.name}: the client types it ${q.type}, not ${want}`);
    }
    ok(c.sortables.length > 0, `${id}: the client finds no sortables`);
    for (const crs of ['EPSG:4490', 'EPSG:4549', 'EPSG:4528']) {
      ok(c.crs.some((x) => x.endsWith('/' + crs.split(':')[1])), `${id}: the client sees crs ${c.crs}, not ${crs}`);
    }
    const all = [];
    for (let offset = 0; ; offset += 7) {
      const page = await api.getCollectionItems(id, 7, offset);
      all.push(...page);
      if (page.length < 7) break;
    }
    const matched = (await json(`${BASE}/collections/${id}/items?limit=1`)).numberMatched;
    ok(all.length === matched, `${id}: the client paged ${all.length} features, numberMatched ${matched}`);
    ok(new Set(all.map((f) => f.id)).size === all.length, `${id}: a feature twice across pages`);
  }
  pass('every feature collection, its queryables, sortables, CRSs and its items page by page', ours.join(', '));

  // The URL the client builds for CGCS2000 Gauss-Krüger is answered in it, northing first.
  const url = await api.getCollectionItemsUrl('towns', { outputCrs: 'EPSG:4549', limit: 100, asJson: true });
  const res = await fetch(url);
  ok(res.ok, `${url}: ${res.status}`);
  const crsHeader = res.headers.get('content-crs') || '';
  ok(crsHeader.includes('/EPSG/0/4549'), `${url}: Content-Crs ${crsHeader}`);
  const towns = await res.json();
  const [n, e] = towns.features[0].geometry.coordinates;
  ok(n > 3.0e6 && n < 3.2e6 && e > 4e5 && e < 6e5, `towns in EPSG:4549 start at ${n}, ${e}: not northing, easting`);
  pass('a request the client builds with outputCrs EPSG:4549', url.replace(BASE, ''));

  ok(await api.hasTiles, 'the client finds no tiles');
  const vt = await api.vectorTileCollections;
  ok(vt.includes('parks') && vt.includes('parcels'), `vector tile collections: ${vt}`);
  const tileset = await api.getVectorTilesetUrl('parks');
  const item = (await json(tileset)).links.find((l) => l.rel === 'item');
  ok(item && item.href.includes('{tileMatrix}'), `the parks tileset ${tileset} has no tile template: ${JSON.stringify(item)}`);
  const tile = await fetch(item.href.replace('{tileMatrix}', '10').replace('{tileCol}', '854').replace('{tileRow}', '430'));
  ok(tile.status === 200 && (await tile.arrayBuffer()).byteLength > 0, `a parks tile from the template: ${tile.status}`);
  pass('vector tilesets', `${vt.length} collections; parks at ${tileset.replace(BASE, '')}, tiles ${item.href.replace(BASE, '')}`);
  console.log(`# ${passedCount()} passed`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
