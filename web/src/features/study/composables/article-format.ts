/** Formatting for the plain article editor: each action rewrites the text around a selection and says where the new selection is. */
export interface Edit {
  text: string;
  start: number;
  end: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Puts tags around the selection (or an empty pair at the caret), keeping the selected words selected. */
export function wrap(text: string, start: number, end: number, open: string, close: string): Edit {
  const inner = text.slice(start, end);
  return { text: text.slice(0, start) + open + inner + close + text.slice(end), start: start + open.length, end: start + open.length + inner.length };
}

/** The whole lines the selection touches. */
function lineRange(text: string, start: number, end: number): [number, number] {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end > start && text[end - 1] === '\n' ? end - 1 : end);
  return [from, nl === -1 ? text.length : nl];
}

/** Each selected line becomes a list item. */
export function list(text: string, start: number, end: number): Edit {
  const [from, to] = lineRange(text, start, end);
  const items = text
    .slice(from, to)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `  <li>${l}</li>`);
  const block = `<ul>\n${items.length ? items.join('\n') : '  <li></li>'}\n</ul>`;
  return { text: text.slice(0, from) + block + text.slice(to), start: from, end: from + block.length };
}

/** The selected lines become a heading or a quotation. */
export function block(text: string, start: number, end: number, tag: 'h2' | 'blockquote'): Edit {
  const [from, to] = lineRange(text, start, end);
  const inner = text.slice(from, to).trim();
  const html = tag === 'blockquote' ? `<blockquote><p>${inner}</p></blockquote>` : `<h2>${inner}</h2>`;
  return { text: text.slice(0, from) + html + text.slice(to), start: from, end: from + html.length };
}

export function link(text: string, start: number, end: number, url: string): Edit {
  const safe = url.trim().replace(/"/g, '%22');
  return wrap(text, start, end, `<a href="${safe}">`, '</a>');
}

/**
 * Plain text pasted from elsewhere: paragraphs separated by blank lines (or by single lines when there are no blank
 * lines) become <p> elements; lines that are already HTML blocks are left alone; text is escaped.
 */
export function paragraphs(text: string): string {
  const normal = text.replace(/\r\n?/g, '\n').trim();
  if (!normal) return '';
  const parts = /\n\s*\n/.test(normal) ? normal.split(/\n\s*\n/) : normal.split('\n');
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/^<(h[2-4]|p|ul|ol|blockquote|table|figure|hr)\b/i.test(p) ? p : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`))
    .join('\n');
}
