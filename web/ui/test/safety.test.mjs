// The page builds its DOM from elements and text nodes only: no source file may parse HTML strings
// (where a park's name or a note from the data could become markup) or run strings as code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FORBIDDEN = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\bsetHTML\b/, /\beval\(/,
  /new Function\(/, /createContextualFragment/, /setAttribute\(\s*['"]style['"]/, /DOMParser/];

test('no HTML string parsing, eval or inline style attributes in web/ui', async () => {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js'));
  assert.ok(files.length >= 10, `only ${files.length} sources found in ${dir}`);
  for (const f of files) {
    const src = (await readFile(path.join(dir, f), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const re of FORBIDDEN) assert.ok(!re.test(src), `${f} uses ${re}`);
  }
});

test('the page has no inline script or style and loads only its own files', async () => {
  const html = await readFile(path.join(dir, '..', 'static', 'index.html'), 'utf8');
  assert.equal((html.match(/<script/g) || []).length, 1);
  assert.match(html, /<script type="module" src="\{\{\.JS\}\}"><\/script>/);
  assert.ok(!/<style|\sstyle=|\son[a-z]+=/i.test(html), 'inline style or handler in index.html');
  assert.ok(!/https?:\/\//.test(html), 'index.html names another host');
});
