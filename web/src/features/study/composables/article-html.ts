/**
 * The server sanitises articles when they are saved; this is a second, independent pass before `v-html`, so that a
 * mistake on one side is not enough to run script in a member's browser. It parses into an inert document (nothing
 * loads or runs there), keeps an allowlist of tags and attributes like the server's, and only http(s) or same-site
 * links and images.
 */
const ALLOWED_TAGS = new Set(['H2', 'H3', 'H4', 'P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'A', 'IMG', 'FIGURE', 'FIGCAPTION', 'HR', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']);
const ALLOWED_ATTRS: Record<string, string[]> = { A: ['href', 'title'], IMG: ['src', 'alt', 'width', 'height'] };
/** Dropped with everything inside them (their text is not content). */
const DROP_WITH_CONTENT = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH', 'TEXTAREA', 'SELECT', 'HEAD', 'TITLE']);

export function isSafeUrl(value: string): boolean {
  const v = value.trim();
  if (/^\/(?![/\\])/.test(v)) return true;
  return /^https?:\/\//i.test(v);
}

function clean(node: Node, doc: Document): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) continue;
    if (child.nodeType !== Node.ELEMENT_NODE) {
      child.remove();
      continue;
    }
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (DROP_WITH_CONTENT.has(tag)) {
      el.remove();
      continue;
    }
    if (!ALLOWED_TAGS.has(tag)) {
      // Unknown wrapper (div, span, font…): keep its content, lose the element.
      clean(el, doc);
      const frag = doc.createDocumentFragment();
      while (el.firstChild) frag.appendChild(el.firstChild);
      el.replaceWith(frag);
      continue;
    }
    const allowed = ALLOWED_ATTRS[tag] ?? [];
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (!allowed.includes(name) || ((name === 'href' || name === 'src') && !isSafeUrl(attr.value))) el.removeAttribute(attr.name);
    }
    if (tag === 'A') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
    if (tag === 'IMG') el.setAttribute('loading', 'lazy');
    clean(el, doc);
  }
}

export function safeArticleHtml(html: string): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  clean(doc.body, doc);
  return doc.body.innerHTML;
}

/** Plain text of an article (its length estimates a comfortable reading time). */
export function articleText(html: string): string {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  return (doc.body.textContent ?? '').replace(/\s+/g, '');
}

/** Minutes a reader needs at an unhurried 300 Chinese characters a minute (at least one). */
export function readingMinutes(html: string): number {
  return Math.max(1, Math.round(articleText(html).length / 300));
}
