/**
 * RSS 2.0 and Atom (RFC 4287) feeds of published documents, per unit and per column.
 *
 * 条例 第二十三条 asks agencies to make disclosed information easy to obtain through
 * "政府网站、政务新媒体…等途径"; a feed lets 政务新媒体 accounts, aggregators and the city portal
 * pick up new items without scraping. Strings are built by hand (no XML library at run time):
 * every text goes through `xmlText`, which escapes markup and drops characters XML 1.0 forbids.
 */

export interface FeedItem {
  id: number | string;
  title: string;
  /** Absolute URL of the public page. */
  url: string;
  summary: string | null;
  /** ISO timestamp of first publication. */
  publishedAt: string;
  /** ISO timestamp of the last change (edit of a published document). */
  updatedAt: string;
  /** 发文机关 / publishing unit. */
  author: string;
  categories?: string[];
}

export interface FeedChannel {
  title: string;
  /** Absolute URL of the HTML page the feed follows. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
  description: string;
  language: 'zh-CN' | 'en';
  /** ISO timestamp of the newest item; null for an empty feed (RSS then has no lastBuildDate, Atom
   *  the time of rendering — never the epoch, which readers show as "1970"). */
  updated: string | null;
  /** Stable id for Atom (a tag: URI or the page URL). */
  id: string;
}

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Lone surrogates are removed too (they cannot be encoded as UTF-8).
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return String(s)
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 822 date as RSS 2.0 wants (with a four-digit year, as every reader accepts). */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString().replace(/GMT$/, '+0000');
}

/** RFC 3339 instant for Atom. */
export function rfc3339(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function renderRss(ch: FeedChannel, items: FeedItem[]): string {
  const out: string[] = [
    XML_DECL,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
    `<title>${xmlText(ch.title)}</title>\n`,
    `<link>${xmlText(ch.link)}</link>\n`,
    `<description>${xmlText(ch.description)}</description>\n`,
    `<language>${ch.language === 'en' ? 'en' : 'zh-cn'}</language>\n`,
    ch.updated ? `<lastBuildDate>${rfc822(ch.updated)}</lastBuildDate>\n` : '',
    `<atom:link href="${xmlText(ch.self)}" rel="self" type="application/rss+xml"/>\n`,
  ];
  for (const it of items) {
    out.push(
      '<item>\n',
      `<title>${xmlText(it.title)}</title>\n`,
      `<link>${xmlText(it.url)}</link>\n`,
      `<guid isPermaLink="true">${xmlText(it.url)}</guid>\n`,
      `<pubDate>${rfc822(it.publishedAt)}</pubDate>\n`,
      it.summary ? `<description>${xmlText(it.summary)}</description>\n` : '',
      ...(it.categories ?? []).map((c) => `<category>${xmlText(c)}</category>\n`),
      '</item>\n',
    );
  }
  out.push('</channel>\n</rss>\n');
  return out.join('');
}

export function renderAtom(ch: FeedChannel, items: FeedItem[]): string {
  const out: string[] = [
    XML_DECL,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${ch.language === 'en' ? 'en' : 'zh-CN'}">\n`,
    `<id>${xmlText(ch.id)}</id>\n`,
    `<title>${xmlText(ch.title)}</title>\n`,
    `<subtitle>${xmlText(ch.description)}</subtitle>\n`,
    `<updated>${rfc3339(ch.updated ?? new Date().toISOString())}</updated>\n`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(ch.self)}"/>\n`,
    `<link rel="alternate" type="text/html" href="${xmlText(ch.link)}"/>\n`,
  ];
  for (const it of items) {
    out.push(
      '<entry>\n',
      `<id>${xmlText(it.url)}</id>\n`,
      `<title>${xmlText(it.title)}</title>\n`,
      `<link rel="alternate" type="text/html" href="${xmlText(it.url)}"/>\n`,
      `<published>${rfc3339(it.publishedAt)}</published>\n`,
      `<updated>${rfc3339(it.updatedAt)}</updated>\n`,
      `<author><name>${xmlText(it.author)}</name></author>\n`,
      it.summary ? `<summary>${xmlText(it.summary)}</summary>\n` : '',
      ...(it.categories ?? []).map((c) => `<category term="${xmlText(c)}"/>\n`),
      '</entry>\n',
    );
  }
  out.push('</feed>\n');
  return out.join('');
}

/** Items per feed: readers poll often; 50 covers weeks of a busy unit. */
export const FEED_SIZE = 50;
