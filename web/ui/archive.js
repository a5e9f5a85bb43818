// The map's vector tiles from a PMTiles archive on a static host (serve -tiles-archive, issue 11): an
// intranet web server or an object store answers the browser's HTTP Range requests, so drawing the map
// costs parkmap nothing. The archive is `parkmap tiles export` of the server's own tiles, so it is a
// snapshot: the page says so, and of when. Everything else (cards, lists, /api/*) still asks parkmap.
import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol } from 'pmtiles';
import { h } from './dom.js';
import { t } from './i18n.js';

/** ArchiveError is an archive that could not be opened; its message is the page's own words. */
export class ArchiveError extends Error {}

let protocol = null;

/**
 * openArchive reads the archive's header and metadata (two Range requests) and registers the pmtiles://
 * protocol with MapLibre, once. It resolves to what buildStyle needs: the source's tile URL, its zooms
 * from the header (MapLibre overzooms past maxzoom), bounds and what the metadata says of the
 * snapshot. href is /ui/config.json's tiles_archive: absolute, or a path on this origin.
 */
export async function openArchive(href) {
  const url = new URL(href, document.baseURI).href;
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  const archive = protocol.get(url) || new PMTiles(url);
  let header, metadata;
  try {
    header = await archive.getHeader();
    metadata = (await archive.getMetadata()) || {};
  } catch (err) {
    throw new ArchiveError(t('archive.unreadable', { url, reason: String(err?.message || err) }));
  }
  protocol.add(archive);
  return {
    url,
    tiles: [`pmtiles://${url}/{z}/{x}/{y}`],
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    attribution: typeof metadata.attribution === 'string' ? metadata.attribution : '',
    exportedAt: typeof metadata.exported_at === 'string' ? metadata.exported_at : '',
    datasetVersion: typeof metadata.dataset_version === 'string' ? metadata.dataset_version : '',
  };
}

/** snapshotText says the map is a snapshot, of when (Beijing time, the county's) and of which data. */
export function snapshotText(a) {
  const at = a.exportedAt ? new Date(a.exportedAt) : null;
  const when = at && !Number.isNaN(at.getTime())
    ? at.toLocaleString('zh-CN', {
      timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }) + ' (UTC+8)'
    : '';
  const text = when ? t('archive.snapshot', { at: when }) : t('archive.snapshotUndated');
  return a.datasetVersion ? t('archive.withVersion', { text, version: a.datasetVersion }) : text;
}

const escapeHTML = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * attribution is the source's attribution (MapLibre shows it as HTML): the archive's own, escaped (it
 * comes from another host), then the snapshot's provenance.
 */
export function attribution(a, fallback) {
  return `${escapeHTML(a.attribution || fallback || '')} · ${escapeHTML(snapshotText(a))}`;
}

/** SnapshotControl shows, on the map, that it is drawn from a snapshot: a person sees it without opening the attribution. */
export class SnapshotControl {
  constructor(archive) {
    this.archive = archive;
  }

  onAdd() {
    this.el = h('div', { class: 'maplibregl-ctrl notice-ctrl', id: 'archive-snapshot', role: 'note' });
    this.render();
    return this.el;
  }

  onRemove() {
    this.el.remove();
  }

  render() {
    if (this.el) this.el.textContent = snapshotText(this.archive);
  }
}
