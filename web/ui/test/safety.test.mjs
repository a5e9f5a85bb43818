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

// Every .js of web/ui and its extensions' folders (eligibility/, briefing/, …), the tests aside.
async function sources(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== 'test' && e.name !== 'node_modules') out.push(...await sources(path.join(d, e.name)));
    else if (e.isFile() && e.name.endsWith('.js')) out.push(path.join(d, e.name));
  }
  return out;
}

test('no HTML string parsing, eval or inline style attributes in web/ui or any of its folders', async () => {
  const files = await sources(dir);
  assert.ok(files.length >= 30, `only ${files.length} sources found in ${dir}`);
  assert.ok(files.some((f) => f.includes(`${path.sep}briefing${path.sep}`)), 'the briefing is not checked');
  for (const f of files) {
    const src = (await readFile(f, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const re of FORBIDDEN) assert.ok(!re.test(src), `${path.relative(dir, f)} uses ${re}`);
  }
});

test('the page has no inline script or style and loads only its own files', async () => {
  const html = await readFile(path.join(dir, '..', 'static', 'index.html'), 'utf8');
  assert.equal((html.match(/<script/g) || []).length, 1);
  assert.match(html, /<script type="module" src="\{\{\.JS\}\}"><\/script>/);
  assert.ok(!/<style|\sstyle=|\son[a-z]+=/i.test(html), 'inline style or handler in index.html');
  assert.ok(!/https?:\/\//.test(html), 'index.html names another host');
});
