// Builds the web map's assets into web/static/dist/, which parkmap embeds (web/page.go): app.js (the page
// and MapLibre, an ES module), the chunks it imports on demand (echarts-HASH.js), app.css (the page's
// and MapLibre's styles) and MapLibre's worker.
// `node web/ui/build.mjs` (npm run build). No source maps: they would double the embedded size.
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = path.join(root, 'web/static/dist');
const require = createRequire(import.meta.url);
const maplibreDir = path.dirname(require.resolve('maplibre-gl/package.json'));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

await esbuild.build({
  absWorkingDir: root,
  entryPoints: { app: 'web/ui/main.js' },
  outdir: out,
  bundle: true,
  format: 'esm',
  // Dynamic import()s become chunks of their own beside app.js (ECharts, fetched the first time a
  // chart is shown); shared code goes to chunks app.js imports. Their names carry their content hash.
  splitting: true,
  chunkNames: '[name]-[hash]',
  target: ['es2022', 'chrome100', 'firefox100', 'safari16'],
  minify: true,
  legalComments: 'eof',
  charset: 'utf8',
  logLevel: 'warning',
});

// MapLibre runs its tile parsing in a module worker, a file of its own beside app.js. Its source map
// comment is dropped so that no browser asks for a file that is not shipped.
const worker = await readFile(path.join(maplibreDir, 'dist/maplibre-gl-worker.mjs'), 'utf8');
await writeFile(path.join(out, 'maplibre-gl-worker.mjs'), worker.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));

// The published style (issue 13): the page's own style, status colours, no Tianditu, one file per
// language. Its vector source has no tiles yet: the server fills in their absolute URL, zooms, bounds
// and attribution on every request (web/handle_styles.go), so the file holds no address of its own.
const { buildStyle } = await import('./style.js');
for (const lang of ['zh', 'en']) {
  const style = buildStyle({ tj: { tiles: [] }, cfg: null, archive: null, zoneColors: {}, colorMode: 'status', lang });
  await writeFile(path.join(out, `style-${lang}.json`), JSON.stringify(style));
}

let total = 0;
for (const name of (await readdir(out)).sort()) {
  const { size } = await stat(path.join(out, name));
  total += size;
  console.log(`build: web/static/dist/${name} ${size} bytes`);
}
console.log(`build: ${total} bytes in all`);
