// Export: the current view as a PNG with a title, the date, a legend, a scale bar, a north arrow and the
// data's provenance drawn into the image (the WebGL canvas has none of these); and a printable one-page
// progress table (a print-only section built from DOM).
import { T } from './strings.js';
import { h, fill } from '../dom.js';
import { STATES, STATE_COLORS } from './parkstate.js';
import { targetsTable, indicatorsLine } from './present.js';
import { hasActuals } from './actuals.js';

/** captureMap resolves to a 2D canvas holding the map as drawn in the next frame. */
export function captureMap(map) {
  return new Promise((resolve) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const c = document.createElement('canvas');
      c.width = src.width;
      c.height = src.height;
      c.getContext('2d').drawImage(src, 0, 0);
      resolve(c);
    });
    map.triggerRepaint();
  });
}

function niceLength(m) {
  const p = 10 ** Math.floor(Math.log10(m));
  for (const k of [5, 2, 1]) if (k * p <= m) return k * p;
  return p;
}

/** composeImage draws the map and its furniture on one canvas (same size as the map's drawing buffer). */
export async function composeImage(map, { year, title, font }) {
  const c = await captureMap(map);
  const g = c.getContext('2d');
  const dpr = c.width / map.getCanvas().clientWidth || 1;
  const W = c.width, H = c.height;
  const px = (n) => Math.round(n * dpr);
  g.textBaseline = 'top';
  const box = (x, y, w, hh) => { g.fillStyle = 'rgba(255,255,255,0.88)'; g.fillRect(x, y, w, hh); };
  // Title and date.
  const date = new Date().toISOString().slice(0, 10);
  g.font = `bold ${px(22)}px ${font}`;
  const line2 = `${year ? `${year} · ` : ''}${T('planNote')} · ${date}`;
  const tw = Math.max(g.measureText(title).width, px(300));
  box(px(12), px(12), tw + px(24), px(68));
  g.fillStyle = '#102030';
  g.fillText(title, px(24), px(20));
  g.font = `${px(14)}px ${font}`;
  g.fillText(line2, px(24), px(52));
  // Legend.
  const lx = px(12), ly = px(92), lh = px(22);
  g.font = `${px(13)}px ${font}`;
  const lw = Math.max(...STATES.map((s) => g.measureText(T(`st_${s}`)).width)) + px(44);
  box(lx, ly, lw, lh * (STATES.length + 1) + px(8));
  g.fillStyle = '#102030';
  g.fillText(T('stateLegend'), lx + px(10), ly + px(6));
  STATES.forEach((s, i) => {
    const y = ly + px(6) + lh * (i + 1);
    g.fillStyle = STATE_COLORS[s];
    g.fillRect(lx + px(10), y, px(16), px(14));
    g.fillStyle = '#102030';
    g.fillText(T(`st_${s}`), lx + px(32), y);
  });
  // Scale bar: metres per CSS pixel at the centre latitude.
  const lat = map.getCenter().lat;
  const mpp = (40075016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  const metres = niceLength(mpp * 150);
  const barPx = px(metres / mpp);
  const sx = px(24), sy = H - px(70);
  box(sx - px(12), sy - px(26), barPx + px(40), px(48));
  g.fillStyle = '#102030';
  g.fillRect(sx, sy, barPx, px(6));
  g.font = `${px(13)}px ${font}`;
  g.fillText(metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, sx, sy - px(20));
  // North arrow, turned by the map's bearing.
  const nx = W - px(60), ny = px(70);
  box(nx - px(34), ny - px(44), px(68), px(88));
  g.save();
  g.translate(nx, ny);
  g.rotate((-map.getBearing() * Math.PI) / 180);
  g.beginPath();
  g.moveTo(0, -px(30)); g.lineTo(px(12), px(16)); g.lineTo(0, px(8)); g.lineTo(-px(12), px(16)); g.closePath();
  g.fillStyle = '#102030';
  g.fill();
  g.font = `bold ${px(14)}px ${font}`;
  g.textAlign = 'center';
  g.fillText(T('north'), 0, px(20));
  g.restore();
  // Provenance.
  g.font = `${px(12)}px ${font}`;
  const pw = g.measureText(T('provenance')).width;
  box(W - pw - px(24), H - px(30), pw + px(16), px(22));
  g.fillStyle = '#102030';
  g.fillText(T('provenance'), W - pw - px(16), H - px(26));
  return c;
}

/** exportPNG composes the image and downloads it through a Blob link. */
export async function exportPNG(map, opts) {
  const c = await composeImage(map, opts);
  const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
  const a = h('a', { href: URL.createObjectURL(blob), download: `parkmap-${opts.year || 'map'}-${new Date().toISOString().slice(0, 10)}.png` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return { width: c.width, height: c.height };
}

/** buildPrint fills the print-only section with the progress table of /api/progress for the year. */
export function buildPrint(section, prog, l) {
  const actual = hasActuals(prog);
  fill(section,
    h('h1', null, T(actual ? 'printTitleActual' : 'printTitle', { y: prog.year })),
    h('p', null, `${prog.source} · ${prog.as_of}`),
    targetsTable(prog, l),
    indicatorsLine(prog, l),
    h('p', { class: 'brf-print-note' }, T(actual ? 'printNoteActual' : 'printNote')),
    h('p', null, `${T('printed')}: ${new Date().toISOString().slice(0, 10)} · ${T(actual ? 'provenanceActual' : 'provenance')}`));
}
