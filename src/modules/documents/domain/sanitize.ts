// Rich-text body sanitising for published government articles.
//
// Bodies are pasted from Word/WPS or typed in the editor by unit staff and then served on the
// public portal, so anything active (scripts, event handlers, javascript: URLs, SVG, CSS) is
// removed and only the structure a 公文 or news item needs survives. This is an allow-list:
// a tag or attribute not named here is dropped (its text kept, except for the non-text tags).

import sanitizeHtml from 'sanitize-html';
import type { IOptions, Attributes } from 'sanitize-html';
import { cleanWordHtml } from './word-paste.ts';

const ALLOWED_TAGS = [
  'p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 'sup', 'sub', 'blockquote',
  'ol', 'ul', 'li',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'img',
];

const SPAN_RE = /^[1-9]\d{0,2}$/;

function keepSpans(tagName: string, attribs: Attributes): { tagName: string; attribs: Attributes } {
  const out: Attributes = {};
  for (const k of ['colspan', 'rowspan']) {
    const v = attribs[k]?.trim();
    if (v && SPAN_RE.test(v)) out[k] = v;
  }
  return { tagName, attribs: out };
}

const OPTIONS: IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  // a: http/https/mailto or relative; img: https or relative only (no data:, no plain http on a
  // https portal). Protocol-relative //host URLs are refused: they hide the scheme.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Their content is not text a reader should see.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'title', 'head', 'select'],
  disallowedTagsMode: 'discard',
  allowVulnerableTags: false,
  parseStyleAttributes: false,
  transformTags: {
    // Word/WPS headings and emphasis mapped onto the allowed set; the page owns h1 (the title).
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    a: (tagName, attribs) => {
      const out: Attributes = {};
      if (attribs.href !== undefined) out.href = attribs.href.trim();
      out.rel = 'noopener noreferrer';
      return { tagName, attribs: out };
    },
    td: keepSpans,
    th: keepSpans,
  },
  // An image whose src was refused (data:, javascript:, http:) is useless; drop it entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  nestingLimit: 50,
};

// <div> is not allowed (it would nest paragraphs), but text-only divs pasted from other web pages
// are lines: end them with a <br> unless they already end with a block.
const DIV_LINE_END_RE = /(?<!<\/(?:p|h[1-6]|ul|ol|li|table|blockquote|div)\s*>\s*)<\/div\s*>/gi;

export function sanitizeRichText(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  // Word/WPS clipboard junk first (list markers drawn as text, conditional comments): word-paste.ts
  const lined = cleanWordHtml(html).replace(DIV_LINE_END_RE, '</div><br>');
  return sanitizeHtml(lined, OPTIONS).trim().replace(/(<br \/>\s*)+$/, '');
}

// --- plain text -------------------------------------------------------------------------------

const TEXT_OPTIONS: IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: OPTIONS.nonTextTags,
  disallowedTagsMode: 'discard',
};

// Inserted before stripping so that paragraphs, rows and cells do not run together.
const BLOCK_END_RE = /<\/(p|div|h[1-6]|li|tr|blockquote|table|caption|section|article|ol|ul)\s*>|<br\s*\/?>/gi;
const CELL_END_RE = /<\/(td|th)\s*>/gi;

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, d: string) => safeFromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeFromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}

function safeFromCodePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

/** Plain text of a rich-text body for summaries, search indexing, PII checks and diffs.
 *  Block boundaries become line breaks; whitespace is collapsed; entities decoded. */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html === '') return '';
  const marked = html.replace(BLOCK_END_RE, (m) => m + '\n').replace(CELL_END_RE, (m) => m + '\t');
  const stripped = decodeEntities(sanitizeHtml(marked, TEXT_OPTIONS));
  return stripped
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
