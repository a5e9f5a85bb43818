// What a printed PDF is, read from its bytes (Chromium's page.pdf writes page objects uncompressed):
// how many pages, and each page's MediaBox in points (A4 portrait is 595.28 × 841.89).

/** pdfPages returns the pages of a PDF as [{ width, height }] in points. */
export function pdfPages(buf) {
  const text = Buffer.from(buf).toString('latin1');
  const pages = [];
  // A page object: "/Type /Page" not followed by "s" (the page tree is /Type /Pages).
  for (const m of text.matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)) {
    // The MediaBox of this page's dictionary: the nearest one after or before the /Type entry,
    // within the same object (between "obj" and "endobj").
    const start = text.lastIndexOf(' obj', m.index);
    const end = text.indexOf('endobj', m.index);
    const body = text.slice(start, end);
    const box = body.match(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/);
    pages.push(box ? { width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) } : { width: NaN, height: NaN });
  }
  return pages;
}

/** isA4 says whether a page is A4 (595.28 × 841.89 pt) in the given orientation, within a point. */
export function isA4(p, orientation = 'portrait') {
  const [w, h] = orientation === 'portrait' ? [595.28, 841.89] : [841.89, 595.28];
  return Math.abs(p.width - w) < 1.5 && Math.abs(p.height - h) < 1.5;
}
