/**
 * Cache hits written without Fastify (the page cache itself: cache.ts).
 *
 * The request facts a hit needs, read from the raw Node.js request — the cache key (URL, locale
 * from the `lang` cookie or Accept-Language, elder mode from the `elder` cookie) and the
 * conditional-request headers — and the one writer of hits: `serveRaw` answers a hit straight
 * from the `request` event, before Fastify's routing and hooks; `writeHit` sends the variant the
 * client accepts (`variantFor`), 304 when `notModified`, no body for HEAD.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedEncoding, type Variant } from './encoding.ts';
import { PageCache, type CacheEntry, type CacheLocale } from './cache.ts';

/** One cookie's value from a raw Cookie header (enough for `lang` and `elder`). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  return cookiePair(header, name, '')[0];
}

/** Two cookies' values in one pass over a raw Cookie header (each hit reads `lang` and `elder`); first of a name wins. */
export function cookiePair(header: string | undefined, a: string, b: string): [string | undefined, string | undefined] {
  let va: string | undefined, vb: string | undefined;
  if (!header) return [va, vb];
  let i = 0;
  while (i < header.length) {
    while (header.charCodeAt(i) === 32) i++;
    const eq = header.indexOf('=', i);
    if (eq < 0) break;
    let end = header.indexOf(';', eq);
    if (end < 0) end = header.length;
    const name = header.slice(i, eq).trim();
    if (name === a && va === undefined) va = cookieText(header.slice(eq + 1, end).trim());
    else if (name === b && b !== a && vb === undefined) vb = cookieText(header.slice(eq + 1, end).trim());
    if (va !== undefined && (vb !== undefined || !b)) break;
    i = end + 1;
  }
  return [va, vb];
}

/** A cookie value unquoted and percent-decoded (the raw value when it does not decode). */
function cookieText(v: string): string {
  const s = v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  try {
    return s.includes('%') ? decodeURIComponent(s) : s;
  } catch {
    return v;
  }
}

/** Mirrors core/render/i18n.ts `pickLocale`: the lang cookie, else Accept-Language, else zh-CN. */
export function localeFromHeaders(cookie: string | undefined, acceptLanguage: string | undefined): CacheLocale {
  return localeOf(cookieValue(cookie, 'lang'), acceptLanguage);
}

function localeOf(lang: string | undefined, acceptLanguage: string | undefined): CacheLocale {
  if (lang === 'en' || lang === 'zh-CN') return lang;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en';
  return 'zh-CN';
}

export function elderFromHeaders(cookie: string | undefined): boolean {
  return cookieValue(cookie, 'elder') === '1';
}

/** The cache key of a request: its URL, locale and elder mode (the Cookie header read once). */
export function keyForRequest(req: { url?: string; headers: IncomingMessage['headers'] }): string {
  const [lang, elder] = cookiePair(req.headers.cookie, 'lang', 'elder');
  return PageCache.key(req.url ?? '/', localeOf(lang, req.headers['accept-language']), elder === '1');
}

/** RFC 9110 §13.1.2: weak comparison; `*` matches any current representation. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  for (const part of ifNoneMatch.split(',')) if (part.trim().replace(/^W\//, '') === bare) return true;
  return false;
}

/** True when a conditional GET may answer 304 (If-None-Match wins over If-Modified-Since). */
export function notModified(headers: IncomingMessage['headers'], etag: string, lastModifiedMs: number): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) return etagMatches(inm, etag);
  const ims = headers['if-modified-since'];
  if (!ims) return false;
  const t = Date.parse(ims);
  return Number.isFinite(t) && Math.floor(lastModifiedMs / 1000) * 1000 <= t;
}

/**
 * Serves a cache hit on the raw Node.js request; false = not cached, let Fastify handle it.
 * Only GET/HEAD of an exact cached URL; nothing else is looked at.
 */
export function serveRaw(cache: PageCache, req: IncomingMessage, res: ServerResponse): boolean {
  const m = req.method;
  if (m !== 'GET' && m !== 'HEAD') return false;
  const entry = cache.get(keyForRequest(req));
  if (!entry) return false;
  cache.hits++;
  writeHit(entry, req, res);
  return true;
}

/**
 * Sends a cache hit: the variant the client accepts, 304 on a matching conditional request, no
 * body for HEAD. The one writer of hits — the raw fast path and the route (`cached` in
 * http/portal-routes.tsx, which clears what earlier hooks set first) both call it, so their headers
 * are the same bytes (only Node's Date differs).
 */
export function writeHit(entry: CacheEntry, req: IncomingMessage, res: ServerResponse): void {
  const v = variantFor(entry, req.headers['accept-encoding']);
  if (notModified(req.headers, v.etag, entry.lastModifiedMs)) {
    res.writeHead(304, v.headers304);
    res.end();
  } else if (req.method === 'HEAD') {
    res.writeHead(200, v.headers200);
    res.end();
  } else {
    res.writeHead(200, v.headers200);
    res.end(v.body);
  }
}

/** The representation of a cached page to send for an Accept-Encoding header (identity if none fits). */
export function variantFor(entry: CacheEntry, acceptEncoding: string | string[] | undefined): Variant {
  if (!entry.variants || typeof acceptEncoding !== 'string') return entry;
  const enc = acceptedEncoding(acceptEncoding);
  return (enc && entry.variants[enc]) || entry;
}
