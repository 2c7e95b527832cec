/**
 * A small tokenizer for the sanitised HTML gongkai stores (documents/domain/sanitize.ts output):
 * tags with quoted attributes and text, no scripts or comments. Enough for the link and
 * accessibility checks, and fast (a regular expression pass; no DOM), so 100,000 links parse in
 * well under a second.
 */
export interface Tag { name: string; closing: boolean; attrs: Record<string, string>; index: number }
export type Token = { tag: Tag } | { text: string };

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

export function tokenize(html: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    if (m.index > last) out.push({ text: decodeEntities(html.slice(last, m.index)) });
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(ATTR)) attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    out.push({ tag: { name: m[2].toLowerCase(), closing: m[1] === '/', attrs, index: m.index } });
    last = m.index + m[0].length;
  }
  if (last < html.length) out.push({ text: decodeEntities(html.slice(last)) });
  return out;
}

/** Every href of an <a> (and src of an <img>) in the HTML, in order. */
export function extractLinks(html: string): { href: string; tag: 'a' | 'img' }[] {
  const out: { href: string; tag: 'a' | 'img' }[] = [];
  for (const m of html.matchAll(/<(a|img)\b[^>]*?\s(href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    const tag = m[1].toLowerCase() as 'a' | 'img';
    if ((tag === 'a') !== (m[2].toLowerCase() === 'href')) continue;
    out.push({ href: decodeEntities((m[4] ?? m[5] ?? '').trim()), tag });
  }
  return out;
}
