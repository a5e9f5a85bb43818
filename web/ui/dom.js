// DOM helpers that only ever create elements and text nodes: no HTML string of data is parsed anywhere
// on the page (no innerHTML, no insertAdjacentHTML), so a park name can never become markup.

/**
 * h creates an element. props: class, text, dataset, on<event> handlers, and attributes (never "style":
 * the Content-Security-Policy forbids inline style attributes; use el.style.x = … instead).
 * children: nodes, strings (as text nodes), arrays, or null/false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'style' || k.startsWith('on') || k === 'innerHTML') throw new Error(`h: ${k} is not allowed`);
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** append adds children (nodes or text) to el. */
export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** fill replaces el's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, ...children);
}

/** swatch is a small legend square of a colour, set through the style object (allowed by the CSP). */
export function swatch(color, kind = 'fill') {
  const s = h('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' });
  if (kind === 'line') s.style.borderColor = color;
  else s.style.backgroundColor = color;
  return s;
}

/** fmt formats a number for people (grouping, at most `digits` decimals); null is "—". */
export function fmt(x, digits = 2, lang = 'zh') {
  if (x == null || Number.isNaN(x)) return '—';
  return Number(x).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits });
}
